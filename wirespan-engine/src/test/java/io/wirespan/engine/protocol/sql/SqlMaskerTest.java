package io.wirespan.engine.protocol.sql;

import static io.wirespan.engine.protocol.sql.Dialect.MYSQL;
import static io.wirespan.engine.protocol.sql.Dialect.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SqlMaskerTest {
    /** Dialect, statement, masked statement. */
    static Stream<Arguments> statements() {
        return Stream.of(
                // DeepFlow's documented examples (deepflow-l7-reference.md §8), in both dialects
                arguments(MYSQL, "DELETE FROM t WHERE id = 1;", "DELETE FROM t WHERE id = ?;"),
                arguments(POSTGRESQL, "DELETE FROM t WHERE id = 1;", "DELETE FROM t WHERE id = ?;"),
                arguments(MYSQL, "INSERT INTO t (a,b) VALUES (1,2);", "INSERT INTO t (a,b) VALUES (?);"),
                arguments(POSTGRESQL, "INSERT INTO t (a,b) VALUES (1,2);", "INSERT INTO t (a,b) VALUES (?);"),
                // lists of values collapse, other lists keep their items
                arguments(MYSQL, "INSERT INTO t VALUES (1,'a'),(2,'b')", "INSERT INTO t VALUES (?),(?)"),
                arguments(MYSQL, "INSERT INTO t (a,b) VALUES (1,'a)'), (2, 'b');", "INSERT INTO t (a,b) VALUES (?), (?);"),
                arguments(MYSQL, "SELECT * FROM t WHERE id IN (1, 2, 3) AND b in(4)",
                        "SELECT * FROM t WHERE id IN (?) AND b in(?)"),
                arguments(POSTGRESQL, "SELECT * FROM t WHERE (a, b) IN ((1, 'x'), (2, 'y'))",
                        "SELECT * FROM t WHERE (a, b) IN (?)"),
                arguments(MYSQL, "VALUES (-1, +2.5)", "VALUES (?)"),
                arguments(MYSQL, "VALUES (1, NOW()), (2, ?)", "VALUES (?, NOW()), (?, ?)"),
                arguments(MYSQL, "SELECT f(a, 1), g((1), 2)", "SELECT f(a, ?), g(?)"),
                arguments(POSTGRESQL, "SELECT (1 /* one */, 2)", "SELECT (? /* one */, ?)"),
                arguments(POSTGRESQL, "SELECT (1 - 2), ( , 1), ()", "SELECT (? - ?), (?), ()"),
                arguments(MYSQL, "INSERT INTO t VALUES (1", "INSERT INTO t VALUES (?"),
                arguments(MYSQL, "SELECT 1)", "SELECT ?)"),
                // strings
                arguments(MYSQL, "SELECT * FROM `t1` WHERE name = 'a''b' AND h = 0x1F",
                        "SELECT * FROM `t1` WHERE name = ? AND h = ?"),
                arguments(POSTGRESQL, "SELECT * FROM t WHERE name = 'it''s'", "SELECT * FROM t WHERE name = ?"),
                arguments(MYSQL, "SELECT 'a\\'b' FROM t", "SELECT ? FROM t"),
                // a standard string ends at the second quote; the third opens another, unterminated
                arguments(POSTGRESQL, "SELECT 'a\\'c' FROM t", "SELECT ?c?"),
                arguments(POSTGRESQL, "SELECT E'a\\'b' FROM t", "SELECT ? FROM t"),
                arguments(MYSQL, "INSERT INTO t (a,b) VALUES (1,\"x\\\"y\")", "INSERT INTO t (a,b) VALUES (?)"),
                arguments(POSTGRESQL, "SELECT \"col 1\", t2.c3 FROM \"T'x\"", "SELECT \"col 1\", t2.c3 FROM \"T'x\""),
                arguments(MYSQL, "SELECT N'é', X'1F', b'01', _utf8mb4'x' COLLATE utf8mb4_bin",
                        "SELECT ?, ?, ?, ? COLLATE utf8mb4_bin"),
                arguments(POSTGRESQL, "SELECT B'0101', X'ff', N'x', U&'d\\0061t', U&\"d\\0061t\" FROM t1",
                        "SELECT ?, ?, ?, ?, U&\"d\\0061t\" FROM t1"),
                arguments(MYSQL, "SELECT 'héllo ✓ 𝄞' AS `naïve`", "SELECT ? AS `naïve`"),
                arguments(MYSQL, "SELECT 'unterminated", "SELECT ?"),
                arguments(POSTGRESQL, "SELECT 'unterminated ''", "SELECT ?"),
                // dollar quoting and parameters
                arguments(POSTGRESQL, "SELECT $$it's $1 $$ || $fn$ select 'x' $fn$ FROM t WHERE a = $1",
                        "SELECT ? || ? FROM t WHERE a = $1"),
                arguments(POSTGRESQL, "SELECT $x$ open", "SELECT ?"),
                arguments(MYSQL, "SELECT * FROM t WHERE a = ? AND b = 2", "SELECT * FROM t WHERE a = ? AND b = ?"),
                // comments are kept, literals in them too
                arguments(MYSQL, "SELECT c1 FROM t2 /* 42 */ WHERE a = 1 -- b = 2\nAND c = 3 # d = 'x'",
                        "SELECT c1 FROM t2 /* 42 */ WHERE a = ? -- b = 2\nAND c = ? # d = 'x'"),
                arguments(POSTGRESQL, "/* c /* nested 1 */ 2 */ SELECT 7 -- id = 5", "/* c /* nested 1 */ 2 */ SELECT ? -- id = 5"),
                arguments(MYSQL, "/*!40101 SET @saved = 'x' */; SELECT 1", "/*!40101 SET @saved = 'x' */; SELECT ?"),
                arguments(MYSQL, "SELECT 1 /* open", "SELECT ? /* open"),
                // numbers and signs
                arguments(MYSQL, "SELECT 5--1, 5 -- 1", "SELECT ?-?, ? -- 1"),
                arguments(POSTGRESQL, "SELECT 5--1", "SELECT ?--1"),
                arguments(MYSQL, "SELECT -1, a-1, a - -1, a > -2.5e3, (a)-1, f(-1, +2) WHERE x=-3", 
                        "SELECT ?, a-?, a - ?, a > ?, (a)-?, f(?) WHERE x=?"),
                arguments(POSTGRESQL, "SELECT * FROM t WHERE x > -3.5e-2 AND y=-1 AND z @-1 LIMIT -1",
                        "SELECT * FROM t WHERE x > ? AND y=? AND z @-? LIMIT ?"),
                arguments(MYSQL, "SELECT - 1, -'x', -a", "SELECT - ?, -?, -a"),
                arguments(MYSQL, "SELECT x.5, t.1e3, 2fa.c, .5, 1e5, 0b101, 0x1g", "SELECT x.5, t.1e3, 2fa.c, ?, ?, ?, 0x1g"),
                arguments(POSTGRESQL, "SELECT x.5, 0o17, 1_000, 0x_FF, 1..9", "SELECT x?, ?, ?, ?, ?..?"),
                arguments(POSTGRESQL, "SELECT arr[1:2], arr[-1], a::numeric(10,2)", "SELECT arr[?:?], arr[?], a::numeric(?)"),
                arguments(MYSQL, "SELECT @a := 1, @@session.sql_mode, @1", "SELECT @a := ?, @@session.sql_mode, @1"),
                arguments(MYSQL, "USE 123", "USE ?"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("statements")
    void masksLiterals(Dialect dialect, String sql, String masked) {
        String once = SqlMasker.mask(sql, dialect);
        assertThat(once).isEqualTo(masked);
        assertThat(SqlMasker.mask(once, dialect)).as("masking again").isSameAs(once);
        assertThat(once.length()).isLessThanOrEqualTo(sql.length());
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void returnsTheSameInstanceWhenNothingIsMasked(Dialect dialect) {
        for (String sql : new String[] {"", "SELECT a FROM b WHERE c = d", "SELECT a FROM b WHERE c = ? /* 1 */ -- 'x'",
            "SELECT f(a, b) FROM t", "SELECT a FROM t1 WHERE b IN (SELECT c FROM t2)"}) {
            assertThat(SqlMasker.mask(sql, dialect)).as(sql).isSameAs(sql);
        }
        String parameters = "SELECT a FROM b WHERE c = $2";
        assertThat(SqlMasker.mask(parameters, POSTGRESQL)).isSameAs(parameters);
    }

    @Test
    void collapsesListsNestedDeeplyAndStopsTrackingPastTheBound() {
        assertThat(SqlMasker.mask("SELECT " + "(".repeat(20) + "1" + ")".repeat(20), MYSQL)).isEqualTo("SELECT (?)");
        String deep = "SELECT " + "(".repeat(100) + "1, 2" + ")".repeat(100);
        assertThat(SqlMasker.mask(deep, MYSQL)).isEqualTo("SELECT " + "(".repeat(100) + "?, ?" + ")".repeat(100));
    }
}
