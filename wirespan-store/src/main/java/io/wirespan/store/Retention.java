package io.wirespan.store;

import java.time.Duration;

/**
 * How long rows are kept, by table, with DeepFlow's defaults: call logs 72 hours
 * ({@code flow-log-ttl-hour.l7-flow-log}), 1-second metrics 24 hours and 1-minute metrics 168
 * hours ({@code flow-metrics-ttl-hour.vtap-app-1s}, {@code vtap-app-1m}).
 */
public record Retention(Duration callLogs, Duration metrics1s, Duration metrics1m) {
    public static final Retention DEEPFLOW_DEFAULTS = new Retention(Duration.ofHours(72), Duration.ofHours(24), Duration.ofHours(168));

    public Retention {
        for (Duration d : new Duration[] {callLogs, metrics1s, metrics1m}) {
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("a retention must be positive, not " + d);
        }
    }
}
