package io.wirespan.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real MariaDB server and the real mariadb client (MySQL protocol), captured by tcpdump on lo:
 * the login, every statement and the quit are call logs with the error number, message and
 * affected rows the client printed; refused logins are call logs too; and prepared statements over
 * the binary protocol (JDBC, MariaDB Connector/J with server-side prepared statements) with the parameters and errors of each run.
 */
class MysqlLiveTrafficTest {
    private static final List<String> SCRIPT = List.of(
            "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20));",
            "INSERT INTO items VALUES (1, 'pen'), (2, 'book');",
            "INSERT INTO items VALUES (1, 'dup');",
            "SELECT id, name FROM items ORDER BY id;",
            "UPDATE items SET name = 'ink' WHERE id = 1;",
            "SELECT name FROM items WHERE;",
            "SELEC 1;",
            "PREPARE find FROM 'SELECT name FROM items WHERE id = ?';",
            "SET @id = 2;",
            "EXECUTE find USING @id;",
            "DEALLOCATE PREPARE find;",
            "USE nope;",
            "DELETE FROM items WHERE id = 2;");
    /** As in DeepFlow, a COM_QUERY is a call log only when its first word is an SQL keyword: not this typo. */
    private static final Set<String> NOT_SQL = Set.of("SELEC 1");
    private static final Set<String> DML = Set.of("INSERT", "UPDATE", "DELETE");
    /** Run over the binary protocol after the script (the table exists then): the last run repeats a key. */
    private static final List<MariadbPrepared.Statement> PREPARED = List.of(
            new MariadbPrepared.Statement("SELECT name FROM items WHERE id = ?", List.of(List.of("1"), List.of("42"))),
            new MariadbPrepared.Statement("UPDATE items SET name = ? WHERE id = ?", List.of(List.of("mug", "1"))),
            new MariadbPrepared.Statement("INSERT INTO items (id, name) VALUES (?, ?)",
                    List.of(List.of("5", "cup"), List.of("5", "cup"))));

    @TempDir
    Path temp;

    @Test
    void theLoginEveryStatementAndTheQuitAreCallLogsWithWhatTheClientPrinted() {
        MariadbClient.Session session, wrongPassword, unknownDatabase;
        List<MariadbPrepared.Prepared> prepared;
        int port;
        CallLogs logs;
        try (Mariadb mariadb = Mariadb.start();
             LoopbackCapture capture = LoopbackCapture.start(temp.resolve("mysql.pcap"), "tcp port " + mariadb.port())) {
            port = mariadb.port();
            session = MariadbClient.script(port, Mariadb.PASSWORD, Mariadb.DATABASE, temp, SCRIPT);
            prepared = MariadbPrepared.run(port, PREPARED);
            wrongPassword = MariadbClient.script(port, "wrong", Mariadb.DATABASE, temp, List.of("SELECT 1;"));
            unknownDatabase = MariadbClient.script(port, Mariadb.PASSWORD, "nope", temp, List.of("SELECT 1;"));
            logs = CallLogs.parse(capture.stop(), temp, null);
        }

        assertThat(session.loginError()).isNull();
        assertThat(session.statements()).filteredOn(s -> s.error() != null).extracting(s -> s.error().code())
                .containsExactly(1062, 1064, 1064, 1049);
        assertThat(wrongPassword.loginError()).extracting(MariadbClient.Error::code).isEqualTo(1045);
        assertThat(unknownDatabase.loginError()).extracting(MariadbClient.Error::code).isEqualTo(1049);
        assertThat(prepared).extracting(MariadbPrepared.Prepared::sql).containsExactlyElementsOf(
                PREPARED.stream().map(MariadbPrepared.Statement::sql).toList());
        assertThat(prepared.getFirst().runs()).extracting(MariadbPrepared.Run::rows).containsExactly(1L, 0L);
        assertThat(prepared.getLast().runs()).extracting(r -> r.error() == null ? null : r.error().code())
                .containsExactly(null, 1062);

        List<Expected> expected = new ArrayList<>();
        String login = "Login username: " + Mariadb.USER + " db: " + Mariadb.DATABASE;
        expected.add(common(port, null, login).put("endpoint", login).put("response_status", "ok"));
        for (MariadbClient.Statement s : session.statements()) {
            if (s.echoed() == null) {
                // the client's own "use" command asks for the current database first, then changes it
                String database = s.line().replaceFirst("(?i)^use\\s+", "").replace(";", "");
                expected.add(answered(common(port, "COM_QUERY", "SELECT DATABASE()"), null));
                expected.add(answered(common(port, "COM_INIT_DB", database), s.error()));
            } else if (!NOT_SQL.contains(s.echoed())) {
                Expected query = answered(common(port, "COM_QUERY", s.echoed()), s.error());
                // DeepFlow reports affected rows for INSERT, UPDATE and DELETE only, and not when none were
                boolean dml = DML.contains(s.echoed().split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT));
                query.put("sql_affected_rows", dml && s.affected() != null && s.affected() > 0 ? s.affected() : null);
                expected.add(query);
            }
        }
        expected.add(common(port, "COM_QUIT", null).put("response_status", "ok"));

