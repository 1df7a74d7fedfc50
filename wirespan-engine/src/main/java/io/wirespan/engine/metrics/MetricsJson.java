package io.wirespan.engine.metrics;

import io.wirespan.engine.sink.JsonObjectWriter;
import io.wirespan.engine.sink.JsonOutput;
import java.io.IOException;
import java.util.List;

/**
 * A metrics row as one JSON object: {@code "kind":"metrics"}, then call-log.md's RED keys with
 * {@code window} (seconds) and the series keys; absent values are left out.
 */
public final class MetricsJson {
    private MetricsJson() {}

    public static String toJson(MetricsRow row) {
        JsonOutput out = new JsonOutput(384);
        append(out, row);
        return out.toString();
    }

    public static void append(JsonOutput out, MetricsRow row) {
        JsonObjectWriter json = new JsonObjectWriter(out)
                .field("kind", "metrics")
                .field("time", row.time())
                .field("window", row.windowSeconds())
                .field("l7_protocol", row.l7Protocol().id())
                .field("l7_protocol_str", row.l7Protocol().name());
        if (row.overflow()) {
            json.field("overflow", Boolean.TRUE);
        } else {
            json.field("ip_1", row.ip1()).field("server_port", row.serverPort()).field("endpoint", row.endpoint());
        }
        json.field("request", row.request())
                .field("response", row.response())
                .field("client_error", row.clientError())
                .field("server_error", row.serverError())
                .field("timeout", row.timeout())
                .field("error", row.error())
                .field("rrt_sum", row.rrtSum())
                .field("rrt_count", row.rrtCount())
                .field("rrt_max", row.rrtMax())
                .field("rrt_p50", row.rrtP50())
                .field("rrt_p90", row.rrtP90())
                .field("rrt_p99", row.rrtP99())
                .field("request_bytes", row.requestBytes())
                .field("response_bytes", row.responseBytes())
                .end();
    }

    /** One object per line. */
    public static void writeLines(List<MetricsRow> rows, Appendable out) throws IOException {
        JsonOutput line = new JsonOutput(384);
        for (MetricsRow row : rows) {
            line.reset();
            append(line, row);
            out.append(line.ascii('\n').toString());
        }
    }
}
