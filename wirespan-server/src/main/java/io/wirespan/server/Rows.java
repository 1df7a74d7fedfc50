package io.wirespan.server;

import io.wirespan.store.QueryResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Query results as JSON objects keyed by column name, the shape of call-log.md. */
final class Rows {
    private Rows() {}

    static List<Map<String, Object>> asMaps(QueryResult result) {
        List<Map<String, Object>> maps = new ArrayList<>(result.rows().size());
        for (List<Object> row : result.rows()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                if (row.get(i) != null) map.put(result.columns().get(i), row.get(i)); // absent, as in the JSON lines
            }
            maps.add(map);
        }
        return maps;
    }

    /** The first column of the first row as a long, or {@code fallback} when there is none. */
    static long firstLong(QueryResult result, long fallback) {
        if (result.rows().isEmpty() || result.rows().getFirst().getFirst() == null) return fallback;
        return ((Number) result.rows().getFirst().getFirst()).longValue();
    }
}
