package io.wirespan.cli.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * tcpdump recording the loopback interface into a pcap file. {@link #stop()} ends it with SIGINT, as a
 * person would, and fails when the kernel dropped packets: such a capture would show losses that did
 * not happen on the wire. {@code --immediate-mode} hands every packet over at once (without it the
 * last packets are lost on stop), {@code -U} writes each one through.
 */
final class LoopbackCapture implements AutoCloseable {
    private static final Pattern DROPPED = Pattern.compile("(\\d+) packets? dropped by kernel");

    private final Path file;
    private final Path log;
    private final Process tcpdump;
    private boolean stopped;

    private LoopbackCapture(Path file, Path log, Process tcpdump) {
        this.file = file;
        this.log = log;
        this.tcpdump = tcpdump;
    }

    /** Starts tcpdump on lo with a BPF filter and returns once it is listening. */
    static LoopbackCapture start(Path file, String filter) {
        String binary = Binaries.require("tcpdump", "tcpdump");
        Path log = file.resolveSibling(file.getFileName() + ".tcpdump.log");
        Process p = Programs.start(List.of(binary, "-i", "lo", "--immediate-mode", "-B", "65536", "-U", "-s", "0",
                "-w", file.toString(), filter), log);
        LoopbackCapture capture = new LoopbackCapture(file, log, p);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Programs.read(log).contains("listening on")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                capture.close();
                throw new AssertionError("tcpdump did not start listening on lo (filter " + filter + "):\n" + Programs.read(log));
            }
            Loopback.sleep(10);
        }
        return capture;
    }

    /** Stops the capture (the last packets get 200 ms to arrive) and returns the file; fails on kernel drops. */
    Path stop() {
        if (stopped) return file;
        stopped = true;
        Loopback.sleep(200);
        try {
            // now and then tcpdump (4.99, libpcap 1.10) misses the wake-up of a SIGINT on an idle
            // interface and sleeps on: another SIGINT ends it
            for (int attempt = 0; tcpdump.isAlive(); attempt++) {
                if (attempt == 10) {
                    tcpdump.destroyForcibly();
                    throw new AssertionError("tcpdump did not stop on SIGINT:\n" + Programs.read(log));
                }
                Programs.signal(tcpdump, 2);
                tcpdump.waitFor(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        String report = Programs.read(log);
        Matcher dropped = DROPPED.matcher(report);
        if (!dropped.find()) throw new AssertionError("tcpdump gave no statistics on stop:\n" + report);
        if (Long.parseLong(dropped.group(1)) != 0) {
            throw new AssertionError("tcpdump: the kernel dropped packets, the capture is not what went over lo:\n" + report);
        }
        try {
            if (Files.size(file) <= 24) throw new AssertionError("tcpdump captured no packet:\n" + report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** What tcpdump printed (its statistics after {@link #stop()}). */
    String report() {
        return Programs.read(log);
    }

    @Override
    public void close() {
        stopped = true;
        Programs.stop(tcpdump);
    }
}
