package io.wirespan.engine.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CallLog;
import io.wirespan.api.CallLogType;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.ResponseStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallLogJsonTest {

    private static CallLog.Builder http() {
        return CallLog.builder().type(CallLogType.SESSION).startTime(1_700_000_000_000_001L)
                .endTime(1_700_000_000_000_501L).flowId(7).protocol("TCP")
                .client("10.0.0.1", 40000).server("10.0.0.2", 80)
                .l7Protocol(L7Protocol.HTTP1).version("1.1").requestType("GET").requestResource("/a?b=1")
                .responseStatus(ResponseStatus.OK).responseCode(200).responseDuration(500L)
                .capturedRequestByte(78).capturedResponseByte(1200);
    }

    @Test
    void writesCallLogKeysAndOmitsAbsentValues() {
        assertThat(CallLogJson.toJson(http().build())).isEqualTo("{\"type\":\"session\",\"start_time\":1700000000000001,"
                + "\"end_time\":1700000000000501,\"flow_id\":7,\"protocol\":\"TCP\",\"ip_0\":\"10.0.0.1\","
                + "\"ip_1\":\"10.0.0.2\",\"client_port\":40000,\"server_port\":80,\"l7_protocol\":20,"
                + "\"l7_protocol_str\":\"HTTP\",\"version\":\"1.1\",\"request_type\":\"GET\","
                + "\"request_resource\":\"/a?b=1\",\"response_status\":\"ok\",\"response_code\":200,"
                + "\"response_duration\":500,\"captured_request_byte\":78,\"captured_response_byte\":1200}");
    }

    @Test
    void escapesControlCharactersQuotesAndLoneSurrogates() {
        String json = CallLogJson.toJson(http().requestResource("a\"b\\c\n\u0001\ud800x😀").build());
        assertThat(json).contains("\"request_resource\":\"a\\\"b\\\\c\\n\\u0001\\ud800x😀\"");
    }

    @Test
    void writesAttributesAsASortedObject() {
        String json = CallLogJson.toJson(http().attributes(Map.of("z", "1", "a", "2")).build());
        assertThat(json).contains("\"attributes\":{\"a\":\"2\",\"z\":\"1\"}");
    }

    @Test
    void tableBracketsIpv6AndShowsDashForAbsentValues() {
        StringWriter text = new StringWriter();
        TableSink sink = new TableSink(new PrintWriter(text));
        sink.accept(http().client("2001:db8::1", 5000).responseCode(null).build());
        sink.close();
        assertThat(text.toString()).contains("[2001:db8::1]:5000").contains("10.0.0.2:80").contains("GET");
        assertThat(text.toString().lines().toList()).hasSize(2);
    }
}
