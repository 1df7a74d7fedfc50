package io.wirespan.cli;

import io.wirespan.api.CallLog;
import io.wirespan.server.ingest.IngestCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Batches sent to a server's ingest endpoint ({@code POST /v1/ingest}) as gzip'd protobuf, each
 * with an id of its own (the agent's name, when it started, a sequence number), so that a batch
 * sent again after the server stored it is stored once. A batch the server does not take (it
 * cannot be reached, is busy or fails) goes to the {@link Spool}, and everything after it too,
 * so batches arrive in order; the spool is sent oldest first once the server answers again, tried
 * after 0.5, 1, 2 … 30 s. A refusal (4xx: a bad token, a batch the server cannot read) is final
 * for the batch. At the stop, what is spooled has 30 s more; the rest stays for the next start.
 */
final class ServerDestination implements CallLogShipper.Destination {
    private static final long FIRST_BACKOFF_MILLIS = 500, MAX_BACKOFF_MILLIS = 30_000, GRACE_MILLIS = 30_000;

    private final ServerClient server;
    private final String url;
    private final String agent;
    private final Spool spool;
    private final long started = System.currentTimeMillis();
    private final PrintStream warnings;
    private long sequence;
    private long backoffMillis = FIRST_BACKOFF_MILLIS;
    private long nextAttemptMillis;
    private boolean outage;
    private long refused;
    /** Written by the shipper's writer only; read by scrapes too. */
    private volatile long held, dropped;

    ServerDestination(ServerClient server, String url, String agent, Spool spool, PrintStream warnings) {
        this.server = server;
        this.url = url;
        this.agent = agent;
        this.spool = spool;
        this.warnings = warnings;
        this.held = spool.callLogs();
    }

    @Override
    public void deliver(List<CallLog> batch) throws Exception {
        String id = agent + "-" + started + "-" + ++sequence;
        byte[] body = gzip(batch, id);
        if (spool.isEmpty() && send(body)) return;
        spool.add(body, batch.size());
        counted();
        drainWhenDue();
    }

    @Override
    public void idle() {
        drainWhenDue();
    }

    @Override
    public void finish() {
        long until = System.currentTimeMillis() + GRACE_MILLIS;
        while (!drainWhenDue() && System.currentTimeMillis() < until) {
            sleep(Math.max(1, Math.min(nextAttemptMillis, until) - System.currentTimeMillis()));
        }
        if (!spool.isEmpty()) {
            warnings.printf("wirespan agent: %,d call logs wait in the spool %s; the next agent started with it sends them%n",
                    spool.callLogs(), spool.dir());
        }
    }

    @Override
    public String describe() {
        return url;
    }

    @Override
    public long held() {
        return held;
    }

    @Override
    public long dropped() {
        return dropped;
    }

    /** Sends the spooled batches, oldest first, if an attempt is due; true when none is left. */
    private boolean drainWhenDue() {
        if (spool.isEmpty()) return true;
        if (System.currentTimeMillis() < nextAttemptMillis) return false;
        try {
            while (!spool.isEmpty()) {
                Spool.Entry oldest = spool.oldest();
                try {
                    if (!send(spool.read(oldest))) {
                        nextAttemptMillis = System.currentTimeMillis() + backoffMillis;
                        backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
                        return false;
                    }
                } catch (BadInputException refusal) {
                    warnings.println("wirespan agent: the server refused a spooled batch of " + oldest.callLogs()
                            + " call logs for good: " + refusal.getMessage());
                    refused += oldest.callLogs();
                }
                spool.removeOldest();
                counted();
            }
        } catch (IOException e) {
            warnings.println("wirespan agent: cannot read the spool " + spool.dir() + ": " + e.getMessage());
            nextAttemptMillis = System.currentTimeMillis() + MAX_BACKOFF_MILLIS;
            return false;
        }
        backoffMillis = FIRST_BACKOFF_MILLIS;
        return true;
    }

    /** True when the server took the batch; false when it should be tried again later. */
    private boolean send(byte[] body) throws BadInputException {
        try {
            server.send(server.request("/v1/ingest").header("Content-Type", "application/x-protobuf")
                    .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        } catch (IOException e) {
            if (!outage) warnings.println("wirespan agent: " + e.getMessage() + "; batches wait in the spool " + spool.dir());
            outage = true;
            return false;
        }
        if (outage) warnings.println("wirespan agent: the server at " + url + " answers again; the spool is being sent");
        outage = false;
        return true;
    }

    /** Publishes the spool's counts for scrapes. */
    private void counted() {
        held = spool.callLogs();
        dropped = spool.droppedCallLogs() + refused;
    }

    private byte[] gzip(List<CallLog> batch, String id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 64 * 1024)) {
            IngestCodec.encode(id, agent, batch, List.of()).writeTo(zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // memory streams do not fail
        }
        return out.toByteArray();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
