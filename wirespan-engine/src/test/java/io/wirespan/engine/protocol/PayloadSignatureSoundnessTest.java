package io.wirespan.engine.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.engine.config.Config;
import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.testing.CapturePackets;
import io.wirespan.engine.testing.Corpus;
import io.wirespan.engine.testing.Samples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A signature must be a necessary condition of its protocol's check: inference never runs the
 * check of a payload the signature rejects, so a signature stricter than its check would lose
 * flows. Every TCP and UDP payload of the corpus and the samples, whole and cut short, goes
 * through every built-in check in both directions.
 */
class PayloadSignatureSoundnessTest {
    private static final List<L7ProtocolProvider> BUILTIN = BuiltinProtocols.create(Config.defaults());
    private static final int[] CUTS = {1, 2, 4, 5, 6, 8, 13, 16, 24, 64};

    @Test
    void everyPayloadABuiltinCheckAcceptsSatisfiesItsSignature() {
        List<String> violations = new ArrayList<>();
        Map<String, long[]> acceptedAndSkipped = new TreeMap<>();
        long payloads = 0;
        for (Path capture : captures()) {
            for (DecodedPacket packet : CapturePackets.decode(capture)) {
                byte[] data = packet.payload();
                int offset = packet.payloadOffset(), length = packet.payloadLength();
                if (length == 0) continue;
                boolean udp = packet.l4Protocol() == DecodedPacket.UDP;
                for (int cut : lengthsOf(length)) {
                    payloads++;
                    for (L7ProtocolProvider p : BUILTIN) {
                        if (udp ? !p.parsesUdp() : !p.parsesTcp()) continue;
                        boolean signed = p.signature(udp).accepts(data, offset, cut);
                        long[] counts = acceptedAndSkipped.computeIfAbsent(p.configName(), n -> new long[3]);
                        counts[2]++;
                        if (!signed) counts[1]++;
                        for (Direction d : Direction.values()) {
                            if (!accepts(p, d, data, offset, cut, udp)) continue;
                            counts[0]++;
                            if (!signed && violations.size() < 20) {
                                violations.add(p.configName() + " accepts what its signature " + p.signature(udp)
                                        + " rejects: " + capture.getFileName() + " " + d + " " + hex(data, offset, Math.min(cut, 24)));
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("signature soundness: %d payloads; per protocol: accepted by its check, skipped by its signature, of%n",
                payloads);
        acceptedAndSkipped.forEach((name, c) -> System.out.printf("  %-12s %8d %9d %9d%n", name, c[0], c[1], c[2]));
        assertThat(violations).isEmpty();
        // and each signature does spare checks: at least a third of the payloads it could see
        assertThat(acceptedAndSkipped).allSatisfy((name, c) -> assertThat(c[1]).as(name).isGreaterThan(c[2] / 3));
    }

    /** Random bytes through every check: whatever a check accepts, its signature accepts too. */
    @FuzzTest(maxDuration = "10s")
    void aSignatureNeverRejectsWhatItsCheckAccepts(byte[] input) {
        if (input.length < 2) return;
        boolean udp = (input[0] & 1) != 0;
        Direction direction = (input[0] & 2) != 0 ? Direction.SERVER_TO_CLIENT : Direction.CLIENT_TO_SERVER;
        for (L7ProtocolProvider p : BUILTIN) {
            if (udp ? !p.parsesUdp() : !p.parsesTcp()) continue;
            if (accepts(p, direction, input, 1, input.length - 1, udp)) {
                assertThat(p.signature(udp).accepts(input, 1, input.length - 1))
                        .as("%s accepts %s", p.configName(), hex(input, 1, Math.min(input.length - 1, 24))).isTrue();
            }
        }
    }

    private static boolean accepts(L7ProtocolProvider p, Direction d, byte[] data, int offset, int length, boolean udp) {
        CheckResult verdict = p.check(d, data, offset, length, udp ? TestContext.udp() : TestContext.tcp());
        return verdict != null && verdict.matched();
    }

    private static int[] lengthsOf(int length) {
        return Stream.concat(Stream.of(length), Arrays.stream(CUTS).boxed().filter(c -> c < length))
                .mapToInt(Integer::intValue).toArray();
    }

    private static List<Path> captures() {
        return Stream.concat(Corpus.allPcaps().stream(), Samples.allPcaps().stream()).toList();
    }

    private static String hex(byte[] data, int offset, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) s.append(String.format("%02x", data[offset + i]));
        return s.toString();
    }
}
