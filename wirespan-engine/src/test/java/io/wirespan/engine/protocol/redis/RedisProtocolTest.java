package io.wirespan.engine.protocol.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Protocol;
import io.wirespan.engine.protocol.TestContext;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisProtocolTest {
    private final RedisProtocol protocol = new RedisProtocol();
    private final TestContext context = TestContext.tcp();

    private CheckResult check(String payload) {
        byte[] bytes = payload.replace("\\r\\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return protocol.check(Direction.CLIENT_TO_SERVER, bytes, 0, bytes.length, context);
    }

    @Test
    void describesItself() {
        assertThat(protocol.protocol()).isEqualTo(L7Protocol.REDIS);
        assertThat(protocol.configName()).isEqualTo("Redis");
        assertThat(protocol.parsesTcp()).isTrue();
        assertThat(protocol.parsesUdp()).isFalse();
        for (char c : "*$+-:_,#!=(%~>|".toCharArray()) assertThat(protocol.signature(false).valuesAt(0).contains(c)).isTrue();
        assertThat(protocol.signature(false).valuesAt(0).contains('G')).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "*2\\r\\n$3\\r\\nGET\\r\\n$18\\r\\nuser_conf_config_1\\r\\n",
        "*2\\r\\n$3\\r\\nget\\r\\n$4\\r\\nabcd\\r\\n",
        "*1\\r\\n$4\\r\\nPING\\r\\n",
        "*3\\r\\n$6\\r\\nCONFIG\\r\\n$3\\r\\nGET\\r\\n",
        "*3\\r\\n$3\\r\\nSET\\r\\n$1\\r\\nk\\r\\n$100000\\r\\npartial",
        "*2\\r\\n$11\\r\\nsinterstore\\r\\n",
    })
    void acceptsCommandArrays(String payload) {
        assertThat(check(payload)).isEqualTo(CheckResult.REQUEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "+OK\\r\\n",
        "$5\\r\\nhello\\r\\n",
        "*0\\r\\n",
        "*1\\r\\n$4\\r\\nNOPE\\r\\n",
        "*1\\r\\n:1\\r\\n",
        "*1\\r\\n$4\\r\\nPING",
        "*1\\r\\n$5\\r\\nPING\\r\\n",
        "*x\\r\\n$3\\r\\nGET\\r\\n",
        "GET /index.html HTTP/1.1\\r\\n",
        "get foo\\r\\n",
        "*",
        "",
    })
    void rejectsEverythingElse(String payload) {
        assertThat(check(payload)).isEqualTo(CheckResult.NOT_MINE);
    }

    @Test
    void looksUpCommandNamesInAnyCase() {
        byte[] name = "hGeTaLl".getBytes(StandardCharsets.US_ASCII);
        assertThat(RedisCommands.lookup(name, 0, name.length)).isEqualTo("HGETALL");
        assertThat(lookup("zrangebyscore")).isEqualTo("ZRANGEBYSCORE");
        assertThat(lookup("nonsense")).isNull();
        byte[] upper = "GET".getBytes(StandardCharsets.US_ASCII), lower = "get".getBytes(StandardCharsets.US_ASCII);
        assertThat(RedisCommands.asSent(lookup("GET"), upper, 0, 3)).isSameAs(lookup("get"));
        assertThat(RedisCommands.asSent(lookup("get"), lower, 0, 3)).isEqualTo("get");
    }

    private static String lookup(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        return RedisCommands.lookup(bytes, 0, bytes.length);
    }
}
