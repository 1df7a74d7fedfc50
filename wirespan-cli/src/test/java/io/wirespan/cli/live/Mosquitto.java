package io.wirespan.cli.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real mosquitto broker on two free loopback ports: {@link #openPort()} lets anyone in,
 * {@link #closedPort()} refuses clients without a user name (CONNACK 5, not authorised).
 */
final class Mosquitto implements AutoCloseable {
    private final Path dir;
    private final int openPort;
    private final int closedPort;
    private final Process process;

    private Mosquitto(Path dir, int openPort, int closedPort, Process process) {
        this.dir = dir;
        this.openPort = openPort;
        this.closedPort = closedPort;
        this.process = process;
    }

    static Mosquitto start() {
        String binary = Binaries.require("mosquitto", "mosquitto");
        Path dir;
        int open = Loopback.freePort();
        int closed = Loopback.freePort();
        while (closed == open) closed = Loopback.freePort();
        Path config;
        try {
            dir = Files.createTempDirectory("wirespan-mosquitto");
            config = Files.writeString(dir.resolve("mosquitto.conf"), """
                    per_listener_settings true
                    persistence false
                    log_dest stdout
                    listener %1$d %3$s
                    allow_anonymous true
                    listener %2$d %3$s
                    allow_anonymous false
                    """.formatted(open, closed, Loopback.ADDRESS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process p = Programs.start(List.of(binary, "-c", config.toString()), dir.resolve("mosquitto.out"));
        Mosquitto mosquitto = new Mosquitto(dir, open, closed, p);
        try {
            Loopback.awaitListening(open, Loopback.Transport.TCP, p, mosquitto::logs);
            Loopback.awaitListening(closed, Loopback.Transport.TCP, p, mosquitto::logs);
        } catch (AssertionError e) {
            mosquitto.close();
            throw e;
        }
        return mosquitto;
    }

    int openPort() {
        return openPort;
    }

    int closedPort() {
        return closedPort;
    }

    String logs() {
        return Programs.read(dir.resolve("mosquitto.out"));
    }

    @Override
    public void close() {
        Programs.stop(process);
        Programs.deleteTree(dir);
    }
}
