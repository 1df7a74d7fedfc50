package io.wirespan.engine.config;

/** A configuration file that cannot be used: unreadable, not YAML, an unknown key or a bad value. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
