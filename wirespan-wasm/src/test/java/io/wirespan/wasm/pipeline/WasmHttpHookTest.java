package io.wirespan.wasm.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.L7Message;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.ResponseStatus;
import io.wirespan.wasm.abi.PluginRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a hook's record merges into an HTTP message (ABI §7.1, point 3). */
class WasmHttpHookTest {

    @Test
    void aRequestTakesOnlyValidVersionsAndMethodsAndNonEmptyValues() {
        L7Message request = L7Message.request().version("1.1").requestType("GET").requestDomain("shop").requestResource("/a")
                .sessionId(3L).build();
        PluginRecord record = record(new PluginRecord.Request("3.0", "FETCH", "", "/b", "ep"), null, null, List.of());

        L7Message merged = WasmHttpHook.merged(request, record, L7Protocol.HTTP1);

        assertThat(merged.version()).isEqualTo("1.1");
        assertThat(merged.requestType()).isEqualTo("GET");
        assertThat(merged.requestDomain()).isEqualTo("shop");
        assertThat(merged.requestResource()).isEqualTo("/b");
        assertThat(merged.endpoint()).isEqualTo("ep");
        assertThat(merged.sessionId()).isEqualTo(3L);
    }

    @Test
    void aResponseTakesCodeStatusResultAndExceptionAndThePluginsTraceWins() {
        L7Message response = L7Message.response().responseCode(200).responseStatus(ResponseStatus.OK).traceId("from-header")
                .spanId("span-header").attributes(Map.of("a", "1")).build();
        PluginRecord record = record(null, new PluginRecord.Response(ResponseStatus.SERVER_ERROR, 500, "boom", "{}", "", ""),
                new PluginRecord.Trace(List.of("from-plugin"), "span-plugin", null, "req-9", null),
                List.of(new PluginRecord.KeyValue("b", "2")));

        L7Message merged = WasmHttpHook.merged(response, record, L7Protocol.HTTP1);

        assertThat(merged.responseCode()).isEqualTo(500);
        assertThat(merged.responseStatus()).isEqualTo(ResponseStatus.SERVER_ERROR);
        assertThat(merged.responseException()).isEqualTo("boom");
        assertThat(merged.responseResult()).isEqualTo("{}");
        assertThat(merged.traceId()).isEqualTo("from-plugin");
        assertThat(merged.spanId()).isEqualTo("span-plugin");
        assertThat(merged.xRequestId()).isEqualTo("req-9");
        assertThat(merged.attributes()).isEqualTo(Map.of("a", "1", "b", "2", "apm_span_id", "span-header"));
    }

    private static PluginRecord record(PluginRecord.Request q, PluginRecord.Response r, PluginRecord.Trace t,
                                       List<PluginRecord.KeyValue> attributes) {
        return new PluginRecord(null, null, 77L, q, r, t, null, false, false, null, null, attributes, 0, null, null, null);
    }
}
