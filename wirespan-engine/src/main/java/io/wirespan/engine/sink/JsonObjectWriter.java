package io.wirespan.engine.sink;

import java.util.Map;

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

    public JsonObjectWriter field(String name, Map<String, String> values) {
        if (values != null && !values.isEmpty()) {
            name(name);
            JsonObjectWriter nested = new JsonObjectWriter(out);
            values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> nested.field(e.getKey(), e.getValue()));
            nested.end();
        }
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
}
