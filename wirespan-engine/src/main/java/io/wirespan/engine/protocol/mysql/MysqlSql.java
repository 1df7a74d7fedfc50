package io.wirespan.engine.protocol.mysql;

import java.util.Locale;
import java.util.Set;

/**
 * SQL text helpers: the first-keyword test and the endpoint ({@code SELECT table}). Literal masking is
 * {@link io.wirespan.engine.protocol.sql.SqlMasker}, shared with PostgreSQL.
 */
final class MysqlSql {
    /** SQL start keywords (DeepFlow's list plus a few statements it does not know). */
    private static final Set<String> KEYWORDS = Set.of("SELECT", "PREPARE", "INSERT", "UPDATE", "DELETE", "SHOW",
            "CREATE", "DROP", "ALTER", "EXPLAIN", "GRANT", "SET", "SAVEPOINT", "RELEASE", "DECLARE", "CALL", "FETCH",
            "IMPORT", "REVOKE", "XA", "FLUSH", "USE", "LOCK", "UNLOCK", "STOP", "START", "LOAD", "ANALYZE", "BEGIN",
            "COMMIT", "ROLLBACK", "DESC", "DESCRIBE", "WITH", "REPLACE", "TRUNCATE", "RENAME", "EXECUTE", "DEALLOCATE",
            "DO", "KILL", "OPTIMIZE", "HANDLER", "VALUES", "TABLE");

    private MysqlSql() {}

    /**
     * Whether bytes start with a SQL keyword, after white space and {@code /* *}{@code /} comments.
     * Allocates nothing; reads at most the comments and 10 letters.
     */
    static boolean startsWithKeyword(byte[] b, int from, int end) {
        int i = skipBlanks(b, from, end);
        int start = i;
        while (i < end && i - start <= 10 && isLetter(b[i])) i++;
        int n = i - start;
        if (n == 0 || n > 10) return false;
        if (i < end && isWordByte(b[i])) return false;
        char[] word = new char[n];
        for (int k = 0; k < n; k++) word[k] = (char) (b[start + k] & 0xDF);
        return KEYWORDS.contains(new String(word));
    }

    /** The first keyword of SQL text, upper case, or "" when it has none. */
    static String firstWord(String sql) {
        int i = 0, n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                if (close < 0) return "";
                i = close + 2;
                continue;
            }
            break;
        }
        int start = i;
        while (i < n && Character.isLetter(sql.charAt(i))) i++;
        return sql.substring(start, i).toUpperCase(Locale.ROOT);
    }

    private static int skipBlanks(byte[] b, int i, int end) {
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
            } else if (c == '/' && i + 1 < end && b[i + 1] == '*') {
                i += 2;
                while (i + 1 < end && !(b[i] == '*' && b[i + 1] == '/')) i++;
                i += 2;
            } else {
                break;
            }
        }
        return Math.min(i, end);
    }

    private static boolean isLetter(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isWordByte(byte c) {
        return isLetter(c) || (c >= '0' && c <= '9') || c == '_';
    }

    /**
     * DeepFlow's endpoint: {@code SELECT t} (table after the last FROM), {@code INSERT t} (after INTO),
     * {@code UPDATE t}, {@code DELETE t} (after FROM), {@code ALTER/CREATE/DROP t} (after TABLE);
     * backquotes stripped. Null when the statement names no table.
     */
    static String endpoint(String sql) {
        String verb = firstWord(sql);
        String table = switch (verb) {
            case "SELECT" -> wordAfter(sql, "FROM", true);
            case "INSERT" -> wordAfter(sql, "INTO", false);
            case "UPDATE" -> wordAfter(sql, "UPDATE", false);
            case "DELETE" -> wordAfter(sql, "FROM", false);
            case "ALTER", "CREATE", "DROP" -> wordAfter(sql, "TABLE", false);
            default -> null;
        };
        return table == null || table.isEmpty() ? null : verb + " " + table;
    }

    /** The identifier after the first (or last) whole-word {@code keyword}, case-insensitive. */
    private static String wordAfter(String sql, String keyword, boolean last) {
        int at = -1;
        int n = sql.length(), k = keyword.length();
        for (int i = 0; i + k <= n; i++) {
            if (sql.regionMatches(true, i, keyword, 0, k)
                    && (i == 0 || !isWordChar(sql.charAt(i - 1)))
                    && (i + k == n || !isWordChar(sql.charAt(i + k)))) {
                at = i + k;
                if (!last) break;
            }
        }
        if (at < 0) return null;
        int i = at;
        while (i < n && Character.isWhitespace(sql.charAt(i))) i++;
        StringBuilder table = new StringBuilder();
        for (; i < n; i++) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(' || c == ')' || c == ',' || c == ';') break;
            if (c != '`') table.append(c);
        }
        return table.toString();
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '`';
    }
}
