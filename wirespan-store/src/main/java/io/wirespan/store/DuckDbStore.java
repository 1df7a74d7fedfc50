package io.wirespan.store;

import io.wirespan.api.CallLog;
import io.wirespan.engine.metrics.MetricsRow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The embedded store: one DuckDB file. Batches go in through DuckDB's appender, which writes
 * columns directly, not row by row through SQL. One connection, so calls are serialised here.
 */
public final class DuckDbStore implements CallLogStore {
    private final String name;
    private final DuckDBConnection connection;

    private DuckDbStore(String name, DuckDBConnection connection) {
        this.name = name;
        this.connection = connection;
    }

    /** Opens {@code file}, creating it and the tables when missing. */
    public static DuckDbStore open(Path file) throws StoreException {
        String name = file.toString();
        Connection connection = null;
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            DuckDbStore store = new DuckDbStore(name, connection.unwrap(DuckDBConnection.class));
            try (Statement s = connection.createStatement()) {
                s.execute(Tables.L7_FLOW_LOG.createIfMissing());
                s.execute(Tables.APPLICATION.createIfMissing());
            }
            return store;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new StoreException(name + ": cannot open as a DuckDB database: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void append(List<CallLog> logs) throws StoreException {
        appendRows(Tables.L7_FLOW_LOG, logs);
    }

    @Override
    public synchronized void appendMetrics(List<MetricsRow> rows) throws StoreException {
        appendRows(Tables.APPLICATION, rows);
    }

    @Override
    public synchronized long expire(Retention retention, long nowMicros) throws StoreException {
        try {
            return delete("DELETE FROM l7_flow_log WHERE end_time < ?", nowMicros - micros(retention.callLogs()))
                    + delete("DELETE FROM application WHERE window_seconds = 1 AND time < ?", nowMicros - micros(retention.metrics1s()))
                    + delete("DELETE FROM application WHERE window_seconds = 60 AND time < ?", nowMicros - micros(retention.metrics1m()));
        } catch (SQLException e) {
            throw new StoreException(name + ": cannot delete expired rows: " + e.getMessage(), e);
        }
    }

    /** The connection, for reading: queries run on the store's own connection, under its lock. */
    public synchronized <R> R read(SqlFunction<Connection, R> query) throws StoreException {
        try {
            return query.apply(connection);
        } catch (SQLException e) {
            throw new StoreException(name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws StoreException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException(name + ": cannot close: " + e.getMessage(), e);
        }
    }

    /** A function over JDBC that may throw {@link SQLException}. */
    @FunctionalInterface
    public interface SqlFunction<T, R> {
        R apply(T t) throws SQLException;
    }

    private <T> void appendRows(Table<T> table, List<T> rows) throws StoreException {
        if (rows.isEmpty()) return;
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table.name())) {
            for (T row : rows) {
                appender.beginRow();
                for (Column<T> column : table.columns()) append(appender, column.value().apply(row));
                appender.endRow();
            }
        } catch (SQLException e) {
            throw new StoreException(name + ": cannot append to " + table.name() + ": " + e.getMessage(), e);
        }
    }

    private static void append(DuckDBAppender appender, Object value) throws SQLException {
        switch (value) {
            case null -> appender.appendNull();
            case String s -> appender.append(s);
            case Long l -> appender.append(l.longValue());
            case Integer i -> appender.append(i.intValue());
            case Boolean b -> appender.append(b.booleanValue());
            case Map<?, ?> m -> appender.append(m);
            default -> throw new IllegalArgumentException("no column type for " + value.getClass());
        }
    }

    private long delete(String sql, long before) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, before);
            return statement.executeUpdate();
        }
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1000;
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the open failed already; that is the error reported
        }
    }
}
