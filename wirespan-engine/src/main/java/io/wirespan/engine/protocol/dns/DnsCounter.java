package io.wirespan.engine.protocol.dns;

/**
 * What a DNS parser counts ({@code DNS.<name in snake_case>}): why bytes produced no message, or a
 * response lost some records, never thrown; and what it read or skipped.
 */
enum DnsCounter {
    /** The message ends inside its header, a name, the question or a record. */
    TRUNCATED(true),
    /** A TCP length prefix below the 12-byte header. */
    BAD_LENGTH(true),
    /** A header whose opcode is unassigned or whose counts cannot fit the message. */
    BAD_HEADER(true),
    /** A label type other than a length or a pointer (0x40 and 0x80 prefixes). */
    BAD_LABEL(true),
    /** A compression pointer into the header, past the end, forwards or back into the name itself. */
    BAD_POINTER(true),
    /** A name over 255 wire bytes or 127 labels. */
    NAME_TOO_LONG(true),
    /** A query without a question. */
    NO_QUESTION(true),
    /** A response whose answer or authority records stop early; it is emitted with those before. */
    PARTIAL_RECORDS(true),
    /** TCP bytes skipped while looking for a frame start. */
    RESYNC_SKIPPED_BYTES(false),
    /** Messages decoded and emitted. */
    MESSAGES(false);

    private final boolean malformed;

    DnsCounter(boolean malformed) {
        this.malformed = malformed;
    }

    /** True for the reasons bytes were malformed; false for what was read or skipped. */
    boolean malformed() {
        return malformed;
    }
}
