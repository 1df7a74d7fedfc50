package io.wirespan.engine.capture;

/**
 * What a pcapng Interface Description Block says about the frames of one interface.
 *
 * @param timestampResolution the {@code if_tsresol} byte: a power of ten, or of two when the
 *     high bit is set, giving the fraction of a second one timestamp unit stands for
 * @param timestampOffsetSeconds the {@code if_tsoffset} option, added to every timestamp
 */
record InterfaceDescription(int linkType, long snapLength, int timestampResolution, long timestampOffsetSeconds) {
    static final int DEFAULT_RESOLUTION = 6;
    private static final int POWER_OF_TWO = 0x80;
    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L,
        1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L,
        100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L,
        1_000_000_000_000_000_000L,
    };

    /**
     * Converts a 64-bit unsigned timestamp in this interface's units to microseconds since the
     * epoch. Absurd resolutions from hostile files give absurd times, never an exception.
     */
    long toMicros(long units) {
        return scale(units) + timestampOffsetSeconds * 1_000_000;
    }

    private long scale(long units) {
        int exponent = timestampResolution & ~POWER_OF_TWO;
        if ((timestampResolution & POWER_OF_TWO) != 0) {
            return binaryFractionToMicros(units, exponent);
        }
        if (exponent == 6) {
            return units;
        }
        if (exponent < 6) {
            return units * POWERS_OF_TEN[6 - exponent];
        }
        // Finer than 10^-24 s, even the largest 64-bit count is under 2 µs: call it zero.
        return exponent - 6 < POWERS_OF_TEN.length ? Long.divideUnsigned(units, POWERS_OF_TEN[exponent - 6]) : 0;
    }

    /** units × 10^6 / 2^exponent, through a 128-bit product so no precision is lost. */
    private static long binaryFractionToMicros(long units, int exponent) {
        long low = units * 1_000_000;
        long high = Math.unsignedMultiplyHigh(units, 1_000_000);
        if (exponent == 0) {
            return low;
        }
        if (exponent < 64) {
            return (low >>> exponent) | (high << (64 - exponent));
        }
        return high >>> (exponent - 64);
    }
}
