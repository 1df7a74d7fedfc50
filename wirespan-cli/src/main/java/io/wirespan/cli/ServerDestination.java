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
 * with an id of its own (the agent's name, when it started, a sequence number), so that a retry of
 * a batch the server already stored is stored once. A server that cannot be reached, is busy (503)
 * or fails (5xx) is tried again after 0.5, 1, 2 … 30 s; once the agent is stopping, for at most
 * 30 s more. A refusal (4xx: a bad token, say) is final for the batch.
 */
final class ServerDestination implements CallLogShipper.Destination {
    private static final long FIRST_BACKOFF_MILLIS = 500, MAX_BACKOFF_MILLIS = 30_000, GRACE_MILLIS = 30_000;

    private final ServerClient server;
    private final String url;
    private final String agent;
    private final long started = System.currentTimeMillis();
    private final PrintStream warnings;
    private long sequence;

    ServerDestination(ServerClient server, String url, String agent, PrintStream warnings) {
        this.server = server;
        this.url = url;
        this.agent = agent;
        this.warnings = warnings;
    }

    @Override
    public void deliver(List<CallLog> batch, CallLogShipper.Closing closing) throws Exception {
        String id = agent + "-" + started + "-" + ++sequence;
        byte[] body = gzip(batch, id);
        long backoff = FIRST_BACKOFF_MILLIS;
        long giveUpAt = Long.MAX_VALUE;
        boolean warned = false;
        while (true) {
            try {
                server.send(server.request("/v1/ingest").header("Content-Type", "application/x-protobuf")
                        .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
                if (warned) warnings.println("wirespan agent: the server at " + url + " took batch " + id + " after all");
                return;
            } catch (IOException e) {
                if (!warned) warnings.println("wirespan agent: " + e.getMessage() + "; batch " + id + " will be sent again");
                warned = true;
            }
            if (closing.closing() && giveUpAt == Long.MAX_VALUE) giveUpAt = System.currentTimeMillis() + GRACE_MILLIS;
            if (System.currentTimeMillis() >= giveUpAt) throw new IOException("the server did not take it before the agent stopped");
            Thread.sleep(Math.min(backoff, Math.max(1, giveUpAt - System.currentTimeMillis())));
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    @Override
    public String describe() {
        return url;
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
}
