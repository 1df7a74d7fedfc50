package io.wirespan.engine.sink;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Writes one JSON object field by field, leaving out absent values as call-log.md asks. */
public final class JsonObjectWriter {
    private final JsonOutput out;
    private boolean first = true;

    public JsonObjectWriter(JsonOutput out) {
        this.out = out;
        out.ascii('{');
    }

    public JsonObjectWriter field(String name, String value) {
        if (value != null) name(name).string(value);
        return this;
    }

    public JsonObjectWriter field(String name, long value) {
        name(name).number(value);
        return this;
    }

    public JsonObjectWriter field(String name, Long value) {
        if (value != null) name(name).number(value);
        return this;
    }

    public JsonObjectWriter field(String name, Integer value) {
        if (value != null) name(name).number(value);
        return this;
    }

    public JsonObjectWriter field(String name, Boolean value) {
        if (value != null) name(name).bool(value);
        return this;
    }

    public JsonObjectWriter field(JsonKey key, String value) {
        if (value != null) name(key).string(value);
        return this;
    }

    public JsonObjectWriter field(JsonKey key, long value) {
        name(key).number(value);
        return this;
    }

    public JsonObjectWriter field(JsonKey key, Long value) {
        if (value != null) name(key).number(value);
        return this;
    }

    public JsonObjectWriter field(JsonKey key, Integer value) {
        if (value != null) name(key).number(value);
        return this;
    }

    public JsonObjectWriter field(JsonKey key, Boolean value) {
        if (value != null) name(key).bool(value);
        return this;
    }

    public JsonObjectWriter field(JsonKey key, Map<String, String> values) {
        if (values != null && !values.isEmpty()) {
            name(key);
            attributes(values);
        }
        return this;
    }

    public JsonObjectWriter field(String name, Map<String, String> values) {
        if (values != null && !values.isEmpty()) {
            name(name);
            attributes(values);
        }
        return this;
    }

    /** A map of strings as a nested object, its keys in order. */
    private void attributes(Map<String, String> values) {
        JsonObjectWriter nested = new JsonObjectWriter(out);
        values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> nested.field(e.getKey(), e.getValue()));
        nested.end();
    }

    /** A string that is written as {@code null} when absent, for keys a format always has. */
    public JsonObjectWriter fieldOrNull(String name, String value) {
        if (value == null) {
            name(name);
            out.ascii('n').ascii('u').ascii('l').ascii('l');
            return this;
        }
        return field(name, value);
    }

    /** A nested object whose fields {@code fields} writes. */
    public JsonObjectWriter object(String name, Consumer<JsonObjectWriter> fields) {
        name(name);
        JsonObjectWriter nested = new JsonObjectWriter(out);
        fields.accept(nested);
        nested.end();
        return this;
    }

    /** An array of objects, one per item, each written by {@code fields}. */
    public <T> JsonObjectWriter objects(String name, List<T> items, BiConsumer<JsonObjectWriter, T> fields) {
        name(name);
        out.ascii('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) out.ascii(',');
            JsonObjectWriter item = new JsonObjectWriter(out);
            fields.accept(item, items.get(i));
            item.end();
        }
        out.ascii(']');
        return this;
    }

    public void end() {
        out.ascii('}');
    }

    private JsonOutput name(String name) {
        if (!first) out.ascii(',');
        first = false;
        return out.string(name).ascii(':');
    }

    private JsonOutput name(JsonKey key) {
        if (!first) out.ascii(',');
        first = false;
        key.writeTo(out);
        return out;
    }
}
