package io.wirespan.server;

import io.wirespan.engine.metrics.PrometheusText;
import io.wirespan.store.CallLogStore;
import io.wirespan.store.QueryLimits;
import io.wirespan.store.QueryResult;
import io.wirespan.store.StoreException;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * {@code /metrics} in Prometheus's text format 0.0.4: RED per series from the 1-minute rows of
 * the {@code application} table (counters over what the store keeps, and latency as a summary's
 * sum and count), and the server's own counters.
 */
final class PrometheusExposition {
    /** The busiest series only: a scrape must stay small whatever the traffic. */
    static final int MAX_SERIES = 1000;

    private static final String RED = """
            SELECT l7_protocol_str, ip_1, server_port, endpoint, sum(request), sum(response), sum(client_error),
                   sum(server_error), sum(timeout), sum(rrt_sum), sum(rrt_count)
            FROM application WHERE window_seconds = 60 AND NOT overflow
            GROUP BY l7_protocol_str, ip_1, server_port, endpoint
            ORDER BY sum(request) DESC, l7_protocol_str, ip_1, server_port, endpoint""";

    private final CallLogStore store;
    private final ServerCounters counters;
    private final QueryLimits limits;
    private final LongSupplier ingestBacklog;

    /** @param ingestBacklog the rows acknowledged and not yet stored */
    PrometheusExposition(CallLogStore store, ServerCounters counters, QueryLimits limits, LongSupplier ingestBacklog) {
        this.store = store;
        this.counters = counters;
        this.ingestBacklog = ingestBacklog;
        this.limits = new QueryLimits(MAX_SERIES, limits.timeout());
    }

    String scrape() throws StoreException {
        PrometheusText out = new PrometheusText();
        QueryResult red = store.query(RED, List.of(), limits);
        String[] names = {"requests", "responses", "client_errors", "server_errors", "timeouts"};
        String[] help = {"Requests seen", "Responses seen", "Responses that are client errors", "Responses that are server errors",
                "Requests with no response in time"};
        for (int m = 0; m < names.length; m++) {
            String name = "wirespan_application_" + names[m] + "_total";
            out.family(name, "counter", help[m] + ", per server endpoint.");
            for (List<Object> row : red.rows()) out.sample(name, labels(row), count(row.get(4 + m)));
        }
        out.family("wirespan_application_response_duration_seconds", "summary", "Time from request to response, per server endpoint.");
        for (List<Object> row : red.rows()) {
            String labels = labels(row);
            out.sample("wirespan_application_response_duration_seconds_sum", labels, count(row.get(9)) / 1e6);
            out.sample("wirespan_application_response_duration_seconds_count", labels, count(row.get(10)));
        }
        server(out, "wirespan_server_ingest_batches_total", "Batches acknowledged: on disk, and stored or on their way to the store.",
                counters.batches);
        out.single("wirespan_server_ingest_backlog_rows", "gauge", "Rows acknowledged and not yet in the store, which queries do not see yet.",
                ingestBacklog.getAsLong());
        server(out, "wirespan_server_ingest_groups_total", "Writes to the store, each of all the batches waiting at the time.",
                counters.groups);
        server(out, "wirespan_server_ingest_set_aside_batches_total", "Batches the store refused alone, kept as files beside the journal.",
                counters.setAsideBatches);
        server(out, "wirespan_server_ingest_duplicate_batches_total", "Batches sent again and not stored twice.", counters.duplicateBatches);
        server(out, "wirespan_server_ingest_call_logs_total", "Call logs acknowledged from agents.", counters.callLogs);
        server(out, "wirespan_server_ingest_metrics_rows_total", "Metrics rows acknowledged from agents.", counters.metricsRows);
        server(out, "wirespan_server_rejected_requests_total", "Requests refused as malformed.", counters.rejectedRequests);
        server(out, "wirespan_server_unauthorized_requests_total", "Write requests refused for a missing or wrong token.",
                counters.unauthorizedRequests);
        server(out, "wirespan_server_queries_total", "Queries answered.", counters.queries);
        server(out, "wirespan_server_failed_queries_total", "Queries refused or failed.", counters.failedQueries);
        return out.toString();
    }

    private static void server(PrometheusText out, String name, String help, LongAdder counter) {
        out.single(name, "counter", help, counter.sum());
    }

    private static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static String labels(List<Object> row) {
        return PrometheusText.labels("l7_protocol", row.get(0), "server", row.get(1), "server_port", row.get(2), "endpoint", row.get(3));
    }
}
