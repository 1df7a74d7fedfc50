package io.wirespan.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.Direction;
import io.wirespan.wasm.abi.HookPart;
import io.wirespan.wasm.abi.PluginRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DeepFlow's loop over plugins (ABI §7): load order, the hook bit, next / abort / abort with result, failures skipped. */
class PluginChainTest {
    private static final String LOG = "(import \"deepflow\" \"wasm_log\" (func $log (param i32 i32 i32)))\n"
            + "(import \"deepflow\" \"host_read_l7_protocol_info\" (func $info (param i32 i32) (result i32)))\n"
            + "(import \"deepflow\" \"host_read_str_result\" (func $str (param i32 i32) (result i32)))\n";
    private static final String PAYLOAD_BIT = """
            (data (i32.const 1024) "\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\01")
            (func (export "get_hook_bitmap") (result i32) i32.const 1024)
            """;
    /** A legacy request record of 25 bytes: no lengths, no id, type "T", empty endpoint/domain/resource, name "n", no merge, trace or pairs, business type 0. */
    private static final String RECORD = "(data (i32.const 3000) \"\\00\\19\\00\\00\\00\\00\\00\\00\\00\\00\\00"
            + "\\00\\01T\\00\\00\\00\\00\\00\\00\\00\\01n\\00\\00\\00\\00\")";

    private final CallWatchdog watchdog = new CallWatchdog();
    private final List<String> events = new ArrayList<>();
    private final PluginEvents recorder = new PluginEvents() {
        @Override
        public void log(String plugin, PluginLog line) {
            events.add(plugin + " logs " + line.message());
        }

        @Override
        public void failed(String plugin, Hook hook, String why) {
            events.add(plugin + " failed");
        }
    };

    @AfterEach
    void stop() {
        watchdog.close();
    }

    @Test
    void parseGoesToEachPluginInOrderUntilOneReturnsOne() throws Exception {
        PluginChain chain = new PluginChain(List.of(
                plugin("next", PAYLOAD_BIT + log("next", "i32.const 0")),
                plugin("trap", PAYLOAD_BIT + "(func (export \"parse_payload\") (result i32) unreachable)"),
                plugin("nobit", log("nobit", "i32.const 1")),
                plugin("result", PAYLOAD_BIT + RECORD + log("result", "(drop (call $info (i32.const 3000) (i32.const 27))) i32.const 1")),
                plugin("late", PAYLOAD_BIT + log("late", "i32.const 1"))), recorder);

        List<PluginRecord> records = chain.parse(WasmPluginTest.context(Direction.CLIENT_TO_SERVER), new byte[] {1});

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.request().type()).isEqualTo("T");
            assertThat(r.protocolName()).isEqualTo("n");
        });
        assertThat(events).containsExactly("next logs next", "trap failed", "result logs result");
    }

    @Test
    void abortWithoutAResultIsAnEmptyResultAndNobodyAcceptingIsNone() throws Exception {
        PluginChain abort = new PluginChain(List.of(plugin("abort", PAYLOAD_BIT + log("abort", "i32.const 1")),
                plugin("late", PAYLOAD_BIT + log("late", "i32.const 1"))), recorder);
        assertThat(abort.parse(WasmPluginTest.context(Direction.CLIENT_TO_SERVER), new byte[] {1})).isEmpty();
        assertThat(events).containsExactly("abort logs abort");

        PluginChain none = new PluginChain(List.of(plugin("next", PAYLOAD_BIT + log("next", "i32.const 0"))), recorder);
        assertThat(none.parse(WasmPluginTest.context(Direction.CLIENT_TO_SERVER), new byte[] {1})).isNull();
    }

    @Test
    void checkTakesTheFirstClaimWithItsNameAndDirection() throws Exception {
        String claims = PAYLOAD_BIT + "(data (i32.const 2048) \"\\00\\04demo\")"
                + "(func (export \"check_payload\") (result i32) (drop (call $str (i32.const 2048) (i32.const 6))) i32.const 0x0209)";
        PluginChain chain = new PluginChain(List.of(plugin("no", PAYLOAD_BIT), plugin("yes", claims)), recorder);

        PluginChain.Claim claim = chain.check(WasmPluginTest.context(Direction.SERVER_TO_CLIENT), new byte[] {1, 2});

        assertThat(claim).isEqualTo(new PluginChain.Claim(9, "demo", true));
    }

    @Test
    void aCustomMessageGoesOnlyToPluginsHookedOnItsProtocol() throws Exception {
        String natsOnly = """
                (data (i32.const 1024) "\\20\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00")
                (data (i32.const 1100) "\\00\\00\\00\\00\\00\\00\\00\\68")
                (func (export "get_hook_bitmap") (result i32) i32.const 1024)
                (func (export "get_custom_message_hook") (result i32) i32.const 1100)
                """;
        PluginChain chain = new PluginChain(List.of(
                plugin("nats", natsOnly + RECORD + "(func (export \"on_custom_message\") (result i32)"
                        + " (drop (call $info (i32.const 3000) (i32.const 27))) i32.const 1)")), recorder);
        HookCall nats = new HookCall(Hook.CUSTOM_MESSAGE, WasmPluginTest.context(Direction.CLIENT_TO_SERVER), new byte[0],
                new HookPart.CustomMessage(0, 104, new byte[0]));
        HookCall zmtp = new HookCall(Hook.CUSTOM_MESSAGE, WasmPluginTest.context(Direction.CLIENT_TO_SERVER), new byte[0],
                new HookPart.CustomMessage(0, 106, new byte[0]));

        assertThat(chain.hook(nats)).isNotNull();
        assertThat(chain.hook(zmtp)).isNull();
    }

    private WasmPlugin plugin(String name, String body) throws PluginLoadException {
        return WasmPlugin.load(name, Wat.compile(Wat.plugin(LOG, body)), PluginLimits.DEFAULTS, watchdog);
    }

    /** A parse_payload that logs {@code word} and then runs {@code rest}. */
    private static String log(String word, String rest) {
        return "(data (i32.const 5000) \"" + word + "\")"
                + "(func (export \"parse_payload\") (result i32) (call $log (i32.const 5000) (i32.const " + word.length()
                + ") (i32.const 0)) " + rest + ")";
    }
}
