package io.wirespan.cli.live;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * mongo-java-server (de.bwaldvogel, an in-memory server of the MongoDB wire protocol: OP_MSG,
 * OP_QUERY) in a JVM of its own ({@link JavaPrograms}): Debian ships no MongoDB server. It cannot
 * compress (OP_COMPRESSED), so the driver never does either.
 */
final class MongoJavaServer implements AutoCloseable {
    /**
     * The wire version it reports in {@code hello}: MongoDB 4.2's, the oldest the driver of the tests
     * (5.14) accepts; mongo-java-server's own newest is 4.0 (wire version 7).
     */
    static final int WIRE_VERSION = 8;

    private static final MongoVersion VERSION = new MongoVersion() {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(4, 2, 0);
        }

        @Override
        public int getWireVersion() {
            return WIRE_VERSION;
        }
    };

    private final Process process;
    private final Path dir;
    private final int port;

    private MongoJavaServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts the server on a free loopback port, its log under {@code dir}; returns once it listens. */
    static MongoJavaServer start(Path dir) {
        int port = Loopback.freePort();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = dir.resolve("mongo-java-server.log");
        Process p = JavaPrograms.start(MongoJavaServer.class, List.of("-Xmx128m"), List.of(Integer.toString(port)), log);
        MongoJavaServer server = new MongoJavaServer(p, dir, port);
        try {
            JavaPrograms.awaitListening(port, p, log);
        } catch (AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        Programs.stop(process);
        Programs.deleteTree(dir);
    }

    /** {@code MongoJavaServer PORT}: serves on 127.0.0.1:PORT until killed. */
    public static void main(String[] args) throws InterruptedException {
        MongoServer server = new MongoServer(new MemoryBackend().version(VERSION));
        server.bind(Loopback.ADDRESS, Integer.parseInt(args[0]));
        System.out.println("mongo-java-server listening on " + server.getLocalAddress());
        Thread.currentThread().join();
    }
}
