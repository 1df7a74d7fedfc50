package io.wirespan.store;

import static io.wirespan.store.Column.Type.BOOL;
import static io.wirespan.store.Column.Type.INT;
import static io.wirespan.store.Column.Type.LONG;
import static io.wirespan.store.Column.Type.STRING_MAP;
import static io.wirespan.store.Column.Type.TEXT;

import io.wirespan.api.CallLog;
import io.wirespan.engine.metrics.MetricsRow;
import java.util.List;

/**
 * The tables every store keeps, with call-log.md's names: {@code l7_flow_log}, one row per call
 * log with the keys of its JSON line, and {@code application}, one row per RED series and window
 * (1 s and 1 min, told apart by {@code window_seconds}). Times are microseconds since the epoch,
 * as in the JSON lines, so a row and a line carry the same values.
 */
final class Tables {
    private Tables() {}

    private static final boolean ALWAYS = true, MAYBE = false;

    static final Table<CallLog> L7_FLOW_LOG = new Table<>("l7_flow_log", "end_time", List.of(
            new Column<>("type", TEXT, ALWAYS, log -> log.type().wireName()),
            new Column<>("start_time", LONG, ALWAYS, CallLog::startTime),
            new Column<>("end_time", LONG, ALWAYS, CallLog::endTime),
            new Column<>("flow_id", LONG, ALWAYS, CallLog::flowId),
            new Column<>("protocol", TEXT, ALWAYS, CallLog::protocol),
            new Column<>("ip_0", TEXT, ALWAYS, CallLog::ip0),
            new Column<>("ip_1", TEXT, ALWAYS, CallLog::ip1),
            new Column<>("client_port", INT, ALWAYS, CallLog::clientPort),
            new Column<>("server_port", INT, ALWAYS, CallLog::serverPort),
            new Column<>("agent", TEXT, MAYBE, CallLog::agent),
            new Column<>("l7_protocol", INT, ALWAYS, log -> log.l7Protocol().id()),
            new Column<>("l7_protocol_str", TEXT, ALWAYS, log -> log.l7Protocol().name()),
            new Column<>("version", TEXT, MAYBE, CallLog::version),
            new Column<>("request_type", TEXT, MAYBE, CallLog::requestType),
            new Column<>("request_domain", TEXT, MAYBE, CallLog::requestDomain),
            new Column<>("request_resource", TEXT, MAYBE, CallLog::requestResource),
            new Column<>("endpoint", TEXT, MAYBE, CallLog::endpoint),
            new Column<>("request_id", LONG, MAYBE, CallLog::requestId),
            new Column<>("response_status", TEXT, ALWAYS, log -> log.responseStatus().wireName()),
            new Column<>("response_code", INT, MAYBE, CallLog::responseCode),
            new Column<>("response_exception", TEXT, MAYBE, CallLog::responseException),
            new Column<>("response_result", TEXT, MAYBE, CallLog::responseResult),
            new Column<>("response_duration", LONG, MAYBE, CallLog::responseDuration),
            new Column<>("request_length", LONG, MAYBE, CallLog::requestLength),
            new Column<>("response_length", LONG, MAYBE, CallLog::responseLength),
            new Column<>("captured_request_byte", LONG, ALWAYS, CallLog::capturedRequestByte),
            new Column<>("captured_response_byte", LONG, ALWAYS, CallLog::capturedResponseByte),
            new Column<>("sql_affected_rows", LONG, MAYBE, CallLog::sqlAffectedRows),
            new Column<>("is_tls", BOOL, MAYBE, CallLog::isTls),
            new Column<>("is_async", BOOL, MAYBE, CallLog::isAsync),
            new Column<>("is_reversed", BOOL, MAYBE, CallLog::isReversed),
            new Column<>("trace_id", TEXT, MAYBE, CallLog::traceId),
            new Column<>("span_id", TEXT, MAYBE, CallLog::spanId),
            new Column<>("parent_span_id", TEXT, MAYBE, CallLog::parentSpanId),
            new Column<>("x_request_id_0", TEXT, MAYBE, CallLog::xRequestId0),
            new Column<>("x_request_id_1", TEXT, MAYBE, CallLog::xRequestId1),
            new Column<>("http_proxy_client", TEXT, MAYBE, CallLog::httpProxyClient),
            new Column<>("attributes", STRING_MAP, ALWAYS, CallLog::attributes),
            new Column<>("plugin", TEXT, MAYBE, CallLog::plugin)));

    /** A batch an agent sent, once stored: what makes a retried batch known (see {@link CallLogStore#appendBatch}). */
    record IngestedBatch(String batchId, long receivedAt, long callLogs, long metrics) {}

    static final Table<IngestedBatch> INGEST_BATCH = new Table<>("ingest_batch", "received_at", List.of(
            new Column<>("batch_id", TEXT, ALWAYS, IngestedBatch::batchId),
            new Column<>("received_at", LONG, ALWAYS, IngestedBatch::receivedAt),
            new Column<>("call_logs", LONG, ALWAYS, IngestedBatch::callLogs),
            new Column<>("metrics", LONG, ALWAYS, IngestedBatch::metrics)));

    static final Table<MetricsRow> APPLICATION = new Table<>("application", "time", List.of(
            new Column<>("window_seconds", INT, ALWAYS, MetricsRow::windowSeconds),
            new Column<>("time", LONG, ALWAYS, MetricsRow::time),
            new Column<>("l7_protocol", INT, ALWAYS, row -> row.l7Protocol().id()),
            new Column<>("l7_protocol_str", TEXT, ALWAYS, row -> row.l7Protocol().name()),
            new Column<>("ip_1", TEXT, MAYBE, MetricsRow::ip1),
            new Column<>("server_port", INT, ALWAYS, MetricsRow::serverPort),
            new Column<>("endpoint", TEXT, MAYBE, MetricsRow::endpoint),
            new Column<>("overflow", BOOL, ALWAYS, MetricsRow::overflow),
            new Column<>("request", LONG, ALWAYS, MetricsRow::request),
            new Column<>("response", LONG, ALWAYS, MetricsRow::response),
            new Column<>("client_error", LONG, ALWAYS, MetricsRow::clientError),
            new Column<>("server_error", LONG, ALWAYS, MetricsRow::serverError),
            new Column<>("timeout", LONG, ALWAYS, MetricsRow::timeout),
            new Column<>("error", LONG, ALWAYS, MetricsRow::error),
            new Column<>("rrt_sum", LONG, ALWAYS, MetricsRow::rrtSum),
            new Column<>("rrt_count", LONG, ALWAYS, MetricsRow::rrtCount),
            new Column<>("rrt_max", LONG, MAYBE, MetricsRow::rrtMax),
            new Column<>("rrt_p50", LONG, MAYBE, MetricsRow::rrtP50),
            new Column<>("rrt_p90", LONG, MAYBE, MetricsRow::rrtP90),
            new Column<>("rrt_p99", LONG, MAYBE, MetricsRow::rrtP99),
            new Column<>("request_bytes", LONG, ALWAYS, MetricsRow::requestBytes),
            new Column<>("response_bytes", LONG, ALWAYS, MetricsRow::responseBytes)));
}
