package io.wirespan.engine.protocol.http;

import java.util.Map;

/** One flat JSON object on a line, null values left out: the golden files' format. */
final class JsonLine {
    private JsonLine() {}

    static String of(Map<String, Object> record) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, Object> field : record.entrySet()) {
            if (field.getValue() == null) continue;
            if (out.length() > 1) out.append(", ");
            string(out, field.getKey());
            out.append(": ");
            if (field.getValue() instanceof Number || field.getValue() instanceof Boolean) {
                out.append(field.getValue());
            } else {
                string(out, field.getValue().toString());
            }
        }
        return out.append('}').toString();
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append("\\u").append(String.format("%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
