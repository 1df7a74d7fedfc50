package io.wirespan.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Arbitrary bytes through {@link CaptureFiles#open}: the only outcomes allowed are a clean end and
 * a {@link CaptureFormatException}; anything else thrown is a finding. Plain {@code mvn test}
 * replays the seeds in {@code CaptureReadersFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1}
 * fuzzes one method for its {@code maxDuration}.
 */
class CaptureReadersFuzzTest {
    /** Small enough that most records straddle or outgrow it. */
    private static final int TINY_BUFFER = 16;

    @FuzzTest(maxDuration = "20s")
    void readsArbitraryBytesWithoutUnexpectedFailure(byte[] input) throws IOException {
        drain(input, ChannelInput.capacityFor(input.length));
    }

    @FuzzTest(maxDuration = "20s")
    void readsArbitraryBytesThroughATinyBufferWithoutUnexpectedFailure(byte[] input) throws IOException {
        drain(input, TINY_BUFFER);
    }

    private static void drain(byte[] input, int bufferCapacity) throws IOException {
        PacketSource source;
        try {
            source = CaptureFiles.open("fuzz", InMemory.channel(input), input.length, bufferCapacity);
        } catch (CaptureFormatException expected) {
            return;
        }
        try (source) {
            RawPacket packet = new RawPacket();
            long position = source.position();
            while (source.next(packet)) {
                // Plain checks: AssertJ per packet would cost more than the reader under test.
                if (packet.offset() < 0 || packet.capturedLength() < 0
                        || (long) packet.offset() + packet.capturedLength() > packet.data().length) {
                    throw new AssertionError("frame outside its buffer: offset " + packet.offset() + ", length "
                            + packet.capturedLength() + ", buffer " + packet.data().length);
                }
                if (source.position() <= position || source.position() > input.length) {
                    throw new AssertionError("position went from " + position + " to " + source.position());
                }
                position = source.position();
            }
        } catch (CaptureFormatException expected) {
            assertThat(expected.offset()).isBetween(0L, (long) input.length);
        }
    }
}
