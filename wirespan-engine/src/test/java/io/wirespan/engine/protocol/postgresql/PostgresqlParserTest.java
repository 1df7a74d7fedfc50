package io.wirespan.engine.protocol.postgresql;

import static io.wirespan.api.Direction.CLIENT_TO_SERVER;
import static io.wirespan.api.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.L7Message;
import io.wirespan.api.MessageType;
import io.wirespan.api.ParserSettings;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.protocol.ParserDriver;
import io.wirespan.engine.protocol.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PostgresqlParserTest {
    private static final byte[] LOGIN = Pg.of().startup("app", "shop").bytes();
    private static final byte[] LOGIN_OK = Pg.of().authOk().parameterStatus("server_version", "16.2").ready().bytes();

    private static ParserDriver driver() {
        return driver(TestContext.tcp());
    }

    private static ParserDriver driver(TestContext context) {
        return new ParserDriver(new PostgresqlProtocol().newParser(context), context);
    }

    private static String summary(L7Message m) {
        return m.type() == MessageType.REQUEST
                ? "request " + m.requestType() + " " + m.requestResource()
                : "response " + m.responseStatus().wireName() + " rows=" + m.sqlAffectedRows() + " result="
                        + m.responseResult() + " exception=" + m.responseException();
    }

    private static List<String> summaries(ParserDriver d) {
        return d.messages().stream().map(PostgresqlParserTest::summary).toList();
    }

    @ParameterizedTest(name = "chunks of {0}")
    @ValueSource(ints = {1, 3, 7, 1000})
    void simpleQueryAfterLoginInAnyChunking(int chunk) {
        ParserDriver d = driver()
                .feed(CLIENT_TO_SERVER, LOGIN, chunk)
                .feed(SERVER_TO_CLIENT, LOGIN_OK, chunk)
                .feed(CLIENT_TO_SERVER, Pg.of().query("SELECT id, name FROM t").bytes(), chunk)
                .feed(SERVER_TO_CLIENT, Pg.of().rowDescription("id", "name").dataRow("1", "a").dataRow("2", "b")
                        .complete("SELECT 2").ready().bytes(), chunk)
                .feed(CLIENT_TO_SERVER, Pg.of().query("INSERT INTO t VALUES (3, 'c')").bytes(), chunk)
                .feed(SERVER_TO_CLIENT, Pg.of().complete("INSERT 0 1").ready().bytes(), chunk)
                .feed(CLIENT_TO_SERVER, Pg.of().query("CREATE TABLE x (a int)").bytes(), chunk)
                .feed(SERVER_TO_CLIENT, Pg.of().complete("CREATE TABLE").ready().bytes(), chunk)
                .feed(CLIENT_TO_SERVER, Pg.of().terminate().bytes(), chunk);
        assertThat(summaries(d)).containsExactly(
                "request simple query SELECT id, name FROM t",
                "response ok rows=2 result=null exception=null",
                "request simple query INSERT INTO t VALUES (3, 'c')",
                "response ok rows=1 result=null exception=null",
                "request simple query CREATE TABLE x (a int)",
                "response ok rows=null result=null exception=null");
    }

    @Test
    void extendedProtocolCarriesTheParsedStatementToLaterExecutes() {
        ParserDriver d = driver()
                .feed(CLIENT_TO_SERVER, Pg.of().parse("s1", "SELECT * FROM t WHERE id = $1").bind("", "s1", "7")
                        .describe('P', "").execute("").sync().bytes())
                .feed(SERVER_TO_CLIENT, Pg.of().parseComplete().bindComplete().rowDescription("id").dataRow("7")
                        .complete("SELECT 1").ready().bytes())
                .feed(CLIENT_TO_SERVER, Pg.of().bind("", "s1", "8").execute("").sync().bytes())
                .feed(SERVER_TO_CLIENT, Pg.of().bindComplete().complete("SELECT 0").ready().bytes())
                .feed(CLIENT_TO_SERVER, Pg.of().bind("", "s1", "9").sync().bytes()) // not logged
                .feed(SERVER_TO_CLIENT, Pg.of().bindComplete().ready().bytes())
                .feed(CLIENT_TO_SERVER, Pg.of().parse("", "UPDATE t SET a = $1").bind("", "", "1").execute("")
                        .sync().bytes())
                .feed(SERVER_TO_CLIENT, Pg.of().parseComplete().bindComplete().complete("UPDATE 3").ready().bytes());
        assertThat(summaries(d)).containsExactly(
                "request parse SELECT * FROM t WHERE id = $1",
                "response ok rows=1 result=null exception=null",
                "request execute SELECT * FROM t WHERE id = $1",
                "response ok rows=null result=null exception=null",
                "request parse UPDATE t SET a = $1",
                "response ok rows=3 result=null exception=null");
    }

    @Test
    void errorResponseGivesSqlstateConditionNameAndMessage() {
        ParserDriver d = driver()
                .feed(CLIENT_TO_SERVER, Pg.of().query("SELECT * FROM nope").bytes())
                .feed(SERVER_TO_CLIENT, Pg.of().error("ERROR", "42P01", "relation \"nope\" does not exist").ready()
                        .bytes())
                .feed(CLIENT_TO_SERVER, Pg.of().query("SELECT pg_sleep(100)").bytes())
                .feed(SERVER_TO_CLIENT, Pg.of().error("ERROR", "57014", "canceling statement").ready().bytes())
                .feed(CLIENT_TO_SERVER, Pg.of().query("SELECT 1").bytes())
                .feed(SERVER_TO_CLIENT, Pg.of().error("ERROR", "ZZ999", "odd").ready().bytes());
        List<L7Message> m = d.messages();
        assertThat(m).hasSize(6);
        assertThat(m.get(1).responseStatus()).isEqualTo(ResponseStatus.CLIENT_ERROR);
        assertThat(m.get(1).responseResult()).isEqualTo("42P01");
        assertThat(m.get(1).responseException()).isEqualTo("undefined_table");
        assertThat(m.get(1).attributes()).containsEntry("message", "relation \"nope\" does not exist");
        assertThat(m.get(3).responseStatus()).isEqualTo(ResponseStatus.SERVER_ERROR);
        assertThat(m.get(3).responseException()).isEqualTo("query_canceled");
        assertThat(m.get(5).responseStatus()).isEqualTo(ResponseStatus.UNKNOWN);
        assertThat(m.get(5).responseException()).isEqualTo("odd");
    }

    @Test
    void fatalErrorWithoutReadyForQueryAnswersTheQuery() {
        ParserDriver d = driver()
                .feed(CLIENT_TO_SERVER, Pg.of().query("SELECT 1").bytes())
                .feed(SERVER_TO_CLIENT, Pg.of().error("FATAL", "57P01", "terminating connection").bytes());
        assertThat(summaries(d)).containsExactly("request simple query SELECT 1",
                "response server_error rows=null result=57P01 exception=admin_shutdown");
    }

    @Test
    void pipelinedGroupsAreAnsweredInOrder() {
        ParserDriver d = driver()
                .feed(CLIENT_TO_SERVER, Pg.of().parse("", "DELETE FROM a").bind("", "").execute("").sync()
                        .parse("", "DELETE FROM b").bind("", "").execute("").sync().bytes())
                .feed(SERVER_TO_CLIENT, Pg.of().parseComplete().bindComplete().complete("DELETE 4").ready()
                        .error("ERROR", "23503", "fk").ready().bytes());
        assertThat(summaries(d)).containsExactly("request parse DELETE FROM a", "request parse DELETE FROM b",
                "response ok rows=4 result=null exception=null",
                "response client_error rows=null result=23503 exception=foreign_key_violation");
    }

    @Test
    void midStreamStartDropsTheUnansweredAndPairsWhatFollows() {
        ParserDriver d = driver()
                .feed(SERVER_TO_CLIENT, Pg.of().dataRow("x").complete("SELECT 9").ready().bytes())
                .feed(CLIENT_TO_SERVER, Pg.of().bind("", "").execute("").sync().bytes())
                .feed(SERVER_TO_CLIENT, Pg.of().bindComplete().complete("SELECT 1").ready().bytes());
        assertThat(summaries(d)).containsExactly("request execute null",
                "response ok rows=1 result=null exception=null");
    }

    @Test
    void garbageIsSkippedAndParsingResumes() {
        byte[] garbage = "\u00ff\u00fe garbage \u0001\u0002\u0003".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        TestContext context = TestContext.tcp();
        ParserDriver d = driver(context)
                .feed(CLIENT_TO_SERVER, Pg.of().raw(garbage).query("SELECT 1").bytes(), 2)
                .feed(SERVER_TO_CLIENT, Pg.of().raw(garbage).complete("SELECT 1").ready().bytes(), 2);
        assertThat(summaries(d)).containsExactly("request simple query SELECT 1",
                "response ok rows=1 result=null exception=null");
        assertThat(context.counted("resync_skipped_bytes")).isEqualTo(2L * garbage.length);
        assertThat(context.counted("messages")).isEqualTo(3);
    }

    @Test
    void gapInsideALargeDataRowKeepsStep() {
        String big = "x".repeat(200_000);
        byte[] answer = Pg.of().dataRow(big).complete("SELECT 1").ready().bytes();
        ParserDriver d = driver().feed(CLIENT_TO_SERVER, Pg.of().query("SELECT big").bytes());
        d.feed(SERVER_TO_CLIENT, java.util.Arrays.copyOfRange(answer, 0, 70_000));
        d.gap(SERVER_TO_CLIENT, 10_000);
        d.feed(SERVER_TO_CLIENT, java.util.Arrays.copyOfRange(answer, 80_000, answer.length), 4096);
        assertThat(summaries(d)).containsExactly("request simple query SELECT big",
                "response ok rows=1 result=null exception=null");
    }

    @Test
    void gapBetweenMessagesResynchronisesAndPairsAnew() {
        ParserDriver d = driver()
                .feed(CLIENT_TO_SERVER, Pg.of().query("SELECT 1").bytes())
                .feed(SERVER_TO_CLIENT, Pg.of().dataRow("1").bytes());
        d.gap(SERVER_TO_CLIENT, 20);
        d.feed(SERVER_TO_CLIENT, new byte[] {0, 5, 'I'}) // the tail of a lost ReadyForQuery
                .feed(CLIENT_TO_SERVER, Pg.of().query("SELECT 2").bytes())
                .feed(SERVER_TO_CLIENT, Pg.of().complete("SELECT 1").ready().bytes());
        assertThat(summaries(d)).containsExactly("request simple query SELECT 1", "request simple query SELECT 2",
                "response ok rows=1 result=null exception=null");
    }

    @Test
    void acceptedSslRequestMakesTheConnectionOpaque() {
        ParserDriver d = driver()
                .feed(CLIENT_TO_SERVER, Pg.of().sslRequest().bytes())
                .feed(SERVER_TO_CLIENT, new byte[] {'S'})
                .feed(CLIENT_TO_SERVER, Pg.of().query("SELECT 1").bytes())
                .feed(SERVER_TO_CLIENT, Pg.of().complete("SELECT 1").ready().bytes());
        assertThat(d.messages()).isEmpty();
        ParserDriver refused = driver()
                .feed(CLIENT_TO_SERVER, Pg.of().sslRequest().bytes())
                .feed(SERVER_TO_CLIENT, new byte[] {'N'})
                .feed(CLIENT_TO_SERVER, LOGIN).feed(SERVER_TO_CLIENT, LOGIN_OK)
                .feed(CLIENT_TO_SERVER, Pg.of().query("SELECT 1").bytes())
                .feed(SERVER_TO_CLIENT, Pg.of().complete("SELECT 1").ready().bytes());
        assertThat(summaries(refused)).containsExactly("request simple query SELECT 1",
                "response ok rows=1 result=null exception=null");
    }

    @Test
    void obfuscationMasksLiteralsAndTruncationBoundsTheText() {
        ParserSettings masked = ParserSettings.DEFAULTS.withObfuscate(true);
        ParserDriver d = driver(new TestContext(false, masked))
                .feed(CLIENT_TO_SERVER, Pg.of().query("SELECT * FROM t WHERE a = 'x''y' AND b IN (1, 2.5e3)").bytes());
        assertThat(d.messages().getFirst().requestResource()).isEqualTo("SELECT * FROM t WHERE a = ? AND b IN (?)");

        ParserSettings small = new ParserSettings(8, List.of(), List.of(), List.of(), List.of(), false, Map.of());
        ParserDriver t = driver(new TestContext(false, small))
                .feed(CLIENT_TO_SERVER, Pg.of().query("SELECT 123456789").bytes());
        assertThat(t.messages().getFirst().requestResource()).isEqualTo("SELECT 1");
    }

    @Test
    void commandCompleteRowCounts() {
        assertThat(rows("INSERT 0 5")).isEqualTo(5);
        assertThat(rows("UPDATE 3")).isEqualTo(3);
        assertThat(rows("SELECT 10")).isEqualTo(10);
        assertThat(rows("COPY 42")).isEqualTo(42);
        assertThat(rows("CREATE TABLE")).isEqualTo(-1);
        assertThat(rows("BEGIN")).isEqualTo(-1);
        assertThat(rows("SELECT x")).isEqualTo(-1);
    }

    private static long rows(String tag) {
        byte[] b = (tag + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return PostgresqlParser.affectedRows(b, 0, b.length);
    }
}
