package io.wirespan.engine.protocol.memcached;

/**
 * What a memcached parser counts ({@code Memcached.<name in snake_case>}): why bytes produced no
 * message, never thrown; and what it read or skipped.
 */
enum MemcachedCounter {
    /** A command line whose verb is not a memcached command. */
    BAD_COMMAND(true),
    /** A reply line that starts no known reply. */
    BAD_REPLY(true),
    /** A storage command or VALUE line whose byte count is missing or not a number. */
    BAD_LENGTH(true),
    /** A line over {@link MemcachedFramer#MAX_LINE} bytes, or one ended by a bare LF. */
    BAD_LINE(true),
    /** A data block not followed by CRLF. */
    BAD_DATA_END(true),
    /** A binary header whose magic, lengths or opcode cannot be right. */
    BAD_BINARY_HEADER(true),
    /** Bytes skipped to get back in step after a gap or a bad header. */
    RESYNC_SKIPPED_BYTES(false),
    /** Commands emitted as requests. */
    COMMANDS(false),
    /** Replies emitted as responses. */
    REPLIES(false),
    /** Text replies dropped because no command was waiting for them. */
    UNPAIRED_REPLIES(false);

    private final boolean malformed;

    MemcachedCounter(boolean malformed) {
        this.malformed = malformed;
    }

    /** True for the reasons bytes were malformed; false for what was read or skipped. */
    boolean malformed() {
        return malformed;
    }
}
