package io.wirespan.store;

import io.wirespan.api.CallLog;
import io.wirespan.engine.metrics.MetricsRow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The embedded store: one DuckDB file. Batches go in through DuckDB's appender, which writes
 * columns directly, not row by row through SQL, on one connection, so writes are serialised here.
 * Queries run each on a connection of their own beside it, and never write: see {@link #query}.
 */
public final class DuckDbStore implements CallLogStore {
    private static final String CHECK_ONE_SELECT = """
            SELECT s->>'error' = 'true', s->>'error_message', coalesce(json_array_length(s->'statements'), 0)
            FROM (SELECT json_serialize_sql(?::VARCHAR) AS s)""";


    private final String name;
    private final DuckDBConnection connection;
    private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("duckdb-query-timeouts").factory());

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
                s.execute(createIfMissing(Tables.L7_FLOW_LOG));
                s.execute(createIfMissing(Tables.APPLICATION));
                s.execute(createIfMissing(Tables.INGEST_BATCH));
                // Batches are appended here first, then moved in one transaction with their id:
                // temporary, so a crash half way leaves nothing behind.
                for (Table<?> table : List.of(Tables.L7_FLOW_LOG, Tables.APPLICATION)) {
                    s.execute("CREATE TEMP TABLE " + staging(table) + " AS SELECT * FROM " + table.name() + " LIMIT 0");
                }
                // Queries come from users: no files, no extensions, and no way to turn that back on.
                s.execute("SET enable_external_access = false");
                s.execute("SET lock_configuration = true");
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

    /**
     * DuckDB's appender commits on its own, outside any transaction: the batch goes to temporary
     * staging tables first, and one transaction moves it and records its id, so an acknowledged
     * batch is durable and a retried one is found.
     */
    @Override
    public synchronized boolean appendBatch(String batchId, List<CallLog> logs, List<MetricsRow> rows) throws StoreException {
        try {
            if (seen(batchId)) return false;
            appendRows(Tables.L7_FLOW_LOG, staging(Tables.L7_FLOW_LOG), logs);
            appendRows(Tables.APPLICATION, staging(Tables.APPLICATION), rows);
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement();
                 PreparedStatement id = connection.prepareStatement("INSERT INTO ingest_batch VALUES (?, ?, ?, ?)")) {
                for (Table<?> table : List.of(Tables.L7_FLOW_LOG, Tables.APPLICATION)) {
                    s.execute("INSERT INTO " + table.name() + " SELECT * FROM " + staging(table));
                    s.execute("DELETE FROM " + staging(table));
                }
                id.setString(1, batchId);
                id.setLong(2, System.currentTimeMillis() * 1000);
                id.setLong(3, logs.size());
                id.setLong(4, rows.size());
                id.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                try (Statement s = connection.createStatement()) {
                    for (Table<?> table : List.of(Tables.L7_FLOW_LOG, Tables.APPLICATION)) s.execute("DELETE FROM " + staging(table));
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            return true;
        } catch (SQLException e) {
            throw new StoreException(name + ": cannot store batch " + batchId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.DUCKDB;
    }

    @Override
    public synchronized long expire(Retention retention, long nowMicros) throws StoreException {
        try {
            return delete("DELETE FROM l7_flow_log WHERE end_time < ?", nowMicros - micros(retention.callLogs()))
                    + delete("DELETE FROM application WHERE window_seconds = 1 AND time < ?", nowMicros - micros(retention.metrics1s()))
                    + delete("DELETE FROM application WHERE window_seconds = 60 AND time < ?", nowMicros - micros(retention.metrics1m()))
                    + delete("DELETE FROM ingest_batch WHERE received_at < ?", nowMicros - micros(retention.callLogs()));
        } catch (SQLException e) {
            throw new StoreException(name + ": cannot delete expired rows: " + e.getMessage(), e);
        }
    }

    /**
     * DuckDB's own parser decides what is read-only: {@code json_serialize_sql} serialises SELECT
     * statements only. The query then runs in a transaction that is always rolled back, with file
     * access turned off for the whole database, so not even a table function can leave a trace.
     */
    @Override
    public QueryResult query(String sql, List<?> parameters, QueryLimits limits) throws StoreException {
        try (Connection reader = connection.duplicate()) {
            requireOneSelect(reader, sql);
            reader.setAutoCommit(false);
            try (PreparedStatement statement = reader.prepareStatement(sql)) {
                for (int i = 0; i < parameters.size(); i++) statement.setObject(i + 1, parameters.get(i));
                ScheduledFuture<?> timeout = timeouts.schedule(() -> cancel(statement), limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
                try (ResultSet result = statement.executeQuery()) {
                    return collect(result, limits.maxRows());
                } catch (SQLException e) {
                    if (timeout.isDone()) throw new BadQueryException("the query ran over its time limit of " + limits.timeout().toMillis() + " ms", e);
                    throw e;
                } finally {
                    timeout.cancel(false);
                    reader.rollback();
                }
            }
        } catch (SQLException e) {
            throw new BadQueryException(firstLine(e.getMessage()), e);
        }
    }

    /**
     * A connection of its own to the same database, for tables beside the call logs (the server's
     * plugin registry and configuration); the caller closes it.
     */
    public Connection newConnection() throws StoreException {
        try {
            return connection.duplicate();
        } catch (SQLException e) {
            throw new StoreException(name + ": cannot open a connection: " + e.getMessage(), e);
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
        timeouts.shutdownNow();
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

    static String createIfMissing(Table<?> table) {
        return table.columns().stream().map(c -> c.name() + " " + sqlType(c.type()))
                .collect(Collectors.joining(", ", "CREATE TABLE IF NOT EXISTS " + table.name() + " (", ")"));
    }

    /** DuckDB types of the logical ones; every column is nullable, as in the files made so far. */
    private static String sqlType(Column.Type type) {
        return switch (type) {
            case TEXT -> "VARCHAR";
            case INT -> "INTEGER";
            case LONG -> "BIGINT";
            case BOOL -> "BOOLEAN";
            case STRING_MAP -> "MAP(VARCHAR, VARCHAR)";
        };
    }

    private <T> void appendRows(Table<T> table, List<T> rows) throws StoreException {
        try {
            appendRows(table, table.name(), rows);
        } catch (SQLException e) {
            throw new StoreException(name + ": cannot append to " + table.name() + ": " + e.getMessage(), e);
        }
    }

    private <T> void appendRows(Table<T> table, String into, List<T> rows) throws SQLException {
        if (rows.isEmpty()) return;
        String catalog = into.equals(table.name()) ? null : "temp";
        try (DuckDBAppender appender = connection.createAppender(catalog, DuckDBConnection.DEFAULT_SCHEMA, into)) {
            for (T row : rows) {
                appender.beginRow();
                for (Column<T> column : table.columns()) append(appender, column.value().apply(row));
                appender.endRow();
            }
        }
    }

    private static String staging(Table<?> table) {
        return "staging_" + table.name();
    }

    private boolean seen(String batchId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM ingest_batch WHERE batch_id = ?")) {
            statement.setString(1, batchId);
            try (ResultSet r = statement.executeQuery()) {
                return r.next();
            }
        }
    }

    private static void append(DuckDBAppender appender, Object value) throws SQLException {
        switch (value) {
            case null -> appender.appendNull();
            case String s -> appender.append(s);
            case Long l -> appender.append(l.longValue());
            case Integer i -> appender.append(i.intValue());
            case Boolean b -> appender.append(b.booleanValue());
            // most call logs have no attributes: NULL, as the JSON line leaves them out, and far cheaper than an empty MAP
            case Map<?, ?> m when m.isEmpty() -> appender.appendNull();
            case Map<?, ?> m -> appender.append(m);
            default -> throw new IllegalArgumentException("no column type for " + value.getClass());
        }
    }

    private static void requireOneSelect(Connection reader, String sql) throws SQLException, BadQueryException {
        try (PreparedStatement check = reader.prepareStatement(CHECK_ONE_SELECT)) {
            check.setString(1, sql);
            try (ResultSet r = check.executeQuery()) {
                r.next();
                if (r.getBoolean(1)) {
                    String why = r.getString(2);
                    throw new BadQueryException(why.startsWith("Only SELECT") ? "only SELECT statements may be run here" : firstLine(why), null);
                }
                if (r.getInt(3) != 1) throw new BadQueryException("one statement at a time, not " + r.getInt(3), null);
            }
        }
    }

    private static QueryResult collect(ResultSet result, int maxRows) throws SQLException {
        ResultSetMetaData meta = result.getMetaData();
        List<String> columns = new ArrayList<>(meta.getColumnCount());
        for (int i = 1; i <= meta.getColumnCount(); i++) columns.add(meta.getColumnLabel(i));
        List<List<Object>> rows = new ArrayList<>();
        while (result.next()) {
            if (rows.size() == maxRows) return new QueryResult(columns, rows, true);
            List<Object> row = new ArrayList<>(columns.size());
            for (int i = 1; i <= columns.size(); i++) row.add(plain(result.getObject(i)));
            rows.add(row);
        }
        return new QueryResult(columns, rows, false);
    }

    /** A JDBC value as JSON can carry it: arrays become lists, times and the rest their text. */
    private static Object plain(Object value) throws SQLException {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Number n -> n;
            case Boolean b -> b;
            case Map<?, ?> m -> m;
            case java.sql.Array a -> {
                List<Object> items = new ArrayList<>();
                for (Object item : (Object[]) a.getArray()) items.add(plain(item));
                yield items;
            }
            default -> value.toString();
        };
    }

    private static void cancel(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException ignored) {
            // the query finished as its time ran out: nothing left to stop
        }
    }

    private static String firstLine(String message) {
        if (message == null) return "the query failed";
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
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
