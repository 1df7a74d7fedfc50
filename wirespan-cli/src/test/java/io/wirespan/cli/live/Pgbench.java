package io.wirespan.cli.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real pgbench (of the same PostgreSQL) once over a custom script: one client, one
 * transaction, no vacuum. Its {@code -M extended} and {@code -M prepared} query modes use the
 * extended query protocol, sending each {@code :variable} as a parameter ({@code $1}, ...).
 */
final class Pgbench {
    private static final Pattern ABORTED = Pattern.compile("aborted in command (\\d+) query \\d+: (?:ERROR|FATAL):  (.*)");

    /**
     * What pgbench printed.
     *
     * @param failedCommand the index in the script of the command that aborted the run (meta commands count), or -1
     * @param message the server's message for it, or null
     */
    record Run(List<String> script, String mode, int exitCode, int failedCommand, String message) {}

    private Pgbench() {}

    static Run run(Postgres server, Path work, String mode, List<String> script) {
        Path file = work.resolve("pgbench-" + mode + ".sql");
        try {
            Files.write(file, script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(Binaries.requirePostgres("pgbench"), "-h", Loopback.ADDRESS,
                "-p", Integer.toString(server.port()), "-U", Postgres.USER, "-n", "-t", "1", "-M", mode,
                "-f", file.toString(), "postgres");
        Programs.Result result = Programs.run(command);
        Matcher aborted = ABORTED.matcher(result.err());
        if (aborted.find()) {
            return new Run(script, mode, result.exitCode(), Integer.parseInt(aborted.group(1)), aborted.group(2));
        }
        if (result.exitCode() != 0) {
            throw new AssertionError("pgbench failed (" + result.exitCode() + "): " + command + "\n" + result.out() + result.err());
        }
        return new Run(script, mode, 0, -1, null);
    }
}
