package io.wirespan.cli.live;

import java.util.LinkedHashMap;
import java.util.Map;

/** The fields a call log must have, values as the JSON reader gives them (String, Long, Boolean; null = absent). */
final class Expected {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    Expected put(String key, Object value) {
        fields.put(key, value instanceof Integer i ? Long.valueOf(i) : value);
        return this;
    }

    Map<String, Object> fields() {
        return fields;
    }

    /** DeepFlow's rule for HTTP: below 400 ok, 4xx client_error, 5xx server_error. */
    static String httpStatus(int code) {
        return code < 400 ? "ok" : code < 500 ? "client_error" : "server_error";
    }

    /** The default HTTP endpoint: the path without query, cut to its first 2 segments. */
    static String httpEndpoint(String target) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        int segments = 0;
        for (int i = 1; i < path.length(); i++) {
            if (path.charAt(i) == '/' && ++segments == 2) return path.substring(0, i);
        }
        return path;
    }
}
