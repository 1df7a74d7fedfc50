package io.wirespan.engine.protocol.sql;

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

import java.util.Objects;

/**
 * Splits SQL text into tokens by the lexical rules of a {@link Dialect}. It is a cursor:
 * {@link #next()} moves to the following token, whose {@link #kind()}, {@link #start()} and
 * {@link #end()} are then read; text is copied only when {@link #text()} asks for it.
 *
 * <p>The tokens cover the input exactly, in order, and each is at least one character long, so a
 * pass ends after at most {@code length} tokens. Any input is accepted: a string, comment or
 * quoted identifier that is not closed runs to the end, and a character with no other meaning is
 * a one-character {@link SqlTokenKind#OPERATOR}. The rules follow the servers' lexers (MySQL
 * reference manual 11.1 "Literal Values", 11.2 "Schema Object Names", 11.7 "Comments";
 * PostgreSQL manual 4.1 "Lexical Structure").
 */
public final class SqlTokenizer {
    private final CharSequence sql;
    private final boolean mysql;
    private final int length;
    private SqlTokenKind kind;
    private int start;
    private int end;
    /** The current token is a '.' right after a name; MySQL reads what follows it as a name ({@code t.5col}). */
    private boolean dotAfterName;

    public SqlTokenizer(CharSequence sql, Dialect dialect) {
        this.sql = Objects.requireNonNull(sql, "sql");
        this.mysql = Objects.requireNonNull(dialect, "dialect") == Dialect.MYSQL;
        this.length = sql.length();
    }

    /** Moves to the next token; false (and no token) once the input is used up. */
    public boolean next() {
        start = end;
        if (start >= length) {
            kind = null;
            return false;
        }
        boolean afterName = kind == WORD || kind == QUOTED_IDENTIFIER;
        boolean qualified = dotAfterName;
        kind = mysql ? scanMysql(qualified, afterName) : scanPostgresql();
        dotAfterName = kind == PUNCTUATION && afterName && sql.charAt(start) == '.';
        return true;
    }

    /** The current token's kind; null before the first {@link #next()} and after the last. */
    public SqlTokenKind kind() {
        return kind;
    }

    /** Index of the current token's first character. */
    public int start() {
        return start;
    }

    /** Index just past the current token's last character. */
    public int end() {
        return end;
    }

    /** The current token's text (a copy). */
    public String text() {
        return sql.subSequence(start, end).toString();
    }

    private SqlTokenKind scanMysql(boolean qualified, boolean afterName) {
        char c = sql.charAt(start);
        if (isSpace(c)) return whitespace();
        if (c == '#') return lineComment(start + 1);
        if (c == '-' && at(start + 1) == '-' && (start + 2 >= length || isSpaceOrControl(sql.charAt(start + 2)))) {
            return lineComment(start + 2);
        }
        if (c == '/' && at(start + 1) == '*') return blockComment(false);
        if (c == '\'' || c == '"') return quoted(STRING, start + 1, c, true);
        if (c == '`') return quoted(QUOTED_IDENTIFIER, start + 1, '`', false);
        if (c == '?') return single(PARAMETER);
        if (isDigit(c)) return qualified ? name(mysqlNameEnd(start)) : mysqlNumberOrName();
        if (c == '.' && isDigit(at(start + 1)) && !afterName) return number(decimalEnd(start, false));
        if (c == '@') return mysqlVariable();
        if (isMysqlNameChar(c)) return mysqlWord();
        if (isPunctuation(c)) return single(PUNCTUATION);
        return operator(mysqlOperatorEnd(c));
    }

