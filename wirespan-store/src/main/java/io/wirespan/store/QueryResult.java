package io.wirespan.store;

import java.util.List;

/**
 * The answer to a read-only query: column names, and rows of values ready for JSON (strings,
 * numbers, booleans, string maps, lists or null). {@code truncated} says rows were left off at the
 * row limit.
 */
public record QueryResult(List<String> columns, List<List<Object>> rows, boolean truncated) {
    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
