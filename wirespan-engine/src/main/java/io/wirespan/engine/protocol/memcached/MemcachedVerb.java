package io.wirespan.engine.protocol.memcached;

/**
 * The text-protocol commands (memcached {@code protocol.txt}): their names, which token holds the
 * length of the data block that follows the line, and whether DeepFlow's {@code check} accepts
 * them as a flow's first command.
 */
enum MemcachedVerb {
    SET("set", 4, true), ADD("add", 4, true), REPLACE("replace", 4, true), APPEND("append", 4, true),
    PREPEND("prepend", 4, true), CAS("cas", 4, true),
    GET("get", -1, true), GETS("gets", -1, true), GAT("gat", -1, true), GATS("gats", -1, true),
    DELETE("delete", -1, true), INCR("incr", -1, true), DECR("decr", -1, true), TOUCH("touch", -1, true),
    META_GET("mg", -1, false), META_SET("ms", 2, false), META_DELETE("md", -1, false),
    META_ARITHMETIC("ma", -1, false), META_NOOP("mn", -1, false), META_DEBUG("me", -1, false),
    VERSION("version", -1, false), STATS("stats", -1, false), FLUSH_ALL("flush_all", -1, false),
    VERBOSITY("verbosity", -1, false), QUIT("quit", -1, false);

    private static final MemcachedVerb[] VALUES = values();

    /** The verb as sent, also the call log's {@code request_type}. */
    final String wire;
    /** The token (0 = the verb) holding the data block's length, or -1 when there is no block. */
    final int lengthToken;
    /** Accepted by {@code check}, as in DeepFlow's list. */
    final boolean identifies;

    MemcachedVerb(String wire, int lengthToken, boolean identifies) {
        this.wire = wire;
        this.lengthToken = lengthToken;
        this.identifies = identifies;
    }

    /** The verb spelt by {@code data[from..to)} (lower case, as memcached requires), or null. */
    static MemcachedVerb of(byte[] data, int from, int to) {
        for (MemcachedVerb v : VALUES) {
            if (MemcachedText.is(data, from, to, v.wire)) return v;
        }
        return null;
    }
}
