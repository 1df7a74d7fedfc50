package io.wirespan.api;

/**
 * What a parser may know of the flow it parses: read-only facts, the time of the bytes at hand and
 * the settings. The engine keeps one per flow and updates it between calls; a parser must not keep
 * it beyond a call.
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
}
