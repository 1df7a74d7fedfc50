package io.wirespan.engine.protocol.redis;

/**
 * What a Redis parser counts ({@code Redis.<name in snake_case>}): why RESP bytes produced no
 * message, never thrown, and what it read or skipped.
 */
enum RedisCounter {
    /** A byte that starts no RESP value where a value must start. */
    BAD_TYPE(true),
    /** A length or count that is not a decimal, is negative (other than -1) or is over its bound. */
    BAD_LENGTH(true),
    /** A line over {@link RedisFramer#MAX_LINE} bytes, or one ended by a bare LF. */
    BAD_LINE(true),
    /** A bulk string not followed by CRLF. */
    BAD_BULK_END(true),
    /** Aggregates nested deeper than {@link RedisFramer#MAX_DEPTH}. */
    TOO_DEEP(true),
    /** A client value that is not an array of bulk strings (or an inline command). */
    NOT_A_COMMAND(true),
    /** A RESP3 streamed string or aggregate ({@code $?}, {@code *?}): not decoded. */
    STREAMED(true),
    /** Bytes skipped while looking for a CRLF and a type byte. */
    RESYNC_SKIPPED_BYTES(false),
    /** Commands emitted as requests. */
    COMMANDS(false),
    /** Replies emitted as responses. */
    REPLIES(false),
    /** Replies dropped because no request was waiting for them (a capture started mid-flow, a gap). */
    UNPAIRED_REPLIES(false),
    /** Out-of-band RESP3 pushes and pub/sub messages, not paired with requests. */
    PUSHES(false);

    private final boolean malformed;

    RedisCounter(boolean malformed) {
        this.malformed = malformed;
    }

    /** True for the reasons bytes were malformed; false for what was read or skipped. */
    boolean malformed() {
        return malformed;
    }
}
