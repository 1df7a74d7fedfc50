package io.wirespan.engine.tcp;

/** Where a {@link TcpReassembler} sends the in-order stream of one direction. */
public interface StreamSink {
    /** In-order bytes; a view valid only during the call. */
    void onData(byte[] data, int offset, int length, long timestampMicros);

    /** The stream skipped {@code missingBytes} that will never be delivered; data after the hole follows. */
    void onGap(int missingBytes, long timestampMicros);
}
