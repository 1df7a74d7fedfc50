package io.wirespan.engine.capture;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;

/** Captures held in a byte array, read the way a file is. */
final class InMemory {
    private InMemory() {}

    static PacketSource open(String name, byte[] bytes) throws IOException {
        return CaptureFiles.open(name, channel(bytes), bytes.length);
    }

    static ReadableByteChannel channel(byte[] bytes) {
        return Channels.newChannel(new ByteArrayInputStream(bytes));
    }
}
