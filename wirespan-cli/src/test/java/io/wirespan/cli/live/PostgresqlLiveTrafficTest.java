package io.wirespan.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real PostgreSQL server, real psql (simple query protocol) and pgbench (extended query
 * protocol, with unnamed and with prepared statements), captured by tcpdump on lo: every statement
 * is a call log with the SQL sent, the rows psql printed and the SQLSTATE of the error the client got.
 */
class PostgresqlLiveTrafficTest {
    /** SQLSTATE classes DeepFlow counts as the client's fault (deepflow-l7-reference §3.7); the others are the server's. */
    private static final Set<String> CLIENT_CLASSES =
            Set.of("03", "0A", "0B", "0F", "0L", "0P", "20", "22", "23", "26", "2F", "34", "3D", "3F", "42");
    private static final List<String> PSQL_SCRIPT = List.of(
            "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);",
            "INSERT INTO items VALUES (1, 'pen'), (2, 'book');",
            "INSERT INTO items VALUES (1, 'again');",
            "SELECT id, name FROM items ORDER BY id;",
            "SELECT id FROM items WHERE id > 100;",
            "UPDATE items SET name = 'ink' WHERE id = 1;",
            "SELEC 1;",
            "SELECT * FROM nosuch;",
            "SELECT 1/0;",
            "SELECT repeat('x', 1073741824);",
            "DELETE FROM items WHERE id = 2;",
            // the server ends this connection (FATAL): psql stops, the last line is never sent
            "SELECT pg_terminate_backend(pg_backend_pid());",
            "SELECT 'never sent';");
    private static final List<String> PREPARED = List.of(
            "\\set id 3",
            "INSERT INTO items VALUES (:id, 'cup');",
            "SELECT name FROM items WHERE id = :id;",
            "UPDATE items SET name = 'mug' WHERE id = :id;",
            "INSERT INTO items VALUES (:id, 'again');");
    private static final List<String> EXTENDED = List.of(
            "\\set id 4",
            "INSERT INTO items VALUES (:id, 'cap');",
            "DELETE FROM items WHERE id = :id;",
            "SELEC :id;");

    @TempDir
    Path temp;

    @Test
    void everyStatementOfPsqlAndPgbenchIsOneCallLogWithItsSqlRowsAndSqlstate() {
        List<Psql.Statement> statements;
        Pgbench.Run prepared, extended;
        int port;
        CallLogs logs;
        try (Postgres postgres = Postgres.start();
             LoopbackCapture capture = LoopbackCapture.start(temp.resolve("postgresql.pcap"), "tcp port " + postgres.port())) {
            port = postgres.port();
            statements = Psql.script(postgres, temp, PSQL_SCRIPT);
            prepared = Pgbench.run(postgres, temp, "prepared", PREPARED);
            extended = Pgbench.run(postgres, temp, "extended", EXTENDED);
            logs = CallLogs.parse(capture.stop(), temp, null);
        }

        List<Psql.Statement> sent = statements.stream().filter(Psql.Statement::sent).toList();
        assertThat(sent).hasSize(PSQL_SCRIPT.size() - 1);
        assertThat(sent).filteredOn(s -> s.error() != null).extracting(s -> s.error().sqlstate())
                .containsExactly("23505", "42601", "42P01", "22012", "54000", "57P01");
        assertThat(prepared.failedCommand()).isEqualTo(PREPARED.size() - 1);
        assertThat(extended.failedCommand()).isEqualTo(EXTENDED.size() - 1);
        Map<String, String> conditions = Postgres.conditionNames();
        Map<String, String> sqlstateByMessage = new HashMap<>();
        SoftAssertions softly = new SoftAssertions();
        for (Psql.Statement s : sent) {
            Psql.Error error = s.error();
            Expected expected = common(port, "simple query", s.sql());
            if (error == null) {
                // DeepFlow leaves a row count of 0 out
                expected.put("response_status", "ok").put("sql_affected_rows", s.rows() != null && s.rows() > 0 ? s.rows() : null);
            } else {
                sqlstateByMessage.put(error.message(), error.sqlstate());
                expected.put("response_status", status(error.sqlstate()))
                        .put("response_result", error.sqlstate())
                        .put("response_exception", conditions.get(error.sqlstate()));
            }
            assertCallLog(softly, logs, expected, error == null ? null : error.message(), s.toString());
        }

        int expectedCount = sent.size();
        for (Pgbench.Run run : List.of(prepared, extended)) {
            for (int i = 0; i < run.script().size() && i <= run.failedCommand(); i++) {
                String line = run.script().get(i);
                if (line.startsWith("\\")) continue; // a meta command, run by pgbench itself
                String sql = line.replace(":id", "$1");
                boolean failed = i == run.failedCommand();
                String sqlstate = failed ? sqlstateByMessage.get(run.message()) : null;
                if (failed) assertThat(sqlstate).as("psql saw the error pgbench got: " + run.message()).isNotNull();
                Expected answer = failed
                        ? common(port, null, sql).put("response_status", status(sqlstate)).put("response_result", sqlstate)
                                .put("response_exception", conditions.get(sqlstate))
                        : common(port, null, sql).put("response_status", "ok");
                if (run.mode().equals("prepared")) {
                    // the statement is prepared (Parse, Sync), then run (Bind, Describe, Execute, Sync)
                    assertCallLog(softly, logs, common(port, "parse", sql).put("response_status", "ok"), null, run.mode() + ": " + line);
                    assertCallLog(softly, logs, answer.put("request_type", "execute"), failed ? run.message() : null,
                            run.mode() + ": " + line);
                    expectedCount += 2;
                } else {
                    // Parse, Bind, Describe, Execute and Sync at once, with an unnamed statement
                    assertCallLog(softly, logs, answer.put("request_type", "parse"), failed ? run.message() : null,
                            run.mode() + ": " + line);
                    expectedCount++;
                }
            }
        }
        softly.assertThat(logs.all()).as("call logs besides the statements sent:\n" + logs.dump()).hasSize(expectedCount);
        logs.assertTimed(softly);
        softly.assertAll();
    }

    private static void assertCallLog(SoftAssertions softly, CallLogs logs, Expected expected, String message, String what) {
        Map<String, Object> fields = expected.fields();
        CallLogs.Log log = logs.only(what, l -> fields.get("request_type").equals(l.get("request_type"))
                && fields.get("request_resource").equals(l.get("request_resource")));
        softly.assertThat(log.fields(fields.keySet())).as(what + "\n" + log.line()).isEqualTo(fields);
        softly.assertThat(attribute(log, "message")).as("the server's message, " + what + "\n" + log.line()).isEqualTo(message);
    }

    private static Expected common(int port, String type, String sql) {
        return new Expected()
                .put("type", "session").put("protocol", "TCP")
                .put("ip_0", "127.0.0.1").put("ip_1", "127.0.0.1").put("server_port", port)
                .put("l7_protocol", 61).put("l7_protocol_str", "PostgreSQL")
                .put("request_type", type)
                .put("request_resource", sql)
                .put("response_code", null)
                .put("response_result", null)
                .put("response_exception", null);
    }

    private static String status(String sqlstate) {
        return CLIENT_CLASSES.contains(sqlstate.substring(0, 2)) ? "client_error" : "server_error";
    }

    private static String attribute(CallLogs.Log log, String name) {
        JsonElement attributes = log.json().get("attributes");
        if (attributes == null || !attributes.isJsonObject()) return null;
        JsonElement value = ((JsonObject) attributes).get(name);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }
}
