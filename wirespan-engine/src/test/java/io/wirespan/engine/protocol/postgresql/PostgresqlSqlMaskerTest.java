package io.wirespan.engine.protocol.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresqlSqlMaskerTest {
    private static void masks(String sql, String masked) {
        assertThat(PostgresqlSqlMasker.mask(sql)).as(sql).isEqualTo(masked);
    }

    @Test
    void masksNumbersAndStringsAndCollapsesValueLists() {
        masks("DELETE FROM t WHERE id = 1;", "DELETE FROM t WHERE id = ?;");
        masks("INSERT INTO t (a,b) VALUES (1,2);", "INSERT INTO t (a,b) VALUES (?);");
        masks("SELECT * FROM t WHERE name = 'it''s' AND x > -3.5e-2", "SELECT * FROM t WHERE name = ? AND x > -?");
        masks("SELECT f(a, 1) FROM t", "SELECT f(a, ?) FROM t");
        masks("SELECT 0x1F, 1_000, .5", "SELECT ?, ?, ?");
    }

    @Test
    void masksPrefixedAndDollarQuotedStrings() {
        masks("SELECT E'a\\'b', B'0101', X'ff', U&'d\\0061t' FROM t1", "SELECT ?, ?, ?, ? FROM t1");
        masks("SELECT $$it's $1 $$ || $fn$ x $fn$ FROM t WHERE a = $1", "SELECT ? || ? FROM t WHERE a = $1");
    }

    @Test
    void keepsIdentifiersParametersAndComments() {
        masks("SELECT \"col 1\", t2.c3 FROM \"T'x\" -- id = 5\nWHERE a IN (1, 2, 3)",
                "SELECT \"col 1\", t2.c3 FROM \"T'x\" -- id = 5\nWHERE a IN (?)");
        masks("/* c /* nested 1 */ 2 */ SELECT 7", "/* c /* nested 1 */ 2 */ SELECT ?");
        String plain = "SELECT a FROM b WHERE c = $2";
        assertThat(PostgresqlSqlMasker.mask(plain)).isSameAs(plain);
    }

    @Test
    void unterminatedLiteralsAreMaskedToTheEnd() {
        masks("SELECT 'unterminated", "SELECT ?");
        masks("SELECT $x$ open", "SELECT ?");
        masks("SELECT 1 /* open", "SELECT ? /* open");
    }
}
