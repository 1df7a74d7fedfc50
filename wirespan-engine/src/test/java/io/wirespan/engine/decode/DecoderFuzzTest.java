package io.wirespan.engine.decode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wirespan.engine.decode.PacketDecoder.Outcome;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Arbitrary bytes through {@link PacketDecoder}: nothing may escape, and a packet's payload view
 * must stay inside its array. Plain {@code mvn test} replays the seeds in
 * {@code src/test/resources/io/wirespan/engine/decode/DecoderFuzzTestInputs/<method>/}; run with
 * {@code JAZZER_FUZZ=1} to fuzz.
 */
class DecoderFuzzTest {
    /** Every supported link type plus one that is not. */
    private static final int[] LINK_TYPES = {1, 113, 276, 0, 108, 101, 12, 14, 228, 229, 147};
    /** Small bounds so that eviction, timeouts and nesting limits are reached. */
    private static final DecodeConfig TIGHT = new DecodeConfig(
            EnumSet.allOf(TunnelProtocol.class), Set.of(4789, 8472), 2, 4, 2 * 65535, Duration.ofSeconds(2));

    /** Input: one byte choosing the link type, then the frame. */
    @FuzzTest(maxDuration = "5m")
    void decodeOneFrame(byte[] input) {
        if (input.length == 0) return;
        PacketDecoder decoder = new PacketDecoder(TIGHT);
        DecodedPacket out = new DecodedPacket();
        int linkType = LINK_TYPES[(input[0] & 0xFF) % LINK_TYPES.length];
        Outcome outcome = decoder.decode(linkType, input, 1, input.length - 1, input.length - 1, 0, out);
        check(decoder, outcome, out);
    }

    /**
     * Input: a sequence of raw IP frames, each as a 2-byte length, a 1-byte clock step in tenths of a
     * second, then the frame; all through one decoder, so fragments meet each other.
     */
    @FuzzTest(maxDuration = "5m")
    void decodeFrameSequence(byte[] input) {
        PacketDecoder decoder = new PacketDecoder(TIGHT);
        DecodedPacket out = new DecodedPacket();
        long now = 0;
        int pos = 0;
        while (input.length - pos >= 3) {
            int length = Math.min(((input[pos] & 0xFF) << 8) | (input[pos + 1] & 0xFF), input.length - pos - 3);
            now += (input[pos + 2] & 0xFF) * 100_000L;
            pos += 3;
            check(decoder, decoder.decode(101, input, pos, length, length, now, out), out);
            pos += length;
        }
    }

    private static void check(PacketDecoder decoder, Outcome outcome, DecodedPacket out) {
        if ((outcome == Outcome.SKIPPED) != (decoder.lastSkipReason() != null)) {
            throw new AssertionError(outcome + " with skip reason " + decoder.lastSkipReason());
        }
        if (outcome != Outcome.PACKET) return;
        int offset = out.payloadOffset();
        int length = out.payloadLength();
        if (offset < 0 || length < 0 || offset > out.payload().length - length || out.missingBytes() < 0) {
            throw new AssertionError("payload view [" + offset + ", +" + length + ") missing " + out.missingBytes()
                    + " outside an array of " + out.payload().length);
        }
        if (out.l4Protocol() != DecodedPacket.TCP && out.l4Protocol() != DecodedPacket.UDP) {
            throw new AssertionError("protocol " + out.l4Protocol());
        }
        if (out.ipVersion() != 4 && out.ipVersion() != 6) throw new AssertionError("IP version " + out.ipVersion());
    }
}
