package io.wirespan.engine.protocol.mysql;

import static io.wirespan.engine.protocol.mysql.MysqlSamples.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.MessageType;
import io.wirespan.api.ParserSettings;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.protocol.ParserDriver;
import io.wirespan.engine.protocol.TestContext;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MysqlParserTest {
    private static final Direction C2S = Direction.CLIENT_TO_SERVER, S2C = Direction.SERVER_TO_CLIENT;

    private static ParserDriver driver() {
        return driver(MysqlConfig.DEFAULTS, TestContext.tcp());
    }

    private static ParserDriver driver(MysqlConfig config, TestContext context) {
        return new ParserDriver(new MysqlProtocol(config).newParser(context), context);
    }

    /** Login, a query with a result set, an insert, an error, quit. */
    private static List<L7Message> conversation(int chunk) {
        return driver()
                .feed(S2C, greeting(), chunk)
                .feed(C2S, login("root", "shop", false), chunk)
                .feed(S2C, concat(packet(2, MysqlSamples.bytes(0xfe, 'x', 0)), new byte[0]), chunk) // auth switch
                .feed(C2S, packet(3, new byte[20]), chunk)
                .feed(S2C, ok(4, 0), chunk)
                .feed(C2S, query("select * from items where id = 7"), chunk)
                .feed(S2C, resultSet(3), chunk)
                .feed(C2S, query("INSERT INTO items (id) VALUES (8)"), chunk)
                .feed(S2C, ok(1, 1), chunk)
                .feed(C2S, command(MysqlCommand.INIT_DB, "nope"), chunk)
                .feed(S2C, err(1, 1049, "42000", "Unknown database 'nope'"), chunk)
                .feed(C2S, packet(0, MysqlSamples.bytes(MysqlCommand.QUIT)), chunk)
                .end().messages();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 1000})
    void decodesAConversationInAnyChunking(int chunk) {
        List<L7Message> m = conversation(chunk);
        assertThat(m).hasSize(5);
        assertThat(m).allMatch(x -> x.type() == MessageType.SESSION);
        assertThat(m.get(0).requestType()).isNull();
        assertThat(m.get(0).requestResource()).isEqualTo("Login username: root db: shop");
        assertThat(m.get(0).endpoint()).isEqualTo("Login username: root db: shop");
        assertThat(m.get(0).responseStatus()).isEqualTo(ResponseStatus.OK);
        assertThat(m.get(1).requestType()).isEqualTo("COM_QUERY");
        assertThat(m.get(1).requestResource()).isEqualTo("select * from items where id = 7");
        assertThat(m.get(1).endpoint()).isEqualTo("SELECT items");
        assertThat(m.get(1).sqlAffectedRows()).isNull();
        assertThat(m.get(2).endpoint()).isEqualTo("INSERT items");
        assertThat(m.get(2).sqlAffectedRows()).isEqualTo(1L);
        assertThat(m.get(3).requestType()).isEqualTo("COM_INIT_DB");
        assertThat(m.get(3).requestResource()).isEqualTo("nope");
        assertThat(m.get(3).responseStatus()).isEqualTo(ResponseStatus.SERVER_ERROR);
        assertThat(m.get(3).responseCode()).isEqualTo(1049);
        assertThat(m.get(3).responseException()).isEqualTo("Unknown database 'nope'");
        assertThat(m.get(4).requestType()).isEqualTo("COM_QUIT");
        assertThat(m.get(4).responseStatus()).isEqualTo(ResponseStatus.OK);
    }

    @Test
    void readsTheLoginOfAMariadbClientWhoseFillerEndsInExtendedCapabilities() {
        List<L7Message> m = driver()
                .feed(S2C, greeting())
                .feed(C2S, mariadbLogin("app", "shop"))
                .feed(S2C, err(2, 1045, "28000", "Access denied for user 'app'@'127.0.0.1' (using password: YES)"))
                .end().messages();
        assertThat(m).singleElement().satisfies(login -> {
            assertThat(login.requestResource()).isEqualTo("Login username: app db: shop");
            assertThat(login.responseStatus()).isEqualTo(ResponseStatus.SERVER_ERROR);
            assertThat(login.responseCode()).isEqualTo(1045);
            assertThat(login.responseException()).isEqualTo("Access denied for user 'app'@'127.0.0.1' (using password: YES)");
        });
    }

    @Test
    void mapsClientErrorNumbersToClientError() {
        List<L7Message> m = driver().feed(C2S, query("SELECT 1")).feed(S2C, err(1, 2013, "HY000", "Lost connection"))
                .end().messages();
        assertThat(m.getFirst().responseStatus()).isEqualTo(ResponseStatus.CLIENT_ERROR);
        assertThat(m.getFirst().responseCode()).isEqualTo(2013);
    }

    @Test
    void reportsStatementIdOfPrepareAndRendersExecuteParameters() {
        byte[] execute = packet(0, concat(MysqlSamples.bytes(MysqlCommand.STMT_EXECUTE, 96, 0, 0, 0, 0, 1, 0, 0, 0),
                MysqlSamples.bytes(0, 1, 0x08, 0, 0xfe, 0), MysqlSamples.bytes(5, 0, 0, 0, 0, 0, 0, 0), MysqlSamples.bytes(3),
                "abc".getBytes()));
        List<L7Message> m = driver()
                .feed(C2S, command(MysqlCommand.STMT_PREPARE, "SELECT * FROM `domain` WHERE state != ? AND n = ?"))
                .feed(S2C, prepareOk(96, 3, 2))
                .feed(C2S, execute)
                .feed(S2C, resultSet(1))
                .feed(C2S, packet(0, MysqlSamples.bytes(MysqlCommand.STMT_CLOSE, 96, 0, 0, 0)))
                .end().messages();
        assertThat(m).hasSize(3);
        assertThat(m.get(0).requestType()).isEqualTo("COM_STMT_PREPARE");
        assertThat(m.get(0).sessionId()).isEqualTo(96L);
        assertThat(m.get(0).endpoint()).isEqualTo("SELECT domain");
        assertThat(m.get(1).requestType()).isEqualTo("COM_STMT_EXECUTE");
        assertThat(m.get(1).requestResource()).isEqualTo("LongLong(5) , abc");
        assertThat(m.get(1).sessionId()).isNull();
        assertThat(m.get(2).requestType()).isEqualTo("COM_STMT_CLOSE");
    }

    @Test
    void anExecuteOfStatementMinusOneRunsTheStatementPreparedLast() {
        byte[] execute = packet(0, concat(MysqlSamples.bytes(MysqlCommand.STMT_EXECUTE, 0xff, 0xff, 0xff, 0xff, 0, 1, 0, 0, 0),
                MysqlSamples.bytes(0, 1, 0xfe, 0), MysqlSamples.bytes(3), "cup".getBytes()));
        byte[] prepare = command(MysqlCommand.STMT_PREPARE, "SELECT name FROM items WHERE name = ?");
        List<L7Message> m = driver()
                .feed(C2S, prepare)
                .feed(S2C, prepareOk(9, 1, 1))
                .feed(C2S, execute)
                .feed(S2C, resultSet(1))
                .end().messages();
        assertThat(m).extracting(L7Message::requestType).containsExactly("COM_STMT_PREPARE", "COM_STMT_EXECUTE");
        assertThat(m.get(1).requestResource()).isEqualTo("cup");
        // a session the parser paired splits its bytes: the request's, and the response's first packet
        assertThat(m.get(0).requestCapturedBytes()).isEqualTo((long) prepare.length);
        assertThat(m.get(0).capturedBytes()).isEqualTo(prepareOk(9, 1, 1).length);
        assertThat(m.get(1).requestCapturedBytes()).isEqualTo((long) execute.length);
    }

    @Test
    void pairsAPrepareAndTheExecuteOfStatementMinusOneSentTogether() {
        // MariaDB Connector/J's pipelining: COM_STMT_PREPARE and COM_STMT_EXECUTE of "the statement
        // just prepared" (id 0xffffffff) in one write, then both answers
        byte[] execute = packet(0, concat(MysqlSamples.bytes(MysqlCommand.STMT_EXECUTE, 0xff, 0xff, 0xff, 0xff, 0, 1, 0, 0, 0),
                MysqlSamples.bytes(0, 1, 0xfe, 0), MysqlSamples.bytes(3), "mug".getBytes()));
        List<L7Message> m = driver()
                .feed(C2S, concat(command(MysqlCommand.STMT_PREPARE, "SELECT name FROM items WHERE name = ?"), execute))
                .feed(S2C, concat(prepareOk(7, 1, 1), resultSet(2)))
                .end().messages();
        assertThat(m).hasSize(2).allMatch(x -> x.type() == MessageType.SESSION);
        assertThat(m.get(0).requestType()).isEqualTo("COM_STMT_PREPARE");
        assertThat(m.get(0).sessionId()).isEqualTo(7L);
        assertThat(m.get(1).requestType()).isEqualTo("COM_STMT_EXECUTE");
        assertThat(m.get(1).requestResource()).isEqualTo("mug");
        assertThat(m.get(1).responseStatus()).isEqualTo(ResponseStatus.OK);
    }

    @Test
    void neverSendsAResponseWithoutItsCommand() {
        List<L7Message> m = driver().feed(S2C, ok(1, 0)).feed(S2C, resultSet(2)).end().messages();
        assertThat(m).isEmpty();
    }

    @Test
    void sendsAnUnansweredCommandAloneWhenTheNextComes() {
        List<L7Message> m = driver().feed(C2S, query("SELECT * FROM a")).feed(C2S, query("SELECT * FROM b"))
                .feed(S2C, ok(1, 0)).feed(C2S, query("SELECT * FROM c")).end().messages();
        assertThat(m).extracting(L7Message::type, L7Message::endpoint).containsExactly(
                org.assertj.core.groups.Tuple.tuple(MessageType.REQUEST, "SELECT a"),
                org.assertj.core.groups.Tuple.tuple(MessageType.SESSION, "SELECT b"),
                org.assertj.core.groups.Tuple.tuple(MessageType.REQUEST, "SELECT c"));
    }

    @Test
    void startsMidStreamInsideAResultSet() {
        byte[] rows = resultSet(5);
        List<L7Message> m = driver().feed(S2C, Arrays.copyOfRange(rows, 9, rows.length))
                .feed(C2S, query("SELECT * FROM t")).feed(S2C, ok(1, 0)).end().messages();
        assertThat(m).hasSize(1);
        assertThat(m.getFirst().endpoint()).isEqualTo("SELECT t");
    }

    @Test
    void resynchronisesAfterGarbageBetweenCommands() {
        byte[] garbage = MysqlSamples.bytes(0, 0, 0, 0, 0x55, 0x66, 0x99, 0x01, 0x02);
        List<L7Message> m = driver().feed(C2S, concat(garbage, query("SELECT * FROM t"))).feed(S2C, ok(1, 0))
                .end().messages();
        assertThat(m).extracting(L7Message::endpoint).containsExactly("SELECT t");
    }

    @Test
    void resynchronisesAfterAGapInEitherDirection() {
        byte[] q = query("SELECT * FROM lost_table");
        List<L7Message> m = driver()
                .feed(C2S, Arrays.copyOf(q, 10)).gap(C2S, q.length - 10)
                .feed(C2S, query("SELECT * FROM t1")).feed(S2C, Arrays.copyOf(resultSet(50), 30)).gap(S2C, 500)
                .feed(S2C, MysqlSamples.bytes(3, 'r', 'o', 'w', 9, 9))
                .feed(C2S, query("SELECT * FROM t2")).feed(S2C, ok(1, 0))
                .end().messages();
        assertThat(m).extracting(L7Message::type, L7Message::endpoint).containsExactly(
                org.assertj.core.groups.Tuple.tuple(MessageType.SESSION, "SELECT t1"),
                org.assertj.core.groups.Tuple.tuple(MessageType.SESSION, "SELECT t2"));
    }

    @Test
    void truncatesAndMasksSqlPerSettings() {
        TestContext context = new TestContext(false, ParserSettings.DEFAULTS.withObfuscate(true));
        List<L7Message> m = driver(new MysqlConfig(true, true), context)
                .feed(C2S, query("SELECT * FROM t WHERE name = 'bob' AND age > 30")).feed(S2C, ok(1, 0)).end().messages();
        assertThat(m.getFirst().requestResource()).isEqualTo("SELECT * FROM t WHERE name = ? AND age > ?");
        assertThat(m.getFirst().endpoint()).isNull();

        String longSql = "SELECT '" + "x".repeat(3000) + "'";
        m = driver().feed(C2S, query(longSql)).feed(S2C, ok(1, 0)).end().messages();
        assertThat(m.getFirst().requestResource()).hasSize(ParserSettings.DEFAULTS.payloadTruncation());
    }

    @Test
    void decodesTheCompressedProtocolFromTheFirstFrame() {
        byte[] response = concat(resultSet(200), new byte[0]);
        byte[] frames = concat(compressedFrame(1, Arrays.copyOfRange(response, 0, 700), true),
                compressedFrame(2, Arrays.copyOfRange(response, 700, response.length), true));
        List<L7Message> m = driver()
                .feed(C2S, compressedFrame(0, query("SELECT * FROM `vip`"), false))
                .feed(S2C, frames, 5)
                .feed(C2S, compressedFrame(0, command(MysqlCommand.INIT_DB, "nope"), false))
                .feed(S2C, compressedFrame(1, err(1, 1049, "42000", "Unknown database 'nope'"), true))
                .end().messages();
        assertThat(m).extracting(L7Message::requestType, L7Message::responseStatus).containsExactly(
                org.assertj.core.groups.Tuple.tuple("COM_QUERY", ResponseStatus.OK),
                org.assertj.core.groups.Tuple.tuple("COM_INIT_DB", ResponseStatus.SERVER_ERROR));
        assertThat(m.getFirst().endpoint()).isEqualTo("SELECT vip");
    }

    @Test
    void switchesToCompressionAfterACompressedLogin() {
        List<L7Message> m = driver()
                .feed(S2C, greeting())
                .feed(C2S, login("u", null, true))
                .feed(S2C, ok(2, 0))
                .feed(C2S, compressedFrame(0, query("SELECT * FROM z"), true))
                .feed(S2C, compressedFrame(1, ok(1, 0), false))
                .end().messages();
        assertThat(m).extracting(L7Message::requestResource).containsExactly("Login username: u", "SELECT * FROM z");
    }

    @Test
    void reportsParseFailedWhenDecompressionIsOff() {
        List<L7Message> m = driver(new MysqlConfig(false, false), TestContext.tcp())
                .feed(C2S, compressedFrame(0, query("SELECT * FROM t"), false))
                .feed(S2C, compressedFrame(1, resultSet(3), true))
                .end().messages();
        assertThat(m).extracting(L7Message::responseStatus).containsExactly(ResponseStatus.PARSE_FAILED);
    }

    @Test
    void stopsAtAnSslRequest() {
        byte[] ssl = Arrays.copyOf(login("x", null, false), 36);
        ssl[0] = 32;
        ssl[5] |= 0x08; // CLIENT_SSL
        List<L7Message> m = driver().feed(C2S, ssl).feed(C2S, query("SELECT 1")).feed(S2C, ok(1, 0)).end().messages();
        assertThat(m).isEmpty();
    }

    @Test
    void takesTraceContextFromSqlComments() {
        String sql = "/*traceparent='00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',app='x'*/ SELECT * FROM t";
        List<L7Message> m = driver().feed(C2S, query(sql)).feed(S2C, ok(1, 0))
                .feed(C2S, query("SELECT '#traceparent: no' FROM t -- sw8: nothing")).end().messages();
        assertThat(m.get(0).traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(m.get(0).spanId()).isEqualTo("b7ad6b7169203331");
        assertThat(m.get(0).endpoint()).isEqualTo("SELECT t");
        assertThat(m.get(1).traceId()).isNull();
    }
}
