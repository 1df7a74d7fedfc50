package io.wirespan.engine.metrics;

import io.wirespan.api.L7Protocol;
import java.util.Comparator;

/**
 * RED metrics of one series in one time window: the {@code application} row of call-log.md.
 * An overflow row ({@link #overflow()}) sums the series that did not fit under the key cap; it
 * has no {@code ip1}, {@code serverPort} (0) or {@code endpoint}. The latency fields
 * {@code rrtMax} and {@code rrtP*} are {@code null} when no call carried a response duration;
 * the percentiles are rounded to whole microseconds.
 *
 * @param windowSeconds window size
 * @param time window start, µs since the epoch
 */
public record MetricsRow(
        int windowSeconds,
        long time,
        L7Protocol l7Protocol,
        String ip1,
        int serverPort,
        String endpoint,
        boolean overflow,
        long request,
        long response,
        long clientError,
        long serverError,
        long timeout,
        long rrtSum,
        long rrtCount,
        Long rrtMax,
        Long rrtP50,
        Long rrtP90,
        Long rrtP99,
        long requestBytes,
        long responseBytes) {

    /** Drain order: time, window size, protocol, then ordinary rows before the overflow row, ip, port, endpoint. */
    public static final Comparator<MetricsRow> ORDER = Comparator.comparingLong(MetricsRow::time)
            .thenComparingInt(MetricsRow::windowSeconds)
            .thenComparingInt(r -> r.l7Protocol().id())
            .thenComparing(r -> r.l7Protocol().name())
            .thenComparing(MetricsRow::overflow)
            .thenComparing(MetricsRow::ip1, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingInt(MetricsRow::serverPort)
            .thenComparing(MetricsRow::endpoint, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** Client plus server errors (timeouts are counted apart), as call-log.md defines {@code error}. */
    public long error() {
        return clientError + serverError;
    }
}
