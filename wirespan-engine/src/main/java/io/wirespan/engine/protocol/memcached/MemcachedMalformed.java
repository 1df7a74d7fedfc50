package io.wirespan.engine.protocol.memcached;

/** Why memcached bytes produced no message. Counted in {@link MemcachedCounters}, never thrown. */
enum MemcachedMalformed {
    /** A command line whose verb is not a memcached command. */
    BAD_COMMAND("memcached.bad_command"),
    /** A reply line that starts no known reply. */
    BAD_REPLY("memcached.bad_reply"),
    /** A storage command or VALUE line whose byte count is missing or not a number. */
    BAD_LENGTH("memcached.bad_length"),
    /** A line over {@link MemcachedFramer#MAX_LINE} bytes, or one ended by a bare LF. */
    BAD_LINE("memcached.bad_line"),
    /** A data block not followed by CRLF. */
    BAD_DATA_END("memcached.bad_data_end"),
    /** A binary header whose magic, lengths or opcode cannot be right. */
    BAD_BINARY_HEADER("memcached.bad_binary_header");

    private final String label;

    MemcachedMalformed(String label) {
        this.label = label;
    }

    /** The counter's name, e.g. {@code memcached.bad_command}. */
    String label() {
        return label;
    }
}
