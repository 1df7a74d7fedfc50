package io.wirespan.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.Direction;
import io.wirespan.api.ResponseStatus;
import io.wirespan.wasm.abi.BaseContext;
import io.wirespan.wasm.abi.HookPart;
import io.wirespan.wasm.abi.PluginRecord;
import io.wirespan.wasm.abi.ProtoWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** plugins/examples/every-hook, the benchmark's plugin: each hook does what its comment says, so the figures measure real calls. */
class EveryHookPluginTest {
    private static final int PING = 9, HTTP1 = 20, NATS = 104, DUBBO = 40;
    private static final CallWatchdog WATCHDOG = new CallWatchdog();
    private static WasmPlugin plugin;

    @BeforeAll
    static void build() throws PluginLoadException {
        plugin = WasmPlugin.load("every-hook", CPlugins.build("every-hook"), PluginLimits.DEFAULTS, WATCHDOG);
    }

    @AfterAll
    static void stop() {
        plugin.close();
        WATCHDOG.close();
    }

    @Test
    void asksForEveryHookAndNatsMessagesOnly() {
        for (Hook hook : Hook.values()) assertThat(plugin.wants(hook)).as(hook.name()).isTrue();
        assertThat(plugin.wantsCustomMessage(HookPart.CustomMessage.PROTOCOL_PARSE, NATS)).isTrue();
        assertThat(plugin.wantsCustomMessage(HookPart.CustomMessage.PROTOCOL_PARSE, DUBBO)).isFalse();
    }

    @Test
    void claimsAndParsesItsPingProtocol() throws PluginCallException {
        assertThat(call(Hook.CHECK_PAYLOAD, 0, Direction.SERVER_TO_CLIENT, "PING ok\r\n", null).returned()).isEqualTo(2 << 8 | PING);
        assertThat(call(Hook.CHECK_PAYLOAD, 0, Direction.CLIENT_TO_SERVER, "GET / HTTP/1.1\r\n", null).returned()).isZero();

        PluginRecord request = call(Hook.PARSE_PAYLOAD, PING, Direction.CLIENT_TO_SERVER, "PING /x\r\n", null).records().getFirst();
        assertThat(request.request()).isEqualTo(new PluginRecord.Request("1", "PING", "", "/", ""));
        assertThat(request.requestLength()).isEqualTo(9);
        PluginRecord response = call(Hook.PARSE_PAYLOAD, PING, Direction.SERVER_TO_CLIENT, "PING ok\r\n", null).records().getFirst();
        assertThat(response.response().status()).isEqualTo(ResponseStatus.OK);
        assertThat(response.responseLength()).isEqualTo(9);
    }

    @Test
    void httpHooksTakeTheTraceFromTheQueryAndGuardAdminEndpoints() throws PluginCallException {
        HookResult traced = call(Hook.HTTP_REQ, HTTP1, Direction.CLIENT_TO_SERVER, "",
                new HookPart.HttpRequest("/orders?trace=abc-123", "shop", "curl", ""));
        assertThat(traced.records().getFirst().trace().traceId()).isEqualTo("abc-123");
        assertThat(call(Hook.HTTP_REQ, HTTP1, Direction.CLIENT_TO_SERVER, "", new HookPart.HttpRequest("/orders", "shop", "", ""))
                .returned()).isZero();

        HookResult admin = call(Hook.HTTP_RESP, HTTP1, Direction.SERVER_TO_CLIENT, "",
                new HookPart.HttpResponse(200, ResponseStatus.OK, "/admin/users"));
        assertThat(admin.records().getFirst().response())
                .isEqualTo(new PluginRecord.Response(ResponseStatus.CLIENT_ERROR, 403, "admin only", "", "", ""));
        assertThat(call(Hook.HTTP_RESP, HTTP1, Direction.SERVER_TO_CLIENT, "", new HookPart.HttpResponse(200, ResponseStatus.OK, "/shop"))
                .returned()).isZero();
    }

    @Test
    void aCustomMessageGetsItsSizeInDecimal() throws PluginCallException {
        for (int size : new int[] {0, 7, 1234}) {
            byte[] protobuf = size == 0 ? new byte[0] : new ProtoWriter().bytes(3, new byte[size - (size < 128 ? 2 : 3)]).toByteArray();
            assertThat(protobuf).hasSize(size);
            HookResult result = call(Hook.CUSTOM_MESSAGE, NATS, Direction.CLIENT_TO_SERVER, "",
                    new HookPart.CustomMessage(HookPart.CustomMessage.PROTOCOL_PARSE, NATS, protobuf));
            assertThat(result.records().getFirst().attributes())
                    .containsExactly(new PluginRecord.KeyValue("message_bytes", Integer.toString(size)));
        }
    }

    private static HookResult call(Hook hook, int l7, Direction direction, String payload, HookPart part) throws PluginCallException {
        BaseContext context = new BaseContext(new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, 2}, 40000, 7000, BaseContext.TCP, l7,
                BaseContext.EBPF_NONE, 1_700_000_000_000_000L, direction, "", 1, 1024);
        return plugin.call(new HookCall(hook, context, payload.getBytes(StandardCharsets.US_ASCII), part));
    }
}
