package io.wirespan.engine.protocol.mysql;

import static io.wirespan.engine.protocol.mysql.MysqlSamples.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Protocol;
import io.wirespan.engine.protocol.TestContext;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MysqlProtocolTest {
    private final MysqlProtocol protocol = new MysqlProtocol();

    private CheckResult check(byte[] b) {
        return protocol.check(Direction.CLIENT_TO_SERVER, b, 0, b.length, TestContext.tcp());
    }

    @Test
    void namesItselfAsDeepFlowDoes() {
        assertThat(protocol.protocol()).isEqualTo(L7Protocol.MYSQL);
        assertThat(protocol.configName()).isEqualTo("MySQL");
        assertThat(protocol.parsesTcp()).isTrue();
        assertThat(protocol.parsesUdp()).isFalse();
        assertThat(protocol.config()).isEqualTo(MysqlConfig.DEFAULTS);
    }

    @Test
    void acceptsClientCommandsAsRequests() {
        assertThat(check(query("SELECT 1"))).isEqualTo(CheckResult.REQUEST);
        assertThat(check(query("  /* hint */ update t set a = 1"))).isEqualTo(CheckResult.REQUEST);
        assertThat(check(command(MysqlCommand.STMT_PREPARE, "SELECT * FROM t WHERE id = ?"))).isEqualTo(CheckResult.REQUEST);
        assertThat(check(command(MysqlCommand.INIT_DB, "test"))).isEqualTo(CheckResult.REQUEST);
        assertThat(check(packet(0, bytes(MysqlCommand.PING)))).isEqualTo(CheckResult.REQUEST);
        assertThat(check(packet(0, bytes(MysqlCommand.STMT_CLOSE, 1, 0, 0, 0)))).isEqualTo(CheckResult.REQUEST);
    }

    @Test
    void acceptsLoginAsRequestAndGreetingAsResponse() {
        assertThat(check(login("root", "db", false))).isEqualTo(CheckResult.REQUEST);
        assertThat(check(mariadbLogin("app", "db"))).isEqualTo(CheckResult.REQUEST);
        assertThat(check(greeting())).isEqualTo(CheckResult.RESPONSE);
    }

    @Test
    void acceptsACompressedCommandFrame() {
        assertThat(check(compressedFrame(0, query("SELECT * FROM t"), false))).isEqualTo(CheckResult.REQUEST);
        assertThat(check(compressedFrame(0, query("SELECT * FROM t"), true))).isEqualTo(CheckResult.REQUEST);
    }

    @Test
    void rejectsOtherProtocolsAndNonsense() {
        assertThat(check("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(query("hello world"))).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(packet(1, concat(bytes(3), "SELECT 1".getBytes(StandardCharsets.US_ASCII))))).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(packet(0, bytes(MysqlCommand.PING, 0)))).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(packet(0, bytes(0x55, 1, 2)))).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(ok(1, 0))).isEqualTo(CheckResult.NOT_MINE);
        byte[] dirtyFiller = login("root", "db", false);
        dirtyFiller[4 + 20] = 1;
        assertThat(check(dirtyFiller)).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(new byte[3])).isEqualTo(CheckResult.NOT_MINE);
        assertThat(protocol.check(Direction.CLIENT_TO_SERVER, null, 0, 0, TestContext.tcp())).isEqualTo(CheckResult.NOT_MINE);
        assertThat(protocol.check(Direction.CLIENT_TO_SERVER, new byte[4], 2, 9, TestContext.tcp())).isEqualTo(CheckResult.NOT_MINE);
    }
}
