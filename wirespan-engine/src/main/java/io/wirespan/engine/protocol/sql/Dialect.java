package io.wirespan.engine.protocol.sql;

/** The SQL dialects whose lexical rules {@link SqlTokenizer} knows; they differ in quotes, comments and numbers. */
public enum Dialect {
    /**
     * MySQL with its default SQL mode: backslash escapes in strings, double quotes delimit strings
     * (ANSI_QUOTES off), backticks delimit identifiers, {@code #} and {@code -- } start comments,
     * {@code ?} is a parameter.
     */
    MYSQL,
    /**
     * PostgreSQL with {@code standard_conforming_strings} on (the default since 9.1): backslashes
     * are plain characters except in {@code E'...'}, double quotes delimit identifiers, block
     * comments nest, {@code $tag$...$tag$} quotes strings and {@code $1} is a parameter.
     */
    POSTGRESQL
}
