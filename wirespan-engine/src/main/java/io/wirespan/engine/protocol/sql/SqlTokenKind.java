package io.wirespan.engine.protocol.sql;

/** What a {@link SqlTokenizer} token is. */
public enum SqlTokenKind {
    /** Spaces, tabs, line breaks, form and vertical feeds. */
    WHITESPACE,
    /** {@code -- ...} to the end of the line, and {@code # ...} in MySQL. */
    LINE_COMMENT,
    /** {@code /* ... *}{@code /}, nested in PostgreSQL; MySQL's {@code /*! ... *}{@code /} and hints too. */
    BLOCK_COMMENT,
    /** A quoted string, with its prefix if any ({@code E}, {@code N}, {@code X}, {@code B}, {@code U&}, {@code _charset}). */
    STRING,
    /** A PostgreSQL dollar-quoted string, {@code $$...$$} or {@code $tag$...$tag$}. */
    DOLLAR_STRING,
    /** An identifier in backticks (MySQL) or double quotes (PostgreSQL, also {@code U&"..."}). */
    QUOTED_IDENTIFIER,
    /** A numeric literal: integer, decimal, exponent, hexadecimal, octal or binary, without a sign. */
    NUMBER,
    /** A placeholder: {@code ?} in MySQL, {@code $1} in PostgreSQL. */
    PARAMETER,
    /** A keyword or an unquoted identifier; in MySQL also {@code @var} and {@code @@sysvar}. */
    WORD,
    /** An operator, or any other single character that has no other kind. */
    OPERATOR,
    /** One of {@code ( ) [ ] { } , ; .}. */
    PUNCTUATION;

    /** Whether this is a value written in the statement: what masking replaces. */
    public boolean isLiteral() {
        return this == STRING || this == DOLLAR_STRING || this == NUMBER;
    }

    /** Whether this token separates others without meaning anything itself. */
    public boolean isTrivia() {
        return this == WHITESPACE || this == LINE_COMMENT || this == BLOCK_COMMENT;
    }
}
