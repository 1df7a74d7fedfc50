package io.wirespan.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads ClickHouse's {@code JSONCompact} answer, {@code {"meta":[{"name":..,"type":..},..],
 * "data":[[..],..],..}}, as it streams in, and stops at the row limit. Values come as JSON gives
 * them: integers as Long (BigInteger past it), the numbers of Float columns as Double, strings,
 * arrays as lists, and UInt8 "booleans" as 0 or 1. The two Nested arrays of a string map
 * ({@code attributes.names} and {@code attributes.values}), when both are selected, become one
 * {@code attributes} column of maps, as the DuckDB store answers.
 */
final class ClickHouseAnswer {
    private static final JsonFactory JSON = new JsonFactory();
    private static final List<String> MAPS = Tables.L7_FLOW_LOG.columns().stream()
            .filter(c -> c.type() == Column.Type.STRING_MAP).map(Column::name).toList();
    private static final Pattern FLOAT = Pattern.compile("(Nullable\\()?Float(32|64)\\)?");

    private ClickHouseAnswer() {}

    /** At most {@code maxRows} rows, {@code truncated} when there were more; the stream is closed. */
    static QueryResult read(InputStream answer, int maxRows) throws IOException, BadQueryException {
        try (JsonParser json = JSON.createParser(ObjectReadContext.empty(), answer)) {
            if (json.nextToken() != JsonToken.START_OBJECT) throw notJsonCompact("it does not start with {");
            List<String> columns = new ArrayList<>();
            List<Boolean> floating = new ArrayList<>();
            List<List<Object>> rows = new ArrayList<>();
            while (json.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case "meta" -> {
                        while (json.nextToken() == JsonToken.START_OBJECT) {
                            Map<?, ?> column = (Map<?, ?>) value(json);
                            columns.add(String.valueOf(column.get("name")));
                            floating.add(FLOAT.matcher(String.valueOf(column.get("type"))).matches());
                        }
                    }
                    case "data" -> {
                        while (json.nextToken() == JsonToken.START_ARRAY) {
                            // closing the stream leaves the rest unread: the server's answer is capped anyway
                            if (rows.size() == maxRows) return withMaps(columns, rows, true);
                            rows.add(withDoubles(list(json), floating));
                        }
                    }
                    default -> json.skipChildren();
                }
            }
            return withMaps(columns, rows, false);
        } catch (JacksonIOException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
        } catch (JacksonException e) {
            throw notJsonCompact(e.getOriginalMessage());
        }
    }

    /** JSON writes a whole Float64 as {@code 5}: a float column's numbers are Doubles all the same. */
    private static List<Object> withDoubles(List<Object> row, List<Boolean> floating) {
        for (int i = 0; i < row.size() && i < floating.size(); i++) {
            if (floating.get(i) && row.get(i) instanceof Number n) row.set(i, n.doubleValue());
        }
        return row;
    }

    private static Object value(JsonParser json) {
        return switch (json.currentToken()) {
            case VALUE_STRING -> json.getString();
            case VALUE_NUMBER_INT -> switch (json.getNumberType()) {
                case INT, LONG -> json.getLongValue();
                default -> json.getBigIntegerValue();
            };
            case VALUE_NUMBER_FLOAT -> json.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case START_ARRAY -> list(json);
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (json.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = json.currentName();
                    json.nextToken();
                    object.put(name, value(json));
                }
                yield object;
            }
            default -> null;
        };
    }

    private static List<Object> list(JsonParser json) {
        List<Object> items = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) items.add(value(json));
        return items;
    }

    /** The answer with each pair {@code m.names}, {@code m.values} of a string map m as one column of maps (null when empty). */
    private static QueryResult withMaps(List<String> columns, List<List<Object>> rows, boolean truncated) {
        for (String map : MAPS) {
            int names = columns.indexOf(map + ".names"), values = columns.indexOf(map + ".values");
            if (names < 0 || values < 0 || !rows.stream().allMatch(row -> pairs(row.get(names), row.get(values)))) continue;
            List<String> merged = new ArrayList<>(columns);
            merged.set(names, map);
            merged.remove(values);
            List<List<Object>> mergedRows = new ArrayList<>(rows.size());
            for (List<Object> row : rows) {
                List<?> keys = (List<?>) row.get(names), texts = (List<?>) row.get(values);
                Map<Object, Object> entries = new LinkedHashMap<>();
                for (int i = 0; i < keys.size(); i++) entries.put(keys.get(i), texts.get(i));
                List<Object> mergedRow = new ArrayList<>(row);
                mergedRow.set(names, entries.isEmpty() ? null : entries); // no entries: absent, as DuckDB and the JSON line say
                mergedRow.remove(values);
                mergedRows.add(mergedRow);
            }
            columns = merged;
            rows = mergedRows;
        }
        return new QueryResult(columns, rows, truncated);
    }

    private static boolean pairs(Object names, Object values) {
        return names instanceof List<?> n && values instanceof List<?> v && n.size() == v.size();
    }

    private static BadQueryException notJsonCompact(String why) {
        return new BadQueryException("the answer is not ClickHouse's JSONCompact (does the query name a FORMAT?): " + why, null);
    }
}
