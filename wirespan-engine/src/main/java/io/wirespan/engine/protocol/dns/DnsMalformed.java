package io.wirespan.engine.protocol.dns;

/** Why bytes produced no message, or a response lost some records. Counted in {@link DnsCounters}, never thrown. */
enum DnsMalformed {
    /** The message ends inside its header, a name, the question or a record. */
    TRUNCATED("dns.truncated"),
    /** A TCP length prefix below the 12-byte header. */
    BAD_LENGTH("dns.bad_length"),
    /** A header whose opcode is unassigned or whose counts cannot fit the message. */
    BAD_HEADER("dns.bad_header"),
    /** A label type other than a length or a pointer (0x40 and 0x80 prefixes). */
    BAD_LABEL("dns.bad_label"),
    /** A compression pointer into the header, past the end, forwards or back into the name itself. */
    BAD_POINTER("dns.bad_pointer"),
    /** A name over 255 wire bytes or 127 labels. */
    NAME_TOO_LONG("dns.name_too_long"),
    /** A query without a question. */
    NO_QUESTION("dns.no_question"),
    /** A response whose answer or authority records stop early; it is emitted with those before. */
    PARTIAL_RECORDS("dns.partial_records");

    private final String label;

    DnsMalformed(String label) {
        this.label = label;
    }

    /** The counter's name, e.g. {@code dns.bad_pointer}. */
    String label() {
        return label;
    }
}
