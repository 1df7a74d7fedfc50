package io.wirespan.engine.protocol.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Protocol;
import io.wirespan.engine.protocol.TestContext;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpProtocolTest {
    private final HttpProtocol protocol = new HttpProtocol();

    private CheckResult check(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.ISO_8859_1);
        // Offset and padding on both sides: check must read only its own range.
        byte[] padded = new byte[bytes.length + 8];
        java.util.Arrays.fill(padded, (byte) 'X');
        System.arraycopy(bytes, 0, padded, 4, bytes.length);
        return protocol.check(Direction.CLIENT_TO_SERVER, padded, 4, bytes.length, TestContext.tcp());
    }

    @Test
    void describesItself() {
        assertThat(protocol.protocol()).isEqualTo(L7Protocol.HTTP1);
        assertThat(protocol.configName()).isEqualTo("HTTP");
        assertThat(protocol.parsesTcp()).isTrue();
        assertThat(protocol.parsesUdp()).isFalse();
        assertThat("GHPDCOTMLU".chars()).allMatch(c -> protocol.signature(false).valuesAt(0).contains(c));
        assertThat("ghpXZ0{\u0016".chars()).noneMatch(c -> protocol.signature(false).valuesAt(0).contains(c));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
        "POST /query?1590632942 HTTP/1.1\r\n",
        "HEAD /x HTTP/1.0\n",
        "OPTIONS * HTTP/1.1\r\n",
        "CONNECT example.com:443 HTTP/1.1\r\n",
        "PROPFIND /dav/ HTTP/1.1\r\n",
        "GET http://example.com/a HTTP/1.1\r\n",
        "GET /line-break-in-the-next-segment HTTP/1.1",
        "PUT /dav/body.txt HTT",
        "GET / H",
    })
    void recognisesRequestLines(String payload) {
        assertThat(check(payload)).isEqualTo(CheckResult.REQUEST);
    }

    @Test
    void recognisesALongRequestLineCutByTheSegment() {
        assertThat(check("GET /" + "a".repeat(300))).isEqualTo(CheckResult.REQUEST);
        assertThat(check("GET /" + "a".repeat(30))).isEqualTo(CheckResult.NOT_MINE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1 200 OK\r\n", "HTTP/1.0 404 Not Found\r\n", "HTTP/1.1 100 Continue\r\n",
        "HTTP/1.1 204\r\n"})
    void recognisesStatusLines(String payload) {
        assertThat(check(payload)).isEqualTo(CheckResult.RESPONSE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "G", "GET", "GET /", "GET / ", "GET / X", "GET / HTTP/2", "get / HTTP/1.1\r\n", "GETS / HTTP/1.1\r\n", "GET  / HTTP/1.1\r\n",
        "GET / HTTP/2.0\r\n", "GET / HTTP/1.1 extra\r\n", "GET /a\u0001b HTTP/1.1\r\n", "GET / HTTP/1.2\r\n",
        "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "HTTP/1.1 20", "HTTP/1.1 2000\r\n", "HTTP/1.1 099 x\r\n",
        "HTTP/2 200\r\n", "HTTP/1.1 600 x\r\n", "SSH-2.0-OpenSSH_9.6\r\n", "\u0016\u0003\u0001\u0002\u0000",
    })
    void rejectsEverythingElse(String payload) {
        assertThat(check(payload)).isEqualTo(CheckResult.NOT_MINE);
    }
}
