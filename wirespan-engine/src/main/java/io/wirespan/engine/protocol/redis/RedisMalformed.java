package io.wirespan.engine.protocol.redis;

/** Why RESP bytes produced no message. Counted in {@link RedisCounters}, never thrown. */
enum RedisMalformed {
    /** A byte that starts no RESP value where a value must start. */
    BAD_TYPE("redis.bad_type"),
    /** A length or count that is not a decimal, is negative (other than -1) or is over its bound. */
    BAD_LENGTH("redis.bad_length"),
    /** A line over {@link RedisFramer#MAX_LINE} bytes, or one ended by a bare LF. */
    BAD_LINE("redis.bad_line"),
    /** A bulk string not followed by CRLF. */
    BAD_BULK_END("redis.bad_bulk_end"),
    /** Aggregates nested deeper than {@link RedisFramer#MAX_DEPTH}. */
    TOO_DEEP("redis.too_deep"),
    /** A client value that is not an array of bulk strings (or an inline command). */
    NOT_A_COMMAND("redis.not_a_command"),
    /** A RESP3 streamed string or aggregate ({@code $?}, {@code *?}): not decoded. */
    STREAMED("redis.streamed");

    private final String label;

    RedisMalformed(String label) {
        this.label = label;
    }

    /** The counter's name, e.g. {@code redis.bad_length}. */
    String label() {
        return label;
    }
}
