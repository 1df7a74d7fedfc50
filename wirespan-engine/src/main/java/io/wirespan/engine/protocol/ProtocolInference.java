package io.wirespan.engine.protocol;

import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.ParseContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the protocol of a flow from its first payloads (reference §2): only enabled protocols, only
 * on their ports, in registry order, first match wins. Candidates are indexed by the payload's
 * first byte ({@link io.wirespan.api.FirstBytes}), so a payload is checked only by the protocols
 * that could start with it: the cost grows with the candidates for that byte, not with the number
 * of protocols enabled.
 */
final class ProtocolInference {
    /** A protocol that accepted a payload, and what it said the payload was. */
    record Match(L7ProtocolProvider provider, CheckResult verdict) {}

    private final L7ProtocolProvider[][] tcpByFirstByte = new L7ProtocolProvider[256][];
    private final L7ProtocolProvider[][] udpByFirstByte = new L7ProtocolProvider[256][];
    private final Map<L7ProtocolProvider, PortSet> ports;
    private long checks;

    ProtocolInference(List<L7ProtocolProvider> enabled, Map<L7ProtocolProvider, PortSet> ports) {
        this.ports = ports;
        for (int b = 0; b < 256; b++) {
            List<L7ProtocolProvider> tcp = new ArrayList<>(), udp = new ArrayList<>();
            for (L7ProtocolProvider p : enabled) {
                if (!p.firstBytes().contains(b)) continue;
                if (p.parsesTcp()) tcp.add(p);
                if (p.parsesUdp()) udp.add(p);
            }
            tcpByFirstByte[b] = tcp.toArray(L7ProtocolProvider[]::new);
            udpByFirstByte[b] = udp.toArray(L7ProtocolProvider[]::new);
        }
    }

    /**
     * The first protocol that accepts this payload on this flow, or null.
     *
     * @param senderPort the port that sent the payload; {@code receiverPort} the one it went to
     */
    Match identify(Direction direction, byte[] data, int offset, int length, boolean udp, int senderPort,
                   int receiverPort, ParseContext context) {
        if (length < 1) return null;
        L7ProtocolProvider[] candidates = (udp ? udpByFirstByte : tcpByFirstByte)[data[offset] & 0xFF];
        for (L7ProtocolProvider candidate : candidates) {
            PortSet allowed = ports.get(candidate);
            if (!allowed.contains(senderPort) && !allowed.contains(receiverPort)) continue;
            checks++;
            CheckResult verdict;
            try {
                verdict = candidate.check(direction, data, offset, length, context);
            } catch (RuntimeException e) {
                continue; // a check must not throw; a broken one just does not match
            }
            if (verdict == null || !verdict.matched()) continue;
            // The server's port must be one the protocol is allowed on: the receiver of a request,
            // the sender of a response.
            int serverPort = verdict == CheckResult.REQUEST ? receiverPort : senderPort;
            if (!allowed.contains(serverPort)) continue;
            return new Match(candidate, verdict);
        }
        return null;
    }

    /** How many times a protocol's check was called, to show what the first-byte index saves. */
    long checks() {
        return checks;
    }
}
