package io.wirespan.store;

import io.wirespan.api.CallLog;
import io.wirespan.engine.metrics.MetricsRow;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * The server store: a ClickHouse server (18.16 or newer) over its HTTP interface, with the tables
 * of {@link ClickHouseSchema} in the URL's database. A batch is one gzip-compressed
 * {@code INSERT ... FORMAT JSONEachRow}; queries run with {@code readonly=1}, so the server itself
 * refuses anything that writes, and answer in {@code JSONCompact}. Safe to share between threads:
 * every call is a request of its own.
 */
public final class ClickHouseStore implements CallLogStore {
    private static final Duration WRITE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration MUTATIONS_WAIT = Duration.ofMinutes(1);
    /** How much longer than the query's own limit the answer may take to arrive. */
    private static final Duration ANSWER_GRACE = Duration.ofSeconds(10);

    /**
     * How the tables are laid out.
     *
     * @param cluster a cluster of the server's {@code remote_servers}: rows go to {@code <table>_local}
     *     MergeTree tables and the public names are {@code Distributed(cluster, db, <table>_local, rand())};
     *     null for one server
     * @param distributedDdl whether the tables are created and expired {@code ON CLUSTER}, which needs
     *     ZooKeeper or ClickHouse Keeper; without it they are created on the URL's server only, so open
     *     the store once against each server of the cluster
     */
    public record Options(String cluster, boolean distributedDdl) {
        public static final Options ONE_SERVER = new Options(null, false);
        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

        public Options {
            if (cluster != null && !NAME.matcher(cluster).matches()) {
                throw new IllegalArgumentException("a cluster name is letters, digits, '_', '.' and '-', not " + cluster);
            }
        }

        /** Sharded over {@code cluster}, created with distributed DDL. */
        public static Options cluster(String cluster) {
            return new Options(cluster, true);
        }
    }

    private final ClickHouseUrl url;
    private final String name;
    private final ClickHouseSchema schema;
    private final ClickHouseHttp http;

    private ClickHouseStore(ClickHouseUrl url, Options options) {
        this.url = url;
        this.name = url.display();
        this.schema = new ClickHouseSchema(url.database(), options.cluster(), options.distributedDdl());
        this.http = new ClickHouseHttp(url);
    }

    /** {@link #open(URI, Options)} on one server. */
    public static ClickHouseStore open(URI url) throws StoreException {
        return open(url, Options.ONE_SERVER);
    }

    /**
     * Connects to {@code url}, {@code http(s)://[user[:password]@]host[:port][/database]} (port
     * 8123 or 8443, database {@code default} when left out), and creates the database and tables
     * when missing.
     *
     * @throws IllegalArgumentException when {@code url} is not of that form
     * @throws StoreException when the server cannot be reached or refuses the tables
     */
    public static ClickHouseStore open(URI url, Options options) throws StoreException {
        ClickHouseStore store = new ClickHouseStore(ClickHouseUrl.parse(url), options);
        try {
            List<String> ddl = store.schema.createIfMissing();
            // the database may not exist yet: the first statement names none
            store.http.execute(ddl.getFirst(), Map.of(), WRITE_TIMEOUT);
            for (String statement : ddl.subList(1, ddl.size())) store.http.execute(statement, store.settings(), WRITE_TIMEOUT);
            return store;
        } catch (IOException | ClickHouseException e) {
            store.close();
            throw store.failure("cannot create the tables", e);
        }
    }

    /** The server's URL and database, without the password: for messages. */
    public String url() {
        return name;
    }

    @Override
    public void append(List<CallLog> logs) throws StoreException {
        insert(Tables.L7_FLOW_LOG, logs);
    }

    @Override
    public void appendMetrics(List<MetricsRow> rows) throws StoreException {
        insert(Tables.APPLICATION, rows);
    }

    /**
     * Looks the batch ids up, appends the new batches' rows, then records their ids. ClickHouse has
     * no transaction over the three: a crash between the rows and the ids stores a retried batch
     * twice, so delivery here is at least once (DuckDB's is exactly once). One call at a time, so
     * two retries of one batch cannot both miss its id.
     */
    @Override
    public synchronized Set<String> appendBatches(List<AgentBatch> batches) throws StoreException {
        if (batches.isEmpty()) return Set.of();
        NewBatches fresh = NewBatches.of(batches, storedBatches(batches.stream().map(AgentBatch::id).toList()),
                System.currentTimeMillis() * 1000);
        insert(Tables.L7_FLOW_LOG, fresh.callLogs());
        insert(Tables.APPLICATION, fresh.metrics());
        insert(Tables.INGEST_BATCH, fresh.ids());
        return fresh.batchIds();
    }

    @Override
    public Set<String> storedBatches(Collection<String> ids) throws StoreException {
        if (ids.isEmpty()) return Set.of();
        Set<String> known = new HashSet<>();
        try {
            String quoted = ids.stream().map(ClickHouseParameters::quote).distinct().collect(Collectors.joining(", "));
            String seen = http.execute("SELECT batch_id FROM " + schema.table(Tables.INGEST_BATCH) + " WHERE batch_id IN (" + quoted
                    + ") FORMAT TabSeparatedRaw", settings(), WRITE_TIMEOUT);
            seen.lines().forEach(known::add);
        } catch (IOException | ClickHouseException e) {
            throw failure("cannot look " + ids.size() + " batches up", e);
        }
        return known;
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.CLICKHOUSE;
    }

