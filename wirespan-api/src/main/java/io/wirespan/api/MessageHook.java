package io.wirespan.api;

/**
 * Sees the messages of chosen protocols right after their parser emits them and may change them:
 * DeepFlow's Wasm {@code on_http_req}/{@code on_http_resp} hooks, which run after native HTTP/1,
 * HTTP/2 and gRPC parsing. Hooks run in the order they were given, each on the message the one
 * before left.
 */
public interface MessageHook {

    /** Whether messages of {@code protocol} go through this hook; asked for every message, so cheap. */
    boolean wants(L7Protocol protocol);

    /**
     * @param protocol the message's protocol (the parser's, or the message's own)
     * @param direction who sent the message
     * @param context the flow, as the parser sees it; not to be kept
     * @param payload the bytes of the parse call that found the message, at most the payload
     *     truncation of them; a view valid only during the call
     * @return the message as the hook leaves it: the same one, or a changed copy
     */
    L7Message apply(L7Protocol protocol, L7Message message, Direction direction, ParseContext context,
                    byte[] payload, int offset, int length);

    /** The hook one pipeline shard uses: a copy of its own when the hook's state is confined to a thread. */
    default MessageHook forShard() {
        return this;
    }
}
