package io.wirespan.engine.protocol;

import io.wirespan.api.L7ProtocolProvider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What inference concluded per server endpoint (address, port, transport), so later flows to it
 * skip probing: DeepFlow's AppTable (reference §2.4). An endpoint that keeps failing is given up on
 * for a while. Entries expire after the TTL of packet time; the table is an LRU of bounded size.
 * The shards of a pipeline share one, under its lock: it is asked only while a flow is being
 * identified, not per packet.
 */
public final class VerdictCache {
    private static final int CAPACITY = 8192;

    private record Endpoint(long ipHi, long ipLo, int port, boolean udp) {}

    private static final class Verdict {
        L7ProtocolProvider provider; // null: no protocol found yet
        int failures;
        long lastMicros;
    }

    private final int maxFailures;
    private final long ttlMicros;
    private final Map<Endpoint, Verdict> verdicts = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Endpoint, Verdict> eldest) {
            return size() > CAPACITY;
        }
    };

    VerdictCache(int maxFailures, long ttlMicros) {
        this.maxFailures = maxFailures;
        this.ttlMicros = ttlMicros;
    }

    /** The protocol known for this server endpoint, or null. */
    synchronized L7ProtocolProvider known(long ipHi, long ipLo, int port, boolean udp, long nowMicros) {
        Verdict v = fresh(new Endpoint(ipHi, ipLo, port, udp), nowMicros);
        return v == null ? null : v.provider;
    }

    /** True when probing this endpoint failed so often that its flows are not probed for now. */
    synchronized boolean givenUp(long ipHi, long ipLo, int port, boolean udp, long nowMicros) {
        Verdict v = fresh(new Endpoint(ipHi, ipLo, port, udp), nowMicros);
        return v != null && v.provider == null && v.failures > maxFailures;
    }

    synchronized void found(long ipHi, long ipLo, int port, boolean udp, L7ProtocolProvider provider, long nowMicros) {
        Verdict v = verdicts.computeIfAbsent(new Endpoint(ipHi, ipLo, port, udp), e -> new Verdict());
        v.provider = provider;
        v.failures = 0;
        v.lastMicros = nowMicros;
    }

    synchronized void failed(long ipHi, long ipLo, int port, boolean udp, long nowMicros) {
        Verdict v = verdicts.computeIfAbsent(new Endpoint(ipHi, ipLo, port, udp), e -> new Verdict());
        if (v.provider != null) return; // one odd flow does not unlearn a protocol
        v.failures++;
        v.lastMicros = nowMicros;
    }

    private Verdict fresh(Endpoint endpoint, long nowMicros) {
        Verdict v = verdicts.get(endpoint);
        if (v != null && nowMicros - v.lastMicros > ttlMicros) {
            verdicts.remove(endpoint);
            return null;
        }
        return v;
    }
}
