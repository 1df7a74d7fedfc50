package io.wirespan.server;

import io.javalin.http.Context;
import io.wirespan.api.ResponseStatus;
import io.wirespan.store.SqlDialect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The explorer's and the dashboard's filters, from a request's query string: a time range
 * ({@code from}, {@code to}: µs since the epoch), {@code protocol} ({@code l7_protocol_str}),
 * {@code status}, {@code endpoint}, {@code server} ({@code ip_1}), {@code port} and free
 * {@code text}. Every value becomes a bound parameter, never SQL text.
 */
record CallFilter(Long from, Long to, String protocol, String status, String endpoint, String server, Integer port, String text) {
    /** The columns free text is looked for in. */
    private static final List<String> TEXT_COLUMNS = List.of("request_type", "request_domain", "request_resource", "endpoint",
            "response_exception", "response_result", "trace_id", "ip_0", "ip_1");
    private static final List<String> STATUSES = Arrays.stream(ResponseStatus.values()).map(ResponseStatus::wireName).toList();

    static CallFilter of(Context ctx) {
        String status = blankToNull(ctx.queryParam("status"));
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badRequest("status '" + status + "' is not one of " + String.join(", ", STATUSES));
        }
        Integer port = integer(ctx, "port");
        if (port != null && (port < 0 || port > 65535)) throw ApiException.badRequest("port " + port + " is out of range");
        return new CallFilter(longParam(ctx, "from"), longParam(ctx, "to"), blankToNull(ctx.queryParam("protocol")), status,
                blankToNull(ctx.queryParam("endpoint")), blankToNull(ctx.queryParam("server")), port,
                blankToNull(ctx.queryParam("text")));
    }

    /** A WHERE clause (possibly always true) and its parameters, in order. */
    Where where(SqlDialect dialect) {
        List<String> terms = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (from != null) add(terms, parameters, "start_time >= ?", from);
        if (to != null) add(terms, parameters, "start_time < ?", to);
        if (protocol != null) add(terms, parameters, "l7_protocol_str = ?", protocol);
        if (status != null) add(terms, parameters, "response_status = ?", status);
        if (endpoint != null) add(terms, parameters, "endpoint = ?", endpoint);
        if (server != null) add(terms, parameters, "ip_1 = ?", server);
        if (port != null) add(terms, parameters, "server_port = ?", port);
        if (text != null) {
            List<String> any = new ArrayList<>();
            for (String column : TEXT_COLUMNS) {
                any.add(dialect.containsIgnoringCase(column)); // null for an absent value: OR and WHERE read it as false
                parameters.add(text);
            }
            terms.add("(" + String.join(" OR ", any) + ")");
        }
        return new Where(terms.isEmpty() ? "1 = 1" : String.join(" AND ", terms), parameters); // old ClickHouse has no TRUE
    }

    record Where(String sql, List<Object> parameters) {}

    private static void add(List<String> terms, List<Object> parameters, String term, Object value) {
        terms.add(term);
        parameters.add(value);
    }

    static Long longParam(Context ctx, String name) {
        String value = blankToNull(ctx.queryParam(name));
        if (value == null) return null;
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " '" + value + "' is not a whole number");
        }
    }

    static Integer integer(Context ctx, String name) {
        Long value = longParam(ctx, name);
        if (value == null) return null;
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) throw ApiException.badRequest(name + " " + value + " is out of range");
        return value.intValue();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
