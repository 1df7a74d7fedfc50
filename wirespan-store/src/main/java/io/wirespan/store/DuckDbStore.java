package io.wirespan.store;

import io.wirespan.api.CallLog;
import io.wirespan.engine.metrics.MetricsRow;
import io.wirespan.store.Tables.IngestedBatch;
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
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;

/**
 * The embedded store: one DuckDB file. Rows go in through {@link DuckDbFeed}s, each write one
 * transaction on one connection, so writes are serialised here. Queries run each on a connection
 * of their own beside it, and never write: see {@link #query}.
 */
public final class DuckDbStore implements CallLogStore {
    private static final String CHECK_ONE_SELECT = """
            SELECT s->>'error' = 'true', s->>'error_message', coalesce(json_array_length(s->'statements'), 0)
            FROM (SELECT json_serialize_sql(?::VARCHAR) AS s)""";

    private final String name;
    private final DuckDBConnection connection;
    private final DuckDbFeed<CallLog> callLogs;
    private final DuckDbFeed<MetricsRow> metrics;
    private final DuckDbFeed<IngestedBatch> batchIds;
    private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("duckdb-query-timeouts").factory());

    private DuckDbStore(String name, DuckDBConnection connection) throws SQLException {
        this.name = name;
        this.connection = connection;
        try (Statement s = connection.createStatement()) {
            for (Table<?> table : List.of(Tables.L7_FLOW_LOG, Tables.APPLICATION, Tables.INGEST_BATCH)) s.execute(createIfMissing(table));
        }
        this.callLogs = DuckDbFeed.register(connection, Tables.L7_FLOW_LOG);
        this.metrics = DuckDbFeed.register(connection, Tables.APPLICATION);
        this.batchIds = DuckDbFeed.register(connection, Tables.INGEST_BATCH);
        try (Statement s = connection.createStatement()) {
            // Queries come from users: no files, no extensions, and no way to turn that back on.
            s.execute("SET enable_external_access = false");
            // Rows have no order but their columns': inserts then run on every core, 1.2 times as fast.
            s.execute("SET preserve_insertion_order = false");
            s.execute("SET lock_configuration = true");
        }
    }

    /** Opens {@code file}, creating it and the tables when missing. */
    public static DuckDbStore open(Path file) throws StoreException {
        String name = file.toString();
        Connection connection = null;
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            return new DuckDbStore(name, connection.unwrap(DuckDBConnection.class));
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new StoreException(name + ": cannot open as a DuckDB database: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void append(List<CallLog> logs) throws StoreException {
        append(callLogs, logs);
    }

    @Override
    public synchronized void appendMetrics(List<MetricsRow> rows) throws StoreException {
        append(metrics, rows);
    }

    private <T> void append(DuckDbFeed<T> feed, List<T> rows) throws StoreException {
        try {
            inTransaction(() -> feed.write(connection, rows));
        } catch (SQLException e) {
            throw new StoreException(name + ": cannot append to " + feed.table().name() + ": " + e.getMessage(), e);
        }
    }

    /** The new batches' rows and their ids go in one transaction: stored exactly once, or not at all. */
    @Override
    public synchronized Set<String> appendBatches(List<AgentBatch> batches) throws StoreException {
        try {
            NewBatches fresh = NewBatches.of(batches, storedAlready(connection, batches.stream().map(AgentBatch::id).toList()),
                    System.currentTimeMillis() * 1000);
            inTransaction(() -> {
                callLogs.write(connection, fresh.callLogs());
                metrics.write(connection, fresh.metrics());
                batchIds.write(connection, fresh.ids());
            });
            return fresh.batchIds();
        } catch (SQLException e) {
            throw new StoreException(name + ": cannot store " + batches.size() + " batches: " + e.getMessage(), e);
        }
    }

    /** On a connection of its own: not held up by a write of the store's connection. */
    @Override
    public Set<String> storedBatches(Collection<String> ids) throws StoreException {
        try (Connection reader = connection.duplicate()) {
            return storedAlready(reader, ids);
        } catch (SQLException e) {
            throw new StoreException(name + ": cannot look batches up: " + e.getMessage(), e);
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

    private interface SqlWork {
        void run() throws SQLException;
    }

    private void inTransaction(SqlWork work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static Set<String> storedAlready(Connection connection, Collection<String> ids) throws SQLException {
        if (ids.isEmpty()) return Set.of();
        String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT batch_id FROM ingest_batch WHERE batch_id IN (" + placeholders + ")")) {
            int i = 0;
            for (String id : ids) statement.setString(++i, id);
            Set<String> known = new HashSet<>();
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) known.add(r.getString(1));
            }
            return known;
        }
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
