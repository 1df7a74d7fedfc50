package io.wirespan.cli.live;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Servers written in Java (a Kafka broker, mongo-java-server) run as a program of their own, a JVM
 * with this test's class path: their traffic with the test's clients goes over lo as between
 * machines, and ending the process ends every thread they started.
 */
final class JavaPrograms {
    private JavaPrograms() {}

    /** Starts {@code main} with {@code args}, its output going to {@code log}. */
    static Process start(Class<?> main, List<String> jvmOptions, List<String> args, Path log) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "--enable-native-access=ALL-UNNAMED",
                // IPv4 sockets, so Loopback finds the server listening in /proc/net/tcp (not tcp6)
                "-Djava.net.preferIPv4Stack=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        return Programs.start(command, log);
    }

    /**
     * Waits until the program listens on TCP {@code port} of 127.0.0.1: a JVM server takes seconds to
     * start, more on a busy machine, so this allows 40 s; fails with its log when it exits first.
     */
    static void awaitListening(int port, Process program, Path log) {
        long deadline = System.nanoTime() + 40_000_000_000L;
        while (!Loopback.listening(port, Loopback.Transport.TCP)) {
            if (!program.isAlive()) {
                throw new AssertionError("exited with " + program.exitValue() + " before listening on port " + port + ":\n"
                        + Programs.read(log));
            }
            if (System.nanoTime() > deadline) throw new AssertionError("nothing listens on port " + port + " after 40 s:\n" + Programs.read(log));
            Loopback.sleep(20);
        }
    }
}
