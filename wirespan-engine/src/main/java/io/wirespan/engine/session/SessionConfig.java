package io.wirespan.engine.session;

import io.wirespan.api.L7Protocol;
import java.util.Map;

/**
 * Pairing limits: how long a request waits for its response, per protocol (DeepFlow: DNS and TLS
 * 15 s, others 120 s; {@code processors.request_log.timeouts.session_aggregate}), and how many
 * requests may wait at once ({@code tunning.session_aggregate_max_entries}).
 *
 * @param timeoutsByProtocolId per protocol id, overriding {@code defaultTimeoutMicros}
 */
public record SessionConfig(long defaultTimeoutMicros, Map<Integer, Long> timeoutsByProtocolId, int maxPending) {

    public static final SessionConfig DEFAULTS = new SessionConfig(120_000_000L,
            Map.of(L7Protocol.DNS.id(), 15_000_000L, L7Protocol.TLS.id(), 15_000_000L), 65_536);

    public SessionConfig {
        if (defaultTimeoutMicros <= 0) throw new IllegalArgumentException("defaultTimeoutMicros: " + defaultTimeoutMicros);
        if (maxPending < 1) throw new IllegalArgumentException("maxPending: " + maxPending);
        timeoutsByProtocolId = Map.copyOf(timeoutsByProtocolId);
    }

    long timeoutMicros(L7Protocol protocol) {
        return timeoutsByProtocolId.getOrDefault(protocol.id(), defaultTimeoutMicros);
    }
}
