package io.wirespan.engine.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a YAML value becomes a typed setting. Each type names the key in its errors, so a bad value
 * is reported as {@code processors.request_log.tunning.payload_truncation: expected an integer in
 * 256..65535, got "big"}.
 */
@FunctionalInterface
public interface ValueType<T> {

    T parse(String key, Object raw);

    static ValueType<Boolean> bool() {
        return (key, raw) -> {
            if (raw instanceof Boolean b) return b;
            throw bad(key, "expected true or false", raw);
        };
    }

    static ValueType<Integer> integer(int min, int max) {
        return (key, raw) -> {
            if (raw instanceof Number n && n.longValue() == n.doubleValue() && n.longValue() >= min && n.longValue() <= max) {
                return n.intValue();
            }
            throw bad(key, "expected an integer in " + min + ".." + max, raw);
        };
    }

    static ValueType<Long> longInteger(long min, long max) {
        return (key, raw) -> {
            if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() >= min && n.longValue() <= max) {
                return n.longValue();
            }
            throw bad(key, "expected an integer in " + min + ".." + max, raw);
        };
    }

    static ValueType<String> string() {
        return (key, raw) -> {
            if (raw instanceof String s) return s;
            if (raw instanceof Number || raw instanceof Boolean) return raw.toString();
            throw bad(key, "expected a string", raw);
        };
    }

    /** DeepFlow writes durations as {@code 300s}, {@code 100ms}, {@code 1m}, {@code 1h}; a bare number is seconds. */
    static ValueType<Duration> duration(Duration min, Duration max) {
        Pattern form = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
        return (key, raw) -> {
            Duration value = null;
            if (raw instanceof Number n && n.longValue() >= 0 && n.doubleValue() == n.longValue()) {
                value = Duration.ofSeconds(n.longValue());
            } else if (raw instanceof String s) {
                Matcher m = form.matcher(s.trim());
                if (m.matches()) {
                    long amount = Long.parseLong(m.group(1));
                    String unit = m.group(2) == null ? "s" : m.group(2);
                    value = switch (unit) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofSeconds(amount);
                    };
                }
            }
            if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw bad(key, "expected a duration such as 300s or 100ms, in " + text(min) + ".." + text(max), raw);
            }
            return value;
        };
    }

    static <E> ValueType<List<E>> listOf(ValueType<E> element) {
        return (key, raw) -> {
            if (!(raw instanceof List<?> items)) throw bad(key, "expected a list", raw);
            List<E> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                out.add(element.parse(key + "[" + i + "]", items.get(i)));
            }
            return List.copyOf(out);
        };
    }

    /** A map whose keys are free (protocol names, for instance) and whose values share one type. */
    static <V> ValueType<Map<String, V>> mapOf(ValueType<V> value) {
        return (key, raw) -> {
            if (!(raw instanceof Map<?, ?> entries)) throw bad(key, "expected a mapping", raw);
            Map<String, V> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : entries.entrySet()) {
                String name = String.valueOf(e.getKey());
                out.put(name, value.parse(key + "." + name, e.getValue()));
            }
            return Map.copyOf(out);
        };
    }

    /** A mapping with a fixed set of fields, read by {@code reader} after unknown fields are refused. */
    static <R> ValueType<R> record(List<String> fields, RecordReader<R> reader) {
        return (key, raw) -> {
            if (!(raw instanceof Map<?, ?> entries)) throw bad(key, "expected a mapping with " + fields, raw);
            for (Object field : entries.keySet()) {
                if (!fields.contains(String.valueOf(field))) {
                    throw new ConfigException(key + "." + field + ": unknown key (expected one of " + fields + ")");
                }
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) entries;
            return reader.read(key, typed);
        };
    }

    /** Reads the fields of one {@link #record} value. */
    @FunctionalInterface
    interface RecordReader<R> {
        R read(String key, Map<String, Object> fields);
    }

    private static ConfigException bad(String key, String expected, Object raw) {
        String shown = raw instanceof String s ? "\"" + s + "\"" : String.valueOf(raw);
        return new ConfigException(key + ": " + expected + ", got " + shown);
    }

    private static String text(Duration d) {
        if (d.toMillis() % 1000 != 0) return d.toMillis() + "ms";
        return d.toSeconds() + "s";
    }
}
