package io.wirespan.api;

/**
 * Parses one flow of one protocol: a stateful instance per flow, made by
 * {@link L7ProtocolProvider#newParser}. Called on one thread.
 *
 * <p>TCP bytes arrive in order, per direction, in chunks of any size. {@link #parse} returns how
 * many bytes it consumed; the engine keeps the rest and offers them again, with more, on the next
 * call, so a parser never buffers a partial header itself. A parser that skips a body consumes its
 * bytes as they come instead of waiting for the whole of it. For UDP each call is one datagram and
 * what is not consumed is dropped.
 *
 * <p>A parser never throws: garbage is skipped (consumed) and parsing resumes at the next frame.
 */
public interface L7Parser {

    /**
     * @param direction who sent the bytes, per the flow's current orientation
     * @param data a view valid only during the call
     * @return bytes consumed, from 0 (need more) to {@code length}
     */
    int parse(Direction direction, byte[] data, int offset, int length, ParseContext context, MessageSink out);

    /**
     * Bytes of a direction were lost in the capture. Whatever was held back for that direction is
     * already dropped by the engine; the parser forgets its partial message and resynchronises.
     */
    default void onGap(Direction direction, int missingBytes, ParseContext context) {}

    /**
     * True once the connection switched to another protocol (an HTTP/1.1 {@code 101 Switching
     * Protocols} to h2c or WebSocket): the engine then drops this parser and identifies the flow
     * anew from the bytes that follow.
     */
    default boolean protocolSwitched() {
        return false;
    }

    /** The flow ended: emit what only the end completes (a body delimited by the close, say). */
    default void onFlowEnd(ParseContext context, MessageSink out) {}
}
