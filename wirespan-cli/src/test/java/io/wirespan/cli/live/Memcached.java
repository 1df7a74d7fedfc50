package io.wirespan.cli.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A real memcached on a free loopback port (TCP only, text and binary protocols). */
final class Memcached implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Process process;

    private Memcached(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    static Memcached start() {
        String binary = Binaries.require("memcached", "memcached");
        Path dir;
        try {
            dir = Files.createTempDirectory("wirespan-memcached");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = Loopback.freePort();
        // -u: memcached refuses to run as root without naming the user it runs as
        Process p = Programs.start(List.of(binary, "-l", Loopback.ADDRESS, "-p", Integer.toString(port), "-U", "0",
                "-u", "root", "-m", "16"), dir.resolve("memcached.out"));
        Memcached memcached = new Memcached(dir, port, p);
        try {
            Loopback.awaitListening(port, Loopback.Transport.TCP, p, memcached::logs);
        } catch (AssertionError e) {
            memcached.close();
            throw e;
        }
        return memcached;
    }

    int port() {
        return port;
    }

    String logs() {
        return Programs.read(dir.resolve("memcached.out"));
    }

    @Override
    public void close() {
        Programs.stop(process);
        Programs.deleteTree(dir);
    }
}
