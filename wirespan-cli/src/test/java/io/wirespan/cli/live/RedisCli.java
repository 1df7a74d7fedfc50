package io.wirespan.cli.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the real redis-cli against 127.0.0.1 and records what it printed. */
final class RedisCli {
    private static final Pattern PIPE_COUNTS = Pattern.compile("errors: (\\d+), replies: (\\d+)");

    /**
     * One command on a connection of its own, and its reply as redis-cli printed it with
     * {@code --no-raw} (typed, as on a terminal): {@code OK}, {@code "text"}, {@code (integer) 3},
     * {@code (nil)}, {@code 1) "a"} lines, {@code (empty array)}, {@code (error) ERR ...}.
     */
    record Exchange(List<String> args, String printed) {
        String line() {
            return String.join(" ", args);
        }

        boolean error() {
            return printed.startsWith("(error) ");
        }

        /** The error reply's text, without redis-cli's "(error) " prefix. */
        String errorText() {
            return error() ? printed.substring("(error) ".length()) : null;
        }
    }

    /**
     * Commands sent as they are with {@code --pipe}, the error replies redis-cli printed (to stderr, in
     * order) and the count of replies it printed at the end.
     */
    record Pipe(List<List<String>> commands, List<String> errors, int replies) {}

    private RedisCli() {}

    static Exchange command(int port, String... args) {
        List<String> command = new ArrayList<>(List.of(cli(), "-h", Loopback.ADDRESS, "-p", Integer.toString(port), "--no-raw"));
        command.addAll(List.of(args));
        Programs.Result result = Programs.run(command);
        String printed = result.out().replaceFirst("\\R+$", ""); // a reply may end in spaces of its own
        if (printed.isEmpty() || !result.err().isBlank()) {
            throw new AssertionError("redis-cli failed (" + result.exitCode() + "): " + command + "\n" + result.out() + result.err());
        }
        return new Exchange(List.of(args), printed);
    }

    /**
     * Sends {@code commands} at once on one connection with {@code --pipe}, which writes them as RESP
     * arrays of bulk strings, then an ECHO of 20 random bytes of its own to know when the last reply came.
     */
    static Pipe pipe(int port, Path work, List<List<String>> commands) {
        Path input = work.resolve("redis-pipe.resp");
        try {
            Files.write(input, resp(commands));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(cli(), "-h", Loopback.ADDRESS, "-p", Integer.toString(port), "--pipe");
        Programs.Result result = Programs.run(command, input);
        Matcher counts = PIPE_COUNTS.matcher(result.out());
        List<String> errors = result.err().lines().filter(l -> !l.isEmpty()).toList();
        if (!counts.find() || Integer.parseInt(counts.group(1)) != errors.size()) {
            throw new AssertionError("redis-cli --pipe printed no counts or not its errors (" + result.exitCode() + "):\n"
                    + result.out() + result.err());
        }
        return new Pipe(List.copyOf(commands), errors, Integer.parseInt(counts.group(2)));
    }

    private static byte[] resp(List<List<String>> commands) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (List<String> args : commands) {
            out.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                out.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(bytes);
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    }

    private static String cli() {
        return Binaries.require("redis-cli", "redis-tools");
    }
}
