package io.wirespan.engine.protocol.mysql;

import java.util.Locale;
import java.util.Set;

/** SQL text helpers: the first-keyword test, the endpoint ({@code SELECT table}) and literal masking. */
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

    /**
     * Masks literals: quoted strings and numbers become {@code ?}; identifiers (also back-quoted),
     * keywords, operators and comments stay. An unterminated string is masked to the end.
     */
    static String obfuscate(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int n = sql.length();
        boolean changed = false;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n) {
                    char d = sql.charAt(j);
                    if (d == '\\') { j += 2; continue; }
                    if (d == c) {
                        if (j + 1 < n && sql.charAt(j + 1) == c) { j += 2; continue; }
                        break;
                    }
                    j++;
                }
                out.append('?');
                changed = true;
                i = Math.min(n, j + 1);
            } else if (c == '`') {
                int j = sql.indexOf('`', i + 1);
                j = j < 0 ? n : j + 1;
                out.append(sql, i, j);
                i = j;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int j = sql.indexOf("*/", i + 2);
                j = j < 0 ? n : j + 2;
                out.append(sql, i, j);
                i = j;
            } else if (Character.isLetter(c) || c == '_' || c == '@' || c == '$') {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_'
                        || sql.charAt(j) == '$' || sql.charAt(j) == '@' || sql.charAt(j) == '.')) j++;
                out.append(sql, i, j);
                boolean values = j - i == 6 && sql.regionMatches(true, i, "VALUES", 0, 6);
                boolean in = j - i == 2 && sql.regionMatches(true, i, "IN", 0, 2);
                i = j;
                if (values || in) {
                    // VALUES (..), (..) and IN (..): each parenthesised group becomes (?)
                    int k = masksGroups(sql, i, out, values);
                    if (k != i) {
                        changed = true;
                        i = k;
                    }
                }
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))
                    || (c == '-' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)) && afterOperator(out))) {
                int j = i + 1;
                if (c == '0' && j < n && (sql.charAt(j) == 'x' || sql.charAt(j) == 'X')) j++;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '.')) j++;
                if (j < n && (sql.charAt(j - 1) == 'e' || sql.charAt(j - 1) == 'E')
                        && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
                    j++;
                    while (j < n && Character.isDigit(sql.charAt(j))) j++;
                }
                out.append('?');
                changed = true;
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return changed ? out.toString() : sql;
    }

    /**
     * Replaces the parenthesised group at {@code i} (after blanks) by {@code (?)}, and when {@code many}
     * the comma-separated groups that follow it; returns where masking stopped ({@code i} if no group).
     */
    private static int masksGroups(String sql, int i, StringBuilder out, boolean many) {
        int n = sql.length();
        int at = i;
        int done = i;
        while (true) {
            int k = at;
            while (k < n && Character.isWhitespace(sql.charAt(k))) k++;
            if (k >= n || sql.charAt(k) != '(') return done;
            int close = closing(sql, k);
            if (close < 0) return done;
            out.append(sql, done, k).append("(?)");
            done = close + 1;
            if (!many) return done;
            k = done;
            while (k < n && Character.isWhitespace(sql.charAt(k))) k++;
            if (k >= n || sql.charAt(k) != ',') return done;
            at = k + 1;
            out.append(sql, done, at);
            done = at;
        }
    }

    /** Index of the parenthesis closing the one at {@code open}, skipping quoted text; -1 if none. */
    private static int closing(String sql, int open) {
        int depth = 0;
        for (int k = open; k < sql.length(); k++) {
            char c = sql.charAt(k);
            if (c == '\'' || c == '"' || c == '`') {
                int q = k + 1;
                while (q < sql.length() && sql.charAt(q) != c) q += sql.charAt(q) == '\\' ? 2 : 1;
                k = q;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return k;
            }
        }
        return -1;
    }

    /** A '-' starts a negative number after an operator, a comma, an opening parenthesis or nothing. */
    private static boolean afterOperator(StringBuilder out) {
        for (int k = out.length() - 1; k >= 0; k--) {
            char c = out.charAt(k);
            if (Character.isWhitespace(c)) continue;
            return "=<>(,+-*/".indexOf(c) >= 0;
        }
        return true;
    }
}
