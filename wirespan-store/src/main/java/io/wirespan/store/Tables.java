package io.wirespan.store;

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

    private static final String TEXT = "VARCHAR", INT = "INTEGER", LONG = "BIGINT", BOOL = "BOOLEAN";

    static final Table<CallLog> L7_FLOW_LOG = new Table<>("l7_flow_log", List.of(
            new Column<>("type", TEXT, log -> log.type().wireName()),
            new Column<>("start_time", LONG, CallLog::startTime),
            new Column<>("end_time", LONG, CallLog::endTime),
            new Column<>("flow_id", LONG, CallLog::flowId),
            new Column<>("protocol", TEXT, CallLog::protocol),
            new Column<>("ip_0", TEXT, CallLog::ip0),
            new Column<>("ip_1", TEXT, CallLog::ip1),
            new Column<>("client_port", INT, CallLog::clientPort),
            new Column<>("server_port", INT, CallLog::serverPort),
            new Column<>("agent", TEXT, CallLog::agent),
            new Column<>("l7_protocol", INT, log -> log.l7Protocol().id()),
            new Column<>("l7_protocol_str", TEXT, log -> log.l7Protocol().name()),
            new Column<>("version", TEXT, CallLog::version),
            new Column<>("request_type", TEXT, CallLog::requestType),
            new Column<>("request_domain", TEXT, CallLog::requestDomain),
            new Column<>("request_resource", TEXT, CallLog::requestResource),
            new Column<>("endpoint", TEXT, CallLog::endpoint),
            new Column<>("request_id", LONG, CallLog::requestId),
            new Column<>("response_status", TEXT, log -> log.responseStatus().wireName()),
            new Column<>("response_code", INT, CallLog::responseCode),
            new Column<>("response_exception", TEXT, CallLog::responseException),
            new Column<>("response_result", TEXT, CallLog::responseResult),
            new Column<>("response_duration", LONG, CallLog::responseDuration),
            new Column<>("request_length", LONG, CallLog::requestLength),
            new Column<>("response_length", LONG, CallLog::responseLength),
            new Column<>("captured_request_byte", LONG, CallLog::capturedRequestByte),
            new Column<>("captured_response_byte", LONG, CallLog::capturedResponseByte),
            new Column<>("sql_affected_rows", LONG, CallLog::sqlAffectedRows),
            new Column<>("is_tls", BOOL, CallLog::isTls),
            new Column<>("is_async", BOOL, CallLog::isAsync),
            new Column<>("is_reversed", BOOL, CallLog::isReversed),
            new Column<>("trace_id", TEXT, CallLog::traceId),
            new Column<>("span_id", TEXT, CallLog::spanId),
            new Column<>("parent_span_id", TEXT, CallLog::parentSpanId),
            new Column<>("x_request_id_0", TEXT, CallLog::xRequestId0),
            new Column<>("x_request_id_1", TEXT, CallLog::xRequestId1),
            new Column<>("http_proxy_client", TEXT, CallLog::httpProxyClient),
            new Column<>("attributes", "MAP(VARCHAR, VARCHAR)", CallLog::attributes),
            new Column<>("plugin", TEXT, CallLog::plugin)));

    static final Table<MetricsRow> APPLICATION = new Table<>("application", List.of(
            new Column<>("window_seconds", INT, MetricsRow::windowSeconds),
            new Column<>("time", LONG, MetricsRow::time),
            new Column<>("l7_protocol", INT, row -> row.l7Protocol().id()),
            new Column<>("l7_protocol_str", TEXT, row -> row.l7Protocol().name()),
            new Column<>("ip_1", TEXT, MetricsRow::ip1),
            new Column<>("server_port", INT, MetricsRow::serverPort),
            new Column<>("endpoint", TEXT, MetricsRow::endpoint),
            new Column<>("overflow", BOOL, MetricsRow::overflow),
            new Column<>("request", LONG, MetricsRow::request),
            new Column<>("response", LONG, MetricsRow::response),
            new Column<>("client_error", LONG, MetricsRow::clientError),
            new Column<>("server_error", LONG, MetricsRow::serverError),
            new Column<>("timeout", LONG, MetricsRow::timeout),
            new Column<>("error", LONG, MetricsRow::error),
            new Column<>("rrt_sum", LONG, MetricsRow::rrtSum),
            new Column<>("rrt_count", LONG, MetricsRow::rrtCount),
            new Column<>("rrt_max", LONG, MetricsRow::rrtMax),
            new Column<>("rrt_p50", LONG, MetricsRow::rrtP50),
            new Column<>("rrt_p90", LONG, MetricsRow::rrtP90),
            new Column<>("rrt_p99", LONG, MetricsRow::rrtP99),
            new Column<>("request_bytes", LONG, MetricsRow::requestBytes),
            new Column<>("response_bytes", LONG, MetricsRow::responseBytes)));
}
