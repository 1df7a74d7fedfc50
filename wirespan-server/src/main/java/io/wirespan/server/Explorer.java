package io.wirespan.server;

import io.javalin.http.Context;
import io.wirespan.store.CallLogStore;
import io.wirespan.store.QueryLimits;
import io.wirespan.store.QueryResult;
import io.wirespan.store.SqlDialect;
import io.wirespan.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the web UI reads: pages of call logs under a filter, the data's time range and protocols,
 * the endpoints with their RED figures, and one endpoint's RED over time. Every query is the
 * server's own SQL with the filter's values bound.
 */
final class Explorer {
    static final int MAX_PAGE = 1000;
    static final int MAX_BUCKETS = 300;
    private static final long SECOND = 1_000_000L;
    private static final long[] STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400};

    private final CallLogStore store;
    private final QueryLimits limits;

    Explorer(CallLogStore store, QueryLimits limits) {
        this.store = store;
        this.limits = limits;
    }

    /** A page of call logs, newest first, and how many match in all. */
    record Page(long total, int limit, int offset, List<Map<String, Object>> calls) {}

    Page calls(Context ctx) throws StoreException {
        CallFilter.Where where = CallFilter.of(ctx).where(store.dialect());
        int limit = bounded(CallFilter.integer(ctx, "limit"), 100, 1, MAX_PAGE, "limit");
        int offset = bounded(CallFilter.integer(ctx, "offset"), 0, 0, 10_000_000, "offset");
        List<Object> parameters = new ArrayList<>(where.parameters());
        parameters.add(limit);
        parameters.add(offset);
        QueryResult page = store.query("SELECT * FROM l7_flow_log WHERE " + where.sql()
                + " ORDER BY start_time DESC, flow_id, end_time LIMIT ? OFFSET ?", parameters, limits);
        long total = Rows.firstLong(store.query("SELECT count(*) FROM l7_flow_log WHERE " + where.sql(), where.parameters(), limits), 0);
        return new Page(total, limit, offset, Rows.asMaps(page));
    }

    /** The stored time range, and the call logs per protocol. */
    record Summary(Long from, Long to, long callLogs, List<Map<String, Object>> protocols) {}

    Summary summary() throws StoreException {
        QueryResult range = store.query("SELECT min(start_time), max(end_time), count(*) FROM l7_flow_log", List.of(), limits);
        List<Object> row = range.rows().getFirst();
        QueryResult protocols = store.query("SELECT l7_protocol_str AS protocol, count(*) AS call_logs FROM l7_flow_log"
                + " GROUP BY l7_protocol_str ORDER BY call_logs DESC, protocol", List.of(), limits);
        return new Summary(asLong(row.get(0)), asLong(row.get(1)), asLong(row.get(2)), Rows.asMaps(protocols));
    }

    /** Per protocol and endpoint: calls, errors by class and latency percentiles, busiest first. */
    List<Map<String, Object>> endpoints(Context ctx) throws StoreException {
        CallFilter.Where where = CallFilter.of(ctx).where(store.dialect());
        return Rows.asMaps(store.query("SELECT l7_protocol_str AS protocol, endpoint, " + redColumns(store.dialect())
                + " FROM l7_flow_log WHERE " + where.sql() + " GROUP BY l7_protocol_str, endpoint ORDER BY requests DESC, protocol, endpoint"
                + " LIMIT 500", where.parameters(), limits));
    }

    /** RED over the whole filter, one row: the range's own percentiles, which per-step or per-endpoint ones cannot be merged into. */
    Map<String, Object> totals(Context ctx) throws StoreException {
        CallFilter.Where where = CallFilter.of(ctx).where(store.dialect());
        return Rows.asMaps(store.query("SELECT " + redColumns(store.dialect()) + " FROM l7_flow_log WHERE " + where.sql(),
                where.parameters(), limits)).getFirst();
    }

    /** RED over time: one row per step, with the step chosen to keep the chart under {@link #MAX_BUCKETS} points. */
    record Series(long stepSeconds, List<Map<String, Object>> points) {}

    Series red(Context ctx) throws StoreException {
        CallFilter filter = CallFilter.of(ctx);
        Long step = CallFilter.longParam(ctx, "step");
        if (step == null) {
            Summary stored = filter.from() == null || filter.to() == null ? summary() : null;
            long from = filter.from() != null ? filter.from() : stored.from() == null ? 0 : stored.from();
            long to = filter.to() != null ? filter.to() : stored.to() == null ? from : stored.to();
            step = stepFor(to - from);
        } else if (step < 1 || (filter.from() != null && filter.to() != null && (filter.to() - filter.from()) / (step * SECOND) > MAX_BUCKETS * 10L)) {
            throw ApiException.badRequest("step " + step + " s is below 1 s or makes too many points for the range");
        }
        CallFilter.Where where = filter.where(store.dialect());
        String bucket = store.dialect().bucket("start_time", step * SECOND);
        QueryResult points = store.query("SELECT " + bucket + " AS time, " + redColumns(store.dialect())
                + " FROM l7_flow_log WHERE " + where.sql() + " GROUP BY " + bucket + " ORDER BY time", where.parameters(), limits);
        return new Series(step, Rows.asMaps(points));
    }

    /** The smallest round step that splits {@code rangeMicros} into at most {@link #MAX_BUCKETS} points. */
    static long stepFor(long rangeMicros) {
        for (long step : STEPS) {
            if (rangeMicros / (step * SECOND) < MAX_BUCKETS) return step;
        }
        return STEPS[STEPS.length - 1];
    }

    private static String redColumns(SqlDialect d) {
        return "count(*) AS requests"
                + ", sum(CASE WHEN response_status = 'client_error' THEN 1 ELSE 0 END) AS client_errors"
                + ", sum(CASE WHEN response_status = 'server_error' THEN 1 ELSE 0 END) AS server_errors"
                + ", sum(CASE WHEN response_status = 'timeout' THEN 1 ELSE 0 END) AS timeouts"
                + ", " + d.quantile("response_duration", 0.5) + " AS p50"
                + ", " + d.quantile("response_duration", 0.9) + " AS p90"
                + ", " + d.quantile("response_duration", 0.99) + " AS p99";
    }

    private static int bounded(Integer value, int fallback, int min, int max, String name) {
        if (value == null) return fallback;
        if (value < min || value > max) throw ApiException.badRequest(name + " " + value + " is not between " + min + " and " + max);
        return value;
    }

    private static Long asLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
