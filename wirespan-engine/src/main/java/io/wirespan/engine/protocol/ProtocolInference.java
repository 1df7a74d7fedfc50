package io.wirespan.engine.protocol;

import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.ParseContext;
import java.util.List;
import java.util.Map;

/**
 * Finds the protocol of a flow from its first payloads (reference §2): only enabled protocols, only
 * on their ports, in registry order, first match wins. A {@link SignatureIndex} per transport
 * first narrows the protocols to those whose {@link io.wirespan.api.PayloadSignature} the payload
 * satisfies, at a cost independent of how many are enabled; only those run their checks.
 */
final class ProtocolInference {
    /** A protocol that accepted a payload, and what it said the payload was. */
    record Match(L7ProtocolProvider provider, CheckResult verdict) {}

    private final SignatureIndex tcp;
    private final SignatureIndex udp;
    private final Map<L7ProtocolProvider, PortSet> ports;
    private final long[] candidates;
    private long checks;

    ProtocolInference(List<L7ProtocolProvider> enabled, Map<L7ProtocolProvider, PortSet> ports) {
        this.ports = ports;
        this.tcp = new SignatureIndex(enabled.stream().filter(L7ProtocolProvider::parsesTcp).toList(), false);
        this.udp = new SignatureIndex(enabled.stream().filter(L7ProtocolProvider::parsesUdp).toList(), true);
        this.candidates = new long[Math.max(tcp.words(), udp.words())];
    }

    /**
     * The first protocol that accepts this payload on this flow, or null.
     *
     * @param senderPort the port that sent the payload; {@code receiverPort} the one it went to
     */
    Match identify(Direction direction, byte[] data, int offset, int length, boolean udp, int senderPort,
                   int receiverPort, ParseContext context) {
        if (length < 1) return null;
        SignatureIndex index = udp ? this.udp : this.tcp;
        index.candidates(data, offset, length, candidates);
        for (int w = 0; w < index.words(); w++) {
            for (long bits = candidates[w]; bits != 0; bits &= bits - 1) {
                L7ProtocolProvider candidate = index.provider((w << 6) + Long.numberOfTrailingZeros(bits));
                CheckResult verdict = check(candidate, direction, data, offset, length, senderPort, receiverPort, context);
                if (verdict != null) return new Match(candidate, verdict);
            }
        }
        return null;
    }

    /** The candidate's verdict if it accepts the payload on these ports, else null. */
    private CheckResult check(L7ProtocolProvider candidate, Direction direction, byte[] data, int offset, int length,
                              int senderPort, int receiverPort, ParseContext context) {
        PortSet allowed = ports.get(candidate);
        if (!allowed.contains(senderPort) && !allowed.contains(receiverPort)) return null;
        checks++;
        CheckResult verdict;
        try {
            verdict = candidate.check(direction, data, offset, length, context);
        } catch (RuntimeException e) {
            return null; // a check must not throw; a broken one just does not match
        }
        if (verdict == null || !verdict.matched()) return null;
        // The server's port must be one the protocol is allowed on: the receiver of a request,
        // the sender of a response.
        int serverPort = verdict == CheckResult.REQUEST ? receiverPort : senderPort;
        return allowed.contains(serverPort) ? verdict : null;
    }

    /** How many times a protocol's check was called, to show what the signature index saves. */
    long checks() {
        return checks;
    }
}