    private SqlTokenKind scanPostgresql() {
        char c = sql.charAt(start);
        if (isSpace(c)) return whitespace();
        if (c == '-' && at(start + 1) == '-') return lineComment(start + 2);
        if (c == '/' && at(start + 1) == '*') return blockComment(true);
        if (c == '\'') return quoted(STRING, start + 1, '\'', false);
        if (c == '"') return quoted(QUOTED_IDENTIFIER, start + 1, '"', false);
        if (c == '$') return postgresqlDollar();
        if (isDigit(c) || (c == '.' && isDigit(at(start + 1)))) return number(postgresqlNumberEnd(c));
        if (isPostgresqlNameStart(c)) return postgresqlWord();
        if (c == '.' && at(start + 1) == '.') return operator(start + 2); // PL/pgSQL's range, "1..9"
        if (isPunctuation(c)) return single(PUNCTUATION);
        if (c == ':') return operator(start + (at(start + 1) == ':' || at(start + 1) == '=' ? 2 : 1));
        if (isPostgresqlOperatorChar(c)) return operator(postgresqlOperatorEnd());
        return single(OPERATOR);
    }

    // ---- token shapes shared by both dialects

    private SqlTokenKind whitespace() {
        int i = start + 1;
        while (i < length && isSpace(sql.charAt(i))) i++;
        end = i;
        return WHITESPACE;
    }

    /** To the end of the line; the line break itself is white space. */
    private SqlTokenKind lineComment(int from) {
        int i = from;
        while (i < length && sql.charAt(i) != '\n' && (mysql || sql.charAt(i) != '\r')) i++;
        end = i;
        return LINE_COMMENT;
    }

    private SqlTokenKind blockComment(boolean nested) {
        int depth = 1;
        int i = start + 2;
        end = length;
        while (i + 1 < length) {
            char c = sql.charAt(i);
            char d = sql.charAt(i + 1);
            if (c == '*' && d == '/') {
                i += 2;
                if (--depth == 0) {
                    end = i;
                    break;
                }
            } else if (nested && c == '/' && d == '*') {
                depth++;
                i += 2;
            } else {
                i++;
            }
        }
        return BLOCK_COMMENT;
    }

    /** Text from {@code from} to the closing {@code quote}; a doubled quote stands for itself. */
    private SqlTokenKind quoted(SqlTokenKind kind, int from, char quote, boolean backslashEscapes) {
        int i = from;
        end = length;
        while (i < length) {
            char c = sql.charAt(i);
            if (c == quote) {
                if (at(i + 1) != quote) {
                    end = i + 1;
                    break;
                }
                i += 2;
            } else {
                i += backslashEscapes && c == '\\' ? 2 : 1;
            }
        }
        return kind;
    }

    private SqlTokenKind single(SqlTokenKind kind) {
        end = start + 1;
        return kind;
    }

    private SqlTokenKind operator(int to) {
        end = to;
        return OPERATOR;
    }

    private SqlTokenKind number(int to) {
        end = to;
        return NUMBER;
    }

    private SqlTokenKind name(int to) {
        end = to;
        return WORD;
    }

    /** Digits, an optional fraction and an optional exponent, from {@code from} (a digit or a '.'). */
    private int decimalEnd(int from, boolean underscores) {
        int i = digitsEnd(from, 10, underscores);
        if (at(i) == '.' && (mysql || at(i + 1) != '.')) i = digitsEnd(i + 1, 10, underscores); // PostgreSQL: "1..9" is 1 .. 9
        if (at(i) == 'e' || at(i) == 'E') {
            int j = i + 1;
            if (at(j) == '+' || at(j) == '-') j++;
            int k = digitsEnd(j, 10, underscores);
            if (k > j) i = k;
        }
        return i;
    }

    /** Digits of the radix; with {@code underscores}, a single '_' may stand between two of them. */
    private int digitsEnd(int from, int radix, boolean underscores) {
        int i = from;
        while (i < length) {
            if (isDigit(sql.charAt(i), radix)) {
                i++;
            } else if (underscores && i > from && sql.charAt(i) == '_' && isDigit(at(i + 1), radix)) {
                i += 2;
            } else {
                break;
            }
        }
        return i;
    }

