package io.wirespan.cli.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real dnsmasq on a free loopback port (UDP and TCP), authoritative for {@code .test} with no
 * upstream: {@code api.example.test} A 10.1.2.3, {@code db.example.test} A 10.1.2.4 and AAAA
 * fd00::4, any other name under {@code .test} NXDOMAIN.
 */
final class Dnsmasq implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Process process;

    private Dnsmasq(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    static Dnsmasq start() {
        String binary = Binaries.require("dnsmasq", "dnsmasq-base");
        Path dir;
        try {
            dir = Files.createTempDirectory("wirespan-dnsmasq");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = Loopback.freePort();
        Path log = dir.resolve("dnsmasq.out");
        Process p = Programs.start(List.of(binary, "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv",
                "--no-hosts", "--port=" + port, "--listen-address=127.0.0.1", "--bind-interfaces", "--local=/test/",
                "--address=/api.example.test/10.1.2.3", "--host-record=db.example.test,10.1.2.4,fd00::4",
                "--pid-file=", "--log-facility=-"), log);
        Dnsmasq dnsmasq = new Dnsmasq(dir, port, p);
        try {
            Loopback.awaitListening(port, Loopback.Transport.UDP, p, dnsmasq::logs);
            Loopback.awaitListening(port, Loopback.Transport.TCP, p, dnsmasq::logs);
        } catch (AssertionError e) {
            dnsmasq.close();
            throw e;
        }
        return dnsmasq;
    }

    int port() {
        return port;
    }

    String logs() {
        return Programs.read(dir.resolve("dnsmasq.out"));
    }

    @Override
    public void close() {
        Programs.stop(process);
        Programs.deleteTree(dir);
    }
}
