package io.wirespan.engine.capture;

import io.wirespan.engine.testing.Hex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A copy of what one {@link RawPacket} said, for comparing whole captures in tests. */
record Frame(long timestampMicros, int capturedLength, int originalLength, int linkType, int interfaceId, String data) {

    static Frame copyOf(RawPacket packet) {
        return new Frame(packet.timestampMicros(), packet.capturedLength(), packet.originalLength(),
                packet.linkType(), packet.interfaceId(), Hex.of(packet.data(), packet.offset(), packet.capturedLength()));
    }

    static List<Frame> readAll(PacketSource source) throws IOException {
        List<Frame> frames = new ArrayList<>();
        RawPacket packet = new RawPacket();
        while (source.next(packet)) {
            frames.add(copyOf(packet));
        }
        return frames;
    }
}
