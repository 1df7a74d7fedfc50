package io.wirespan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CallLog;
import io.wirespan.api.L7Protocol;
import io.wirespan.server.ingest.IngestCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's reliability point: a server process killed (SIGKILL) in the middle of ingest and
 * started again loses no batch it acknowledged, and the sender's retries store nothing twice.
 */
class ServerRestartTest {
    private static final String TOKEN = "restart-token";
    private static final int BATCHES = 120, LOGS_PER_BATCH = 250;

    @TempDir
    Path dir;

    @Test
    void aKilledServerLosesNothingItAcknowledgedAndRetriesStoreNothingTwice() throws Exception {
        Path db = dir.resolve("ingest.duckdb");
        int port = freePort();
        URI ingest = URI.create("http://127.0.0.1:" + port + "/v1/ingest");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        AtomicInteger acknowledged = new AtomicInteger(), duplicates = new AtomicInteger(), failedAttempts = new AtomicInteger();

        Process server = startServer(db, port);
        Thread sender = Thread.ofPlatform().start(() -> {
            for (int b = 0; b < BATCHES; b++) {
                byte[] body = batch(b);
                while (true) { // an agent's loop: send until acknowledged
                    try {
                        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(ingest).timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "gzip")
                                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() == 200) {
                            acknowledged.incrementAndGet();
                            if (answer.body().contains("\"stored\":false")) duplicates.incrementAndGet();
                            break;
                        }
                        throw new AssertionError("the server refused batch " + b + ": " + answer.statusCode() + " " + answer.body());
                    } catch (IOException e) {
                        failedAttempts.incrementAndGet();
                        sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
        try {
            while (acknowledged.get() < BATCHES / 3) sleep(5);
            server.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close of the database
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int ackedBeforeKill = acknowledged.get();
            sleep(300);
            server = startServer(db, port);
            sender.join(Duration.ofMinutes(3));
            assertThat(sender.isAlive()).isFalse();

            assertThat(ackedBeforeKill).isLessThan(BATCHES);
            assertThat(failedAttempts.get()).as("the sender saw the server gone").isPositive();
            assertThat(acknowledged.get()).isEqualTo(BATCHES);
            awaitStored(client, port);
            try (var journal = Files.list(Path.of(db + ".journal"))) {
                assertThat(journal.filter(f -> f.toString().endsWith(".journal")).count())
                        .as("stored batches leave the journal: only the segment being written is left").isEqualTo(1);
            }
            String rows = query(port, "SELECT count(*) AS n, count(DISTINCT flow_id) AS flows FROM l7_flow_log");
            assertThat(rows).isEqualTo("{\"n\":" + BATCHES * LOGS_PER_BATCH + ",\"flows\":" + BATCHES * LOGS_PER_BATCH + "}\n");
            assertThat(query(port, "SELECT count(*) AS batches FROM ingest_batch")).isEqualTo("{\"batches\":" + BATCHES + "}\n");
        } finally {
            sender.interrupt();
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Queries see a batch once the server has moved it from its journal into the store, soon after acknowledging it. */
    private static void awaitStored(HttpClient client, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
        while (!client.send(metrics, HttpResponse.BodyHandlers.ofString()).body().contains("\nwirespan_server_ingest_backlog_rows 0\n")) {
            assertThat(System.nanoTime()).as("stored within 60 s").isLessThan(deadline);
            sleep(20);
        }
    }

    private static String query(int port, String sql) {
        CommandRun run = CommandRun.of("query", "--server", "http://127.0.0.1:" + port, sql);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }

    private static byte[] batch(int b) {
        long now = System.currentTimeMillis() * 1000; // the server keeps 72 h of call logs: older ones would be expired at its start
        List<CallLog> logs = new ArrayList<>();
        for (int i = 0; i < LOGS_PER_BATCH; i++) {
            long flow = (long) b * LOGS_PER_BATCH + i;
            logs.add(CallLog.builder().startTime(now + flow).endTime(now + flow + 100).flowId(flow)
                    .client("10.0.0.1", 40000 + i).server("10.0.0.2", 6379).l7Protocol(L7Protocol.REDIS).requestType("GET")
                    .requestResource("GET key:" + flow).responseDuration(100L).build());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            IngestCodec.encode("batch-" + b, "restart-test", logs, List.of()).writeTo(gzip);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    /** {@code wirespan server} in a JVM of its own, so that it can be killed; returns once it answers. */
    private static Process startServer(Path db, int port) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                WirespanCommand.class.getName(), "server", "--db", db.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--token", TOKEN).redirectErrorStream(true).redirectOutput(db.resolveSibling("server-" + System.nanoTime() + ".log").toFile())
                .start();
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the server process is running").isTrue();
            try {
                if (client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) return process;
            } catch (IOException e) {
                sleep(100);
            }
        }
        process.destroyForcibly();
        throw new AssertionError("the server did not answer on port " + port + " within 60 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
