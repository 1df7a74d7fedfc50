package io.wirespan.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.wirespan.api.CallLog;
import io.wirespan.api.CallLogType;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.ResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionAggregatorTest {
    private static final FlowIdentity FLOW = new FlowIdentity(7, "TCP", "10.0.0.1", 40000, "10.0.0.2", 80);
    private final List<CallLog> logs = new ArrayList<>();
    private SessionAggregator sessions = new SessionAggregator(SessionConfig.DEFAULTS, logs::add);

    @Test
    void aSecondRequestOnTheSameIdDisplacesTheFirstAsUnknown() {
        sessions.accept(request(1, 5L, "first"));
        sessions.accept(request(2, 5L, "second"));
        sessions.accept(response(3, 5L, ResponseStatus.OK));

        assertThat(logs).extracting(CallLog::type, CallLog::requestResource, CallLog::responseStatus).containsExactly(
                tuple(CallLogType.REQUEST, "first", ResponseStatus.UNKNOWN),
                tuple(CallLogType.SESSION, "second", ResponseStatus.OK));
        assertThat(sessions.stats().displaced()).isEqualTo(1);
    }

    @Test
    void thePendingBoundSendsTheOldestRequestEarlyAndCountsIt() {
        sessions = new SessionAggregator(new SessionConfig(120_000_000L, Map.of(), 2), logs::add);
        sessions.accept(request(1, null, "a"));
        sessions.accept(request(2, null, "b"));
        sessions.accept(request(3, null, "c"));

        assertThat(logs).extracting(CallLog::requestResource, CallLog::responseStatus)
                .containsExactly(tuple("a", ResponseStatus.UNKNOWN));
        assertThat(sessions.stats().overflows()).isEqualTo(1);
        assertThat(sessions.waiting()).isEqualTo(2);
    }

    @Test
    void aSessionMessageIsSentAtOnceAndNeverPaired() {
        sessions.accept(request(1, null, "a"));
        sessions.accept(new StampedMessage(FLOW, L7Protocol.HTTP1, L7Message.session().requestType("NOTE").build(),
                Direction.SERVER_TO_CLIENT, 2, 2));
        sessions.accept(response(3, null, ResponseStatus.OK));

        assertThat(logs).extracting(CallLog::type, CallLog::requestType)
                .containsExactly(tuple(CallLogType.SESSION, "NOTE"), tuple(CallLogType.SESSION, "GET"));
    }

    @Test
    void aSessionPairedByItsParserStartsAtItsRequestAndHasALatency() {
        sessions.accept(new StampedMessage(FLOW, L7Protocol.MYSQL,
                L7Message.session().requestType("COM_QUERY").requestTimeMicros(100L).build(),
                Direction.SERVER_TO_CLIENT, 350, 400));

        CallLog log = logs.getFirst();
        assertThat(List.of(log.startTime(), log.endTime())).containsExactly(100L, 400L);
        assertThat(log.responseDuration()).isEqualTo(250);
    }

    @Test
    void theResponseDecidesStatusAndProtocolTheRequestWhatWasAsked() {
        sessions.accept(new StampedMessage(FLOW, L7Protocol.HTTP2,
                L7Message.request().sessionId(1L).requestType("POST").requestResource("/svc/M").xRequestId("q")
                        .traceId("t1").responseStatus(ResponseStatus.UNKNOWN).capturedBytes(100).build(),
                Direction.CLIENT_TO_SERVER, 10, 20));
        sessions.accept(new StampedMessage(FLOW, L7Protocol.GRPC,
                L7Message.response().sessionId(1L).responseCode(5).responseStatus(ResponseStatus.CLIENT_ERROR)
                        .xRequestId("r").capturedBytes(40).build(),
                Direction.SERVER_TO_CLIENT, 50, 60));

        CallLog log = logs.getFirst();
        assertThat(log.l7Protocol()).isEqualTo(L7Protocol.GRPC);
        assertThat(log.responseStatus()).isEqualTo(ResponseStatus.CLIENT_ERROR);
        assertThat(log.requestResource()).isEqualTo("/svc/M");
        assertThat(log.responseDuration()).isEqualTo(30);
        assertThat(List.of(log.startTime(), log.endTime())).containsExactly(10L, 60L);
        assertThat(List.of(log.xRequestId0(), log.xRequestId1())).containsExactly("q", "r");
        assertThat(List.of(log.capturedRequestByte(), log.capturedResponseByte())).containsExactly(100L, 40L);
        assertThat(log.requestId()).isEqualTo(1L);
        assertThat(log.traceId()).isEqualTo("t1");
    }

    @Test
    void aLoneResponseCarriesItsBytesAndRequestIdOnTheServerSide() {
        sessions.accept(new StampedMessage(FLOW, L7Protocol.HTTP1,
                L7Message.response().responseCode(200).responseStatus(ResponseStatus.OK).xRequestId("r").capturedBytes(90).build(),
                Direction.SERVER_TO_CLIENT, 5, 6));

        CallLog log = logs.getFirst();
        assertThat(log.type()).isEqualTo(CallLogType.RESPONSE);
        assertThat(List.of(log.capturedRequestByte(), log.capturedResponseByte())).containsExactly(0L, 90L);
        assertThat(log.xRequestId1()).isEqualTo("r");
        assertThat(log.xRequestId0()).isNull();
        assertThat(log.responseDuration()).isNull();
    }

    @Test
    void aClosedFlowTimesOutWhatStillWaitsOldestFirst() {
        sessions.accept(request(2, 9L, "by-id"));
        sessions.accept(request(1, null, "in-order"));
        sessions.flowEnded(FLOW.flowId(), true, 3);

        assertThat(logs).extracting(CallLog::requestResource, CallLog::responseStatus).containsExactly(
                tuple("in-order", ResponseStatus.TIMEOUT), tuple("by-id", ResponseStatus.TIMEOUT));
        assertThat(sessions.waiting()).isZero();
    }

    private static StampedMessage request(long at, Long id, String resource) {
        return new StampedMessage(FLOW, L7Protocol.HTTP1,
                L7Message.request().sessionId(id).requestType("GET").requestResource(resource).build(),
                Direction.CLIENT_TO_SERVER, at, at);
    }

    private static StampedMessage response(long at, Long id, ResponseStatus status) {
        return new StampedMessage(FLOW, L7Protocol.HTTP1,
                L7Message.response().sessionId(id).responseStatus(status).build(), Direction.SERVER_TO_CLIENT, at, at);
    }
}
