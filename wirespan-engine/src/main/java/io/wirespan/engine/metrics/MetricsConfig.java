package io.wirespan.engine.metrics;

import java.util.List;

/**
 * Settings of a {@link RedMetrics} aggregator.
 *
 * @param windowSeconds window sizes, each aligned to the epoch (1 s and 60 s: DeepFlow's second
 *     and minute metrics); distinct and positive, kept sorted
 * @param latenessMicros how long past its end, in packet time, a window stays open for call logs
 *     that arrive late (a session is emitted when its response ends, after its start time)
 * @param maxKeys live (window, series) cells over all window sizes; logs of new series beyond it
 *     go to their window's per-protocol overflow row
 * @param relativeAccuracy α of the latency sketches
 * @param maxSketchBuckets bucket cap of each latency sketch
 */
public record MetricsConfig(
        List<Integer> windowSeconds,
        long latenessMicros,
        int maxKeys,
        double relativeAccuracy,
        int maxSketchBuckets) {

    public static final MetricsConfig DEFAULTS = new MetricsConfig(List.of(1, 60), 10_000_000L, 100_000,
            QuantileSketch.DEFAULT_RELATIVE_ACCURACY, QuantileSketch.DEFAULT_MAX_BUCKETS);

    public MetricsConfig {
        if (windowSeconds == null || windowSeconds.isEmpty()) {
            throw new IllegalArgumentException("windowSeconds: empty (expected: at least one window size)");
        }
        windowSeconds = windowSeconds.stream().sorted().toList();
        for (int i = 0; i < windowSeconds.size(); i++) {
            int seconds = windowSeconds.get(i);
            if (seconds <= 0) throw new IllegalArgumentException("windowSeconds: " + seconds + " (expected: > 0)");
            if (i > 0 && windowSeconds.get(i - 1) == seconds) {
                throw new IllegalArgumentException("windowSeconds: " + seconds + " given twice");
            }
        }
        if (latenessMicros < 0) {
            throw new IllegalArgumentException("latenessMicros: " + latenessMicros + " (expected: >= 0)");
        }
        if (maxKeys < 1) throw new IllegalArgumentException("maxKeys: " + maxKeys + " (expected: > 0)");
        if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
            throw new IllegalArgumentException("relativeAccuracy: " + relativeAccuracy + " (expected: 0 < α < 1)");
        }
        if (maxSketchBuckets < QuantileSketch.MIN_MAX_BUCKETS) {
            throw new IllegalArgumentException("maxSketchBuckets: " + maxSketchBuckets
                    + " (expected: >= " + QuantileSketch.MIN_MAX_BUCKETS + ")");
        }
    }
}
