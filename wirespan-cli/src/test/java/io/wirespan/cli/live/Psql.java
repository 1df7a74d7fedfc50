package io.wirespan.cli.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real psql on a script of one statement a line (simple query protocol: psql sends each
 * statement as it is written) and records what it printed for each: with {@code -e} it echoes a
 * statement before its result, and with {@code VERBOSITY=verbose} an error names its SQLSTATE.
 */
final class Psql {
    private static final Pattern ERROR = Pattern.compile(
            "^psql:[^\\n]*?:(\\d+): (ERROR|FATAL):  ([0-9A-Z]{5}): (.*)$", Pattern.MULTILINE);
    private static final Pattern TAG_ROWS = Pattern.compile("^(?:INSERT \\d+|UPDATE|DELETE|MERGE|COPY|FETCH|MOVE) (\\d+)$");
    private static final Pattern FOOTER_ROWS = Pattern.compile("^\\((\\d+) rows?\\)$");

    /** An error as psql printed it. */
    record Error(String severity, String sqlstate, String message) {}

    /**
     * One statement of the script as psql reported it.
     *
     * @param sent whether psql sent it (it stops when the server ends the connection)
     * @param rows the count of its command tag or of its "(N rows)" footer; null when it printed neither
     */
    record Statement(String sql, boolean sent, Long rows, Error error) {}

    private Psql() {}

    static List<Statement> script(Postgres server, Path work, List<String> statements) {
        Path file = work.resolve("psql-script.sql");
        try {
            Files.write(file, statements);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(Binaries.requirePostgres("psql"), "-X", "-h", Loopback.ADDRESS,
                "-p", Integer.toString(server.port()), "-U", Postgres.USER, "-d", "postgres",
                "-v", "VERBOSITY=verbose", "-e", "-f", file.toString());
        Programs.Result result = Programs.run(command);
        Map<Integer, Error> errors = new HashMap<>();
        Matcher m = ERROR.matcher(result.err());
        while (m.find()) errors.putIfAbsent(Integer.parseInt(m.group(1)), new Error(m.group(2), m.group(3), m.group(4)));

        // stdout: each echoed statement, then what psql printed for it
        List<List<String>> sections = new ArrayList<>();
        List<String> current = null;
        for (String line : result.out().lines().toList()) {
            if (sections.size() < statements.size() && line.equals(statements.get(sections.size()))) {
                current = new ArrayList<>();
                sections.add(current);
            } else if (current != null) {
                current.add(line);
            }
        }
        if (sections.isEmpty()) throw new AssertionError("psql ran nothing (" + result.exitCode() + "): " + command + "\n" + result.err());
        List<Statement> out = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            boolean sent = i < sections.size();
            out.add(new Statement(statements.get(i), sent, sent ? rows(sections.get(i)) : null, errors.get(i + 1)));
        }
        return out;
    }

    private static Long rows(List<String> printed) {
        for (String line : printed) {
            Matcher tag = TAG_ROWS.matcher(line);
            if (tag.matches()) return Long.parseLong(tag.group(1));
            Matcher footer = FOOTER_ROWS.matcher(line);
            if (footer.matches()) return Long.parseLong(footer.group(1));
        }
        return null;
    }
}
