package io.wirespan.engine.capture;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Wireshark's command-line tools, run as an oracle independent of the readers under test and to
 * make pcapng files. A missing tool fails the test: an oracle test that skips proves nothing.
 */
final class Wireshark {
    private static final long TIMEOUT_SECONDS = 60;

    /** What tshark says about one frame. {@code interfaceId} is 0 for pcap files. */
    record TsharkFrame(int originalLength, int capturedLength, long timestampMicros, int interfaceId, String md5) {}

    private Wireshark() {}

    static List<TsharkFrame> tsharkFrames(Path capture) {
        String output = run("tshark", "-n", "-o", "frame.generate_md5_hash:TRUE", "-r", capture.toString(),
                "-T", "fields", "-E", "separator=/t",
                "-e", "frame.len", "-e", "frame.cap_len", "-e", "frame.time_epoch",
                "-e", "frame.interface_id", "-e", "frame.md5_hash");
        List<TsharkFrame> frames = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            frames.add(new TsharkFrame(
                    Integer.parseInt(fields[0]),
                    Integer.parseInt(fields[1]),
                    fields[2].isEmpty() ? 0 : toMicros(fields[2]), // empty for a Simple Packet Block
                    fields[3].isEmpty() ? 0 : Integer.parseInt(fields[3]),
                    fields[4]));
        }
        return frames;
    }

    private static long toMicros(String epochSeconds) {
        return new BigDecimal(epochSeconds).movePointRight(6).setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    static void editcap(String... arguments) {
        run(prepend("editcap", arguments));
    }

    static void mergecap(String... arguments) {
        run(prepend("mergecap", arguments));
    }

    /** Runs a tool and returns its standard output; fails the test when it is missing or fails. */
    static String run(String... command) {
        Path errors = null;
        try {
            errors = Files.createTempFile("wireshark-tool", ".err");
            Process process = new ProcessBuilder(command)
                    .redirectError(errors.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command[0] + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue()
                        + ": " + Files.readString(errors));
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError(command[0] + " is needed by this test and could not be run; install"
                    + " Wireshark's command-line tools (Debian: apt-get install tshark)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command[0], e);
        } finally {
            if (errors != null) {
                try {
                    Files.deleteIfExists(errors);
                } catch (IOException ignored) {
                    // A leftover temporary file is harmless.
                }
            }
        }
    }

    private static String[] prepend(String first, String[] rest) {
        String[] command = new String[rest.length + 1];
        command[0] = first;
        System.arraycopy(rest, 0, command, 1, rest.length);
        return command;
    }
}
