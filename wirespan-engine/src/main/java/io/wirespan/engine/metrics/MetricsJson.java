package io.wirespan.engine.metrics;

import java.io.IOException;
import java.util.List;

/**
 * A metrics row as one JSON object: {@code "kind":"metrics"}, then call-log.md's RED keys with
 * {@code window} (seconds) and the series keys; absent values are left out.
 */
public final class MetricsJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private MetricsJson() {}

    public static String toJson(MetricsRow row) {
        StringBuilder out = new StringBuilder(384);
        append(out, row);
        return out.toString();
    }

    public static void append(StringBuilder out, MetricsRow row) {
        out.append("{\"kind\":\"metrics\",\"time\":").append(row.time())
                .append(",\"window\":").append(row.windowSeconds())
                .append(",\"l7_protocol\":").append(row.l7Protocol().id())
                .append(",\"l7_protocol_str\":");
        string(out, row.l7Protocol().name());
        if (row.overflow()) {
            out.append(",\"overflow\":true");
        } else {
            out.append(",\"ip_1\":");
            string(out, row.ip1());
            out.append(",\"server_port\":").append(row.serverPort());
            if (row.endpoint() != null) {
                out.append(",\"endpoint\":");
                string(out, row.endpoint());
            }
        }
        out.append(",\"request\":").append(row.request())
                .append(",\"response\":").append(row.response())
                .append(",\"client_error\":").append(row.clientError())
                .append(",\"server_error\":").append(row.serverError())
                .append(",\"timeout\":").append(row.timeout())
                .append(",\"error\":").append(row.error())
                .append(",\"rrt_sum\":").append(row.rrtSum())
                .append(",\"rrt_count\":").append(row.rrtCount());
        optional(out, "rrt_max", row.rrtMax());
        optional(out, "rrt_p50", row.rrtP50());
        optional(out, "rrt_p90", row.rrtP90());
        optional(out, "rrt_p99", row.rrtP99());
        out.append(",\"request_bytes\":").append(row.requestBytes())
                .append(",\"response_bytes\":").append(row.responseBytes())
                .append('}');
    }

    /** One object per line. */
    public static void writeLines(List<MetricsRow> rows, Appendable out) throws IOException {
        StringBuilder line = new StringBuilder(384);
        for (MetricsRow row : rows) {
            line.setLength(0);
            append(line, row);
            line.append('\n');
            out.append(line);
        }
    }

    private static void optional(StringBuilder out, String name, Long value) {
        if (value != null) out.append(",\"").append(name).append("\":").append(value.longValue());
    }

    // A copy of sink.JsonText.string (package-private there); to be unified once that is public.
    private static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !pairedSurrogate(value, i)) {
                        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                                .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean pairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
