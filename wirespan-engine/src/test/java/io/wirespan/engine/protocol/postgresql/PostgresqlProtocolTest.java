package io.wirespan.engine.protocol.postgresql;

import static io.wirespan.api.Direction.CLIENT_TO_SERVER;
import static io.wirespan.api.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Protocol;
import io.wirespan.engine.protocol.TestContext;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PostgresqlProtocolTest {
    private final PostgresqlProtocol protocol = new PostgresqlProtocol();

    private CheckResult check(Direction direction, byte[] b) {
        return protocol.check(direction, b, 0, b.length, TestContext.tcp());
    }

    private CheckResult check(byte[] b) {
        return check(CLIENT_TO_SERVER, b);
    }

    @Test
    void identity() {
        assertThat(protocol.protocol()).isEqualTo(L7Protocol.POSTGRESQL);
        assertThat(protocol.configName()).isEqualTo("PostgreSQL");
        assertThat(protocol.parsesTcp()).isTrue();
        assertThat(protocol.parsesUdp()).isFalse();
    }

    @Test
    void acceptsStartupAndFrontendMessagesAsRequests() {
        assertThat(check(Pg.of().startup("u", "d").bytes())).isEqualTo(CheckResult.REQUEST);
        assertThat(check(SERVER_TO_CLIENT, Pg.of().sslRequest().bytes())).isEqualTo(CheckResult.REQUEST);
        assertThat(check(Pg.of().query("select 1").bytes())).isEqualTo(CheckResult.REQUEST);
        assertThat(check(Pg.of().parse("", "SELECT $1").bind("", "", "1").describe('P', "").execute("").sync()
                .bytes())).isEqualTo(CheckResult.REQUEST);
        assertThat(check(Pg.of().bind("", "", "1").execute("").sync().bytes())).isEqualTo(CheckResult.REQUEST);
        // A first message whose end is in the next segment: its header and the complete ones before it decide.
        byte[] split = Pg.of().parse("", "SELECT 1").query("SELECT 2").bytes();
        assertThat(check(java.util.Arrays.copyOf(split, split.length - 3))).isEqualTo(CheckResult.REQUEST);
    }

    @Test
    void acceptsBackendMessagesAsResponses() {
        assertThat(check(CLIENT_TO_SERVER, Pg.of().authOk().parameterStatus("a", "b").ready().bytes()))
                .isEqualTo(CheckResult.RESPONSE);
        assertThat(check(Pg.of().complete("SELECT 1").ready().bytes())).isEqualTo(CheckResult.RESPONSE);
        assertThat(check(Pg.of().parseComplete().bindComplete().rowDescription("a").dataRow("1").complete("SELECT 1")
                .ready().bytes())).isEqualTo(CheckResult.RESPONSE);
        assertThat(check(Pg.of().error("ERROR", "42601", "syntax").ready().bytes())).isEqualTo(CheckResult.RESPONSE);
    }

    @Test
    void rejectsOtherProtocolsAndNearMisses() {
        for (String text : new String[] {"GET / HTTP/1.1\r\nHost: x\r\n\r\n", "POST /a HTTP/1.1\r\n\r\n",
                "*1\r\n$4\r\nPING\r\n", "SSH-2.0-OpenSSH_9.0\r\n", "Q", "QUIT\r\n", "EHLO mail\r\n"}) {
            assertThat(check(text.getBytes(StandardCharsets.ISO_8859_1))).as(text).isEqualTo(CheckResult.NOT_MINE);
        }
        // TLS ClientHello, MySQL greeting-like bytes, a length that is too short or too long.
        assertThat(check(new byte[] {0x16, 3, 1, 0, 0x50, 1, 0, 0, 0x4c})).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(new byte[] {'Q', 0, 0, 0, 3, 0})).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(new byte[] {'Q', 0x7f, 0, 0, 9, 'a', 'b', 'c', 'd', 0})).isEqualTo(CheckResult.NOT_MINE);
        // A known tag with a body that does not hold: Sync with a body, query without its NUL, Z with status 'X'.
        assertThat(check(new byte[] {'S', 0, 0, 0, 5, 1})).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(new byte[] {'Q', 0, 0, 0, 8, 's', 'e', 'l', 'x'})).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(new byte[] {'Z', 0, 0, 0, 5, 'X'})).isEqualTo(CheckResult.NOT_MINE);
        // A startup message of another protocol version.
        assertThat(check(new byte[] {0, 0, 0, 9, 0, 2, 0, 0, 0})).isEqualTo(CheckResult.NOT_MINE);
        // Text that is not SQL in a query.
        assertThat(check(Pg.of().query("\u0001\u0002binary").bytes())).isEqualTo(CheckResult.NOT_MINE);
        assertThat(check(new byte[0])).isEqualTo(CheckResult.NOT_MINE);
    }
}