    // ---- MySQL

    /**
     * A number, or a name when the digits run into name characters: MySQL names may start with a
     * digit ({@code 2fa_codes}), and {@code 0x1g} is a name, not a hexadecimal literal.
     */
    private SqlTokenKind mysqlNumberOrName() {
        if (sql.charAt(start) == '0' && (at(start + 1) == 'x' || at(start + 1) == 'b')) {
            int i = digitsEnd(start + 2, at(start + 1) == 'x' ? 16 : 2, false);
            if (i > start + 2 && !isMysqlNameChar(at(i))) return number(i);
        }
        int integer = digitsEnd(start, 10, false);
        if (isMysqlNameChar(at(integer)) && at(integer) != 'e' && at(integer) != 'E') {
            return name(mysqlNameEnd(integer));
        }
        int i = decimalEnd(start, false);
        if (i == integer && isMysqlNameChar(at(i))) return name(mysqlNameEnd(i)); // "1e" or "1ex": no exponent digits
        return number(i);
    }

    /** {@code N'..'}, {@code X'..'}, {@code B'..'} and {@code _charset'..'} are strings; any other run a word. */
    private SqlTokenKind mysqlWord() {
        int e = mysqlNameEnd(start);
        char next = at(e);
        char first = Character.toUpperCase(sql.charAt(start));
        if (next == '\'' && e - start == 1 && (first == 'N' || first == 'X' || first == 'B')) {
            return quoted(STRING, e + 1, '\'', first == 'N');
        }
        if ((next == '\'' || next == '"') && first == '_' && e - start > 1) return quoted(STRING, e + 1, next, true);
        return name(e);
    }

    /** {@code @name} and {@code @@name} (names may hold '.', as in {@code @@session.sql_mode}); a lone '@' is an operator. */
    private SqlTokenKind mysqlVariable() {
        int i = at(start + 1) == '@' ? start + 2 : start + 1;
        if (!isMysqlNameChar(at(i)) && at(i) != '.') return single(OPERATOR);
        while (i < length && (isMysqlNameChar(sql.charAt(i)) || sql.charAt(i) == '.')) i++;
        return name(i);
    }

    private int mysqlNameEnd(int from) {
        int i = from;
        while (i < length && isMysqlNameChar(sql.charAt(i))) i++;
        return i;
    }

    /** MySQL's operators are a fixed set; a character outside it is an operator of its own. */
    private int mysqlOperatorEnd(char c) {
        char d = at(start + 1);
        if ((c == '<' && d == '=' && at(start + 2) == '>') || (c == '-' && d == '>' && at(start + 2) == '>')) {
            return start + 3;
        }
        boolean pair = switch (c) {
            case '<' -> d == '=' || d == '>' || d == '<';
            case '>' -> d == '=' || d == '>';
            case '!', ':' -> d == '=';
            case '&' -> d == '&';
            case '|' -> d == '|';
            case '-' -> d == '>';
            default -> false;
        };
        return start + (pair ? 2 : 1);
    }

    private static boolean isMysqlNameChar(char c) {
        return isAsciiLetter(c) || isDigit(c) || c == '_' || c == '$' || c >= 0x80;
    }

    // ---- PostgreSQL

    /** {@code $1} is a parameter, {@code $$} or {@code $tag$} opens a dollar-quoted string, else '$' stands alone. */
    private SqlTokenKind postgresqlDollar() {
        if (isDigit(at(start + 1))) {
            end = digitsEnd(start + 1, 10, false);
            return PARAMETER;
        }
        int i = start + 1;
        if (isPostgresqlNameStart(at(i))) {
            while (i < length && (isPostgresqlNameStart(sql.charAt(i)) || isDigit(sql.charAt(i)))) i++;
        }
        if (at(i) != '$') return single(OPERATOR);
        int tag = i + 1 - start;
        end = length;
        for (int j = i + 1; j + tag <= length; j++) {
            if (sql.charAt(j) == '$' && regionEquals(j, start, tag)) {
                end = j + tag;
                break;
            }
        }
        return DOLLAR_STRING;
    }

