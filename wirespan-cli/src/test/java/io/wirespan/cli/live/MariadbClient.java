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
 * Runs the real mariadb command-line client in batch mode on a script of one statement a line and
 * records what it printed: with {@code -vvv} it echoes each statement (as sent: without its ';')
 * between dashed lines before its result, and an error names the line it came from.
 */
final class MariadbClient {
    private static final Pattern ERROR = Pattern.compile("^ERROR (\\d+) \\(([0-9A-Z]{5})\\)(?: at line (\\d+))?: (.*)$",
            Pattern.MULTILINE);
    private static final Pattern AFFECTED = Pattern.compile("^Query OK, (\\d+) rows? affected");
    private static final String RULE = "--------------";

    /** An error as the client printed it: the MariaDB error number, its SQLSTATE and message. */
    record Error(int code, String sqlstate, String message) {}

    /**
     * One line of the script and what the client printed for it.
     *
     * @param echoed the statement as the client echoed (and sent) it, or null for a client command such as {@code USE}
     * @param affected the count of "Query OK, N rows affected", or null
     */
    record Statement(String line, String echoed, Long affected, Error error) {}

    /** A run of the client: its statements, or the error that ended its login. */
    record Session(List<Statement> statements, Error loginError) {}

    private MariadbClient() {}

    static Session script(int port, String password, String database, Path work, List<String> lines) {
        Path file = work.resolve("mariadb-script.sql");
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // --skip-ssl: the server has no certificate, and a TLS session would hide the protocol
        List<String> command = List.of(Binaries.require("mariadb", "mariadb-client"), "--no-defaults",
                "-h", Loopback.ADDRESS, "-P", Integer.toString(port), "-u", Mariadb.USER, "-p" + password, "--skip-ssl",
                "--force", "-vvv", "-D", database);
        Programs.Result result = Programs.run(command, file);
        Map<Integer, Error> errors = new HashMap<>();
        Error loginError = null;
        Matcher m = ERROR.matcher(result.err());
        while (m.find()) {
            Error error = new Error(Integer.parseInt(m.group(1)), m.group(2), m.group(4));
            if (m.group(3) == null) loginError = error;
            else errors.put(Integer.parseInt(m.group(3)), error);
        }
        if (loginError != null) return new Session(List.of(), loginError);
        if (!result.out().contains(RULE)) {
            throw new AssertionError("mariadb ran nothing (" + result.exitCode() + "): " + command + "\n" + result.out() + result.err());
        }

        // stdout: a dashed line, the statement, a dashed line, then what the client printed for it
        Map<String, List<String>> printed = new HashMap<>();
        List<String> out = result.out().lines().toList();
        for (int i = 0; i + 2 < out.size(); i++) {
            if (!out.get(i).equals(RULE) || !out.get(i + 2).equals(RULE)) continue;
            List<String> section = new ArrayList<>();
            for (int k = i + 3; k < out.size() && !out.get(k).equals(RULE); k++) section.add(out.get(k));
            printed.put(out.get(i + 1), section);
            i += 2;
        }
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String statement = line.endsWith(";") ? line.substring(0, line.length() - 1) : line;
            List<String> section = printed.get(statement);
            statements.add(new Statement(line, section == null ? null : statement, section == null ? null : affected(section),
                    errors.get(i + 1)));
        }
        return new Session(List.copyOf(statements), null);
    }

    private static Long affected(List<String> section) {
        for (String line : section) {
            Matcher m = AFFECTED.matcher(line);
            if (m.find()) return Long.parseLong(m.group(1));
        }
        return null;
    }
}
