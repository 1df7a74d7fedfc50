package io.wirespan.engine.metrics;

import io.wirespan.api.CallLog;
import io.wirespan.api.L7Protocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Aggregates call logs into RED rows ({@link MetricsRow}) per time window and per series
 * {@code (l7_protocol, ip_1, server_port, endpoint)}, counting as call-log.md's "Application
 * metrics" table says: {@code request} = sessions + lone requests, {@code response} = sessions +
 * lone responses, {@code client_error}/{@code server_error}/{@code timeout} by response status,
 * latency from {@code response_duration} when present, bytes from the captured bytes.
 *
 * <p><b>Windows.</b> A log counts in the window holding its {@code start_time}, one window per
 * configured size, aligned to the epoch. A window [s, s + w) is finished once the watermark (packet
 * time, handed to {@link #drain}) reaches s + w + lateness. A log whose window was already drained
 * (typically a lone request that timed out, emitted a session timeout after it started) counts in
 * the oldest window still open, near the time the timeout was seen, as DeepFlow counts timeouts
 * when they are popped; {@link #lateLogs()} counts these. So a window is never emitted twice.
 *
 * <p><b>Bound.</b> At most {@code maxKeys} live (window, series) cells over all window sizes. A log
 * of a new series beyond that is counted in its window's overflow row for its protocol (no ip,
 * port or endpoint; at most one per protocol per window) and in {@link #overflowLogs()}.
 *
 * <p>The protocol part of a series is the whole {@link L7Protocol} (id and name), so two plugin
 * protocols sharing id 127 stay apart. Not thread-safe: one aggregator per pipeline thread.
 */
public final class RedMetrics {
    private final MetricsConfig config;
    private final WindowSize[] sizes;
    private int liveKeys;
    private int cappedKeys;
    private long overflowLogs;
    private long lateLogs;

    public RedMetrics() {
        this(MetricsConfig.DEFAULTS);
    }

    public RedMetrics(MetricsConfig config) {
        this.config = config;
        this.sizes = new WindowSize[config.windowSeconds().size()];
        for (int i = 0; i < sizes.length; i++) sizes[i] = new WindowSize(config.windowSeconds().get(i));
    }

    public void accept(CallLog log) {
        Series series = new Series(log.l7Protocol(), log.ip1(), log.serverPort(), log.endpoint());
        for (WindowSize size : sizes) {
            long start = Math.floorDiv(log.startTime(), size.micros) * size.micros;
            if (start < size.openFrom) {
                start = size.openFrom;
                lateLogs++;
            }
            Window window = size.window(start);
            Cell cell = window.cells.get(series);
            if (cell == null) {
                if (cappedKeys >= config.maxKeys()) {
                    cell = window.overflowCell(log.l7Protocol());
                    overflowLogs++;
                } else {
                    cell = new Cell();
                    window.cells.put(series, cell);
                    cappedKeys++;
                    liveKeys++;
                }
            }
            cell.add(log);
        }
    }

    /**
     * Removes and returns the rows of every window finished at {@code watermarkMicros} (packet
     * time), sorted by {@link MetricsRow#ORDER}. Cheap when nothing is finished, so it may be called
     * per packet; a watermark lower than an earlier one changes nothing.
     */
    public List<MetricsRow> drain(long watermarkMicros) {
        List<MetricsRow> rows = new ArrayList<>();
        for (WindowSize size : sizes) {
            // The first window start s with s + w + lateness > watermark; saturate near Long.MIN_VALUE.
            long horizon = watermarkMicros < Long.MIN_VALUE + config.latenessMicros()
                    ? Long.MIN_VALUE : watermarkMicros - config.latenessMicros();
            long openFrom = Math.floorDiv(horizon, size.micros) * size.micros;
            if (openFrom > size.openFrom) size.openFrom = openFrom;
            while (!size.open.isEmpty() && size.open.firstKey() < size.openFrom) {
                emit(size, size.open.pollFirstEntry().getValue(), rows);
            }
        }
        rows.sort(MetricsRow.ORDER);
        return rows;
    }

    /** Removes and returns every row, at the end of input; later logs older than these windows count as late. */
    public List<MetricsRow> drainAll() {
        List<MetricsRow> rows = new ArrayList<>();
        for (WindowSize size : sizes) {
            if (size.open.isEmpty()) continue;
            size.openFrom = Math.max(size.openFrom, size.open.lastKey() + size.micros);
            while (!size.open.isEmpty()) emit(size, size.open.pollFirstEntry().getValue(), rows);
        }
        rows.sort(MetricsRow.ORDER);
        return rows;
    }

    /** Cells held now, overflow rows included. */
    public int liveKeys() {
        return liveKeys;
    }

    /** (Log, window size) pairs counted in an overflow row because the key cap was reached. */
    public long overflowLogs() {
        return overflowLogs;
    }

    /** (Log, window size) pairs whose own window was already drained, counted in the oldest open one. */
    public long lateLogs() {
        return lateLogs;
    }

    public MetricsConfig config() {
        return config;
    }

    private void emit(WindowSize size, Window window, List<MetricsRow> rows) {
        if (size.last == window) size.last = null;
        for (Map.Entry<Series, Cell> e : window.cells.entrySet()) {
            Series s = e.getKey();
            rows.add(e.getValue().toRow(size.seconds, window.start, s.protocol, s.ip1, s.serverPort, s.endpoint,
                    false));
        }
        cappedKeys -= window.cells.size();
        liveKeys -= window.cells.size();
        if (window.overflow != null) {
            for (Map.Entry<L7Protocol, Cell> e : window.overflow.entrySet()) {
                rows.add(e.getValue().toRow(size.seconds, window.start, e.getKey(), null, 0, null, true));
            }
            liveKeys -= window.overflow.size();
        }
    }

    /** One (protocol, server, endpoint) time series. */
    private record Series(L7Protocol protocol, String ip1, int serverPort, String endpoint) {}

    /** The open windows of one window size, by start time. */
    private final class WindowSize {
        final int seconds;
        final long micros;
        final TreeMap<Long, Window> open = new TreeMap<>();
        /** Windows starting before this were drained; logs for them are late. */
        long openFrom = Long.MIN_VALUE;
        /** The window of the previous lookup: most logs fall in the current window. */
        Window last;

        WindowSize(int seconds) {
            this.seconds = seconds;
            this.micros = seconds * 1_000_000L;
        }

        Window window(long start) {
            Window w = last;
            if (w == null || w.start != start) {
                w = open.computeIfAbsent(start, Window::new);
                last = w;
            }
            return w;
        }
    }

    private final class Window {
        final long start;
        final HashMap<Series, Cell> cells = new HashMap<>();
        HashMap<L7Protocol, Cell> overflow;

        Window(long start) {
            this.start = start;
        }

        Cell overflowCell(L7Protocol protocol) {
            if (overflow == null) overflow = new HashMap<>();
            Cell cell = overflow.get(protocol);
            if (cell == null) {
                cell = new Cell();
                overflow.put(protocol, cell);
                liveKeys++;
            }
            return cell;
        }
    }

    /** The running sums of one row. */
    private final class Cell {
        long request;
        long response;
        long clientError;
        long serverError;
        long timeout;
        long rrtSum;
        long rrtCount;
        long rrtMax = Long.MIN_VALUE;
        long requestBytes;
        long responseBytes;
        QuantileSketch rrt;

        void add(CallLog log) {
            switch (log.type()) {
                case SESSION -> {
                    request++;
                    response++;
                }
                case REQUEST -> request++;
                case RESPONSE -> response++;
            }
            switch (log.responseStatus()) {
                case CLIENT_ERROR -> clientError++;
                case SERVER_ERROR -> serverError++;
                case TIMEOUT -> timeout++;
                default -> { }
            }
            Long duration = log.responseDuration();
            if (duration != null) {
                long d = duration;
                rrtSum += d;
                rrtCount++;
                if (d > rrtMax) rrtMax = d;
                if (rrt == null) rrt = new QuantileSketch(config.relativeAccuracy(), config.maxSketchBuckets());
                rrt.add(d);
            }
            requestBytes += log.capturedRequestByte();
            responseBytes += log.capturedResponseByte();
        }

        MetricsRow toRow(int windowSeconds, long time, L7Protocol protocol, String ip1, int serverPort,
                String endpoint, boolean overflow) {
            boolean timed = rrtCount > 0;
            return new MetricsRow(windowSeconds, time, protocol, ip1, serverPort, endpoint, overflow,
                    request, response, clientError, serverError, timeout, rrtSum, rrtCount,
                    timed ? rrtMax : null,
                    timed ? Math.round(rrt.quantile(0.50)) : null,
                    timed ? Math.round(rrt.quantile(0.90)) : null,
                    timed ? Math.round(rrt.quantile(0.99)) : null,
                    requestBytes, responseBytes);
        }
    }
}
