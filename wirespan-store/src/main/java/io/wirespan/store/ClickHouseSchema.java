package io.wirespan.store;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The ClickHouse DDL of {@link Tables}, as DeepFlow lays out its own tables: MergeTree partitioned
 * by the hour of the table's time column and ordered by (second, l7_protocol, ip_1, server_port).
 * Times stay microseconds in Int64 columns, as in the JSON lines: the partition and sort keys are
 * expressions of that column, so a filter on it prunes partitions and key ranges (a separate
 * DateTime column would not). Columns that call-log.md says are always there are plain types, the
 * others Nullable; a string map is {@code Nested(names String, values String)}, since 18.16 has
 * no Map type. With a cluster, rows live in {@code <table>_local} tables and the public names are
 * Distributed tables over them.
 */
final class ClickHouseSchema {
    private final String database;
    private final String cluster;
    private final boolean distributedDdl;

    /**
     * @param cluster a cluster of the server's {@code remote_servers}, or null for one server
     * @param distributedDdl whether statements run {@code ON CLUSTER} (needs ZooKeeper or Keeper)
     *     or on the URL's server only
     */
    ClickHouseSchema(String database, String cluster, boolean distributedDdl) {
        this.database = database;
        this.cluster = cluster;
        this.distributedDdl = cluster != null && distributedDdl;
    }

    /** The statements that create the database and the tables when missing, in order. */
    List<String> createIfMissing() {
        List<String> ddl = new ArrayList<>();
        ddl.add("CREATE DATABASE IF NOT EXISTS " + quote(database) + onCluster());
        for (Table<?> table : List.of(Tables.L7_FLOW_LOG, Tables.APPLICATION)) {
            ddl.add(mergeTree(table));
            if (cluster != null) {
                ddl.add("CREATE TABLE IF NOT EXISTS " + qualified(table.name()) + onCluster() + " AS " + storage(table)
                        + " ENGINE = Distributed(" + String.join(", ", literal(cluster), literal(database),
                        literal(storageName(table)), "rand()") + ")");
            }
        }
        // batch ids are looked up on the server the store talks to: kept there, not sharded
        ddl.add(Tables.INGEST_BATCH.columns().stream().map(c -> quote(c.name()) + " " + type(c))
                .collect(Collectors.joining(", ", "CREATE TABLE IF NOT EXISTS " + qualified(Tables.INGEST_BATCH.name()) + " (", ")"))
                + " ENGINE = MergeTree ORDER BY batch_id");
        return ddl;
    }

    /** The table queries and inserts name: the Distributed one with a cluster (ingest_batch is never distributed). */
    String table(Table<?> table) {
        return qualified(table.name());
    }

    /** The MergeTree table that holds the rows. */
    String storage(Table<?> table) {
        return qualified(storageName(table));
    }

    String storageName(Table<?> table) {
        return cluster == null || local(table) ? table.name() : table.name() + "_local";
    }

    /**
     * The table to count rows about to be deleted in: as many rows as {@link #deleteWhere} reaches
     * (the whole cluster with distributed DDL, else this server's shard).
     */
    String deletionScope(Table<?> table) {
        return distributedDdl && !local(table) ? table(table) : storage(table);
    }

    /** A mutation deleting the rows that match {@code predicate}, on every shard with distributed DDL. */
    String deleteWhere(Table<?> table, String predicate) {
        return "ALTER TABLE " + storage(table) + (local(table) ? "" : onCluster()) + " DELETE WHERE " + predicate;
    }

    /** ingest_batch lives on the server the store talks to only. */
    private static boolean local(Table<?> table) {
        return table == Tables.INGEST_BATCH;
    }

    boolean clustered() {
        return cluster != null;
    }

    private String mergeTree(Table<?> table) {
        String second = "toDateTime(intDiv(" + quote(table.timeColumn()) + ", 1000000))";
        List<String> key = new ArrayList<>(List.of(second));
        for (String name : List.of("l7_protocol", "ip_1", "server_port")) key.add(keyPart(column(table, name)));
        return table.columns().stream().map(c -> quote(c.name()) + " " + type(c))
                .collect(Collectors.joining(", ", "CREATE TABLE IF NOT EXISTS " + storage(table) + onCluster() + " (", ")"))
                + " ENGINE = MergeTree PARTITION BY toStartOfHour(" + second + ") ORDER BY (" + String.join(", ", key) + ")";
    }

    /** A sort key may not be Nullable on most servers: an absent value sorts as the type's zero. */
    private static String keyPart(Column<?> column) {
        if (column.always()) return quote(column.name());
        return "ifNull(" + quote(column.name()) + ", " + (column.type() == Column.Type.TEXT ? "''" : "0") + ")";
    }

    private static String type(Column<?> column) {
        String type = switch (column.type()) {
            case TEXT -> "String";
            case INT -> "Int32";
            case LONG -> "Int64";
            case BOOL -> "UInt8";
            case STRING_MAP -> "Nested(names String, values String)";
        };
        return column.always() || column.type() == Column.Type.STRING_MAP ? type : "Nullable(" + type + ")";
    }

    private static Column<?> column(Table<?> table, String name) {
        return table.columns().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(table.name() + " has no " + name));
    }

    private String onCluster() {
        return distributedDdl ? " ON CLUSTER " + quote(cluster) : "";
    }

    private String qualified(String name) {
        return quote(database) + "." + quote(name);
    }

    /** Names come from Tables or were checked to be plain ({@link ClickHouseUrl}, {@link ClickHouseStore.Options}). */
    static String quote(String name) {
        return "`" + name + "`";
    }

    private static String literal(String text) {
        return "'" + text + "'";
    }
}
