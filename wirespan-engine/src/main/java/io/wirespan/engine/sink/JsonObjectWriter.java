package io.wirespan.engine.sink;

import java.util.Map;

/** Writes one JSON object field by field, leaving out absent values as call-log.md asks. */
public final class JsonObjectWriter {
    private final StringBuilder out;
    private boolean first = true;

    public JsonObjectWriter(StringBuilder out) {
        this.out = out;
        out.append('{');
    }

    public JsonObjectWriter field(String name, String value) {
        if (value != null) {
            name(name);
            JsonText.string(out, value);
        }
        return this;
    }

    public JsonObjectWriter field(String name, long value) {
        name(name);
        out.append(value);
        return this;
    }

    public JsonObjectWriter field(String name, Number value) {
        if (value != null) {
            name(name);
            out.append(value);
        }
        return this;
    }

    public JsonObjectWriter field(String name, Boolean value) {
        if (value != null) {
            name(name);
            out.append(value.booleanValue());
        }
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
        out.append('}');
    }

    private void name(String name) {
        if (!first) out.append(',');
        first = false;
        JsonText.string(out, name);
        out.append(':');
    }
}
