package io.wirespan.cli.live;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.wirespan.cli.WirespanCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The call logs {@code wirespan parse --format jsonl} (run in-process) makes of a capture. */
final class CallLogs {
    /** One call log: its JSON line and the values of its keys as String, Long or Boolean. */
    record Log(String line, JsonObject json) {
        Object get(String key) {
            JsonElement e = json.get(key);
            if (e == null || e.isJsonNull()) return null;
            if (!e.isJsonPrimitive()) return e.toString();
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isBoolean()) return p.getAsBoolean();
            if (p.isNumber()) return p.getAsLong();
            return p.getAsString();
        }

        /** The values of {@code keys}, absent ones as null, in the order of the keys. */
        Map<String, Object> fields(Iterable<String> keys) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String key : keys) out.put(key, get(key));
            return out;
        }

        long startTime() {
            Object t = get("start_time");
            return t instanceof Long l ? l : Long.MAX_VALUE;
        }
    }

    private final List<Log> logs;

    private CallLogs(List<Log> logs) {
        this.logs = logs;
    }

    /** Parses {@code capture} with Wirespan; {@code configYaml} (may be null) goes to {@code --config}. */
    static CallLogs parse(Path capture, Path work, String configYaml) {
        return parse(capture, work, configYaml, Runtime.getRuntime().availableProcessors());
    }

    /** With {@code workers} parsing threads ({@code parse --workers}). */
    static CallLogs parse(Path capture, Path work, String configYaml, int workers) {
        return parse(capture, work, configYaml, workers, List.of());
    }

    /** With more options of {@code parse}, e.g. {@code --wasm-plugin FILE}. */
    static CallLogs parse(Path capture, Path work, String configYaml, int workers, List<String> options) {
        try {
            Path out = work.resolve(capture.getFileName() + ".jsonl");
            List<String> args = new ArrayList<>(List.of("parse", "--format", "jsonl", "--workers", String.valueOf(workers),
                    "--out", out.toString()));
            args.addAll(options);
            if (configYaml != null) {
                Path config = work.resolve(capture.getFileName() + ".config.yaml");
                Files.writeString(config, configYaml);
                args.addAll(List.of("--config", config.toString()));
            }
            args.add(capture.toString());
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream savedErr = System.err;
            int code;
            try {
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                code = WirespanCommand.run(args.toArray(String[]::new));
            } finally {
                System.setErr(savedErr);
            }
            String summary = err.toString(StandardCharsets.UTF_8);
            if (code != 0) throw new AssertionError("wirespan " + String.join(" ", args) + " exited with " + code + ":\n" + summary);
            List<Log> logs = new ArrayList<>();
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                logs.add(new Log(line, JsonParser.parseString(line).getAsJsonObject()));
            }
            logs.sort(Comparator.comparingLong(Log::startTime));
            return new CallLogs(List.copyOf(logs));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Log> all() {
        return logs;
    }

    /** The call logs of one l7_protocol id, by start time. */
    List<Log> ofProtocol(long l7Protocol) {
        return where(l -> Long.valueOf(l7Protocol).equals(l.get("l7_protocol")));
    }

    List<Log> where(Predicate<Log> filter) {
        return logs.stream().filter(filter).toList();
    }

    /** The one call log matching {@code filter}; fails listing every call log otherwise. */
    Log only(String what, Predicate<Log> filter) {
        List<Log> found = where(filter);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " call logs for " + what + " (expected 1); all call logs:\n" + dump());
        }
        return found.get(0);
    }

    /** Both sides of every exchange were seen: each call log has a response duration and ends after it starts. */
    void assertTimed(org.assertj.core.api.SoftAssertions softly) {
        assertTimed(softly, log -> true);
    }

    /** As {@link #assertTimed(org.assertj.core.api.SoftAssertions)}, for the call logs {@code which} selects. */
    void assertTimed(org.assertj.core.api.SoftAssertions softly, Predicate<Log> which) {
        for (Log log : where(which)) {
            softly.assertThat(log.get("response_duration")).as("response_duration of\n" + log.line())
                    .isInstanceOf(Long.class).matches(d -> d instanceof Long us && us >= 0);
            softly.assertThat(log.get("end_time")).as("end_time of\n" + log.line())
                    .isInstanceOf(Long.class).matches(t -> t instanceof Long end && end >= log.startTime());
        }
    }

    String dump() {
        return logs.isEmpty() ? "(none)" : logs.stream().map(Log::line).collect(Collectors.joining("\n"));
    }
}
