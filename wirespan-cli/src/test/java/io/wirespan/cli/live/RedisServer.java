package io.wirespan.cli.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A real redis-server on a free loopback port, with no persistence, working in a temp folder. */
final class RedisServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Process process;

    private RedisServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    static RedisServer start() {
        String binary = Binaries.require("redis-server", "redis-server");
        Path dir;
        try {
            dir = Files.createTempDirectory("wirespan-redis");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = Loopback.freePort();
        Process p = Programs.start(List.of(binary, "--port", Integer.toString(port), "--bind", Loopback.ADDRESS,
                "--save", "", "--appendonly", "no", "--dir", dir.toString()), dir.resolve("redis.out"));
        RedisServer redis = new RedisServer(dir, port, p);
        try {
            Loopback.awaitListening(port, Loopback.Transport.TCP, p, redis::logs);
        } catch (AssertionError e) {
            redis.close();
            throw e;
        }
        return redis;
    }

    int port() {
        return port;
    }

    String logs() {
        return Programs.read(dir.resolve("redis.out"));
    }

    @Override
    public void close() {
        Programs.stop(process);
        Programs.deleteTree(dir);
    }
}
