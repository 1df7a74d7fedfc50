package io.wirespan.api;

/**
 * What a parser may know of the flow it parses: read-only facts, the time of the bytes at hand, the
 * settings and the protocol's counters. The engine keeps one per flow and updates it between
 * calls; a parser must not keep it beyond a call (the {@link ParserCounter}s it hands out it may).
 */
public interface ParseContext {

    long flowId();

    /** True for UDP: every {@code parse} call is one whole datagram. */
    boolean isUdp();

    /** The client's address as text (IPv4 dotted, IPv6 canonical), as currently oriented. */
    String clientIp();

    String serverIp();

    int clientPort();

    int serverPort();

    /** Capture time of the bytes being parsed, µs since the epoch. */
    long timestampMicros();

    ParserSettings settings();

    /**
     * The counter {@code name} of this flow's protocol, e.g. {@code bad_start_lines} or
     * {@code resync_skipped_bytes}: short snake_case ({@code [a-z][a-z0-9_]*}); the engine prefixes
     * the protocol's name. Unlike the context, the handle may be kept for the flow's life: ask for
     * it once, when the parser is made ({@link L7ProtocolProvider#newParser}), not per event.
     * Asking twice for a name gives handles to the same total.
     *
     * @throws IllegalArgumentException when the name is not short snake_case
     */
    default ParserCounter counter(String name) {
        return ParserCounter.NO_OP;
    }
}