    /**
     * Counts the expired rows, then deletes them with one mutation ({@code ALTER TABLE ... DELETE})
     * per table, and waits up to a minute for the mutations to finish on this server. A mutation
     * still running then finishes in the background. With a cluster but no distributed DDL, only
     * this server's shard is expired.
     */
    @Override
    public long expire(Retention retention, long nowMicros) throws StoreException {
        String callLogs = "end_time < " + (nowMicros - micros(retention.callLogs()));
        String metrics = "(window_seconds = 1 AND time < " + (nowMicros - micros(retention.metrics1s()))
                + ") OR (window_seconds = 60 AND time < " + (nowMicros - micros(retention.metrics1m())) + ")";
        try {
            long deleted = delete(Tables.L7_FLOW_LOG, callLogs) + delete(Tables.APPLICATION, metrics)
                    + delete(Tables.INGEST_BATCH, "received_at < " + (nowMicros - micros(retention.callLogs())));
            if (deleted > 0) awaitMutations();
            return deleted;
        } catch (IOException | ClickHouseException e) {
            throw failure("cannot delete expired rows", e);
        }
    }

    /**
     * Runs one statement with {@code readonly=1}: ClickHouse refuses writes, DDL, SET and table
     * functions ({@code url()}, {@code file()}, {@code remote()}) itself, and one statement is
     * all its HTTP interface takes. The row limit is {@code max_result_rows} with
     * {@code result_overflow_mode=break} (the server stops near it) and a cut here; the time limit
     * is {@code max_execution_time}, in whole seconds (rounded up), as old servers take it. A query
     * reads whatever the URL's user may read: give the store a user limited to its database.
     */
    @Override
    public QueryResult query(String sql, List<?> parameters, QueryLimits limits) throws StoreException {
        String bound = ClickHouseParameters.bind(sql, parameters);
        long seconds = Math.max(1, (limits.timeout().toMillis() + 999) / 1000);
        Map<String, String> settings = settings();
        settings.put("readonly", "1");
        settings.put("max_result_rows", Long.toString(limits.maxRows() + 1L));
        settings.put("result_overflow_mode", "break");
        settings.put("max_execution_time", Long.toString(seconds));
        settings.put("default_format", "JSONCompact");
        settings.put("output_format_json_quote_64bit_integers", "0");
        // the whole (capped) answer is made before it is sent, so an error comes as an error, not in the middle of JSON
        settings.put("wait_end_of_query", "1");
        try (InputStream answer = http.query(bound, settings, Duration.ofSeconds(seconds).plus(ANSWER_GRACE))) {
            return ClickHouseAnswer.read(answer, limits.maxRows());
        } catch (HttpConnectTimeoutException e) {
            throw failure("cannot query", e);
        } catch (HttpTimeoutException e) {
            throw overTime(limits, e);
        } catch (ClickHouseException e) {
            if (e.code() == ClickHouseException.TIMEOUT_EXCEEDED) throw overTime(limits, e);
            if (e.isLogin() || e.code() == ClickHouseException.TOO_MANY_SIMULTANEOUS_QUERIES || e.code() == 0) {
                throw failure("cannot query", e);
            }
            throw new BadQueryException(e.getMessage(), e);
        } catch (IOException e) {
            throw failure("cannot query", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    private <T> void insert(Table<T> table, List<T> rows) throws StoreException {
        if (rows.isEmpty()) return;
        Map<String, String> settings = settings();
        // a Distributed table then answers once the rows are on their shards, not queued for later
        if (schema.clustered()) settings.put("insert_distributed_sync", "1");
        try {
            http.insert(schema.table(table), ClickHouseRows.gzipped(table, rows), settings, WRITE_TIMEOUT);
        } catch (IOException | ClickHouseException e) {
            throw failure("cannot append to " + table.name(), e);
        }
    }

    private long delete(Table<?> table, String predicate) throws IOException, ClickHouseException {
        String count = http.execute("SELECT count() FROM " + schema.deletionScope(table) + " WHERE " + predicate
                + " FORMAT TSV", settings(), WRITE_TIMEOUT);
        long rows = Long.parseLong(count.strip());
        if (rows > 0) http.execute(schema.deleteWhere(table, predicate), settings(), WRITE_TIMEOUT);
        return rows;
    }

    /** 18.16 has no {@code mutations_sync}: its mutations are watched in {@code system.mutations}. */
    private void awaitMutations() throws IOException, ClickHouseException {
        String running = "SELECT count() FROM system.mutations WHERE is_done = 0 AND database = "
                + ClickHouseParameters.quote(url.database()) + " AND table IN ("
                + ClickHouseParameters.quote(schema.storageName(Tables.L7_FLOW_LOG)) + ", "
                + ClickHouseParameters.quote(schema.storageName(Tables.APPLICATION)) + ") FORMAT TSV";
        long deadline = System.nanoTime() + MUTATIONS_WAIT.toNanos();
        long pause = 20;
        while (Long.parseLong(http.execute(running, settings(), WRITE_TIMEOUT).strip()) > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause = Math.min(pause * 2, 500);
        }
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("database", url.database());
        return settings;
    }

    /** An answer from ClickHouse says what failed; a connection that failed says only that. */
    private StoreException failure(String what, Exception e) {
        return switch (e) {
            case ClickHouseException refused -> new StoreException(name + ": " + what + ": " + refused.getMessage(), e);
            case ConnectException refused -> new StoreException(name + ": cannot reach ClickHouse: connection refused", e);
            default -> new StoreException(name + ": cannot reach ClickHouse: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        };
    }

    private static BadQueryException overTime(QueryLimits limits, Exception e) {
        return new BadQueryException("the query ran over its time limit of " + limits.timeout().toMillis() + " ms", e);
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1000;
    }
}
