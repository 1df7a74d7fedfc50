package io.wirespan.store;

import io.wirespan.api.CallLog;
import io.wirespan.api.CallLogType;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.ResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every store's round-trip tests store: a call log with every field set, one with only those
 * always there, and strings written by strangers. Public for the server's ingest tests.
 */
public final class SampleCallLogs {
    private SampleCallLogs() {}

    public static final List<String> HOSTILE = List.of("x' OR '1'='1", "back\\slash", "\\'", "ends with \\", "quote\" and `tick`",
            "new\nline\r\ttab", "unicode é 中文 😀", "nul\0byte", "bell\u0007 del\u007f", "?", "-- not a comment", "/* nor this */",
            "'", "''", "");

    /** One call log per hostile string, carried as its resource and as an attribute's name and value. */
    public static List<CallLog> hostile(long time) {
        List<CallLog> logs = new ArrayList<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            logs.add(CallLog.builder().startTime(time).endTime(time).flowId(i).client("a", 1).server("b", 2)
                    .requestResource(HOSTILE.get(i)).attributes(Map.of(HOSTILE.get(i), HOSTILE.get(i))).build());
        }
        return logs;
    }

    public static CallLog full(long time) {
        return CallLog.builder().type(CallLogType.SESSION).startTime(time).endTime(time + 1500).flowId(42)
                .protocol("TCP").client("10.0.0.1", 40000).server("fd00::2", 6379).agent("host-a")
                .l7Protocol(L7Protocol.REDIS).version("3").requestType("GET").requestDomain("db0").requestResource("GET k'ey")
                .endpoint("GET").requestId(7L).responseStatus(ResponseStatus.SERVER_ERROR).responseCode(500)
                .responseException("ERR \"quoted\"").responseResult("r").responseDuration(900L).requestLength(12L)
                .responseLength(30L).capturedRequestByte(12).capturedResponseByte(30).sqlAffectedRows(3L).isTls(false)
                .isAsync(true).isReversed(false).traceId("t").spanId("s").parentSpanId("p").xRequestId0("x0")
                .xRequestId1("x1").httpProxyClient("1.2.3.4").attributes(Map.of("b", "2", "a", "1")).plugin("pl").build();
    }

    public static CallLog sparse(long time) {
        return CallLog.builder().type(CallLogType.REQUEST).startTime(time).endTime(time).flowId(43).client("10.0.0.1", 1)
                .server("10.0.0.2", 2).build();
    }
}
