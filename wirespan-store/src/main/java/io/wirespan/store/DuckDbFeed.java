package io.wirespan.store;

import io.wirespan.engine.sink.JsonObjectWriter;
import io.wirespan.engine.sink.JsonOutput;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBWritableVector;

/**
 * How rows get into a DuckDB table: a table function, {@code wirespan_feed_<table>(key)}, hands the
 * rows of the write in progress to one {@code INSERT … SELECT}, each column written straight into
 * DuckDB's vectors. DuckDB's appender commits every 2,048 rows; this is one statement in the
 * caller's transaction, and a large one goes to the file as compressed row groups, not through
 * the write-ahead log. The function is scanned by as many of DuckDB's threads as there are cores.
 *
 * <p>Queries from users run on the same database and could name the function: it hands rows only
 * to the statement that carries the key of the write in progress, a random number never shown.
 */
final class DuckDbFeed<T> {
    private final Table<T> table;
    private final String function;
    private final SecureRandom keys = new SecureRandom();
    private volatile Write<T> current;

    private record Write<T>(long key, List<T> rows) {}

    private DuckDbFeed(Table<T> table) {
        this.table = table;
        this.function = "wirespan_feed_" + table.name();
    }

    Table<T> table() {
        return table;
    }

    /** Registers the table's feed function with the database of {@code connection}. */
    static <T> DuckDbFeed<T> register(Connection connection, Table<T> table) throws SQLException {
        DuckDbFeed<T> feed = new DuckDbFeed<>(table);
        DuckDBFunctions.tableFunction()
                .withName(feed.function)
                .withParameter(DuckDBColumnType.BIGINT)
                .withFunction(feed.new Scan())
                .register(connection);
        return feed;
    }

    /** Inserts {@code rows} into the table within the connection's current transaction. */
    void write(Connection connection, List<T> rows) throws SQLException {
        if (rows.isEmpty()) return;
        long key = keys.nextLong();
        current = new Write<>(key, rows);
        try (Statement insert = connection.createStatement()) {
            insert.executeUpdate(insertSql(key));
        } finally {
            current = null;
        }
    }

    private String insertSql(long key) {
        String columns = table.columns().stream()
                .map(c -> c.type() == Column.Type.STRING_MAP ? "json_transform(" + c.name() + ", '\"MAP(VARCHAR, VARCHAR)\"')" : c.name())
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + table.name() + " SELECT " + columns + " FROM " + function + "(" + key + ")";
    }

    private static DuckDBColumnType duckDbType(Column.Type type) {
        return switch (type) {
            case TEXT -> DuckDBColumnType.VARCHAR;
            case INT -> DuckDBColumnType.INTEGER;
            case LONG -> DuckDBColumnType.BIGINT;
            case BOOL -> DuckDBColumnType.BOOLEAN;
            // a JSON object, made a MAP by the INSERT: DuckDB's vectors take no maps from Java
            case STRING_MAP -> DuckDBColumnType.VARCHAR;
        };
    }

    /** How far the scan of one statement has come: DuckDB's threads each take the next chunk of rows. */
    private static final class Cursor {
        final AtomicInteger next = new AtomicInteger();
    }

    /**
     * The UTF-8 of the strings met lately, by identity, in a fixed table where a newcomer takes
     * its slot's place: repeated values hit, the others cost a slot and no growth.
     */
    private static final class Utf8Cache {
        private static final int SLOTS = 1024;
        private final String[] strings = new String[SLOTS];
        private final byte[][] bytes = new byte[SLOTS][];

        byte[] bytes(String value) {
            int slot = System.identityHashCode(value) & (SLOTS - 1);
            if (strings[slot] != value) {
                strings[slot] = value;
                bytes[slot] = value.getBytes(StandardCharsets.UTF_8);
            }
            return bytes[slot];
        }
    }

    private final class Scan implements DuckDBTableFunction<List<T>, Cursor, Object> {
        @Override
        public List<T> bind(DuckDBTableFunctionBindInfo info) {
            for (Column<T> column : table.columns()) info.addResultColumn(column.name(), duckDbType(column.type()));
            Write<T> write = current;
            long key;
            try (var parameter = info.getParameter(0)) {
                key = parameter.isNull() ? 0 : parameter.getLong();
            }
            List<T> rows = write != null && write.key() == key ? write.rows() : List.of();
            info.setCardinality(rows.size(), true);
            return rows;
        }

        @Override
        public Cursor init(DuckDBTableFunctionInitInfo info) {
            // with insertion order not kept (DuckDbStore), DuckDB inserts and compresses on all of them
            info.setMaxThreads(Runtime.getRuntime().availableProcessors());
            return new Cursor();
        }

        @Override
        public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter out) {
            List<T> rows = info.getBindData();
            Cursor cursor = info.getInitData();
            int from = cursor.next.getAndAdd((int) out.capacity());
            if (from >= rows.size()) return 0;
            int count = (int) Math.min(out.capacity(), rows.size() - from);
            List<Column<T>> columns = table.columns();
            Utf8Cache encoded = new Utf8Cache();
            for (int c = 0; c < columns.size(); c++) {
                Column<T> column = columns.get(c);
                DuckDBWritableVector vector = out.vector(c);
                if (column.type() == Column.Type.TEXT) {
                    setStrings(vector, column, rows.subList(from, from + count), encoded);
                } else {
                    for (int r = 0; r < count; r++) set(vector, r, column.type(), column.value().apply(rows.get(from + r)));
                }
            }
            return count;
        }

        /**
         * A column of text in one call into DuckDB rather than one per value. A string met again
         * in the chunk, in any column, is encoded once: the server's decoder keeps a batch's
         * repeated values as one instance each.
         */
        private static <T> void setStrings(DuckDBWritableVector vector, Column<T> column, List<T> rows, Utf8Cache encoded) {
            byte[][] utf8 = new byte[rows.size()][];
            for (int r = 0; r < utf8.length; r++) {
                String value = (String) column.value().apply(rows.get(r));
                if (value != null) utf8[r] = encoded.bytes(value);
            }
            vector.setStringUtf8Batch(0, utf8);
        }

        private static void set(DuckDBWritableVector vector, int row, Column.Type type, Object value) {
            if (value == null) {
                vector.setNull(row);
                return;
            }
            switch (type) {
                case TEXT -> vector.setString(row, (String) value);
                case INT -> vector.setInt(row, (Integer) value);
                case LONG -> vector.setLong(row, (Long) value);
                case BOOL -> vector.setBoolean(row, (Boolean) value);
                // most call logs have no attributes: NULL, as their JSON line leaves them out
                case STRING_MAP -> {
                    Map<?, ?> map = (Map<?, ?>) value;
                    if (map.isEmpty()) vector.setNull(row);
                    else vector.setString(row, json(map));
                }
            }
        }

        @SuppressWarnings("unchecked")
        private static String json(Map<?, ?> map) {
            JsonOutput json = new JsonOutput(64 * map.size());
            JsonObjectWriter object = new JsonObjectWriter(json);
            ((Map<String, String>) map).forEach(object::field);
            object.end();
            return json.toString();
        }
    }
}
