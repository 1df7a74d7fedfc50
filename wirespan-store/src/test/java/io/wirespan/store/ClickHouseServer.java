package io.wirespan.store;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code clickhouse-server} (Debian's package) for tests: on 127.0.0.1 only, on free HTTP
 * and native ports, with its data, logs and config in a folder of the caller's, and no
 * interserver port. Its config defines the one-shard cluster {@link #CLUSTER} (this server) and,
 * beside the password-less {@code default} user, {@link #USER} with {@link #PASSWORD}. A missing
 * binary fails the test: it is never skipped.
 */
public final class ClickHouseServer implements AutoCloseable {
    public static final String CLUSTER = "wirespan_test";
    public static final String USER = "wirespan";
    /** Characters a URL's user info must percent-encode, and a quote. */
    public static final String PASSWORD = "p@ss:w/rd'%";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final int httpPort;
    private final Process process;

    private ClickHouseServer(Path dir, int httpPort, Process process) {
        this.dir = dir;
        this.httpPort = httpPort;
        this.process = process;
    }

    /** Starts the server in {@code dir} and returns once it answers {@code /ping}. */
    public static ClickHouseServer start(Path dir) {
        String binary = require("clickhouse-server");
        int[] ports = freePorts(2);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("config.xml"), config(dir, ports[0], ports[1]), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("users.xml"), USERS, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(binary, "--config-file=" + dir.resolve("config.xml"))
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            ClickHouseServer server = new ClickHouseServer(dir, ports[0], process);
            try {
                server.awaitPing();
            } catch (AssertionError e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
    }

    public int httpPort() {
        return httpPort;
    }

    /** {@code http://127.0.0.1:port/database}, as the default user. */
    public URI url(String database) {
        return URI.create("http://127.0.0.1:" + httpPort + "/" + database);
    }

    /** {@code http://user:password@127.0.0.1:port/database}, with the user info percent-encoded. */
    public URI url(String database, String user, String password) {
        return URI.create("http://" + encode(user) + ":" + encode(password) + "@127.0.0.1:" + httpPort + "/" + database);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** What the server wrote to its logs, for failure messages. */
    public String logs() {
        StringBuilder logs = new StringBuilder();
        for (String name : List.of("stdout.log", "server.err.log")) {
            Path log = dir.resolve(name);
            try {
                if (Files.exists(log)) logs.append("--- ").append(name).append('\n').append(Files.readString(log));
            } catch (IOException e) {
                logs.append("(cannot read ").append(log).append(")\n");
            }
        }
        return logs.toString();
    }

    @Override
    public void close() {
        if (!process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitPing() {
        URI ping = URI.create("http://127.0.0.1:" + httpPort + "/ping");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) throw new AssertionError("clickhouse-server exited with " + process.exitValue() + ":\n" + logs());
                try {
                    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(ping).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 200) return;
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for clickhouse-server", e);
        }
        throw new AssertionError("clickhouse-server did not answer " + ping + " within " + START_TIMEOUT.toSeconds() + " s:\n" + logs());
    }

    private static String config(Path dir, int httpPort, int tcpPort) {
        return """
                <?xml version="1.0"?>
                <yandex>
                  <logger>
                    <level>warning</level>
                    <log>%1$s/server.log</log>
                    <errorlog>%1$s/server.err.log</errorlog>
                  </logger>
                  <listen_host>127.0.0.1</listen_host>
                  <http_port>%2$d</http_port>
                  <tcp_port>%3$d</tcp_port>
                  <path>%1$s/data/</path>
                  <tmp_path>%1$s/tmp/</tmp_path>
                  <user_files_path>%1$s/user_files/</user_files_path>
                  <format_schema_path>%1$s/format_schemas/</format_schema_path>
                  <users_config>users.xml</users_config>
                  <default_profile>default</default_profile>
                  <default_database>default</default_database>
                  <timezone>UTC</timezone>
                  <mark_cache_size>67108864</mark_cache_size>
                  <uncompressed_cache_size>67108864</uncompressed_cache_size>
                  <max_concurrent_queries>50</max_concurrent_queries>
                  <remote_servers>
                    <%4$s>
                      <shard><replica><host>127.0.0.1</host><port>%3$d</port></replica></shard>
                    </%4$s>
                  </remote_servers>
                </yandex>
                """.formatted(dir.toAbsolutePath(), httpPort, tcpPort, CLUSTER);
    }

    private static final String USERS = """
            <?xml version="1.0"?>
            <yandex>
              <profiles>
                <default><max_memory_usage>2000000000</max_memory_usage></default>
              </profiles>
              <users>
                <default>
                  <password></password>
                  <networks><ip>127.0.0.1</ip></networks>
                  <profile>default</profile>
                  <quota>default</quota>
                </default>
                <%s>
                  <password>%s</password>
                  <networks><ip>127.0.0.1</ip></networks>
                  <profile>default</profile>
                  <quota>default</quota>
                </%1$s>
              </users>
              <quotas>
                <default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows>
                  <read_rows>0</read_rows><execution_time>0</execution_time></interval></default>
              </quotas>
            </yandex>
            """.formatted(USER, PASSWORD.replace("&", "&amp;").replace("'", "&apos;"));

    /** Ports free on 127.0.0.1 right now, all different. */
    private static int[] freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                held.add(socket);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // it was only holding the port
                }
            }
        }
    }

    private static String require(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin"));
        for (String d : dirs) {
            Path candidate = d.isEmpty() ? null : Path.of(d, name);
            if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return candidate.toString();
        }
        throw new AssertionError(name + " is missing: the ClickHouse tests need a real server"
                + " (apt-get install clickhouse-server; .ci/run installs it)");
    }
}
