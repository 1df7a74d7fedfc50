package io.wirespan.engine.protocol.mongodb;

import static io.wirespan.engine.protocol.mongodb.MongoSamples.opMsg;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Protocol;
import io.wirespan.engine.protocol.TestContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MongoProtocolTest {
    private final MongoProtocol protocol = new MongoProtocol();

    private CheckResult check(byte[] bytes) {
        return protocol.check(Direction.CLIENT_TO_SERVER, bytes, 0, bytes.length, TestContext.tcp());
    }

    @Test
    void namesItselfAsDeepFlowDoes() {
        assertThat(protocol.protocol()).isEqualTo(L7Protocol.MONGODB);
        assertThat(protocol.configName()).isEqualTo("MongoDB");
        assertThat(protocol.parsesTcp()).isTrue();
        assertThat(protocol.parsesUdp()).isFalse();
    }

    @Test
    void acceptsRequestsAndReplies() {
        assertThat(check(opMsg(1, 0, "{\"ping\": 1}"))).isEqualTo(CheckResult.REQUEST);
        assertThat(check(opMsg(9, 1, "{\"ok\": 1}"))).isEqualTo(CheckResult.RESPONSE);
        assertThat(check(MongoSamples.opQuery(0, "admin.$cmd", "{\"isMaster\": 1}"))).isEqualTo(CheckResult.REQUEST);
        assertThat(check(MongoSamples.opReply(5, 0, 0, "{\"ok\": 1}"))).isEqualTo(CheckResult.RESPONSE);
        assertThat(check(MongoSamples.compressed(opMsg(1, 0, "{\"ping\": 1}"), 2))).isEqualTo(CheckResult.REQUEST);
        // Only the header and the first body bytes are needed.
        assertThat(check(Arrays.copyOf(opMsg(1, 0, "{\"ping\": 1}"), 16))).isEqualTo(CheckResult.REQUEST);
    }

    @Test
    void rejectsWhatIsNotAMongoHeader() {
        assertThat(check("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(new byte[15])).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(new byte[64])).isEqualTo(CheckResult.NOT_MINE);
        byte[] unknownOpcode = opMsg(1, 0, "{\"ping\": 1}");
        unknownOpcode[12] = 0x10;
        assertThat(check(unknownOpcode)).isEqualTo(CheckResult.NOT_MINE);
        byte[] tooLong = opMsg(1, 0, "{\"ping\": 1}");
        tooLong[3] = 0x7F;
        assertThat(check(tooLong)).isEqualTo(CheckResult.NOT_MINE);
        byte[] badFlags = opMsg(1, 0, "{\"ping\": 1}");
        badFlags[18] = 4;
        assertThat(check(badFlags)).isEqualTo(CheckResult.NOT_MINE);
        byte[] badKind = opMsg(1, 0, "{\"ping\": 1}");
        badKind[20] = 2;
        assertThat(check(badKind)).isEqualTo(CheckResult.NOT_MINE);
        // A legacy request opcode with a responseTo is neither.
        byte[] queryWithResponseTo = MongoSamples.opQuery(3, "db.c", "{}");
        queryWithResponseTo[8] = 1;
        assertThat(check(queryWithResponseTo)).isEqualTo(CheckResult.NOT_MINE);
        byte[] msg = opMsg(1, 0, "{\"ping\": 1}");
        assertThat(protocol.check(Direction.CLIENT_TO_SERVER, msg, 0, msg.length, TestContext.udp()))
                .isEqualTo(CheckResult.NOT_MINE);
        assertThat(protocol.check(Direction.CLIENT_TO_SERVER, msg, 10, msg.length, TestContext.tcp()))
                .isEqualTo(CheckResult.NOT_MINE);
    }
}
