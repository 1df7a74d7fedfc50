package io.wirespan.engine.metrics;

import java.util.Locale;

/**
 * Prometheus' text exposition format, version 0.0.4, as the server's and the agent's
 * {@code /metrics} write it: families with their help and type, samples with labels whose values
 * may hold anything captured.
 */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(8192);

    /** Starts a family: {@code type} is counter, gauge or summary. */
    public PrometheusText family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    public PrometheusText sample(String name, String labels, long value) {
        out.append(name).append(labels).append(' ').append(value).append('\n');
        return this;
    }

    /** A value in seconds and the like, to the microsecond, never in an exponent's form. */
    public PrometheusText sample(String name, String labels, double value) {
        out.append(name).append(labels).append(' ').append(String.format(Locale.ROOT, "%.6f", value)).append('\n');
        return this;
    }

    /** A family of one sample without labels. */
    public PrometheusText single(String name, String type, String help, long value) {
        return family(name, type, help).sample(name, "", value);
    }

    /** {@code {name="value",...}} from names and values in turn, the values escaped. */
    public static String labels(Object... namesAndValues) {
        StringBuilder labels = new StringBuilder("{");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (i > 0) labels.append(',');
            labels.append(namesAndValues[i]).append("=\"").append(escape(namesAndValues[i + 1])).append('"');
        }
        return labels.append('}').toString();
    }

    /** Backslash, quote and newline escaped, as the format asks of label values; null is empty. */
    public static String escape(Object value) {
        if (value == null) return "";
        String s = value.toString();
        StringBuilder escaped = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '"' -> escaped.append("\\\"");
                case '\n' -> escaped.append("\\n");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
