package io.wirespan.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.wirespan.api.CallLog;
import io.wirespan.api.CallLogType;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.ResponseStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedMetricsTest {
    /** A minute boundary: 1_700_000_040 s is a multiple of 60. */
    private static final long T0 = 1_700_000_040_000_000L;
    private static final long SECOND = 1_000_000L;

    private static CallLog.Builder session(long start) {
        return CallLog.builder().type(CallLogType.SESSION).startTime(start).endTime(start + 500).flowId(1)
                .client("10.0.0.1", 40000).server("10.0.0.2", 80).l7Protocol(L7Protocol.HTTP1)
                .endpoint("/api/users").responseStatus(ResponseStatus.OK).responseDuration(100L)
                .capturedRequestByte(10).capturedResponseByte(1000);
    }

    private static RedMetrics oneSecondWindows(long latenessMicros, int maxKeys) {
        return new RedMetrics(new MetricsConfig(List.of(1), latenessMicros, maxKeys, 0.01, 2048));
    }

    @Test
    void countsSessionsLoneRequestsLoneResponsesAndErrorsAsCallLogMdSays() {
        RedMetrics metrics = oneSecondWindows(0, 100);
        metrics.accept(session(T0).responseDuration(100L).build());
        metrics.accept(session(T0).responseStatus(ResponseStatus.CLIENT_ERROR).responseCode(404)
                .responseDuration(200L).build());
        metrics.accept(session(T0).responseStatus(ResponseStatus.SERVER_ERROR).responseCode(503)
                .responseDuration(300L).build());
        metrics.accept(session(T0).responseDuration(null).build());
        metrics.accept(session(T0).type(CallLogType.REQUEST).responseStatus(ResponseStatus.TIMEOUT)
                .responseDuration(null).capturedResponseByte(0).build());
        metrics.accept(session(T0).type(CallLogType.RESPONSE).responseDuration(null).capturedRequestByte(0).build());

        List<MetricsRow> rows = metrics.drainAll();

        assertThat(rows).hasSize(1);
        MetricsRow row = rows.getFirst();
        assertThat(row.request()).isEqualTo(5);
        assertThat(row.response()).isEqualTo(5);
        assertThat(row.clientError()).isEqualTo(1);
        assertThat(row.serverError()).isEqualTo(1);
        assertThat(row.error()).isEqualTo(2);
        assertThat(row.timeout()).isEqualTo(1);
        assertThat(row.rrtSum()).isEqualTo(600);
        assertThat(row.rrtCount()).isEqualTo(3);
        assertThat(row.rrtMax()).isEqualTo(300);
        assertThat(row.rrtP50()).isCloseTo(200L, within(2L));
        assertThat(row.rrtP90()).isCloseTo(300L, within(3L));
        assertThat(row.rrtP99()).isCloseTo(300L, within(3L));
        assertThat(row.requestBytes()).isEqualTo(50);
        assertThat(row.responseBytes()).isEqualTo(5000);
        assertThat(row).extracting(MetricsRow::windowSeconds, MetricsRow::time, MetricsRow::l7Protocol,
                MetricsRow::ip1, MetricsRow::serverPort, MetricsRow::endpoint, MetricsRow::overflow)
                .containsExactly(1, T0, L7Protocol.HTTP1, "10.0.0.2", 80, "/api/users", false);
    }

    @Test
    void seriesWithoutAnyDurationHasNoLatencyValues() {
        RedMetrics metrics = oneSecondWindows(0, 100);
        metrics.accept(session(T0).type(CallLogType.REQUEST).responseStatus(ResponseStatus.TIMEOUT)
                .responseDuration(null).build());

        MetricsRow row = metrics.drainAll().getFirst();

        assertThat(row.rrtSum()).isZero();
        assertThat(row.rrtCount()).isZero();
        assertThat(row.rrtMax()).isNull();
        assertThat(row.rrtP50()).isNull();
        assertThat(row.rrtP90()).isNull();
        assertThat(row.rrtP99()).isNull();
    }

    @Test
    void logsFallInTheWindowHoldingTheirStartTimeForEachWindowSize() {
        RedMetrics metrics = new RedMetrics();
        metrics.accept(session(T0).build());
        metrics.accept(session(T0 + SECOND - 1).build());
        metrics.accept(session(T0 + SECOND).build());
        metrics.accept(session(T0 - 1).build());

        List<MetricsRow> rows = metrics.drainAll();

        assertThat(rows).extracting(MetricsRow::time, MetricsRow::windowSeconds, MetricsRow::request).containsExactly(
                tuple(T0 - 60 * SECOND, 60, 1L),
                tuple(T0 - SECOND, 1, 1L),
                tuple(T0, 1, 2L),
                tuple(T0, 60, 3L),
                tuple(T0 + SECOND, 1, 1L));
    }

    @Test
    void severalProtocolsServersAndEndpointsAreSeparateRowsInDeterministicOrder() {
        RedMetrics metrics = oneSecondWindows(0, 100);
        metrics.accept(session(T0).l7Protocol(L7Protocol.MYSQL).server("10.0.0.9", 3306).endpoint(null).build());
        metrics.accept(session(T0).endpoint("/b").build());
        metrics.accept(session(T0).endpoint("/a").build());
        metrics.accept(session(T0).endpoint(null).build());
        metrics.accept(session(T0).server("10.0.0.2", 8080).endpoint("/a").build());
        metrics.accept(session(T0).server("10.0.0.1", 8080).endpoint("/a").build());
        metrics.accept(session(T0).endpoint("/a").build());

        List<MetricsRow> rows = metrics.drainAll();

        assertThat(rows).extracting(r -> r.l7Protocol().name() + " " + r.ip1() + ":" + r.serverPort() + " "
                + r.endpoint() + " x" + r.request()).containsExactly(
                "HTTP 10.0.0.1:8080 /a x1",
                "HTTP 10.0.0.2:80 null x1",
                "HTTP 10.0.0.2:80 /a x2",
                "HTTP 10.0.0.2:80 /b x1",
                "HTTP 10.0.0.2:8080 /a x1",
                "MySQL 10.0.0.9:3306 null x1");
    }

    @Test
    void pluginProtocolsSharingId127StayApart() {
        RedMetrics metrics = oneSecondWindows(0, 100);
        metrics.accept(session(T0).l7Protocol(new L7Protocol(127, "Zeta")).build());
        metrics.accept(session(T0).l7Protocol(new L7Protocol(127, "Alpha")).build());

        assertThat(metrics.drainAll()).extracting(r -> r.l7Protocol().name()).containsExactly("Alpha", "Zeta");
    }

    @Test
    void drainReturnsOnlyWindowsFinishedAtTheWatermark() {
        RedMetrics metrics = oneSecondWindows(0, 100);
        metrics.accept(session(T0 + SECOND / 2).build());
        metrics.accept(session(T0 + 3 * SECOND / 2).build());

        assertThat(metrics.drain(T0 + SECOND - 1)).isEmpty();
        assertThat(metrics.drain(T0 + SECOND)).extracting(MetricsRow::time).containsExactly(T0);
        assertThat(metrics.drain(T0 + SECOND + 1)).isEmpty();
        assertThat(metrics.liveKeys()).isEqualTo(1);
        assertThat(metrics.drainAll()).extracting(MetricsRow::time).containsExactly(T0 + SECOND);
        assertThat(metrics.drainAll()).isEmpty();
        assertThat(metrics.liveKeys()).isZero();
    }

    @Test
    void windowStaysOpenForTheLatenessAfterItsEnd() {
        RedMetrics metrics = oneSecondWindows(2 * SECOND, 100);
        metrics.accept(session(T0).build());

        assertThat(metrics.drain(T0 + 3 * SECOND - 1)).isEmpty();
        metrics.accept(session(T0 + 10).build());
        assertThat(metrics.drain(T0 + 3 * SECOND)).extracting(MetricsRow::request).containsExactly(2L);
        assertThat(metrics.lateLogs()).isZero();
    }

    @Test
    void watermarkGoingBackwardsDrainsNothingMore() {
        RedMetrics metrics = oneSecondWindows(0, 100);
        metrics.accept(session(T0).build());
        assertThat(metrics.drain(T0 + 5 * SECOND)).hasSize(1);
        metrics.accept(session(T0 + 5 * SECOND).build());

        assertThat(metrics.drain(T0)).isEmpty();
        assertThat(metrics.lateLogs()).isZero();
    }

    @Test
    void logForAnAlreadyDrainedWindowCountsInTheOldestOpenWindow() {
        RedMetrics metrics = oneSecondWindows(0, 100);
        metrics.accept(session(T0).build());
        assertThat(metrics.drain(T0 + 5 * SECOND)).hasSize(1);

        // A request that started at T0 and timed out, reported once the watermark is past its window.
        metrics.accept(session(T0).type(CallLogType.REQUEST).responseStatus(ResponseStatus.TIMEOUT)
                .responseDuration(null).build());

        assertThat(metrics.lateLogs()).isEqualTo(1);
        List<MetricsRow> rows = metrics.drainAll();
        assertThat(rows).extracting(MetricsRow::time, MetricsRow::request, MetricsRow::timeout)
                .containsExactly(tuple(T0 + 5 * SECOND, 1L, 1L));
    }

    @Test
    void logsOfNewSeriesBeyondTheKeyCapGoToAnOverflowRowPerProtocol() {
        RedMetrics metrics = oneSecondWindows(0, 2);
        metrics.accept(session(T0).endpoint("/a").build());
        metrics.accept(session(T0).endpoint("/b").build());
        metrics.accept(session(T0).endpoint("/c").build());
        metrics.accept(session(T0).endpoint("/d").responseDuration(900L).build());
        metrics.accept(session(T0).endpoint("/a").build());
        metrics.accept(session(T0).l7Protocol(L7Protocol.REDIS).server("10.0.0.5", 6379).endpoint(null).build());

        assertThat(metrics.overflowLogs()).isEqualTo(3);
        assertThat(metrics.liveKeys()).isEqualTo(4);
        List<MetricsRow> rows = metrics.drain(T0 + SECOND);
        assertThat(rows).extracting(r -> r.l7Protocol().name() + " " + r.ip1() + " " + r.endpoint() + " overflow="
                + r.overflow() + " x" + r.request()).containsExactly(
                "HTTP 10.0.0.2 /a overflow=false x2",
                "HTTP 10.0.0.2 /b overflow=false x1",
                "HTTP null null overflow=true x2",
                "Redis null null overflow=true x1");
        assertThat(rows.get(2).rrtMax()).isEqualTo(900);
        assertThat(rows.get(2).serverPort()).isZero();

        // Drained keys free their places under the cap.
        assertThat(metrics.liveKeys()).isZero();
        metrics.accept(session(T0 + SECOND).endpoint("/c").build());
        assertThat(metrics.drainAll()).extracting(MetricsRow::endpoint, MetricsRow::overflow)
                .containsExactly(tuple("/c", false));
        assertThat(metrics.overflowLogs()).isEqualTo(3);
    }

    @Test
    void configRejectsRepeatedOrNonPositiveWindowSizes() {
        assertThatThrownBy(() -> new MetricsConfig(List.of(60, 1, 60), 0, 10, 0.01, 2048))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given twice");
        assertThatThrownBy(() -> new MetricsConfig(List.of(0), 0, 10, 0.01, 2048))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("windowSeconds: 0");
        assertThat(new MetricsConfig(List.of(60, 1), 0, 10, 0.01, 2048).windowSeconds()).containsExactly(1, 60);
    }
}
