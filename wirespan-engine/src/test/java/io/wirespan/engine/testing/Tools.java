package io.wirespan.engine.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Wireshark's command-line tools (tshark, editcap, mergecap, capinfos), run as an oracle
 * independent of the code under test and to make capture files. A missing tool, a non-zero exit
 * or a run past the timeout fails the test with an {@link AssertionError}: an oracle test that
 * skips proves nothing.
 */
public final class Tools {
    private static final long TIMEOUT_SECONDS = 120;

    private Tools() {}

    /** Runs {@code tshark} with these arguments; returns its standard output. */
    public static String tshark(String... arguments) {
        return run("tshark", arguments);
    }

    public static String editcap(String... arguments) {
        return run("editcap", arguments);
    }

    public static String mergecap(String... arguments) {
        return run("mergecap", arguments);
    }

    public static String capinfos(String... arguments) {
        return run("capinfos", arguments);
    }

    private static String run(String tool, String... arguments) {
        List<String> command = new ArrayList<>(arguments.length + 1);
        command.add(tool);
        command.addAll(List.of(arguments));
        return run(command);
    }

    /**
     * Runs a command and returns its standard output (UTF-8). Output and errors go to temporary
     * files, so a chatty tool cannot block on a full pipe and the timeout holds.
     */
    public static String run(List<String> command) {
        String tool = command.getFirst();
        Path stdout = null;
        Path stderr = null;
        try {
            stdout = Files.createTempFile("wirespan-" + tool, ".out");
            stderr = Files.createTempFile("wirespan-" + tool, ".err");
            Process process;
            try {
                process = new ProcessBuilder(command)
                        .redirectOutput(stdout.toFile())
                        .redirectError(stderr.toFile())
                        .start();
            } catch (IOException e) {
                throw new AssertionError(tool + " is needed by this test and could not be run (" + e.getMessage()
                        + "); install Wireshark's command-line tools (Debian: apt-get install tshark)", e);
            }
            process.getOutputStream().close(); // no input
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(tool + " did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(tool + " exited with " + process.exitValue() + ": " + String.join(" ", command)
                        + "\n" + text(stderr).strip());
            }
            return text(stdout);
        } catch (IOException e) {
            throw new AssertionError("running " + tool + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + tool, e);
        } finally {
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover temporary file is harmless.
        }
    }
}
