package io.wirespan.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.Direction;
import io.wirespan.api.ResponseStatus;
import io.wirespan.wasm.abi.BaseContext;
import io.wirespan.wasm.abi.PluginRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** plugins/examples/hello, written in C against plugins/sdk/c and built by this test, through every step of the ABI it uses. */
class CSdkPluginTest {
    private static final CallWatchdog WATCHDOG = new CallWatchdog();
    private static WasmPlugin hello;

    @BeforeAll
    static void build() throws PluginLoadException {
        hello = WasmPlugin.load("hello", CPlugins.build("hello"), PluginLimits.DEFAULTS, WATCHDOG);
    }

    @AfterAll
    static void stop() {
        hello.close();
        WATCHDOG.close();
    }

    @Test
    void hooksComeFromTheSdksBitmap() {
        assertThat(hello.wants(Hook.CHECK_PAYLOAD)).isTrue();
        assertThat(hello.wants(Hook.PARSE_PAYLOAD)).isTrue();
        assertThat(hello.wants(Hook.HTTP_REQ)).isFalse();
        assertThat(hello.wants(Hook.CUSTOM_MESSAGE)).isFalse();
    }

    @Test
    void checkPayloadClaimsRequestsOfItsProtocolOnly() throws PluginCallException {
        HookResult claimed = hello.call(new HookCall(Hook.CHECK_PAYLOAD, context(0, Direction.CLIENT_TO_SERVER), ascii("HELLO world\n"), null));
        assertThat(claimed.returned()).isEqualTo(1 << 8 | 7);
        assertThat(claimed.stringResult()).isEqualTo("hello");

        HookResult other = hello.call(new HookCall(Hook.CHECK_PAYLOAD, context(0, Direction.CLIENT_TO_SERVER), ascii("GET / HTTP/1.1\r\n"), null));
        assertThat(other.returned()).isZero();
    }

    @Test
    void parsePayloadReturnsARequestAndAResponseAsProtobufRecords() throws PluginCallException {
        HookResult request = hello.call(new HookCall(Hook.PARSE_PAYLOAD, context(7, Direction.CLIENT_TO_SERVER), ascii("HELLO world\n"), null));
        assertThat(request.returned()).isEqualTo(1);
        PluginRecord q = request.records().getFirst();
        assertThat(q.request()).isEqualTo(new PluginRecord.Request("1", "HELLO", "", "world", "hello"));
        assertThat(q.requestLength()).isEqualTo(12);
        assertThat(q.attributes()).containsExactly(new PluginRecord.KeyValue("text", "world"));

        HookResult response = hello.call(new HookCall(Hook.PARSE_PAYLOAD, context(7, Direction.SERVER_TO_CLIENT), ascii("ERR no such person\n"), null));
        PluginRecord r = response.records().getFirst();
        assertThat(r.response()).isEqualTo(new PluginRecord.Response(ResponseStatus.SERVER_ERROR, 500, "no such person", "", "", ""));
        assertThat(r.trace().traceId()).isEqualTo("trace-of-hello");
        assertThat(r.protocolName()).isEqualTo("hello");
        assertThat(response.logs()).containsExactly(new PluginLog(PluginLog.Level.INFO, "answered with an error"));
    }

    @Test
    void parsePayloadPassesOnFlowsOfOtherProtocols() throws PluginCallException {
        HookResult other = hello.call(new HookCall(Hook.PARSE_PAYLOAD, context(9, Direction.CLIENT_TO_SERVER), ascii("HELLO x\n"), null));
        assertThat(other.returned()).isZero();
        assertThat(other.records()).isEmpty();
    }

    private static BaseContext context(int l7, Direction direction) {
        return new BaseContext(new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, 2}, 40000, 7000, BaseContext.TCP, l7,
                BaseContext.EBPF_NONE, 1_700_000_000_000_000L, direction, "", 1, 1024);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