    /** With PostgreSQL 16's forms: {@code 0x1F}, {@code 0o17}, {@code 0b101} and '_' between digits. */
    private int postgresqlNumberEnd(char c) {
        if (c == '0') {
            char p = Character.toLowerCase(at(start + 1));
            int radix = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
            if (radix > 0) {
                int from = at(start + 2) == '_' ? start + 3 : start + 2; // "0x_1F" is allowed
                int i = digitsEnd(from, radix, true);
                if (i > from) return i;
            }
        }
        return decimalEnd(start, true);
    }

    /** {@code E'..'} (backslash escapes), {@code B'..'}, {@code X'..'}, {@code N'..'}, {@code U&'..'} and {@code U&".."}. */
    private SqlTokenKind postgresqlWord() {
        int e = start + 1;
        while (e < length && (isPostgresqlNameStart(sql.charAt(e)) || isDigit(sql.charAt(e)) || sql.charAt(e) == '$')) e++;
        if (e - start == 1) {
            char first = Character.toUpperCase(sql.charAt(start));
            char next = at(e);
            if (next == '\'' && (first == 'E' || first == 'B' || first == 'X' || first == 'N')) {
                return quoted(STRING, e + 1, '\'', first == 'E');
            }
            if (first == 'U' && next == '&' && at(e + 1) == '\'') return quoted(STRING, e + 2, '\'', false);
            if (first == 'U' && next == '&' && at(e + 1) == '"') return quoted(QUOTED_IDENTIFIER, e + 2, '"', false);
        }
        return name(e);
    }

    /**
     * The longest run of operator characters, cut before a comment start; a trailing '+' or '-' is
     * left for the next token unless the run holds one of {@code ~ ! @ # % ^ & | ` ?}, so that
     * {@code =-1} is '=' then a negative number (manual 4.1.3).
     */
    private int postgresqlOperatorEnd() {
        int i = start + 1;
        while (i < length && isPostgresqlOperatorChar(sql.charAt(i))) {
            char c = sql.charAt(i);
            if ((c == '-' && at(i + 1) == '-') || (c == '/' && at(i + 1) == '*')) break;
            i++;
        }
        if (i - start > 1) {
            boolean special = false;
            for (int k = start; k < i; k++) special |= "~!@#%^&|`?".indexOf(sql.charAt(k)) >= 0;
            while (!special && i - start > 1 && (sql.charAt(i - 1) == '+' || sql.charAt(i - 1) == '-')) i--;
        }
        return i;
    }

    private static boolean isPostgresqlNameStart(char c) {
        return isAsciiLetter(c) || c == '_' || c >= 0x80;
    }

    private static boolean isPostgresqlOperatorChar(char c) {
        return "+-*/<>=~!@#%^&|`?".indexOf(c) >= 0;
    }

    // ---- characters

    /** The character at {@code i}, or NUL past the end (NUL starts nothing). */
    private char at(int i) {
        return i < length ? sql.charAt(i) : '\0';
    }

    private boolean regionEquals(int a, int b, int n) {
        for (int k = 0; k < n; k++) {
            if (sql.charAt(a + k) != sql.charAt(b + k)) return false;
        }
        return true;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    /** What must follow MySQL's {@code --} for it to start a comment (else {@code 5--1} is arithmetic). */
    private static boolean isSpaceOrControl(char c) {
        return c <= ' ' || c == 0x7F;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** ASCII digits of the radix only: {@link Character#digit} would also take other scripts' digits. */
    private static boolean isDigit(char c, int radix) {
        return c < 0x80 && Character.digit(c, radix) >= 0;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isPunctuation(char c) {
        return "()[]{},;.".indexOf(c) >= 0;
    }
}
