package io.wirespan.engine.protocol.mysql;

import io.wirespan.engine.tags.HeaderTags;

/**
 * Trace context carried in SQL comments (reference §4): the bodies of {@code /* … *}{@code /},
 * {@code # …} and {@code -- …} comments are split into {@code key: value} or {@code key=value}
 * pairs (separated by commas, semicolons or line ends; values may be quoted, as sqlcommenter
 * writes them) and offered as headers to the trace rules.
 */
final class MysqlTraceComments {
    private MysqlTraceComments() {}

    /** Whether the text has a comment at all: the cheap test before {@link #scan}. */
    static boolean mayHave(String sql) {
        return sql.indexOf("/*") >= 0 || sql.indexOf('#') >= 0 || sql.indexOf("--") >= 0;
    }

    static void scan(String sql, HeaderTags tags) {
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int j = i + 1;
                while (j < n && sql.charAt(j) != c) j += sql.charAt(j) == '\\' ? 2 : 1;
                i = j + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                int end = close < 0 ? n : close;
                pairs(sql, i + 2, end, tags);
                i = close < 0 ? n : close + 2;
            } else if (c == '#' || (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-')) {
                int from = c == '#' ? i + 1 : i + 2;
                int end = sql.indexOf('\n', from);
                end = end < 0 ? n : end;
                pairs(sql, from, end, tags);
                i = end;
            } else {
                i++;
            }
        }
    }

    private static void pairs(String sql, int from, int end, HeaderTags tags) {
        int start = from;
        for (int k = from; k <= end; k++) {
            char c = k < end ? sql.charAt(k) : ',';
            if (c == ',' || c == ';' || c == '\n' || c == '\r') {
                pair(sql.substring(start, k), tags);
                start = k + 1;
            }
        }
    }

    private static void pair(String part, HeaderTags tags) {
        int colon = part.indexOf(':'), equals = part.indexOf('=');
        int sep = colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals);
        if (sep <= 0) return;
        String key = part.substring(0, sep).trim();
        String value = part.substring(sep + 1).trim();
        if (value.length() >= 2 && (value.charAt(0) == '\'' || value.charAt(0) == '"')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            value = value.substring(1, value.length() - 1);
        }
        if (!key.isEmpty() && key.indexOf(' ') < 0 && !value.isEmpty()) tags.header(key, value);
    }
}
