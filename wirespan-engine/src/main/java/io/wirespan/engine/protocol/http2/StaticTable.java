package io.wirespan.engine.protocol.http2;

import java.nio.charset.StandardCharsets;

/** The 61 predefined header fields of HPACK (RFC 7541 Appendix A), 1-based as on the wire. */
final class StaticTable {
    static final int LENGTH = 61;

    private static final String[][] ENTRIES = {
        {":authority", ""}, {":method", "GET"}, {":method", "POST"}, {":path", "/"}, {":path", "/index.html"},
        {":scheme", "http"}, {":scheme", "https"}, {":status", "200"}, {":status", "204"}, {":status", "206"},
        {":status", "304"}, {":status", "400"}, {":status", "404"}, {":status", "500"}, {"accept-charset", ""},
        {"accept-encoding", "gzip, deflate"}, {"accept-language", ""}, {"accept-ranges", ""}, {"accept", ""},
        {"access-control-allow-origin", ""}, {"age", ""}, {"allow", ""}, {"authorization", ""},
        {"cache-control", ""}, {"content-disposition", ""}, {"content-encoding", ""}, {"content-language", ""},
        {"content-length", ""}, {"content-location", ""}, {"content-range", ""}, {"content-type", ""},
        {"cookie", ""}, {"date", ""}, {"etag", ""}, {"expect", ""}, {"expires", ""}, {"from", ""}, {"host", ""},
        {"if-match", ""}, {"if-modified-since", ""}, {"if-none-match", ""}, {"if-range", ""},
        {"if-unmodified-since", ""}, {"last-modified", ""}, {"link", ""}, {"location", ""}, {"max-forwards", ""},
        {"proxy-authenticate", ""}, {"proxy-authorization", ""}, {"range", ""}, {"referer", ""}, {"refresh", ""},
        {"retry-after", ""}, {"server", ""}, {"set-cookie", ""}, {"strict-transport-security", ""},
        {"transfer-encoding", ""}, {"user-agent", ""}, {"vary", ""}, {"via", ""}, {"www-authenticate", ""},
    };

    private static final String[] NAMES = new String[LENGTH + 1];
    private static final byte[][] NAME_BYTES = new byte[LENGTH + 1][];
    private static final byte[][] VALUE_BYTES = new byte[LENGTH + 1][];

    static {
        for (int i = 1; i <= LENGTH; i++) {
            // Interned, so that a name decoded from a literal can be swapped for the shared constant.
            NAMES[i] = ENTRIES[i - 1][0].intern();
            NAME_BYTES[i] = NAMES[i].getBytes(StandardCharsets.US_ASCII);
            VALUE_BYTES[i] = ENTRIES[i - 1][1].getBytes(StandardCharsets.US_ASCII);
        }
    }

    private StaticTable() {}

    static String name(int index) {
        return NAMES[index];
    }

    static byte[] nameBytes(int index) {
        return NAME_BYTES[index];
    }

    /** The value bytes of an entry; shared, never to be modified. */
    static byte[] valueBytes(int index) {
        return VALUE_BYTES[index];
    }

    /**
     * The shared name constant when {@code bytes} spell a name of the table (a literal {@code :status},
     * say), else a new string; header names are ASCII.
     */
    static String internName(byte[] bytes, int offset, int length) {
        for (int i = 1; i <= LENGTH; i++) {
            byte[] candidate = NAME_BYTES[i];
            if (candidate.length == length && java.util.Arrays.equals(candidate, 0, length, bytes, offset, offset + length)) {
                return NAMES[i];
            }
        }
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
}
