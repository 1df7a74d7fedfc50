package io.wirespan.engine.protocol.memcached;

/** One complete memcached message as {@link MemcachedFramer} reports it. */
sealed interface MemcachedMessage {

    /** Payload bytes of the message on the wire, data blocks included. */
    long wireBytes();

    /**
     * A text command line (and its data block).
     *
     * @param line the command line without its CRLF, cut to the truncation length
     * @param noreply whether the client asked for no reply ({@code noreply} last)
     */
    record Command(MemcachedVerb verb, String line, boolean noreply, long wireBytes) implements MemcachedMessage {}

    /**
     * A client line memcached does not know as a command: an empty line or an unknown verb (memcached
     * matches verbs case-sensitively). memcached answers it with {@code ERROR}, which must not be
     * taken for the answer to the next command.
     */
    record UnknownCommand(long wireBytes) implements MemcachedMessage {}

    /**
     * A text reply: one line, or a VALUE/STAT list up to its {@code END}.
     *
     * @param kind the first token of the first line
     * @param line the first line without its CRLF, cut to the truncation length
     * @param detail the first line after its first token, or null when it is one token
     */
    record Reply(MemcachedReplyKind kind, String line, String detail, long wireBytes) implements MemcachedMessage {}

    /**
     * A binary-protocol request or response (24-byte header, then extras, key and value).
     *
     * @param request magic 0x80 (else 0x81, a response)
     * @param status the response status (0 for a request)
     * @param opaque the header's opaque, echoed by the server: the pairing id
     * @param key the key, cut to the truncation length, or null when there is none
     */
    record Binary(boolean request, int opcode, int status, long opaque, String key, long wireBytes)
            implements MemcachedMessage {}
}
