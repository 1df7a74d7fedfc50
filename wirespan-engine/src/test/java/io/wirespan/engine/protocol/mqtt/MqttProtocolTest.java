package io.wirespan.engine.protocol.mqtt;

import static io.wirespan.api.Direction.CLIENT_TO_SERVER;
import static io.wirespan.api.Direction.SERVER_TO_CLIENT;
import static io.wirespan.engine.protocol.mqtt.MqttSamples.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Protocol;
import io.wirespan.engine.protocol.TestContext;
import io.wirespan.engine.testing.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MqttProtocolTest {
    private final MqttProtocol protocol = new MqttProtocol();

    private CheckResult check(Direction direction, byte[] payload) {
        return protocol.check(direction, payload, 0, payload.length, TestContext.tcp());
    }

    @Test
    void isDeepFlowsMqttOverTcp() {
        assertThat(protocol.protocol()).isEqualTo(L7Protocol.MQTT);
        assertThat(protocol.configName()).isEqualTo("MQTT");
        assertThat(protocol.parsesTcp()).isTrue();
        assertThat(protocol.parsesUdp()).isFalse();
        assertThat(protocol.signature(false).valuesAt(0).contains(0x10)).isTrue();
        assertThat(protocol.signature(false).valuesAt(0).contains('G')).isFalse();
    }

    @Test
    void acceptsAConnectOfEachVersion() {
        assertThat(check(CLIENT_TO_SERVER, CONNECT_V4)).isEqualTo(CheckResult.REQUEST);
        assertThat(check(SERVER_TO_CLIENT, CONNECT_V5)).isEqualTo(CheckResult.REQUEST);
        assertThat(check(CLIENT_TO_SERVER, CONNECT_V3)).isEqualTo(CheckResult.REQUEST);
        assertThat(check(CLIENT_TO_SERVER, Arrays.copyOf(CONNECT_V4, 9))).isEqualTo(CheckResult.REQUEST);
    }

    @Test
    void rejectsAConnectOfAnotherProtocolOrLevel() {
        byte[] level6 = CONNECT_V4.clone();
        level6[8] = 6;
        byte[] named = CONNECT_V4.clone();
        named[4] = 'X';
        assertThat(check(CLIENT_TO_SERVER, level6)).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(CLIENT_TO_SERVER, named)).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(CLIENT_TO_SERVER, Arrays.copyOf(CONNECT_V4, 5))).isEqualTo(CheckResult.NOT_MINE);
    }

    @Test
    void recognisesAFlowCaughtMidStream() {
        assertThat(check(CLIENT_TO_SERVER, concat(PUBLISH_QOS1, PUBLISH_QOS2))).isEqualTo(CheckResult.REQUEST);
        assertThat(check(SERVER_TO_CLIENT, PUBLISH_QOS0)).isEqualTo(CheckResult.RESPONSE);
        assertThat(check(SERVER_TO_CLIENT, SUBSCRIBE)).isEqualTo(CheckResult.REQUEST);
        assertThat(check(CLIENT_TO_SERVER, concat(SUBACK, PUBLISH_QOS0))).isEqualTo(CheckResult.RESPONSE);
        assertThat(check(CLIENT_TO_SERVER, UNSUBSCRIBE)).isEqualTo(CheckResult.REQUEST);
        assertThat(check(SERVER_TO_CLIENT, PINGREQ)).isEqualTo(CheckResult.REQUEST);
        assertThat(check(CLIENT_TO_SERVER, concat(PUBACK_1, PUBLISH_QOS1))).isEqualTo(CheckResult.REQUEST);
        assertThat(check(CLIENT_TO_SERVER, V5_SUBSCRIBE)).isEqualTo(CheckResult.REQUEST);
        byte[] big = bigPublish("sensors/1", 50_000);
        assertThat(check(SERVER_TO_CLIENT, Arrays.copyOf(big, 1400))).isEqualTo(CheckResult.RESPONSE);
    }

    @Test
    void rejectsWhatIsNotARunOfMqttPackets() {
        assertThat(check(CLIENT_TO_SERVER, "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(CLIENT_TO_SERVER, Hex.bytes("16 03 01 00 a5 01 00 00 a1 03 03"))).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(CLIENT_TO_SERVER, PUBACK_1)).as("acks alone are too weak").isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(CLIENT_TO_SERVER, PINGRESP)).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(CLIENT_TO_SERVER, DISCONNECT)).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(CLIENT_TO_SERVER, concat(PUBLISH_QOS1, Hex.bytes("ff")))).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(CLIENT_TO_SERVER, Arrays.copyOf(SUBSCRIBE, 10))).as("only a PUBLISH may go on").isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(CLIENT_TO_SERVER, Hex.bytes("30 05 00 00 61 62 63"))).as("empty topic").isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(CLIENT_TO_SERVER, Hex.bytes("32 05 00 01 61 00 00"))).as("packet id 0").isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(CLIENT_TO_SERVER, Hex.bytes("36 05 00 01 61 00 01"))).as("QoS 3").isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(CLIENT_TO_SERVER, Hex.bytes("80 0e 00 01"))).as("SUBSCRIBE flags 0").isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(CLIENT_TO_SERVER, Hex.bytes("30 ff ff ff ff 01"))).as("5-byte length").isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(CLIENT_TO_SERVER, new byte[] {0x30})).isEqualTo(CheckResult.NOT_MINE);
        assertThat(protocol.check(CLIENT_TO_SERVER, null, 0, 0, TestContext.tcp())).isEqualTo(CheckResult.NOT_MINE);
    }
}
