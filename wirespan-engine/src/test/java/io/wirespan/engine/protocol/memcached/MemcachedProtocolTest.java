package io.wirespan.engine.protocol.memcached;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Protocol;
import io.wirespan.engine.protocol.TestContext;
import java.util.HexFormat;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MemcachedProtocolTest {
    private final MemcachedProtocol protocol = new MemcachedProtocol();
    private final TestContext context = TestContext.tcp();

    private CheckResult check(byte[] bytes) {
        return protocol.check(Direction.CLIENT_TO_SERVER, bytes, 0, bytes.length, context);
    }

    private CheckResult check(String payload) {
        return check(payload.replace("\\r\\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void describesItself() {
        assertThat(protocol.protocol()).isEqualTo(L7Protocol.MEMCACHED);
        assertThat(protocol.configName()).isEqualTo("Memcached");
        assertThat(protocol.defaultPorts()).isEqualTo("11211");
        for (String verb : new String[] {"set", "add", "replace", "append", "prepend", "cas", "get", "gets", "gat",
            "gats", "delete", "incr", "decr", "touch"}) {
            assertThat(protocol.signature(false).valuesAt(0).contains(verb.charAt(0))).as(verb).isTrue();
        }
        assertThat(protocol.signature(false).valuesAt(0).contains(0x80)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "set foo 0 0 3\\r\\n",
        "set foo 0 0 3\\r\\nbar\\r\\n",
        "cas foo 0 0 3 99 noreply\\r\\nbar\\r\\n",
        "get foo\\r\\n",
        "gets a b c\\r\\n",
        "incr n 1\\r\\n",
        "touch k 10\\r\\n",
        "delete k noreply\\r\\n",
    })
    void acceptsCommandLines(String payload) {
        assertThat(check(payload)).isEqualTo(CheckResult.REQUEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "set foo 0 0\\r\\n",
        "set foo 0 0 x\\r\\n",
        "get\\r\\n",
        "get foo",
        "GET foo\\r\\n",
        "STORED\\r\\n",
        "VALUE foo 0 3\\r\\nbar\\r\\nEND\\r\\n",
        "quit\\r\\n",
        "getter foo\\r\\n",
        "*2\\r\\n$3\\r\\nGET\\r\\n",
        "",
    })
    void rejectsEverythingElse(String payload) {
        assertThat(check(payload)).isEqualTo(CheckResult.NOT_MINE);
    }

    @Test
    void acceptsABinaryRequestHeaderOnly() {
        byte[] get = HexFormat.of().parseHex("800000030000000000000003000000070000000000000000666f6f");
        assertThat(check(get)).isEqualTo(CheckResult.REQUEST);
        byte[] response = get.clone();
        response[0] = (byte) 0x81;
        assertThat(check(response)).isEqualTo(CheckResult.NOT_MINE);
        byte[] badLengths = get.clone();
        badLengths[11] = 1; // body shorter than the key
        assertThat(check(badLengths)).isEqualTo(CheckResult.NOT_MINE);
        byte[] unknownOpcode = get.clone();
        unknownOpcode[1] = (byte) 0xF0;
        assertThat(check(unknownOpcode)).isEqualTo(CheckResult.NOT_MINE);
    }
}
