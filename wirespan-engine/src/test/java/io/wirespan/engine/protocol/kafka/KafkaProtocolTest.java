package io.wirespan.engine.protocol.kafka;

import static io.wirespan.engine.protocol.kafka.KafkaSamples.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Protocol;
import io.wirespan.engine.protocol.TestContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;

class KafkaProtocolTest {
    private final KafkaProtocol protocol = new KafkaProtocol();

    private CheckResult check(byte[] b) {
        return protocol.check(Direction.CLIENT_TO_SERVER, b, 0, b.length, TestContext.tcp());
    }

    @Test
    void identity() {
        assertThat(protocol.protocol()).isEqualTo(L7Protocol.KAFKA);
        assertThat(protocol.configName()).isEqualTo("Kafka");
        assertThat(protocol.parsesTcp()).isTrue();
        assertThat(protocol.parsesUdp()).isFalse();
        assertThat(protocol.signature(false).valuesAt(0).contains(0)).isTrue();
        assertThat(protocol.signature(false).valuesAt(0).contains(2)).isFalse(); // sizes up to 16 MiB
        assertThat(protocol.signature(false).valuesAt(4).contains(1)).isFalse(); // API keys below 256
        assertThatThrownBy(() -> new KafkaProtocol(new io.wirespan.engine.tags.TraceHeaders(java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of()), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsRequestHeaders() {
        assertThat(check(PRODUCE_V2_REQUEST)).isEqualTo(CheckResult.REQUEST);
        assertThat(check(PRODUCE_V9_REQUEST)).isEqualTo(CheckResult.REQUEST);
        assertThat(check(JOIN_GROUP_V7_REQUEST)).isEqualTo(CheckResult.REQUEST);
        assertThat(check(heartbeat(1))).isEqualTo(CheckResult.REQUEST);
        assertThat(check(Arrays.copyOf(PRODUCE_V2_REQUEST, 20))).as("first segment of a frame").isEqualTo(CheckResult.REQUEST);
        assertThat(check(KafkaClientsFrames.request(ApiKeys.API_VERSIONS, 5, 0, new ApiVersionsRequestData()
                .setClientSoftwareName("apache-kafka-java").setClientSoftwareVersion("4.4.0"))))
                .as("what a kafka-clients 4.4 connection starts with").isEqualTo(CheckResult.REQUEST);
        assertThat(check(request(0, KafkaApiKey.PRODUCE.maxVersion() + 1, 1, "c", new byte[0])))
                .as("a version newer than the parser knows").isEqualTo(CheckResult.REQUEST);
    }

    @Test
    void rejectsWhatIsNotARequestHeader() {
        // A response can look like a request when its correlation id reads as a key and version (that
        // of PRODUCE_V2_RESPONSE, 1, reads as Produce v1): check cannot tell those apart from the header.
        assertThat(check(request(18, 3, 0, null, new byte[] {1, 1, 0}))).as("null client id").isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(request(18, 3, 0, "", new byte[] {1, 1, 0}))).as("empty client id").isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(JOIN_GROUP_V7_RESPONSE)).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(Arrays.copyOf(PRODUCE_V2_REQUEST, 13))).as("too short").isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(request(999, 0, 1, "c", new byte[0]))).as("unknown api").isEqualTo(CheckResult.NOT_MINE);
        int tooNew = KafkaApiKey.PRODUCE.maxVersion() + KafkaApiKey.NEWER_VERSIONS + 1;
        assertThat(check(request(0, tooNew, 1, "c", new byte[0]))).as("version out of range").isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(request(0, 2, -5, "c", new byte[0]))).as("negative correlation").isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(request(0, 2, 1, "c\u0001d", new byte[0]))).as("control char").isEqualTo(CheckResult.NOT_MINE);
        byte[] huge = PRODUCE_V2_REQUEST.clone();
        huge[0] = 0x01;
        assertThat(check(huge)).as("size over 16 MiB").isEqualTo(CheckResult.NOT_MINE);
        byte[] longClient = PRODUCE_V2_REQUEST.clone();
        longClient[13] = (byte) 0x7F;
        assertThat(check(longClient)).as("client id longer than the frame").isEqualTo(CheckResult.NOT_MINE);
        assertThat(check("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(new byte[0])).isEqualTo(CheckResult.NOT_MINE);
        assertThat(protocol.check(Direction.CLIENT_TO_SERVER, PRODUCE_V2_REQUEST, 0, PRODUCE_V2_REQUEST.length,
                TestContext.udp())).isEqualTo(CheckResult.NOT_MINE);
        assertThat(protocol.check(Direction.CLIENT_TO_SERVER, PRODUCE_V2_REQUEST, 5, PRODUCE_V2_REQUEST.length,
                TestContext.tcp())).as("bad bounds").isEqualTo(CheckResult.NOT_MINE);
    }

    @Test
    void namesEveryApiKeyAndErrorCode() {
        assertThat(KafkaApiKey.valueOf(0).apiName()).isEqualTo("Produce");
        assertThat(KafkaApiKey.valueOf(8).apiName()).isEqualTo("OffsetCommit");
        assertThat(KafkaApiKey.valueOf(18).apiName()).isEqualTo("ApiVersions");
        assertThat(KafkaApiKey.valueOf(68).apiName()).isEqualTo("ConsumerGroupHeartbeat");
        assertThat(KafkaApiKey.valueOf(75).apiName()).isEqualTo("DescribeTopicPartitions");
        assertThat(KafkaApiKey.valueOf(500).apiName()).isEqualTo("500");
        assertThat(KafkaApiKey.valueOf(500).known()).isFalse();
        assertThat(KafkaErrorCode.valueOf(3).errorName()).isEqualTo("UNKNOWN_TOPIC_OR_PARTITION");
        assertThat(KafkaErrorCode.valueOf(100).errorName()).isEqualTo("UNKNOWN_TOPIC_ID");
        assertThat(KafkaErrorCode.valueOf(5120).errorName()).isNull();
        assertThat(KafkaErrorCode.valueOf(-2).errorName()).isNull();
    }
}
