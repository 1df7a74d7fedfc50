package io.wirespan.engine.config;

import java.util.Objects;

/** One setting: its dotted YAML path (DeepFlow's name where DeepFlow has one), type and default. */
public record ConfigKey<T>(String path, ValueType<T> type, T defaultValue) {
    public ConfigKey {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
    }
}
