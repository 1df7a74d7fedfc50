package io.wirespan.engine.pipeline;

import io.wirespan.engine.config.Config;
import io.wirespan.engine.config.ConfigException;
import io.wirespan.engine.config.ConfigKey;
import io.wirespan.engine.config.ConfigKeys;
import io.wirespan.engine.decode.DecodeConfig;
import io.wirespan.engine.decode.TunnelProtocol;
import io.wirespan.engine.flow.FlowConfig;
import io.wirespan.engine.tcp.ReassemblyConfig;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/** The settings of each packet-path stage, taken from the configuration file's keys. */
public record EngineSettings(DecodeConfig decode, FlowConfig flows, ReassemblyConfig reassembly) {

    public static final EngineSettings DEFAULTS = from(Config.defaults());

    public static EngineSettings from(Config config) {
        Set<TunnelProtocol> tunnels = EnumSet.noneOf(TunnelProtocol.class);
        for (int code : config.get(ConfigKeys.TUNNEL_DECAP_PROTOCOLS)) {
            tunnels.add(bind(ConfigKeys.TUNNEL_DECAP_PROTOCOLS, () -> TunnelProtocol.fromCode(code)));
        }
        DecodeConfig decode = bind(ConfigKeys.VXLAN_PORTS, () -> new DecodeConfig(
                tunnels,
                new HashSet<>(config.get(ConfigKeys.VXLAN_PORTS)),
                DecodeConfig.DEFAULTS.maxTunnelDepth(),
                config.get(ConfigKeys.IP_REASSEMBLY_MAX_DATAGRAMS),
                config.get(ConfigKeys.IP_REASSEMBLY_MAX_BYTES),
                config.get(ConfigKeys.IP_REASSEMBLY_TIMEOUT)));
        FlowConfig flows = bind(ConfigKeys.CONCURRENT_FLOW_LIMIT, () -> new FlowConfig(
                config.get(ConfigKeys.CONCURRENT_FLOW_LIMIT),
                micros(config.get(ConfigKeys.FLOW_TIMEOUT_ESTABLISHED)),
                micros(config.get(ConfigKeys.FLOW_TIMEOUT_CLOSING_RST)),
                micros(config.get(ConfigKeys.FLOW_TIMEOUT_OPENING_RST)),
                micros(config.get(ConfigKeys.FLOW_TIMEOUT_OTHERS))));
        ReassemblyConfig reassembly = bind(ConfigKeys.REASSEMBLY_MAX_BYTES_PER_DIRECTION, () -> new ReassemblyConfig(
                config.get(ConfigKeys.REASSEMBLY_MAX_BYTES_PER_DIRECTION),
                config.get(ConfigKeys.REASSEMBLY_MAX_SEGMENTS_PER_DIRECTION),
                config.get(ConfigKeys.REASSEMBLY_MAX_BYTES_TOTAL),
                micros(config.get(ConfigKeys.REASSEMBLY_HOLE_TIMEOUT))));
        return new EngineSettings(decode, flows, reassembly);
    }

    /** The settings of one of {@code shards} shards: the flow limit and the reassembly budget are shared out. */
    public EngineSettings dividedAmong(int shards) {
        if (shards == 1) return this;
        FlowConfig f = flows;
        ReassemblyConfig r = reassembly;
        return new EngineSettings(decode,
                new FlowConfig(Math.max(1, f.maxFlows() / shards), f.establishedTimeoutMicros(), f.closingRstTimeoutMicros(),
                        f.openingRstTimeoutMicros(), f.othersTimeoutMicros()),
                new ReassemblyConfig(r.maxBufferedBytesPerDirection(), r.maxBufferedSegmentsPerDirection(),
                        Math.max(r.maxBufferedBytesPerDirection(), r.maxBufferedBytesTotal() / shards), r.holeTimeoutMicros()));
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1000;
    }

    /** Stage records check their own invariants; a violation is reported against the YAML key. */
    private static <T> T bind(ConfigKey<?> key, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key.path() + ": " + e.getMessage(), e);
        }
    }
}
