package io.wirespan.engine.protocol;

import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.MessageHook;
import io.wirespan.api.ParserSettings;
import io.wirespan.engine.config.Config;
import io.wirespan.engine.config.ConfigException;
import io.wirespan.engine.config.ConfigKey;
import io.wirespan.engine.config.ConfigKeys;
import io.wirespan.engine.session.SessionConfig;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The protocol engine's settings, bound from the configuration against the registry, so a
 * protocol name that no parser answers to is reported with its key.
 *
 * @param enabled the providers inference may try, in registry order
 * @param ports per enabled provider, the server ports it is tried on
 * @param maxBufferedBytes bytes of one direction kept for a parser between calls (an incomplete
 *     header, say); beyond it they are dropped as a gap
 * @param hooks what sees messages after their parser, in order (the Wasm plugins' HTTP hooks)
 * @param verdicts what inference learned per server endpoint: not a setting but the one piece of
 *     engine state the shards of a pipeline share, so that a flow is identified alike whichever
 *     shard it lands on
 */
public record L7Settings(
        ParserSettings parser,
        Set<String> obfuscated,
        List<L7ProtocolProvider> enabled,
        Map<L7ProtocolProvider, PortSet> ports,
        int maxCheckAttemptsPerFlow,
        int maxBufferedBytes,
        SessionConfig sessions,
        List<MessageHook> hooks,
        VerdictCache verdicts) {

    public L7Settings {
        hooks = List.copyOf(hooks);
    }

    public static L7Settings from(Config config, ProtocolRegistry registry) {
        return from(config, registry, List.of());
    }

    public static L7Settings from(Config config, ProtocolRegistry registry, List<MessageHook> hooks) {
        Set<String> enabledNames = new HashSet<>(knownNames(config, ConfigKeys.ENABLED_PROTOCOLS, registry));
        // As in DeepFlow, "Custom" enables the plugins.
        boolean plugins = enabledNames.contains("Custom");
        List<L7ProtocolProvider> enabled = registry.providers().stream()
                .filter(p -> enabledNames.contains(p.configName()) || (plugins && registry.isPlugin(p))).toList();

        Map<String, String> prefilters = config.get(ConfigKeys.PORT_NUMBER_PREFILTERS);
        for (String name : prefilters.keySet()) requireKnown(ConfigKeys.PORT_NUMBER_PREFILTERS, name, registry);
        Map<L7ProtocolProvider, PortSet> ports = new LinkedHashMap<>();
        for (L7ProtocolProvider p : enabled) {
            String text = prefilters.getOrDefault(p.configName(), p.defaultPorts());
            try {
                ports.put(p, PortSet.parse(text));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(ConfigKeys.PORT_NUMBER_PREFILTERS.path() + "." + p.configName() + ": " + e.getMessage());
            }
        }

        Map<Integer, Long> timeouts = new HashMap<>(SessionConfig.DEFAULTS.timeoutsByProtocolId());
        for (ConfigKeys.SessionTimeout t : config.get(ConfigKeys.SESSION_AGGREGATE)) {
            requireKnown(ConfigKeys.SESSION_AGGREGATE, t.protocol(), registry);
            L7ProtocolProvider p = registry.byConfigName(t.protocol());
            if (p != null) timeouts.put(p.protocol().id(), t.timeout().toNanos() / 1000);
        }
        SessionConfig sessions = new SessionConfig(SessionConfig.DEFAULTS.defaultTimeoutMicros(), timeouts,
                config.get(ConfigKeys.SESSION_AGGREGATE_MAX_ENTRIES));

        ParserSettings parser = new ParserSettings(
                config.get(ConfigKeys.PAYLOAD_TRUNCATION),
                config.get(ConfigKeys.APM_TRACE_ID),
                config.get(ConfigKeys.APM_SPAN_ID),
                config.get(ConfigKeys.X_REQUEST_ID),
                config.get(ConfigKeys.HTTP_REAL_CLIENT),
                false,
                Map.of());
        return new L7Settings(parser, Set.copyOf(knownNames(config, ConfigKeys.OBFUSCATE_PROTOCOLS, registry)), enabled,
                ports, 16,
                Math.max(256 * 1024, config.get(ConfigKeys.PAYLOAD_TRUNCATION) * 4), sessions, hooks,
                new VerdictCache(config.get(ConfigKeys.INFERENCE_MAX_RETRIES),
                        config.get(ConfigKeys.INFERENCE_RESULT_TTL).toNanos() / 1000));
    }

    /** The settings a parser of this protocol gets. */
    ParserSettings parserSettingsFor(L7ProtocolProvider provider) {
        return parser.withObfuscate(obfuscated.contains(provider.configName()));
    }

    private static List<String> knownNames(Config config, ConfigKey<List<String>> key, ProtocolRegistry registry) {
        List<String> names = config.get(key);
        for (String name : names) requireKnown(key, name, registry);
        return names;
    }

    /** DeepFlow names of parsers Wirespan lacks are accepted (a DeepFlow file carries over); anything else is a mistake. */
    private static void requireKnown(ConfigKey<?> key, String name, ProtocolRegistry registry) {
        if (registry.byConfigName(name) == null && !ProtocolRegistry.DEEPFLOW_NAMES.contains(name)) {
            throw new ConfigException(key.path() + ": unknown protocol \"" + name + "\" (known: "
                    + registry.providers().stream().map(L7ProtocolProvider::configName).toList() + ")");
        }
    }
}
