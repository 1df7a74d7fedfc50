package io.wirespan.cli.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs real programs: short-lived clients (curl, dig) and long-running servers with their output in a log file. */
final class Programs {
    private Programs() {}

    /** What a client printed, after it exited. */
    record Result(List<String> command, int exitCode, String out, String err) {}

    /** Runs a client to its end (at most 20 s) and returns what it printed; never fails on a non-zero exit. */
    static Result run(List<String> command) {
        return run(command, Path.of("/dev/null"));
    }

    /** As {@link #run(List)}, with {@code stdin} as the client's standard input. */
    static Result run(List<String> command, Path stdin) {
        try {
            Path out = Files.createTempFile("wirespan-live-out", ".txt");
            Path err = Files.createTempFile("wirespan-live-err", ".txt");
            try {
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(stdin.toFile())).start();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError("did not end within 20 s: " + command);
                }
                return new Result(command, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    /** Starts a server with stdout and stderr going to {@code log}. */
    static Process start(List<String> command, Path log) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command + ": " + e.getMessage(), e);
        }
    }

    /** Sends a signal by number (2 SIGINT, 15 SIGTERM) to a process this test started. */
    static void signal(Process p, int signal) {
        Result kill = run(List.of("kill", "-" + signal, Long.toString(p.pid())));
        if (kill.exitCode() != 0 && p.isAlive()) throw new AssertionError("kill -" + signal + " " + p.pid() + ": " + kill.err());
    }

    /** Ends a server this test started: SIGTERM, then SIGKILL after 5 s. */
    static void stop(Process p) {
        if (!p.isAlive()) return;
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no " + file + ")";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /** Deletes a folder tree this test created, ignoring what is already gone. */
    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a worker may still be writing; the OS temp cleaner gets the rest
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
