package io.wirespan.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the parse-into-a-store tests share: the captures they parse, and a stored row as its JSON line. */
final class StoredRows {
    static final List<String> CAPTURES = List.of("redis", "mysql", "postgresql", "http", "h2c", "grpc", "kafka", "mqtt", "mongodb");
    /** ClickHouse keeps booleans as UInt8: they come back as 0 and 1. */
    private static final Set<String> BOOLEANS = Set.of("is_tls", "is_async", "is_reversed");

    private StoredRows() {}

    /** {@code parse} with one worker (the same call logs every run) over {@link #CAPTURES}. */
    static CommandRun parse(String... options) {
        List<String> args = new ArrayList<>(List.of("parse", "--workers", "1"));
        args.addAll(List.of(options));
        for (String capture : CAPTURES) args.add(Path.of("..", "samples", capture + ".pcap").toString());
        return CommandRun.of(args.toArray(String[]::new));
    }

    /** What {@code parse --format jsonl --metrics} prints over {@link #CAPTURES}: the call logs, and how many metrics lines. */
    record Printed(List<JsonObject> callLogs, long metricsLines) {}

    static Printed printed() {
        CommandRun printed = parse("--format", "jsonl", "--metrics");
        List<JsonObject> lines = printed.out().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        return new Printed(lines.stream().filter(l -> !l.has("kind")).toList(), lines.stream().filter(l -> l.has("kind")).count());
    }

    /** A row as its JSON line would be: absent values and empty attributes left out. */
    static JsonObject asJson(List<String> columns, List<Object> row) {
        JsonObject json = new JsonObject();
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i);
            switch (row.get(i)) {
                case null -> { }
                case String v -> json.addProperty(name, v);
                case Number v when BOOLEANS.contains(name) -> json.addProperty(name, v.longValue() != 0);
                case Number v -> json.addProperty(name, v);
                case Boolean v -> json.addProperty(name, v);
                case Map<?, ?> v when v.isEmpty() -> { }
                case Map<?, ?> v -> {
                    JsonObject map = new JsonObject();
                    v.forEach((key, value) -> map.addProperty((String) key, (String) value));
                    json.add(name, map);
                }
                default -> throw new AssertionError(name + ": unexpected " + row.get(i).getClass());
            }
        }
        return json;
    }
}
