package io.wirespan.engine.capture.live;

/**
 * How a live handle is opened.
 *
 * @param snapLength bytes kept of each frame
 * @param promiscuous whether the interface also passes frames not addressed to this host
 * @param immediate whether frames are handed over as they arrive rather than in blocks; each frame
 *     then takes a block of the kernel's ring to itself, so a burst fills a small buffer quickly
 * @param bufferBytes the kernel's capture ring; frames that find it full are dropped and counted
 * @param timeoutMillis how long a read waits for frames before returning to check for a stop
 */
public record LiveOptions(int snapLength, boolean promiscuous, boolean immediate, int bufferBytes, int timeoutMillis) {
    /**
     * DeepFlow's snap length (65,535), promiscuous, frames in blocks handed over at least every
     * 100 ms, a 32 MiB ring: throughput first, as an agent wants.
     */
    public static final LiveOptions DEFAULTS = new LiveOptions(65_535, true, false, 32 << 20, 100);

    public LiveOptions {
        if (snapLength < 64 || snapLength > 262_144) {
            throw new IllegalArgumentException("snap length: " + snapLength + " (expected: 64..262144)");
        }
        if (bufferBytes < 65_536) throw new IllegalArgumentException("buffer: " + bufferBytes + " (expected: >= 65536)");
        if (timeoutMillis < 1) throw new IllegalArgumentException("timeout: " + timeoutMillis + " ms (expected: >= 1)");
    }
}
