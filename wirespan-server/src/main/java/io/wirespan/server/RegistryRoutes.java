package io.wirespan.server;

import io.javalin.http.Context;
import io.wirespan.server.registry.Registry;
import io.wirespan.store.CallLogStore;
import io.wirespan.store.QueryLimits;
import io.wirespan.store.StoreException;
import io.wirespan.wasm.CallWatchdog;
import io.wirespan.wasm.PluginLimits;
import io.wirespan.wasm.PluginLoadException;
import io.wirespan.wasm.WasmPlugin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plugin registry and the agent groups' configuration over HTTP: DeepFlow's ctl shape
 * (create, list, delete; a group's YAML), and the endpoint agents poll, answered with an ETag so
 * that an unchanged configuration costs a 304.
 */
final class RegistryRoutes {
    /** The largest plugin accepted, as the agent's own limit. */
    static final int MAX_PLUGIN_BYTES = (int) PluginLimits.DEFAULTS.maxModuleBytes();
    static final String YAML = "application/yaml; charset=utf-8";

    private final Registry registry;
    private final CallLogStore store;
    private final QueryLimits limits;
    private final Auth auth;

    RegistryRoutes(Registry registry, CallLogStore store, QueryLimits limits, Auth auth) {
        this.registry = registry;
        this.store = store;
        this.limits = limits;
        this.auth = auth;
    }

    /** A plugin as listed: the registry's entry and how many stored call logs it produced or rewrote. */
    record ListedPlugin(String name, String type, long size, String sha256, long createdAt, long callLogs) {}

    void list(Context ctx) throws StoreException {
        Map<String, Long> produced = new HashMap<>();
        for (List<Object> row : store.query("SELECT plugin, count(*) FROM l7_flow_log WHERE plugin IS NOT NULL GROUP BY plugin",
                List.of(), limits).rows()) {
            produced.put((String) row.get(0), ((Number) row.get(1)).longValue());
        }
        List<ListedPlugin> listed = new ArrayList<>();
        for (Registry.Plugin p : registry.plugins()) {
            listed.add(new ListedPlugin(p.name(), p.type(), p.size(), p.sha256(), p.createdAt(), produced.getOrDefault(p.name(), 0L)));
        }
        ctx.json(listed);
    }

    void create(Context ctx) throws StoreException {
        auth.require(ctx);
        String name = ctx.queryParam("name");
        String type = ctx.queryParam("type") == null ? "wasm" : ctx.queryParam("type");
        if (!type.equals("wasm")) {
            throw ApiException.badRequest("type '" + type + "' is not served: agents load wasm plugins from the registry"
                    + " (Java plugins load from an agent's --plugin-dir)");
        }
        byte[] image = ctx.bodyAsBytes();
        if (image.length == 0) throw ApiException.badRequest("the body is empty: send the .wasm file");
        if (image.length > MAX_PLUGIN_BYTES) throw new ApiException(413, "the plugin is larger than " + MAX_PLUGIN_BYTES + " bytes");
        // Loaded as an agent would load it, so that what the registry hands out is known to start.
        try (CallWatchdog watchdog = new CallWatchdog(); WasmPlugin ignored = WasmPlugin.load(String.valueOf(name), image, PluginLimits.DEFAULTS, watchdog)) {
            // started and closed again
        } catch (PluginLoadException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        try {
            ctx.status(201).json(registry.add(name, type, image));
        } catch (Registry.RefusedException e) {
            throw refused(e);
        }
    }

    void image(Context ctx) throws StoreException {
        String name = ctx.pathParam("name");
        byte[] image = registry.image(name).orElseThrow(() -> new ApiException(404, "no plugin named '" + name + "'"));
        String etag = "\"" + Registry.sha256(image) + "\"";
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.header("ETag", etag).contentType("application/wasm").result(image);
    }

    void delete(Context ctx) throws StoreException {
        auth.require(ctx);
        String name = ctx.pathParam("name");
        try {
            if (!registry.delete(name)) throw new ApiException(404, "no plugin named '" + name + "'");
        } catch (Registry.RefusedException e) {
            throw refused(e);
        }
        ctx.json(Map.of("deleted", name));
    }

    void getConfig(Context ctx) throws StoreException {
        Registry.GroupConfig config = groupConfig(ctx.pathParam("group"));
        ctx.header("ETag", etag(config)).header("X-Wirespan-Revision", Long.toString(config.revision())).contentType(YAML).result(config.yaml());
    }

    void setConfig(Context ctx) throws StoreException {
        auth.require(ctx);
        try {
            Registry.GroupConfig config = registry.setConfig(ctx.pathParam("group"), ctx.body());
            ctx.header("ETag", etag(config)).json(Map.of("group", config.group(), "revision", config.revision()));
        } catch (Registry.RefusedException e) {
            throw refused(e);
        }
    }

    /** What an agent of a group runs: the configuration and the plugins it names, with where to fetch each. */
    record AgentConfig(String group, long revision, String config, List<AgentPlugin> plugins) {}

    record AgentPlugin(String name, String type, long size, String sha256, String url) {}

    void agentConfig(Context ctx) throws StoreException {
        String group = ctx.queryParam("group") == null ? Registry.DEFAULT_GROUP : ctx.queryParam("group");
        Registry.GroupConfig config = groupConfig(group);
        Map<String, Registry.Plugin> registered = new HashMap<>();
        for (Registry.Plugin p : registry.plugins()) registered.put(p.name(), p);
        List<AgentPlugin> plugins = new ArrayList<>();
        StringBuilder identity = new StringBuilder(config.yaml()).append('\n');
        for (String name : config.wasmPlugins()) {
            Registry.Plugin p = registered.get(name);
            if (p == null) continue; // deleting a plugin in use is refused; this is a race at worst
            plugins.add(new AgentPlugin(p.name(), p.type(), p.size(), p.sha256(), "/v1/plugins/" + p.name() + "/image"));
            identity.append(p.name()).append(' ').append(p.sha256()).append('\n');
        }
        String etag = "\"" + Registry.sha256(identity.toString()) + "\"";
        ctx.header("ETag", etag);
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.json(new AgentConfig(config.group(), config.revision(), config.yaml(), plugins));
    }

    private Registry.GroupConfig groupConfig(String group) throws StoreException {
        try {
            return registry.config(group);
        } catch (Registry.RefusedException e) {
            throw refused(e);
        }
    }

    private static String etag(Registry.GroupConfig config) {
        return "\"" + Registry.sha256(config.yaml()) + "\"";
    }

    private static ApiException refused(Registry.RefusedException e) {
        return new ApiException(e.conflict() ? 409 : 400, e.getMessage());
    }
}
