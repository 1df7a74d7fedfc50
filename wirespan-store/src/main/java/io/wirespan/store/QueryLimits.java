package io.wirespan.store;

import java.time.Duration;

/** How much one read-only query may return and how long it may run. */
public record QueryLimits(int maxRows, Duration timeout) {
    public QueryLimits {
        if (maxRows < 1) throw new IllegalArgumentException("maxRows must be at least 1: " + maxRows);
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
}
