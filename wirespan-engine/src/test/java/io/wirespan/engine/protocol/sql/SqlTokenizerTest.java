package io.wirespan.engine.protocol.sql;

import static io.wirespan.engine.protocol.sql.Dialect.MYSQL;
import static io.wirespan.engine.protocol.sql.Dialect.POSTGRESQL;
import static io.wirespan.engine.protocol.sql.SqlTokenKind.BLOCK_COMMENT;
import static io.wirespan.engine.protocol.sql.SqlTokenKind.DOLLAR_STRING;
import static io.wirespan.engine.protocol.sql.SqlTokenKind.LINE_COMMENT;
import static io.wirespan.engine.protocol.sql.SqlTokenKind.NUMBER;
import static io.wirespan.engine.protocol.sql.SqlTokenKind.OPERATOR;
import static io.wirespan.engine.protocol.sql.SqlTokenKind.PARAMETER;
import static io.wirespan.engine.protocol.sql.SqlTokenKind.PUNCTUATION;
import static io.wirespan.engine.protocol.sql.SqlTokenKind.QUOTED_IDENTIFIER;
import static io.wirespan.engine.protocol.sql.SqlTokenKind.STRING;
import static io.wirespan.engine.protocol.sql.SqlTokenKind.WHITESPACE;
import static io.wirespan.engine.protocol.sql.SqlTokenKind.WORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SqlTokenizerTest {
    record Token(SqlTokenKind kind, String text) {
        @Override
        public String toString() {
            return kind + "[" + text + "]";
        }
    }

    /** One input and the tokens it must give; white space is left out of {@code tokens} unless it is the point. */
    record Case(Dialect dialect, String sql, List<Token> tokens, boolean withWhitespace) {
        @Override
        public String toString() {
            return dialect + " " + sql.replace("\n", "\\n");
        }
    }

    /** {@code kinds} alternates a kind and its text. */
    private static Case tokens(Dialect dialect, String sql, Object... kinds) {
        return new Case(dialect, sql, pairs(kinds), false);
    }

    private static Case tokensWithWhitespace(Dialect dialect, String sql, Object... kinds) {
        return new Case(dialect, sql, pairs(kinds), true);
    }

    private static List<Token> pairs(Object... kinds) {
        List<Token> list = new ArrayList<>();
        for (int i = 0; i < kinds.length; i += 2) list.add(new Token((SqlTokenKind) kinds[i], (String) kinds[i + 1]));
        return list;
    }

    static Stream<Case> cases() {
        return Stream.of(
                // white space and words
                tokensWithWhitespace(MYSQL, "SELECT\t\r\n\f\u000Ba", WORD, "SELECT", WHITESPACE, "\t\r\n\f\u000B", WORD, "a"),
                tokens(MYSQL, "naïve_テーブル $x a$b", WORD, "naïve_テーブル", WORD, "$x", WORD, "a$b"),
                tokens(POSTGRESQL, "naïve_テーブル a$b _c1", WORD, "naïve_テーブル", WORD, "a$b", WORD, "_c1"),
                tokens(MYSQL, "@v @@session.sql_mode @1 @", WORD, "@v", WORD, "@@session.sql_mode", WORD, "@1", OPERATOR, "@"),
                // line comments
                tokensWithWhitespace(MYSQL, "a -- c 1\nb", WORD, "a", WHITESPACE, " ", LINE_COMMENT, "-- c 1", WHITESPACE, "\n",
                        WORD, "b"),
                tokens(MYSQL, "a --\tc", WORD, "a", LINE_COMMENT, "--\tc"),
                tokens(MYSQL, "a --", WORD, "a", LINE_COMMENT, "--"),
                tokens(MYSQL, "5--1", NUMBER, "5", OPERATOR, "-", OPERATOR, "-", NUMBER, "1"),
                tokens(MYSQL, "a # c 'x'\nb", WORD, "a", LINE_COMMENT, "# c 'x'", WORD, "b"),
                tokens(POSTGRESQL, "5--1\r2", NUMBER, "5", LINE_COMMENT, "--1", NUMBER, "2"),
                tokens(POSTGRESQL, "a # b", WORD, "a", OPERATOR, "#", WORD, "b"),
                // block comments
                tokens(MYSQL, "/* a /* b */ c */", BLOCK_COMMENT, "/* a /* b */", WORD, "c", OPERATOR, "*", OPERATOR, "/"),
                tokens(POSTGRESQL, "/* a /* b */ c */ d", BLOCK_COMMENT, "/* a /* b */ c */", WORD, "d"),
                tokens(MYSQL, "/*! 50001 SELECT 'x' */ 1", BLOCK_COMMENT, "/*! 50001 SELECT 'x' */", NUMBER, "1"),
                tokens(MYSQL, "SELECT /*+ BKA(t1) */ 1", WORD, "SELECT", BLOCK_COMMENT, "/*+ BKA(t1) */", NUMBER, "1"),
                tokens(MYSQL, "/*/ x", BLOCK_COMMENT, "/*/ x"),
                tokens(POSTGRESQL, "/* open /* inner */ still", BLOCK_COMMENT, "/* open /* inner */ still"),
                // strings
                tokens(MYSQL, "'it''s'", STRING, "'it''s'"),
                tokens(POSTGRESQL, "'it''s'", STRING, "'it''s'"),
                tokens(MYSQL, "'a\\'b' c", STRING, "'a\\'b'", WORD, "c"),
                tokens(POSTGRESQL, "'a\\'c' d", STRING, "'a\\'", WORD, "c", STRING, "' d"),
                tokens(POSTGRESQL, "'a\\'b' c", STRING, "'a\\'", STRING, "b' c"), // b'...' is a bit string
                tokens(POSTGRESQL, "E'a\\'b' e'\\\\' c", STRING, "E'a\\'b'", STRING, "e'\\\\'", WORD, "c"),
                tokens(MYSQL, "\"x\\\"y\"\"z\"", STRING, "\"x\\\"y\"\"z\""),
                tokens(POSTGRESQL, "\"x\"\"y\"", QUOTED_IDENTIFIER, "\"x\"\"y\""),
                tokens(MYSQL, "N'a' x'1F' B'01' _utf8mb4'é' _latin1\"q\"", STRING, "N'a'", STRING, "x'1F'", STRING, "B'01'",
                        STRING, "_utf8mb4'é'", STRING, "_latin1\"q\""),
                tokens(POSTGRESQL, "B'01' X'ff' N'a' U&'d\\0061t' u&'x'", STRING, "B'01'", STRING, "X'ff'", STRING, "N'a'",
                        STRING, "U&'d\\0061t'", STRING, "u&'x'"),
                tokens(POSTGRESQL, "EE'x' U&x", WORD, "EE", STRING, "'x'", WORD, "U", OPERATOR, "&", WORD, "x"),
                tokens(MYSQL, "'unterminated \\' x", STRING, "'unterminated \\' x"),
                tokens(POSTGRESQL, "'unterminated ''", STRING, "'unterminated ''"),
                tokens(MYSQL, "'trailing backslash\\", STRING, "'trailing backslash\\"),
                // dollar quoting
                tokens(POSTGRESQL, "$$it's$$", DOLLAR_STRING, "$$it's$$"),
                tokens(POSTGRESQL, "$fn$ select 'x' $$ $fn$ x", DOLLAR_STRING, "$fn$ select 'x' $$ $fn$", WORD, "x"),
                tokens(POSTGRESQL, "$a$ $A$ $a$", DOLLAR_STRING, "$a$ $A$ $a$"),
                tokens(POSTGRESQL, "$é1$x$é1$", DOLLAR_STRING, "$é1$x$é1$"),
                tokens(POSTGRESQL, "$x$ open", DOLLAR_STRING, "$x$ open"),
                tokens(POSTGRESQL, "$ $x", OPERATOR, "$", OPERATOR, "$", WORD, "x"),
                tokens(MYSQL, "$$x$$", WORD, "$$x$$"),
                // quoted identifiers
                tokens(MYSQL, "`a``b` `open", QUOTED_IDENTIFIER, "`a``b`", QUOTED_IDENTIFIER, "`open"),
                tokens(POSTGRESQL, "U&\"d\\0061t\" \"open", QUOTED_IDENTIFIER, "U&\"d\\0061t\"", QUOTED_IDENTIFIER, "\"open"),
                tokens(POSTGRESQL, "`a`", OPERATOR, "`", WORD, "a", OPERATOR, "`"),
                // numbers
                tokens(MYSQL, "1 1.5 .5 1. 1e5 1.5E-3 2e+10", NUMBER, "1", NUMBER, "1.5", NUMBER, ".5", NUMBER, "1.", NUMBER,
                        "1e5", NUMBER, "1.5E-3", NUMBER, "2e+10"),
                tokens(MYSQL, "0x1F 0b101 0X1F 0x1g 0b12", NUMBER, "0x1F", NUMBER, "0b101", WORD, "0X1F", WORD, "0x1g",
                        WORD, "0b12"),
                tokens(MYSQL, "2fa_codes 1e 1_000", WORD, "2fa_codes", WORD, "1e", WORD, "1_000"),
                tokens(MYSQL, "x.5 `t`.1e3 f(x).5", WORD, "x", PUNCTUATION, ".", WORD, "5", QUOTED_IDENTIFIER, "`t`",
                        PUNCTUATION, ".", WORD, "1e3", WORD, "f", PUNCTUATION, "(", WORD, "x", PUNCTUATION, ")",
                        NUMBER, ".5"),
                tokens(POSTGRESQL, "0x1F 0X_ff 0o17 0b1_01 1_000 1_000.000_1e1_0", NUMBER, "0x1F", NUMBER, "0X_ff",
                        NUMBER, "0o17", NUMBER, "0b1_01", NUMBER, "1_000", NUMBER, "1_000.000_1e1_0"),
                tokens(POSTGRESQL, "1__0 0x 1e 123abc", NUMBER, "1", WORD, "__0", NUMBER, "0", WORD, "x", NUMBER, "1",
                        WORD, "e", NUMBER, "123", WORD, "abc"),
                tokens(POSTGRESQL, "x.5 1..9", WORD, "x", NUMBER, ".5", NUMBER, "1", OPERATOR, "..", NUMBER, "9"),
                tokens(MYSQL, "١٢", WORD, "١٢"),
                // parameters
                tokens(MYSQL, "a = ? AND b IN (?)", WORD, "a", OPERATOR, "=", PARAMETER, "?", WORD, "AND", WORD, "b",
                        WORD, "IN", PUNCTUATION, "(", PARAMETER, "?", PUNCTUATION, ")"),
                tokens(POSTGRESQL, "a = $1 AND b = $12", WORD, "a", OPERATOR, "=", PARAMETER, "$1", WORD, "AND", WORD, "b",
                        OPERATOR, "=", PARAMETER, "$12"),
                tokens(POSTGRESQL, "j ? 'k' AND j ?| a", WORD, "j", OPERATOR, "?", STRING, "'k'", WORD, "AND", WORD, "j",
                        OPERATOR, "?|", WORD, "a"),
                // operators and punctuation
                tokens(MYSQL, "a<=>b->>c->d!=e:=f<>g&&h||i<<j", WORD, "a", OPERATOR, "<=>", WORD, "b", OPERATOR, "->>",
                        WORD, "c", OPERATOR, "->", WORD, "d", OPERATOR, "!=", WORD, "e", OPERATOR, ":=", WORD, "f",
                        OPERATOR, "<>", WORD, "g", OPERATOR, "&&", WORD, "h", OPERATOR, "||", WORD, "i", OPERATOR, "<<",
                        WORD, "j"),
                tokens(MYSQL, "a=-1", WORD, "a", OPERATOR, "=", OPERATOR, "-", NUMBER, "1"),
                tokens(POSTGRESQL, "a=-1 a@-1 a<->b a||b", WORD, "a", OPERATOR, "=", OPERATOR, "-", NUMBER, "1", WORD, "a",
                        OPERATOR, "@-", NUMBER, "1", WORD, "a", OPERATOR, "<->", WORD, "b", WORD, "a", OPERATOR, "||",
                        WORD, "b"),
                tokens(POSTGRESQL, "a+/*c*/1 a*--c", WORD, "a", OPERATOR, "+", BLOCK_COMMENT, "/*c*/", NUMBER, "1", WORD,
                        "a", OPERATOR, "*", LINE_COMMENT, "--c"),
                tokens(POSTGRESQL, "a::int[] x:=1", WORD, "a", OPERATOR, "::", WORD, "int", PUNCTUATION, "[",
                        PUNCTUATION, "]", WORD, "x", OPERATOR, ":=", NUMBER, "1"),
                tokens(MYSQL, "f(a,b);{d}", WORD, "f", PUNCTUATION, "(", WORD, "a", PUNCTUATION, ",", WORD, "b",
                        PUNCTUATION, ")", PUNCTUATION, ";", PUNCTUATION, "{", WORD, "d", PUNCTUATION, "}"),
                tokens(MYSQL, "\\\u0000", OPERATOR, "\\", OPERATOR, "\u0000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void splitsIntoTheExpectedTokens(Case c) {
        List<Token> all = tokenize(c.sql(), c.dialect());
        assertThat(String.join("", all.stream().map(Token::text).toList())).isEqualTo(c.sql());
        List<Token> shown = c.withWhitespace() ? all : all.stream().filter(t -> t.kind() != WHITESPACE).toList();
        assertThat(shown).containsExactlyElementsOf(c.tokens());
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyPrefixOfTrickyTextIsCoveredExactly(Dialect dialect) {
        String tricky = "SELECT E'a\\'b', _utf8'x''y', $fn$ $$ 'q' $fn$, \"id\"\"x\", `b``t`, /* c /* n */ */ -- l\n"
                + "# h\n 0x1F, 0b1, 1_0.5e-3, $1, ?, @@v.w, x.5, U&'\\0061', 5--1, a<=>b, 𝄞 ✓\u0000\\";
        for (int n = 0; n <= tricky.length(); n++) {
            String prefix = tricky.substring(0, n);
            List<Token> all = tokenize(prefix, dialect);
            assertThat(String.join("", all.stream().map(Token::text).toList())).as(prefix).isEqualTo(prefix);
            assertThat(all).as(prefix).allSatisfy(t -> assertThat(t.text()).isNotEmpty());
        }
    }

    @Test
    void cursorHasNoTokenBeforeTheFirstOrAfterTheLast() {
        SqlTokenizer tokens = new SqlTokenizer("a", MYSQL);
        assertThat(tokens.kind()).isNull();
        assertThat(tokens.next()).isTrue();
        assertThat(tokens.kind()).isEqualTo(WORD);
        assertThat(tokens.start()).isZero();
        assertThat(tokens.end()).isEqualTo(1);
        assertThat(tokens.next()).isFalse();
        assertThat(tokens.kind()).isNull();
        assertThat(tokens.next()).isFalse();
        assertThat(new SqlTokenizer("", POSTGRESQL).next()).isFalse();
    }

    @Test
    void readsAnyCharSequence() {
        assertThat(tokenize(new StringBuilder("SELECT 'x'"), POSTGRESQL))
                .containsExactly(new Token(WORD, "SELECT"), new Token(WHITESPACE, " "), new Token(STRING, "'x'"));
    }

    static List<Token> tokenize(CharSequence sql, Dialect dialect) {
        SqlTokenizer tokens = new SqlTokenizer(sql, dialect);
        List<Token> all = new ArrayList<>();
        while (tokens.next()) all.add(new Token(tokens.kind(), tokens.text()));
        return all;
    }
}
