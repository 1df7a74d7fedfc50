package io.wirespan.store;

import io.wirespan.api.CallLog;
import io.wirespan.api.CallLogType;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.ResponseStatus;
import java.util.Map;

/** The two call logs every store's round-trip test stores: one with every field set, one with only those always there. */
final class SampleCallLogs {
    private SampleCallLogs() {}

    static CallLog full(long time) {
        return CallLog.builder().type(CallLogType.SESSION).startTime(time).endTime(time + 1500).flowId(42)
                .protocol("TCP").client("10.0.0.1", 40000).server("fd00::2", 6379).agent("host-a")
                .l7Protocol(L7Protocol.REDIS).version("3").requestType("GET").requestDomain("db0").requestResource("GET k'ey")
                .endpoint("GET").requestId(7L).responseStatus(ResponseStatus.SERVER_ERROR).responseCode(500)
                .responseException("ERR \"quoted\"").responseResult("r").responseDuration(900L).requestLength(12L)
                .responseLength(30L).capturedRequestByte(12).capturedResponseByte(30).sqlAffectedRows(3L).isTls(false)
                .isAsync(true).isReversed(false).traceId("t").spanId("s").parentSpanId("p").xRequestId0("x0")
                .xRequestId1("x1").httpProxyClient("1.2.3.4").attributes(Map.of("b", "2", "a", "1")).plugin("pl").build();
    }

    static CallLog sparse(long time) {
        return CallLog.builder().type(CallLogType.REQUEST).startTime(time).endTime(time).flowId(43).client("10.0.0.1", 1)
                .server("10.0.0.2", 2).build();
    }
}
