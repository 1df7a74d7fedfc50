package io.wirespan.engine.protocol.sql;

import static io.wirespan.engine.protocol.sql.SqlTokenKind.NUMBER;
import static io.wirespan.engine.protocol.sql.SqlTokenKind.OPERATOR;
import static io.wirespan.engine.protocol.sql.SqlTokenKind.PUNCTUATION;
import static io.wirespan.engine.protocol.sql.SqlTokenKind.WHITESPACE;
import static io.wirespan.engine.protocol.sql.SqlTokenKind.WORD;

/**
 * Masks the values written in a SQL statement, as DeepFlow's {@code obfuscate_protocols} does for
 * MySQL and PostgreSQL: every string, dollar-quoted string and number becomes {@code ?}, with its
 * sign when the sign cannot be a subtraction ({@code x > -1}, not {@code a-1}). Everything else
 * (keywords, identifiers, parameters, operators, comments, white space) is kept as written. A
 * parenthesised list made only of masked values collapses to {@code (?)}, so
 * {@code VALUES (1,'a'),(2,'b')} reads {@code VALUES (?),(?)} and {@code IN (1, 2, 3)} reads
 * {@code IN (?)}; a list holding anything else, a comment included, keeps its items.
 *
 * <p>DeepFlow's masker also replaces whatever operand follows a comparison, {@code IN},
 * {@code LIKE}, {@code LIMIT} or {@code VALUES} ({@code a = b} reads {@code a = ?}); this one masks
 * values only, which keeps its output a faithful statement shape. The two agree on DeepFlow's
 * documented examples. No corpus capture turns SQL masking on today; where one does and DeepFlow's
 * expected output differs, DeepFlow's output wins for the cases it covers.
 *
 * <p>The output has no literal left in it, so masking again changes nothing; it is never longer
 * than the input; and a statement with nothing to mask comes back as the same instance.
 */
public final class SqlMasker {
    /** Words after which a '+' or '-' is a sign rather than an addition or a subtraction. */
    private static final String[] OPERAND_KEYWORDS = {"SELECT", "WHERE", "AND", "OR", "NOT", "XOR", "LIKE", "ILIKE",
        "RLIKE", "REGEXP", "BETWEEN", "CASE", "WHEN", "THEN", "ELSE", "LIMIT", "OFFSET", "HAVING", "DEFAULT",
        "INTERVAL", "RETURN", "DIV", "MOD", "ON", "DISTINCT", "ALL", "ANY", "SOME", "BY", "WITH", "ESCAPE",
        "MINVALUE", "MAXVALUE", "INCREMENT", "RESTART", "START"};
    /** Lists nested deeper than this (bits of a long) are never collapsed. */
    private static final int TRACKED_DEPTH = 63;

    private SqlMasker() {}

    public static String mask(String sql, Dialect dialect) {
        SqlTokenizer tokens = new SqlTokenizer(sql, dialect);
        StringBuilder out = null; // made at the first literal: until then the output is the input
        SqlTokenKind last = null; // the last token that is neither white space nor a comment
        int lastStart = 0;
        int lastEnd = 0;
        boolean sign = false; // the previous token is a '+' or '-' that would be the sign of a number right after it
        int depth = 0;
        long lists = 0; // bit d: the parenthesis open at depth d has held only masked values so far
        while (tokens.next()) {
            SqlTokenKind kind = tokens.kind();
            int start = tokens.start();
            int end = tokens.end();
            if (sign && kind != NUMBER) lists = clear(lists, depth); // the '+' or '-' was an operator after all
            if (kind.isLiteral()) {
                boolean signed = sign && kind == NUMBER;
                if (out == null) {
                    out = new StringBuilder(sql.length()).append(sql, 0, signed ? start - 1 : start);
                } else if (signed) {
                    out.setLength(out.length() - 1);
                }
                out.append('?');
                sign = false;
            } else {
                char c = sql.charAt(start);
                boolean single = end - start == 1;
                boolean collapsed = false;
                sign = false;
                if (kind == PUNCTUATION && c == '(') {
                    depth++;
                    lists = set(lists, depth);
                } else if (kind == PUNCTUATION && c == ')' && depth > 0) {
                    collapsed = out != null && isSet(lists, depth) && collapse(out);
                    depth--;
                    if (!collapsed) lists = clear(lists, depth); // a list that stays is not a masked value
                } else if (kind == OPERATOR && single && (c == '-' || c == '+')
                        && operandExpected(sql, last, lastStart, lastEnd)) {
                    sign = true;
                } else if (!(kind == WHITESPACE || (kind == PUNCTUATION && c == ','))) {
                    lists = clear(lists, depth);
                }
                if (out != null && !collapsed) out.append(sql, start, end);
            }
            if (!kind.isTrivia()) {
                last = kind;
                lastStart = start;
                lastEnd = end;
            }
        }
        return out == null ? sql : out.toString();
    }

    /**
     * Replaces the list that {@code out} ends with (an open parenthesis followed only by masks,
     * collapsed lists, commas and white space) by {@code (?)}; false when it holds no mask.
     */
    private static boolean collapse(StringBuilder out) {
        boolean masked = false;
        int nested = 0;
        for (int i = out.length() - 1; i >= 0; i--) {
            char c = out.charAt(i);
            if (c == '?') {
                masked = true;
            } else if (c == ')') {
                nested++;
            } else if (c == '(') {
                if (nested == 0) {
                    if (!masked) return false;
                    out.setLength(i);
                    out.append("(?)");
                    return true;
                }
                nested--;
            }
        }
        return false;
    }

    /** Whether an operand, not an operator, comes after {@code last}: a '+' or '-' there is a sign. */
    private static boolean operandExpected(String sql, SqlTokenKind last, int start, int end) {
        if (last == null || last == OPERATOR) return true;
        if (last == PUNCTUATION) return "(,;[".indexOf(sql.charAt(start)) >= 0;
        if (last != WORD) return false;
        for (String keyword : OPERAND_KEYWORDS) {
            if (keyword.length() == end - start && sql.regionMatches(true, start, keyword, 0, keyword.length())) return true;
        }
        return false;
    }

    private static boolean isSet(long lists, int depth) {
        return depth <= TRACKED_DEPTH && (lists & (1L << depth)) != 0;
    }

    private static long set(long lists, int depth) {
        return depth <= TRACKED_DEPTH ? lists | (1L << depth) : lists;
    }

    private static long clear(long lists, int depth) {
        return depth <= TRACKED_DEPTH ? lists & ~(1L << depth) : lists;
    }
}
