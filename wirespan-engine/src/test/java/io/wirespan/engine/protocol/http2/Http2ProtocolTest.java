package io.wirespan.engine.protocol.http2;

import static io.wirespan.api.Direction.CLIENT_TO_SERVER;
import static io.wirespan.engine.protocol.http2.H2.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CheckResult;
import io.wirespan.api.L7Protocol;
import io.wirespan.engine.protocol.TestContext;
import io.wirespan.engine.testing.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Http2ProtocolTest {
    private final Http2Protocol protocol = new Http2Protocol();
    private final TestContext context = TestContext.tcp();

    @Test
    void identity() {
        assertThat(protocol.protocol()).isEqualTo(L7Protocol.HTTP2);
        assertThat(protocol.configName()).isEqualTo("HTTP2");
        assertThat(protocol.parsesTcp()).isTrue();
        assertThat(protocol.parsesUdp()).isFalse();
        assertThat(protocol.signature(false).valuesAt(0).contains('P')).isTrue();
        assertThat(protocol.signature(false).valuesAt(0).contains(0x00)).isTrue();
        assertThat(protocol.signature(false).valuesAt(0).contains('G')).isFalse();
    }

    @Test
    void theClientPrefaceIsARequest() {
        assertThat(check(H2.preface())).isEqualTo(CheckResult.REQUEST);
        assertThat(check(concat(H2.preface(), H2.settings(3, 100)))).isEqualTo(CheckResult.REQUEST);
        assertThat(check(java.util.Arrays.copyOf(H2.preface(), 16))).as("most of it").isEqualTo(CheckResult.REQUEST);
    }

    @Test
    void midStreamHeadersNamingMethodOrStatusDecide() {
        assertThat(check(H2.headers(7, H2.END_STREAM, ":method", "GET", ":path", "/"))).isEqualTo(CheckResult.REQUEST);
        assertThat(check(H2.frame(H2.HEADERS, H2.END_HEADERS, 7, Hex.bytes("83 84 be")))).as("static :method POST")
                .isEqualTo(CheckResult.REQUEST);
        assertThat(check(H2.frame(H2.HEADERS, H2.END_HEADERS, 7, Hex.bytes("88")))).as("static :status 200")
                .isEqualTo(CheckResult.RESPONSE);
        assertThat(check(H2.headers(7, 0, ":status", "503"))).isEqualTo(CheckResult.RESPONSE);
        // a Huffman-coded literal name (h2c_ascii's client sends them)
        assertThat(check(H2.frame(H2.HEADERS, H2.END_HEADERS, 1, Hex.bytes("00 85 b9 49 53 39 e4 83 50 4f 53 54"))))
                .isEqualTo(CheckResult.REQUEST);
        // SETTINGS ACK and PING before the headers, as a flow joined late shows them
        assertThat(check(concat(H2.frame(H2.SETTINGS, H2.ACK, 0, new byte[0]), H2.frame(H2.PING, H2.ACK, 0, new byte[8]),
                H2.headers(1, 0, ":method", "POST")))).isEqualTo(CheckResult.REQUEST);
        assertThat(check(H2.frame(H2.PUSH_PROMISE, H2.END_HEADERS, 1, concat(H2.int32(2), H2.block(":method", "GET")))))
                .isEqualTo(CheckResult.RESPONSE);
    }

    @Test
    void theServersFirstSettingsIsAResponse() {
        assertThat(check(H2.settings(3, 100, 4, 1 << 20, 5, 16384))).isEqualTo(CheckResult.RESPONSE);
        assertThat(check(H2.settings(5, 100))).as("max frame size below 16384").isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(H2.settings(0x77, 1))).as("unknown setting").isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(H2.frame(H2.SETTINGS, 0, 0, new byte[0]))).as("empty").isEqualTo(CheckResult.NOT_MINE);
    }

    @Test
    void otherProtocolsAndLoneFramesAreNotHttp2() {
        assertThat(check(ascii("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"))).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(ascii("HTTP/1.1 200 OK\r\n\r\n"))).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(ascii("PRI * HTTP/1.1\r\n"))).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(Hex.bytes("16 03 01 00 f1 01 00 00 ed 03 03"))).as("TLS ClientHello").isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(Hex.bytes("00 00 00 2a 00 00 00 01 00 00 00 00"))).as("a length-prefixed RPC").isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(H2.data(1, 0, 20))).as("data alone").isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(H2.frame(H2.HEADERS, H2.END_HEADERS, 0, H2.block(":method", "GET")))).as("stream 0")
                .isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(H2.frame(H2.HEADERS, 0x40 | H2.END_HEADERS, 1, H2.block(":method", "GET")))).as("undefined flag")
                .isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(new byte[0])).isEqualTo(CheckResult.NOT_MINE);
    }

    @Test
    void randomBytesAreAlmostNeverHttp2() {
        Random random = new Random(9113);
        int matched = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[1 + random.nextInt(200)];
            random.nextBytes(bytes);
            if (check(bytes).matched()) matched++;
        }
        assertThat(matched).isLessThan(5);
    }

    private CheckResult check(byte[] bytes) {
        byte[] padded = new byte[bytes.length + 10];
        System.arraycopy(bytes, 0, padded, 5, bytes.length);
        return protocol.check(CLIENT_TO_SERVER, padded, 5, bytes.length, context);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
