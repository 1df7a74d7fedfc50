package io.wirespan.engine.protocol.memcached;

import io.wirespan.api.ResponseStatus;

/**
 * The first token of a text reply (memcached {@code protocol.txt}, meta commands included) and
 * the status DeepFlow gives it (spec §3.10, §7.3): NOT_FOUND unknown, ERROR and CLIENT_ERROR a
 * client error, SERVER_ERROR a server error, anything else ok.
 */
enum MemcachedReplyKind {
    ERROR("ERROR", ResponseStatus.CLIENT_ERROR),
    CLIENT_ERROR("CLIENT_ERROR", ResponseStatus.CLIENT_ERROR),
    SERVER_ERROR("SERVER_ERROR", ResponseStatus.SERVER_ERROR),
    STORED("STORED", ResponseStatus.OK),
    NOT_STORED("NOT_STORED", ResponseStatus.OK),
    EXISTS("EXISTS", ResponseStatus.OK),
    NOT_FOUND("NOT_FOUND", ResponseStatus.UNKNOWN),
    VALUE("VALUE", ResponseStatus.OK),
    END("END", ResponseStatus.OK),
    DELETED("DELETED", ResponseStatus.OK),
    TOUCHED("TOUCHED", ResponseStatus.OK),
    OK("OK", ResponseStatus.OK),
    STAT("STAT", ResponseStatus.OK),
    VERSION("VERSION", ResponseStatus.OK),
    META_VALUE("VA", ResponseStatus.OK),
    META_HEADER("HD", ResponseStatus.OK),
    META_NOT_FOUND("NF", ResponseStatus.UNKNOWN),
    META_NOT_STORED("NS", ResponseStatus.OK),
    META_EXISTS("EX", ResponseStatus.OK),
    META_END("EN", ResponseStatus.OK),
    META_NOOP("MN", ResponseStatus.OK),
    META_DEBUG("ME", ResponseStatus.OK),
    /** The new value of {@code incr}/{@code decr}. */
    NUMBER("", ResponseStatus.OK);

    private static final MemcachedReplyKind[] VALUES = values();

    final String wire;
    final ResponseStatus status;

    MemcachedReplyKind(String wire, ResponseStatus status) {
        this.wire = wire;
        this.status = status;
    }

    /** The kind of the token {@code data[from..to)}, or null when no reply starts so. */
    static MemcachedReplyKind of(byte[] data, int from, int to) {
        if (MemcachedText.parseLong(data, from, to) != MemcachedText.NOT_A_NUMBER) return NUMBER;
        for (MemcachedReplyKind k : VALUES) {
            if (k != NUMBER && MemcachedText.is(data, from, to, k.wire)) return k;
        }
        return null;
    }

    boolean isError() {
        return status == ResponseStatus.CLIENT_ERROR || status == ResponseStatus.SERVER_ERROR;
    }
}
