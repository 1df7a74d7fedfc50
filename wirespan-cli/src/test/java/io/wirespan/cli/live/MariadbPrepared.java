package io.wirespan.cli.live;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Prepared statements over MySQL's binary protocol (COM_STMT_PREPARE, COM_STMT_EXECUTE), which the
 * mariadb command-line client cannot send: JDBC through MariaDB Connector/J with server-side
 * prepared statements ({@code useServerPrepStmts}) and no statement cache, so every close reaches
 * the server. Each step is reported as the application saw it.
 * Connector/J runs a statement first as statement id -1, "the one just prepared", and may send that
 * execute before the prepare is answered.
 */
final class MariadbPrepared {
    /** A statement to prepare, and the parameters of each run of it. */
    record Statement(String sql, List<List<String>> runs) {}

    /** One run as the client saw it: the rows fetched or affected, or the error. */
    record Run(List<String> parameters, Long rows, MariadbClient.Error error) {}

    /** A statement the client prepared, and its runs. */
    record Prepared(String sql, List<Run> runs) {}

    private MariadbPrepared() {}

    /**
     * Prepares each statement and runs it once per parameter list, on one connection.
     *
     * @param statements SQL with {@code ?} placeholders, each with its parameter lists
     */
    static List<Prepared> run(int port, List<Statement> statements) {
        String url = "jdbc:mariadb://127.0.0.1:" + port + "/" + Mariadb.DATABASE
                + "?useServerPrepStmts=true&cachePrepStmts=false";
        List<Prepared> prepared = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, Mariadb.USER, Mariadb.PASSWORD)) {
            for (Statement s : statements) {
                List<Run> runs = new ArrayList<>();
                try (PreparedStatement statement = connection.prepareStatement(s.sql())) {
                    for (List<String> parameters : s.runs()) runs.add(execute(statement, parameters));
                }
                prepared.add(new Prepared(s.sql(), List.copyOf(runs)));
            }
        } catch (SQLException e) {
            throw new AssertionError("JDBC to MariaDB on port " + port + " failed", e);
        }
        return prepared;
    }

    private static Run execute(PreparedStatement statement, List<String> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) statement.setString(i + 1, parameters.get(i));
        try {
            if (!statement.execute()) return new Run(parameters, (long) statement.getUpdateCount(), null);
            long rows = 0;
            try (ResultSet result = statement.getResultSet()) {
                while (result.next()) rows++;
            }
            return new Run(parameters, rows, null);
        } catch (SQLException e) {
            return new Run(parameters, null, new MariadbClient.Error(e.getErrorCode(), e.getSQLState(), serverMessage(e)));
        }
    }

    /** The server's own error text: Connector/J prefixes it with "(conn=N) ". */
    private static String serverMessage(SQLException e) {
        return e.getMessage().replaceFirst("^\\(conn=\\d+\\) ", "");
    }
}
