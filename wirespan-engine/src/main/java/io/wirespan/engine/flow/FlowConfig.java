package io.wirespan.engine.flow;

/**
 * Limits and timeouts of a {@link FlowTable}. Timeouts are idle times in microseconds of packet
 * time, after DeepFlow's {@code processors.flow_log.conntrack.timeouts}; which state uses which
 * timeout is described on {@link FlowTable}.
 *
 * @param maxFlows open flows per table ({@code processors.flow_log.tunning.concurrent_flow_limit})
 * @param establishedTimeoutMicros established and half-closed TCP flows, and UDP flows
 *     ({@code timeouts.established}, 300 s)
 * @param closingRstTimeoutMicros linger after a RST on a flow that got past its handshake
 *     ({@code timeouts.closing_rst}, 35 s)
 * @param openingRstTimeoutMicros linger after a RST during the handshake ({@code timeouts.opening_rst}, 1 s)
 * @param othersTimeoutMicros unanswered or unfinished handshakes, and the linger after FIN from
 *     both sides ({@code timeouts.others}, 5 s)
 */
public record FlowConfig(
        int maxFlows,
        long establishedTimeoutMicros,
        long closingRstTimeoutMicros,
        long openingRstTimeoutMicros,
        long othersTimeoutMicros) {

    /** Above this the slot array (two slots per flow, a power of two) would not fit in a Java array. */
    public static final int MAX_FLOWS_LIMIT = 1 << 29;

    public static final FlowConfig DEFAULTS = new FlowConfig(65_535, 300_000_000L, 35_000_000L, 1_000_000L, 5_000_000L);

    public FlowConfig {
        if (maxFlows < 1 || maxFlows > MAX_FLOWS_LIMIT) {
            throw new IllegalArgumentException("maxFlows: " + maxFlows + " (expected: 1.." + MAX_FLOWS_LIMIT + ")");
        }
        requirePositive("establishedTimeoutMicros", establishedTimeoutMicros);
        requirePositive("closingRstTimeoutMicros", closingRstTimeoutMicros);
        requirePositive("openingRstTimeoutMicros", openingRstTimeoutMicros);
        requirePositive("othersTimeoutMicros", othersTimeoutMicros);
    }

    private static void requirePositive(String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: > 0)");
        }
    }
}
