package io.wirespan.engine.capture;

import java.io.IOException;

/** A stream of captured frames: a capture file or a live interface. */
public interface PacketSource extends AutoCloseable {

    /**
     * Fills {@code packet} with the next frame.
     *
     * @return false at the end of the input
     * @throws CaptureFormatException when the input is truncated or corrupt; every frame before
     *     the damage has already been returned
     */
    boolean next(RawPacket packet) throws IOException;

    /** A name for messages: the file path or the interface. */
    String name();

    /** Bytes consumed so far, for progress reporting. */
    long position();

    /** Total bytes to read, or -1 when unknown (a pipe, a live interface). */
    long size();

    @Override
    void close() throws IOException;
}
