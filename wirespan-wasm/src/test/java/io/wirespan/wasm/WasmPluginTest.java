package io.wirespan.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespan.api.Direction;
import io.wirespan.api.ResponseStatus;
import io.wirespan.wasm.abi.BaseContext;
import io.wirespan.wasm.abi.HookPart;
import io.wirespan.wasm.abi.PluginRecord;
import io.wirespan.wasm.abi.ProtoWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WasmPluginTest {
    private static final String ABI = Wat.ABI_IMPORTS, PAYLOAD_HOOKS = Wat.PAYLOAD_HOOKS;

    private final CallWatchdog watchdog = new CallWatchdog();

    @AfterEach
    void stopWatchdog() {
        watchdog.close();
    }

    @Test
    void checkPayloadReadsItsContextAndPayloadAndNamesItsProtocol() throws Exception {
        WasmPlugin plugin = load(Wat.plugin(ABI, PAYLOAD_HOOKS + """
                (data (i32.const 2048) "\\00\\04demo")
                (func (export "check_payload") (result i32)
                  ;; an IPv4 context without a process name is 36 bytes
                  (if (i32.ne (call $ctx (i32.const 4096) (i32.const 1024)) (i32.const 36)) (then (return (i32.const 0))))
                  ;; the payload must be "DEMO..." and fit
                  (if (i32.ne (call $payload (i32.const 8192) (i32.const 1024)) (i32.const 8)) (then (return (i32.const 0))))
                  (if (i32.ne (i32.load8_u (i32.const 8192)) (i32.const 68)) (then (return (i32.const 0))))
                  (call $log (i32.const 2050) (i32.const 4) (i32.const 1))
                  (drop (call $str (i32.const 2048) (i32.const 6)))
                  i32.const 0x0205)
                """));

        assertThat(plugin.wants(Hook.CHECK_PAYLOAD)).isTrue();
        assertThat(plugin.wants(Hook.HTTP_REQ)).isFalse();
        HookResult result = plugin.call(new HookCall(Hook.CHECK_PAYLOAD, context(Direction.CLIENT_TO_SERVER), ascii("DEMO 1\r\n"), null));

        assertThat(result.returned()).isEqualTo(0x0205);
        assertThat(result.stringResult()).isEqualTo("demo");
        assertThat(result.logs()).containsExactly(new PluginLog(PluginLog.Level.WARN, "demo"));
    }

    @Test
    void aPayloadLargerThanTheGuestBufferIsRefusedWithMinusOne() throws Exception {
        WasmPlugin plugin = load(Wat.plugin(ABI, PAYLOAD_HOOKS + """
                (func (export "parse_payload") (result i32)
                  (if (i32.eq (call $payload (i32.const 8192) (i32.const 4)) (i32.const -1)) (then (return (i32.const 1))))
                  i32.const 0)
                """));
        assertThat(plugin.call(new HookCall(Hook.PARSE_PAYLOAD, context(Direction.CLIENT_TO_SERVER), ascii("12345"), null))
                .returned()).isEqualTo(1);
    }

    @Test
    void protobufAndLegacyResultsAreDecoded() throws Exception {
        byte[] appInfo = new ProtoWriter()
                .varint(3, 77)
                .message(11, new ProtoWriter().varint(1, 3).varint(2, 500).string(3, "boom").string(4, "{}"))
                .message(12, new ProtoWriter().string(1, "trace-1").string(2, "span-1"))
                .string(13, "demo")
                .message(31, new ProtoWriter().string(1, "k").string(2, "v"))
                .toByteArray();
        byte[] records = records(pb(appInfo), legacyResponse());
        WasmPlugin plugin = load(Wat.plugin(ABI, PAYLOAD_HOOKS + "(data (i32.const 3000) \"" + watBytes(records) + "\")\n"
                + "(func (export \"parse_payload\") (result i32) (drop (call $info (i32.const 3000) (i32.const "
                + records.length + "))) i32.const 1)"));

        HookResult result = plugin.call(new HookCall(Hook.PARSE_PAYLOAD, context(Direction.SERVER_TO_CLIENT), ascii("x"), null));

        assertThat(result.records()).hasSize(2);
        PluginRecord pbRecord = result.records().get(0);
        assertThat(pbRecord.requestId()).isEqualTo(77L);
        assertThat(pbRecord.response()).isEqualTo(new PluginRecord.Response(ResponseStatus.SERVER_ERROR, 500, "boom", "{}", "", ""));
        assertThat(pbRecord.trace().traceId()).isEqualTo("trace-1");
        assertThat(pbRecord.protocolName()).isEqualTo("demo");
        assertThat(pbRecord.attributes()).containsExactly(new PluginRecord.KeyValue("k", "v"));
        PluginRecord legacy = result.records().get(1);
        assertThat(legacy.response().status()).isEqualTo(ResponseStatus.CLIENT_ERROR);
        assertThat(legacy.response().code()).isEqualTo(404);
        assertThat(legacy.protocolName()).isEqualTo("old");
    }

    @Test
    void aResultThatDoesNotDecodeFailsTheCall() throws Exception {
        WasmPlugin plugin = load(Wat.plugin(ABI, PAYLOAD_HOOKS + """
                (data (i32.const 3000) "\\00\\09PB\\0a\\05\\08")
                (func (export "parse_payload") (result i32)
                  (if (call $info (i32.const 3000) (i32.const 11)) (then (return (i32.const 0))))
                  i32.const 1)
                """));
        HookCall call = new HookCall(Hook.PARSE_PAYLOAD, context(Direction.CLIENT_TO_SERVER), ascii("x"), null);
        assertThatThrownBy(() -> plugin.call(call)).isInstanceOf(PluginCallException.class)
                .hasMessageStartingWith("parse_payload handed over a result that does not decode: host_read_l7_protocol_info: ");
        assertThat(plugin.stats().hooks().get(Hook.PARSE_PAYLOAD).failures()).isEqualTo(1);
    }

    @Test
    void httpResponseInfoGivesAThreeByteBufferTheFirstTwoFieldsOnly() throws Exception {
        WasmPlugin plugin = load(Wat.plugin("""
                (import "deepflow" "vm_read_http_resp_info" (func $resp (param i32 i32) (result i32)))
                """, """
                (data (i32.const 1024) "\\40\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00")
                (func (export "get_hook_bitmap") (result i32) i32.const 1024)
                (func (export "on_http_resp") (result i32)
                  ;; 3 bytes: code 404 (0x0194) and status 4 (client error), no endpoint
                  (if (i32.ne (call $resp (i32.const 4096) (i32.const 3)) (i32.const 3)) (then (return (i32.const 0))))
                  (if (i32.ne (i32.load8_u (i32.const 4097)) (i32.const 0x94)) (then (return (i32.const 0))))
                  (if (i32.ne (i32.load8_u (i32.const 4098)) (i32.const 4)) (then (return (i32.const 0))))
                  i32.const 1)
                """));
        HookPart.HttpResponse part = new HookPart.HttpResponse(404, ResponseStatus.CLIENT_ERROR, "/users");
        assertThat(plugin.wants(Hook.HTTP_RESP)).isTrue();
        assertThat(plugin.call(new HookCall(Hook.HTTP_RESP, context(Direction.SERVER_TO_CLIENT), new byte[0], part)).returned())
                .isEqualTo(1);
    }

    @Test
    void refusesImportsTheHostDoesNotOfferNamingThem() {
        assertThatThrownBy(() -> load(Wat.plugin("(import \"env\" \"now\" (func (result i64)))", "")))
                .isInstanceOf(PluginLoadException.class).hasMessageContaining("imports env.now, which the host does not offer");
        assertThatThrownBy(() -> load(Wat.plugin("(import \"wasi_snapshot_preview1\" \"random_get\" (func (param i32 i32) (result i32)))", "")))
                .hasMessageContaining("wasi_snapshot_preview1.random_get");
        assertThatThrownBy(() -> load(Wat.plugin("(import \"deepflow\" \"wasm_log\" (func (param i32 i32)))", "")))
                .hasMessageContaining("imports deepflow.wasm_log as");
    }

    @Test
    void refusesModulesWithoutTheRequiredExportsOrThatAreNotWasm() {
        String noParse = Wat.plugin("", "").replace("(func (export \"parse_payload\") (result i32) i32.const 0)\n", "");
        assertThatThrownBy(() -> load(noParse)).hasMessageContaining("does not export parse_payload");
        assertThatThrownBy(() -> WasmPlugin.load("junk", ascii("not wasm at all"), PluginLimits.DEFAULTS, watchdog))
                .isInstanceOf(PluginLoadException.class).hasMessageContaining("not a valid WebAssembly module");
    }

    @Test
    void anEndlessLoopIsStoppedAtItsBudgetAndTheThreadIsNotLeftInterrupted() throws Exception {
        PluginLimits limits = new PluginLimits(Duration.ofMillis(50), Duration.ofSeconds(5), 1 << 20, 3, 1 << 20);
        WasmPlugin plugin = WasmPlugin.load("loop", Wat.compile(Wat.plugin("", PAYLOAD_HOOKS + """
                (func (export "parse_payload") (result i32) (loop $forever (br $forever)) i32.const 0)
                """)), limits, watchdog);
        HookCall call = new HookCall(Hook.PARSE_PAYLOAD, context(Direction.CLIENT_TO_SERVER), ascii("x"), null);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> plugin.call(call)).isInstanceOf(PluginCallException.class)
                    .hasMessageContaining("ran over its budget of 50 ms");
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }

        assertThat(plugin.wants(Hook.PARSE_PAYLOAD)).isFalse();
        PluginStats stats = plugin.stats();
        assertThat(stats.disabledReason()).startsWith("3 failed calls in a row");
        assertThat(stats.hooks().get(Hook.PARSE_PAYLOAD).failures()).isEqualTo(3);
        assertThat(stats.restarts()).isEqualTo(2);
    }

    @Test
    void aTrapLeavesAFreshInstanceAndASuccessResetsTheFailureCount() throws Exception {
        WasmPlugin plugin = load(Wat.plugin("", PAYLOAD_HOOKS + """
                (global $calls (mut i32) (i32.const 0))
                (func (export "parse_payload") (result i32)
                  (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
                  ;; the second call on an instance traps; a fresh instance counts from zero again
                  (if (i32.eq (global.get $calls) (i32.const 2)) (then unreachable))
                  i32.const 1)
                """));
        HookCall call = new HookCall(Hook.PARSE_PAYLOAD, context(Direction.CLIENT_TO_SERVER), ascii("x"), null);

        assertThat(plugin.call(call).returned()).isEqualTo(1);
        assertThatThrownBy(() -> plugin.call(call)).hasMessageContaining("parse_payload trapped");
        assertThat(plugin.call(call).returned()).isEqualTo(1);
        assertThat(plugin.stats().restarts()).isEqualTo(1);
    }

    @Test
    void memoryCannotGrowPastTheCap() throws Exception {
        PluginLimits limits = new PluginLimits(Duration.ofMillis(500), Duration.ofSeconds(5), 4 << 16, 3, 1 << 20);
        WasmPlugin plugin = WasmPlugin.load("greedy", Wat.compile(Wat.plugin("", PAYLOAD_HOOKS + """
                (func (export "parse_payload") (result i32)
                  ;; 1 page declared, 4 allowed: growing by 3 works, by 1 more does not
                  (if (i32.eq (memory.grow (i32.const 3)) (i32.const -1)) (then (return (i32.const 0))))
                  (if (i32.ne (memory.grow (i32.const 1)) (i32.const -1)) (then (return (i32.const 0))))
                  i32.const 1)
                """)), limits, watchdog);
        HookResult result = plugin.call(new HookCall(Hook.PARSE_PAYLOAD, context(Direction.CLIENT_TO_SERVER), ascii("x"), null));
        assertThat(result.returned()).isEqualTo(1);
        assertThat(result.memoryBytes()).isEqualTo(4 << 16);
        assertThatThrownBy(() -> WasmPlugin.load("big", Wat.compile("(module (memory (export \"memory\") 9))"), limits, watchdog))
                .hasMessageContaining("declares 576 KiB of memory, over the cap of 256 KiB");
    }

    @Test
    void aReturnValueOutsideTheConventionIsAFailure() throws Exception {
        WasmPlugin plugin = load(Wat.plugin("", PAYLOAD_HOOKS + "(func (export \"parse_payload\") (result i32) i32.const 7)"));
        assertThatThrownBy(() -> plugin.call(new HookCall(Hook.PARSE_PAYLOAD, context(Direction.CLIENT_TO_SERVER), ascii("x"), null)))
                .hasMessageContaining("parse_payload returned 7");
    }

    @Test
    void procExitZeroInStartIsSuccessAndAnyOtherCodeIsNot() throws Exception {
        String exit = "(import \"wasi_snapshot_preview1\" \"proc_exit\" (func $exit (param i32)))";
        assertThat(load(Wat.plugin(exit, "(func (export \"_start\") (call $exit (i32.const 0)))")).name()).isEqualTo("test");
        assertThatThrownBy(() -> load(Wat.plugin(exit, "(func (export \"_start\") (call $exit (i32.const 3)))")))
                .hasMessageContaining("_start called proc_exit(3)");
    }

    private WasmPlugin load(String wat) throws PluginLoadException {
        return WasmPlugin.load("test", Wat.compile(wat), PluginLimits.DEFAULTS, watchdog);
    }

    static BaseContext context(Direction direction) {
        return new BaseContext(new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, 2}, 40000, 80, BaseContext.TCP, 0,
                BaseContext.EBPF_NONE, 1_700_000_000_000_000L, direction, "", 7, 1024);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] pb(byte[] appInfo) {
        byte[] body = new byte[appInfo.length + 2];
        body[0] = 'P';
        body[1] = 'B';
        System.arraycopy(appInfo, 0, body, 2, appInfo.length);
        return body;
    }

    /** A legacy server-to-client body: no lengths, no id, status 4, code 404, result, exception, name "old", merge 0, no trace, no kv, biz 0. */
    private static byte[] legacyResponse() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0});
        out.writeBytes(new byte[] {4, 1, 0, 0, 1, (byte) 0x94});
        out.writeBytes(new byte[] {0, 0, 0, 0});
        out.writeBytes(new byte[] {0, 3, 'o', 'l', 'd'});
        out.writeBytes(new byte[] {0, 0, 0, 0});
        return out.toByteArray();
    }

    private static byte[] records(byte[]... bodies) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] body : bodies) {
            out.write(body.length >> 8);
            out.write(body.length & 0xFF);
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static String watBytes(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) s.append(String.format("\\%02x", b & 0xFF));
        return s.toString();
    }
}
