package io.wirespan.store;

import io.wirespan.engine.sink.JsonOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * A batch of rows as the body of one {@code INSERT ... FORMAT JSONEachRow}: one JSON object per
 * line, gzip-compressed. Absent values are left out, which ClickHouse stores as NULL; booleans
 * are written 1 or 0 for the UInt8 columns, and a string map as its two Nested arrays
 * ({@code attributes.names}, {@code attributes.values}), sorted by name.
 */
final class ClickHouseRows {
    private static final int CHUNK = 64 * 1024;

    private ClickHouseRows() {}

    static <T> byte[] gzipped(Table<T> table, List<T> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rows.size() * 128 + 64);
        JsonOutput lines = new JsonOutput(CHUNK + 4096);
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, CHUNK)) {
            for (T row : rows) {
                appendRow(lines, table, row);
                if (lines.length() >= CHUNK) {
                    lines.writeTo(gzip);
                    lines.reset();
                }
            }
            lines.writeTo(gzip);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // memory streams do not fail
        }
        return bytes.toByteArray();
    }

    private static <T> void appendRow(JsonOutput out, Table<T> table, T row) {
        out.ascii('{');
        boolean first = true;
        for (Column<T> column : table.columns()) {
            Object value = column.value().apply(row);
            if (value == null || value instanceof Map<?, ?> m && m.isEmpty()) continue;
            if (!first) out.ascii(',');
            first = false;
            switch (column.type()) {
                case TEXT -> name(out, column.name()).string((String) value);
                case INT, LONG -> name(out, column.name()).number(((Number) value).longValue());
                case BOOL -> name(out, column.name()).number((Boolean) value ? 1 : 0);
                case STRING_MAP -> {
                    Map<?, ?> sorted = new TreeMap<>((Map<?, ?>) value);
                    strings(name(out, column.name() + ".names"), sorted.keySet()).ascii(',');
                    strings(name(out, column.name() + ".values"), sorted.values());
                }
            }
        }
        out.ascii('}').ascii('\n');
    }

    private static JsonOutput name(JsonOutput out, String name) {
        return out.string(name).ascii(':');
    }

    private static JsonOutput strings(JsonOutput out, Iterable<?> values) {
        out.ascii('[');
        boolean first = true;
        for (Object value : values) {
            if (!first) out.ascii(',');
            first = false;
            out.string((String) value);
        }
        return out.ascii(']');
    }
}
