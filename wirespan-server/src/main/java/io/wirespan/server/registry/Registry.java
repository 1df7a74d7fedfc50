package io.wirespan.server.registry;

import io.wirespan.engine.config.Config;
import io.wirespan.engine.config.ConfigException;
import io.wirespan.engine.config.ConfigKeys;
import io.wirespan.store.DuckDbStore;
import io.wirespan.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The server's plugin registry and agent-group configuration, in tables of their own beside the
 * call logs: what {@code wirespan plugin create|list|delete} and {@code wirespan config get|set}
 * change, and what agents fetch. A group's configuration is YAML with DeepFlow's keys; the
 * plugins it names under {@code plugins.wasm_plugins} must be in the registry.
 */
public final class Registry {
    /** Names of plugins and groups: they appear in URLs, file names and YAML lists. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final String DEFAULT_GROUP = "default";

    private final DuckDbStore database;

    public Registry(DuckDbStore database) throws StoreException {
        this.database = database;
        try (Connection c = database.newConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS plugin (name VARCHAR PRIMARY KEY, type VARCHAR NOT NULL, image BLOB NOT NULL,"
                    + " size BIGINT NOT NULL, sha256 VARCHAR NOT NULL, created_at BIGINT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS agent_group_config (group_name VARCHAR PRIMARY KEY, yaml VARCHAR NOT NULL,"
                    + " revision BIGINT NOT NULL, updated_at BIGINT NOT NULL)");
        } catch (SQLException e) {
            throw new StoreException("cannot create the registry's tables: " + e.getMessage(), e);
        }
    }

    /** A registered plugin, without its image. Times are µs since the epoch. */
    public record Plugin(String name, String type, long size, String sha256, long createdAt) {}

    /** One group's configuration: the YAML as set, and a revision that grows with every change. */
    public record GroupConfig(String group, String yaml, long revision, long updatedAt) {
        public List<String> wasmPlugins() {
            return Config.parse(yaml, "group " + group).get(ConfigKeys.WASM_PLUGINS);
        }
    }

    /** What a request asked that the registry refuses; {@code conflict} for "exists" and "in use". */
    public static final class RefusedException extends Exception {
        private final boolean conflict;

        RefusedException(String message, boolean conflict) {
            super(message);
            this.conflict = conflict;
        }

        public boolean conflict() {
            return conflict;
        }
    }

    public List<Plugin> plugins() throws StoreException {
        return read("SELECT name, type, size, sha256, created_at FROM plugin ORDER BY name", List.of(), r -> {
            List<Plugin> plugins = new ArrayList<>();
            while (r.next()) plugins.add(new Plugin(r.getString(1), r.getString(2), r.getLong(3), r.getString(4), r.getLong(5)));
            return plugins;
        });
    }

    public Optional<byte[]> image(String name) throws StoreException {
        return read("SELECT image FROM plugin WHERE name = ?", List.of(name), r -> r.next() ? Optional.of(r.getBytes(1)) : Optional.empty());
    }

    /** Registers a plugin whose image the caller has checked. */
    public Plugin add(String name, String type, byte[] image) throws StoreException, RefusedException {
        requireName(name, "plugin");
        Plugin plugin = new Plugin(name, type, image.length, sha256(image), System.currentTimeMillis() * 1000);
        try (Connection c = database.newConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO plugin VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, plugin.name());
            insert.setString(2, plugin.type());
            insert.setBytes(3, image);
            insert.setLong(4, plugin.size());
            insert.setString(5, plugin.sha256());
            insert.setLong(6, plugin.createdAt());
            if (insert.executeUpdate() == 0) throw new RefusedException("a plugin named '" + name + "' exists: delete it first", true);
            return plugin;
        } catch (SQLException e) {
            throw new StoreException("cannot store plugin " + name + ": " + e.getMessage(), e);
        }
    }

    /** @return false when there was no such plugin */
    public boolean delete(String name) throws StoreException, RefusedException {
        for (GroupConfig group : configs()) {
            if (group.wasmPlugins().contains(name)) {
                throw new RefusedException("plugin '" + name + "' is in use by group '" + group.group() + "' (plugins.wasm_plugins)", true);
            }
        }
        return update("DELETE FROM plugin WHERE name = ?", name) > 0;
    }

    public List<GroupConfig> configs() throws StoreException {
        return read("SELECT group_name, yaml, revision, updated_at FROM agent_group_config ORDER BY group_name", List.of(), r -> {
            List<GroupConfig> groups = new ArrayList<>();
            while (r.next()) groups.add(new GroupConfig(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4)));
            return groups;
        });
    }

    /** A group's configuration; a group never set has the empty one (every key at its default), revision 0. */
    public GroupConfig config(String group) throws StoreException, RefusedException {
        requireName(group, "group");
        return read("SELECT group_name, yaml, revision, updated_at FROM agent_group_config WHERE group_name = ?", List.of(group),
                r -> r.next() ? new GroupConfig(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4))
                        : new GroupConfig(group, "", 0, 0));
    }

    /**
     * Sets a group's configuration after checking it as an agent would load it: known keys, valid
     * values, and only registered plugins.
     */
    public GroupConfig setConfig(String group, String yaml) throws StoreException, RefusedException {
        requireName(group, "group");
        List<String> wanted;
        try {
            wanted = Config.parse(yaml, "group " + group).get(ConfigKeys.WASM_PLUGINS);
        } catch (ConfigException e) {
            throw new RefusedException(e.getMessage(), false);
        }
        List<String> registered = plugins().stream().map(Plugin::name).toList();
        for (String plugin : wanted) {
            if (!registered.contains(plugin)) {
                throw new RefusedException("plugins.wasm_plugins names '" + plugin + "', which is not in the registry", false);
            }
        }
        long now = System.currentTimeMillis() * 1000;
        try (Connection c = database.newConnection();
             PreparedStatement upsert = c.prepareStatement("INSERT INTO agent_group_config VALUES (?, ?, 1, ?) ON CONFLICT (group_name)"
                     + " DO UPDATE SET yaml = excluded.yaml, revision = agent_group_config.revision + 1, updated_at = excluded.updated_at")) {
            upsert.setString(1, group);
            upsert.setString(2, yaml);
            upsert.setLong(3, now);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot store the configuration of group " + group + ": " + e.getMessage(), e);
        }
        return config(group);
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void requireName(String name, String what) throws RefusedException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new RefusedException(what + " name '" + name + "' is not 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit", false);
        }
    }

    @FunctionalInterface
    private interface RowReader<R> {
        R read(ResultSet rows) throws SQLException;
    }

    private <R> R read(String sql, List<String> parameters, RowReader<R> reader) throws StoreException {
        try (Connection c = database.newConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) statement.setString(i + 1, parameters.get(i));
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the registry: " + e.getMessage(), e);
        }
    }

    private int update(String sql, String parameter) throws StoreException {
        try (Connection c = database.newConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, parameter);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot change the registry: " + e.getMessage(), e);
        }
    }
}
