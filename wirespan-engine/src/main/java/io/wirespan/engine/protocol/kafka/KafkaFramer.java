package io.wirespan.engine.protocol.kafka;

/**
 * Where one direction of a Kafka stream stands. It keeps state, never bytes (the engine offers
 * unconsumed bytes again): {@code HUNTING} at the start and after damage, where a frame start must
 * prove itself (a plausible request header, or a response whose correlation id is pending);
 * {@code IN_SYNC} once a frame was taken, where sizes are trusted; and, inside either, the bytes of
 * a frame's tail still to skip after its head was decoded, consumed as they arrive.
 */
final class KafkaFramer {
    private enum State { HUNTING, IN_SYNC }

    private State state = State.HUNTING;
    private long skipRemaining;

    boolean inSync() {
        return state == State.IN_SYNC;
    }

    boolean skipping() {
        return skipRemaining > 0;
    }

    /** Consumes up to {@code available} bytes of the frame tail being skipped; returns how many. */
    int skip(int available) {
        int n = (int) Math.min(skipRemaining, available);
        skipRemaining -= n;
        return n;
    }

    /** A frame of {@code frameBytes} (size field included) was taken with {@code available} bytes at hand; returns bytes to consume now. */
    int take(long frameBytes, int available) {
        state = State.IN_SYNC;
        if (frameBytes <= available) return (int) frameBytes;
        skipRemaining = frameBytes - available;
        return available;
    }

    /** The bytes at hand do not start a frame. */
    void lose() {
        state = State.HUNTING;
    }

    /**
     * Bytes were lost. Inside a skipped tail that still covers them nothing changes (the engine held
     * nothing, as a tail is consumed as it comes); otherwise the next frame start must be found again.
     */
    void gap(int missingBytes) {
        if (skipRemaining >= missingBytes && missingBytes >= 0 && skipRemaining > 0) {
            skipRemaining -= missingBytes;
            return;
        }
        skipRemaining = 0;
        state = State.HUNTING;
    }
}
