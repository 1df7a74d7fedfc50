package io.wirespan.engine.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The validated settings of one run: every {@link ConfigKeys} entry, from the YAML file where it
 * sets one, else the default. Immutable; loaded once at startup and handed to the stages.
 */
public final class Config {
    private static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
    private static final Map<String, ConfigKey<?>> KEYS_BY_PATH = indexKeys();

    private final Map<ConfigKey<?>, Object> values;

    private Config(Map<ConfigKey<?>, Object> values) {
        this.values = Map.copyOf(values);
    }

    public static Config defaults() {
        return new Config(Map.of());
    }

    public <T> T get(ConfigKey<T> key) {
        Object value = values.get(key);
        @SuppressWarnings("unchecked")
        T typed = value == null ? key.defaultValue() : (T) value;
        return typed;
    }

    /** This configuration with every key {@code overrides} sets taken from it instead. */
    public Config with(Config overrides) {
        Map<ConfigKey<?>, Object> merged = new HashMap<>(values);
        merged.putAll(overrides.values);
        return new Config(merged);
    }

    /** Reads a YAML file; every problem is a {@link ConfigException} naming the file and the key. */
    public static Config load(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) throw new ConfigException(file + ": larger than " + MAX_FILE_BYTES + " bytes");
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return parse(text, file.toString());
    }

    public static Config parse(String yaml, String sourceName) {
        Object root;
        try {
            LoadSettings settings = LoadSettings.builder()
                    .setAllowDuplicateKeys(false)
                    .setMaxAliasesForCollections(50)
                    .setLabel(sourceName)
                    .build();
            root = new Load(settings).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new ConfigException(sourceName + ": not valid YAML: " + firstLine(e.getMessage()), e);
        }
        Map<ConfigKey<?>, Object> values = new HashMap<>();
        if (root == null) return new Config(values);
        if (!(root instanceof Map<?, ?> top)) throw new ConfigException(sourceName + ": expected a mapping at the top level");
        try {
            collect("", top, values);
        } catch (ConfigException e) {
            throw new ConfigException(sourceName + ": " + e.getMessage(), e);
        }
        return new Config(values);
    }

    private static void collect(String prefix, Map<?, ?> node, Map<ConfigKey<?>, Object> values) {
        for (Map.Entry<?, ?> entry : node.entrySet()) {
            String path = prefix + entry.getKey();
            Object raw = entry.getValue();
            ConfigKey<?> key = KEYS_BY_PATH.get(path);
            if (key != null) {
                if (raw == null) throw new ConfigException(path + ": no value given");
                values.put(key, key.type().parse(path, raw));
            } else if (isSection(path)) {
                if (raw instanceof Map<?, ?> child) {
                    collect(path + ".", child, values);
                } else if (raw != null) {
                    throw new ConfigException(path + ": expected a section (a mapping), got " + raw);
                }
            } else {
                throw new ConfigException(path + ": unknown key" + suggestion(path));
            }
        }
    }

    private static boolean isSection(String path) {
        String asPrefix = path + ".";
        for (String known : KEYS_BY_PATH.keySet()) {
            if (known.startsWith(asPrefix)) return true;
        }
        return false;
    }

    /** The known key or section closest to a misspelt one, within a few edits. */
    private static String suggestion(String path) {
        TreeSet<String> candidates = new TreeSet<>();
        for (String known : KEYS_BY_PATH.keySet()) {
            String[] parts = known.split("\\.");
            StringBuilder partial = new StringBuilder();
            for (String part : parts) {
                if (!partial.isEmpty()) partial.append('.');
                partial.append(part);
                candidates.add(partial.toString());
            }
        }
        String best = null;
        int bestDistance = 4;
        for (String candidate : candidates) {
            int d = editDistance(path, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static Map<String, ConfigKey<?>> indexKeys() {
        Map<String, ConfigKey<?>> byPath = new HashMap<>();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            if (byPath.put(key.path(), key) != null) throw new IllegalStateException("duplicate config key " + key.path());
        }
        return Map.copyOf(byPath);
    }

    private static String firstLine(String message) {
        if (message == null) return "syntax error";
        return List.of(message.split("\n")).stream().map(String::strip).filter(s -> !s.isEmpty())
                .reduce((a, b) -> a + "; " + b).orElse("syntax error");
    }
}