        SoftAssertions softly = new SoftAssertions();
        List<CallLogs.Log> logins = logs.where(l -> login.equals(l.get("request_resource")) && "ok".equals(l.get("response_status")));
        assertThat(logins).as("the logins of the mariadb client, then of the JDBC client:\n" + logs.dump()).hasSize(2);
        List<CallLogs.Log> connection = logs.where(l -> logins.getFirst().get("client_port").equals(l.get("client_port")));
        softly.assertThat(connection).as("call logs of the client's connection:\n" + logs.dump()).hasSize(expected.size());
        for (int i = 0; i < Math.min(connection.size(), expected.size()); i++) {
            var fields = expected.get(i).fields();
            softly.assertThat(connection.get(i).fields(fields.keySet())).as(connection.get(i).line()).isEqualTo(fields);
        }
        for (MariadbClient.Session refused : List.of(wrongPassword, unknownDatabase)) {
            MariadbClient.Error error = refused.loginError();
            String attempt = "Login username: " + Mariadb.USER + " db: " + (refused == unknownDatabase ? "nope" : Mariadb.DATABASE);
            Expected refusal = answered(common(port, null, attempt).put("endpoint", attempt), error);
            CallLogs.Log log = logs.only(attempt + " refused", l -> attempt.equals(l.get("request_resource"))
                    && Long.valueOf(error.code()).equals(l.get("response_code")));
            softly.assertThat(log.fields(refusal.fields().keySet())).as(log.line()).isEqualTo(refusal.fields());
        }
        List<CallLogs.Log> binary = logs.where(l -> logins.getLast().get("client_port").equals(l.get("client_port")));
        assertPrepared(softly, binary, prepared, port);
        softly.assertThat(logs.all()).as("call logs besides the clients':\n" + logs.dump())
                .hasSize(expected.size() + 2 + binary.size());
        softly.assertThat(logs.where(l -> "session".equals(l.get("type")) && !"COM_QUIT".equals(l.get("request_type"))
                        && !"COM_STMT_CLOSE".equals(l.get("request_type"))))
                .as("answered exchanges count the bytes of both sides")
                .allSatisfy(l -> softly.assertThat((Long) l.get("captured_request_byte")).as(l.line()).isPositive())
                .allSatisfy(l -> softly.assertThat((Long) l.get("captured_response_byte")).as(l.line()).isPositive());
        // the server answers neither a quit nor a statement's close
        logs.assertTimed(softly, l -> !"COM_QUIT".equals(l.get("request_type")) && !"COM_STMT_CLOSE".equals(l.get("request_type")));
        softly.assertAll();
    }

    /**
     * The JDBC client's connection: its login; the session settings Connector/J sends itself
     * (COM_QUERY); per statement a COM_STMT_PREPARE, whose call log carries the server's statement
     * id, a COM_STMT_EXECUTE per run, whose resource is the parameters as DeepFlow renders them
     * (joined by " , "), and the COM_STMT_CLOSE of {@code PreparedStatement.close()}, which the
     * server does not answer; then COM_QUIT.
     */
    private static void assertPrepared(SoftAssertions softly, List<CallLogs.Log> connection,
                                       List<MariadbPrepared.Prepared> statements, int port) {
        List<CallLogs.Log> rest = new ArrayList<>(connection);
        softly.assertThat(rest.removeFirst().get("request_resource")).isEqualTo("Login username: " + Mariadb.USER + " db: " + Mariadb.DATABASE);
        while (!rest.isEmpty() && "COM_QUERY".equals(rest.getFirst().get("request_type"))) {
            CallLogs.Log setting = rest.removeFirst();
            softly.assertThat(setting.get("response_status")).as(setting.line()).isEqualTo("ok");
        }
        List<Long> ids = new ArrayList<>();
        for (MariadbPrepared.Prepared s : statements) {
            Expected prepare = answered(common(port, "COM_STMT_PREPARE", s.sql()), null);
            if (rest.isEmpty()) break;
            CallLogs.Log log = rest.removeFirst();
            softly.assertThat(log.fields(prepare.fields().keySet())).as(log.line()).isEqualTo(prepare.fields());
            if (log.get("request_id") instanceof Long id) ids.add(id);
            for (MariadbPrepared.Run run : s.runs()) {
                if (rest.isEmpty()) break;
                // DeepFlow reports affected rows of COM_QUERY only
                Expected execute = answered(common(port, "COM_STMT_EXECUTE", String.join(" , ", run.parameters())), run.error())
                        .put("sql_affected_rows", null);
                log = rest.removeFirst();
                softly.assertThat(log.fields(execute.fields().keySet())).as(log.line()).isEqualTo(execute.fields());
            }
            if (rest.isEmpty()) break;
            log = rest.removeFirst();
            softly.assertThat(log.get("request_type")).as(log.line()).isEqualTo("COM_STMT_CLOSE");
        }
        softly.assertThat(ids).as("statement ids of the prepares").hasSize(statements.size()).doesNotHaveDuplicates();
        softly.assertThat(rest).as("after the statements, the quit").extracting(l -> l.get("request_type"))
                .containsExactly("COM_QUIT");
    }

    private static Expected common(int port, String command, String resource) {
        return new Expected()
                .put("type", "session").put("protocol", "TCP")
                .put("ip_0", "127.0.0.1").put("ip_1", "127.0.0.1").put("server_port", port)
                .put("l7_protocol", 60).put("l7_protocol_str", "MySQL")
                .put("request_type", command)
                .put("request_resource", resource);
    }

    /** DeepFlow's reading of an answer: error numbers 2000-2999 are the client's, other errors (1000-1999) the server's. */
    private static Expected answered(Expected expected, MariadbClient.Error error) {
        if (error == null) return expected.put("response_status", "ok").put("response_code", null).put("response_exception", null);
        return expected.put("response_status", error.code() >= 2000 && error.code() <= 2999 ? "client_error" : "server_error")
                .put("response_code", error.code())
                .put("response_exception", error.message());
    }
}
