package io.wirespan.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds a query's {@code ?} placeholders to ClickHouse literals, since the HTTP interface of old
 * servers has no query parameters. A {@code ?} inside a string, a quoted name or a comment is
 * text, not a placeholder; so ClickHouse's {@code a ? b : c} cannot be used here (write
 * {@code if(a, b, c)}). Strings are quoted with every quote, backslash and control character
 * escaped, so a value never becomes SQL.
 */
final class ClickHouseParameters {
    private ClickHouseParameters() {}

    static String bind(String sql, List<?> parameters) throws BadQueryException {
        List<String> text = textAround(sql);
        if (text.size() - 1 != parameters.size()) {
            throw new BadQueryException("the query has " + (text.size() - 1) + " ? placeholders but " + parameters.size()
                    + " parameters were given", null);
        }
        StringBuilder bound = new StringBuilder(sql.length() + 16 * parameters.size()).append(text.getFirst());
        for (int i = 0; i < parameters.size(); i++) bound.append(literal(parameters.get(i), i + 1)).append(text.get(i + 1));
        return bound.toString();
    }

    /** The text before, between and after the placeholders: one piece more than there are placeholders. */
    private static List<String> textAround(String sql) {
        List<String> pieces = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < sql.length(); ) {
            char c = sql.charAt(i);
            if (c == '?') {
                pieces.add(sql.substring(from, i));
                from = i + 1;
            }
            i = switch (c) {
                case '\'', '"', '`' -> quotedEnd(sql, i, c);
                case '-' -> sql.startsWith("--", i) ? lineEnd(sql, i) : i + 1;
                case '/' -> sql.startsWith("/*", i) ? commentEnd(sql, i) : i + 1;
                default -> i + 1;
            };
        }
        pieces.add(sql.substring(from));
        return pieces;
    }

    /** {@code value} as a ClickHouse literal; {@code position} (from 1) names it in errors. */
    private static String literal(Object value, int position) throws BadQueryException {
        return switch (value) {
            case null -> "NULL";
            case String s -> quote(s);
            case Character ch -> quote(ch.toString());
            case Boolean b -> b ? "1" : "0";
            case Integer n -> signed(n.toString());
            case Long n -> signed(n.toString());
            case Short n -> signed(n.toString());
            case Byte n -> signed(n.toString());
            case BigInteger n -> signed(n.toString());
            case BigDecimal n -> signed(n.toPlainString());
            case Double d -> floating(d);
            case Float f -> floating(f.doubleValue());
            default -> throw new BadQueryException("parameter " + position + " must be a string, number, boolean or null, not "
                    + value.getClass().getSimpleName(), null);
        };
    }

    private static String floating(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "(-inf)";
        return signed(Double.toString(d));
    }

    /** A negative number in parentheses: {@code 3-?} with -5 must not become the comment {@code 3--5}. */
    private static String signed(String number) {
        return number.startsWith("-") ? "(" + number + ")" : number;
    }

    /** A string literal: quotes, backslashes and control characters escaped. */
    static String quote(String s) {
        StringBuilder quoted = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\'' -> quoted.append("\\'");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                case '\0' -> quoted.append("\\0");
                default -> {
                    if (c < 0x20 || c == 0x7f) quoted.append(String.format("\\x%02x", (int) c));
                    else quoted.append(c);
                }
            }
        }
        return quoted.append('\'').toString();
    }

    /** The index after a string or quoted name that starts at {@code start}; backslash escapes, doubled quotes restart it. */
    private static int quotedEnd(String sql, int start, char quote) {
        for (int i = start + 1; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\\') i++;
            else if (c == quote) return i + 1;
        }
        return sql.length();
    }

    private static int lineEnd(String sql, int start) {
        int end = sql.indexOf('\n', start);
        return end < 0 ? sql.length() : end + 1;
    }

    private static int commentEnd(String sql, int start) {
        int end = sql.indexOf("*/", start + 2);
        return end < 0 ? sql.length() : end + 2;
    }
}
