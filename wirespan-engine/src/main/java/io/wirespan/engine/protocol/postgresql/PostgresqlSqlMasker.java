package io.wirespan.engine.protocol.postgresql;

/**
 * Replaces the literals of a PostgreSQL statement by {@code ?}: quoted strings (with their
 * {@code E}, {@code B}, {@code X}, {@code N} or {@code U&} prefix), dollar-quoted strings and
 * numbers; identifiers, quoted identifiers, parameters ({@code $1}), operators and comments are
 * kept as written. A parenthesised list made only of masked values collapses to {@code (?)}, so
 * {@code VALUES (1, 'a')} and {@code IN (1, 2, 3)} read {@code VALUES (?)} and {@code IN (?)}. An
 * unterminated literal or comment is masked (or kept) to the end. Statements are returned
 * unchanged when they contain nothing to mask.
 */
final class PostgresqlSqlMasker {
    private PostgresqlSqlMasker() {}

    static String mask(String sql) {
        if (sql == null || sql.isEmpty()) return sql;
        StringBuilder out = new StringBuilder(sql.length());
        int n = sql.length();
        int i = 0;
        boolean changed = false;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int e = sql.indexOf('\n', i);
                e = e < 0 ? n : e;
                out.append(sql, i, e);
                i = e;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int e = blockCommentEnd(sql, i);
                out.append(sql, i, e);
                i = e;
            } else if (c == '"') {
                int e = quotedEnd(sql, i + 1, '"', false);
                out.append(sql, i, e);
                i = e;
            } else if (c == '\'') {
                i = quotedEnd(sql, i + 1, '\'', false);
                out.append('?');
                changed = true;
            } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                int e = i + 1;
                while (e < n && Character.isDigit(sql.charAt(e))) e++;
                out.append(sql, i, e);
                i = e;
            } else if (c == '$' && dollarTagEnd(sql, i) > 0) {
                int tagEnd = dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                i = close < 0 ? n : close + tag.length();
                out.append('?');
                changed = true;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                i = numberEnd(sql, i);
                out.append('?');
                changed = true;
            } else if (isIdentStart(c)) {
                int e = i + 1;
                while (e < n && isIdentPart(sql.charAt(e))) e++;
                int quote = prefixedStringQuote(sql, i, e);
                if (quote >= 0) {
                    boolean escapes = Character.toUpperCase(c) == 'E';
                    i = quotedEnd(sql, quote + 1, '\'', escapes);
                    out.append('?');
                    changed = true;
                } else {
                    out.append(sql, i, e);
                    i = e;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return changed ? collapseLists(out) : sql;
    }

    /** The index of the quote opening a prefixed string literal ending the word {@code from..to}, or -1. */
    private static int prefixedStringQuote(String sql, int from, int to) {
        int len = to - from;
        if (to < sql.length() && sql.charAt(to) == '\'' && len == 1) {
            char p = Character.toUpperCase(sql.charAt(from));
            if (p == 'E' || p == 'B' || p == 'X' || p == 'N') return to;
        }
        if (len == 1 && Character.toUpperCase(sql.charAt(from)) == 'U' && to + 1 < sql.length()
                && sql.charAt(to) == '&' && sql.charAt(to + 1) == '\'') {
            return to + 1;
        }
        return -1;
    }

    /** The index just past a literal closed by {@code quote} (doubled quotes and, if asked, backslashes escape). */
    private static int quotedEnd(String sql, int from, char quote, boolean backslashEscapes) {
        int n = sql.length();
        int i = from;
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    private static int blockCommentEnd(String sql, int from) {
        int depth = 0;
        int n = sql.length();
        int i = from;
        while (i < n) {
            if (i + 1 < n && sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (i + 1 < n && sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) return i;
            } else {
                i++;
            }
        }
        return n;
    }

    /** The index past a dollar-quote opening tag ({@code $$} or {@code $name$}) at {@code from}, or -1. */
    private static int dollarTagEnd(String sql, int from) {
        int n = sql.length();
        int i = from + 1;
        if (i < n && isIdentStart(sql.charAt(i))) {
            i++;
            while (i < n && isIdentPart(sql.charAt(i)) && sql.charAt(i) != '$') i++;
        }
        return i < n && sql.charAt(i) == '$' ? i + 1 : -1;
    }

    private static int numberEnd(String sql, int from) {
        int n = sql.length();
        int i = from;
        if (i + 1 < n && sql.charAt(i) == '0' && "xXoObB".indexOf(sql.charAt(i + 1)) >= 0) {
            i += 2;
            while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) i++;
            return i;
        }
        while (i < n && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '_')) i++;
        if (i < n && sql.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(sql.charAt(i))) i++;
        }
        if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) j++;
            if (j < n && Character.isDigit(sql.charAt(j))) {
                i = j;
                while (i < n && Character.isDigit(sql.charAt(i))) i++;
            }
        }
        return i;
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** Rewrites every {@code (?, ?, ...)} made only of masks, commas and blanks as {@code (?)}. */
    private static String collapseLists(StringBuilder sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '(') {
                int j = i + 1;
                int masks = 0;
                boolean onlyMasks = true;
                while (j < n && sql.charAt(j) != ')') {
                    char x = sql.charAt(j);
                    if (x == '?') {
                        masks++;
                    } else if (x != ',' && x != ' ' && x != '\t' && x != '\n' && x != '\r') {
                        onlyMasks = false;
                        break;
                    }
                    j++;
                }
                if (onlyMasks && masks > 0 && j < n) {
                    out.append("(?)");
                    i = j + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
