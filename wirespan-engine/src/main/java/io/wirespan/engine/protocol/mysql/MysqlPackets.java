package io.wirespan.engine.protocol.mysql;

/** Recognisers of single packets, shared by {@link MysqlProtocol#check} and resynchronisation. Allocate nothing. */
final class MysqlPackets {
    static final int CLIENT_CONNECT_WITH_DB = 0x8, CLIENT_COMPRESS = 0x20, CLIENT_PROTOCOL_41 = 0x200,
            CLIENT_SSL = 0x800, CLIENT_SECURE_CONNECTION = 0x8000, CLIENT_PLUGIN_AUTH_LENENC = 0x200000;
    /** Where a HandshakeResponse41 holds MariaDB's extended client capabilities, in place of the filler's end. */
    private static final int MARIADB_CAPABILITIES = 28;

    private MysqlPackets() {}

    /** A client command packet (seq 0, a logged command, a length that fits it) at {@code i}. */
    static boolean isCommand(byte[] b, int i, int end) {
        if (end - i < 5 || b[i + 3] != 0) return false;
        int len = MysqlWire.u24(b, i);
        int cmd = b[i + 4] & 0xFF;
        return switch (cmd) {
            case MysqlCommand.QUERY, MysqlCommand.STMT_PREPARE -> len >= 2 && sqlStarts(b, i + 5, Math.min(end, i + 4 + len));
            case MysqlCommand.INIT_DB -> len >= 2 && len <= 256 && printable(b, i + 5, Math.min(end, i + 4 + len));
            case MysqlCommand.FIELD_LIST -> len >= 2 && len <= 1024 && printable(b, i + 5, Math.min(end, i + 4 + len) - 1);
            case MysqlCommand.QUIT, MysqlCommand.PING -> len == 1;
            case MysqlCommand.STMT_CLOSE, MysqlCommand.STMT_RESET -> len == 5;
            case MysqlCommand.STMT_FETCH -> len == 9;
            case MysqlCommand.STMT_EXECUTE -> len >= 10;
            default -> false;
        };
    }

    private static boolean sqlStarts(byte[] b, int from, int end) {
        if (end - from >= 2 && b[from] == 0 && b[from + 1] == 1) from += 2;
        return MysqlSql.startsWithKeyword(b, from, end);
    }

    private static boolean printable(byte[] b, int from, int end) {
        for (int k = from; k < end; k++) if (b[k] < 0x20) return false;
        return true;
    }

    /** A server greeting: seq 0, protocol 10 (or 9), a server version of digits and dots first. */
    static boolean isGreeting(byte[] b, int i, int end) {
        if (end - i < 8 || b[i + 3] != 0) return false;
        int len = MysqlWire.u24(b, i);
        if (len < 20 || len > 1024 || (b[i + 4] != 10 && b[i + 4] != 9)) return false;
        int k = i + 5;
        if (k >= end || b[k] < '0' || b[k] > '9') return false;
        for (; k < end && k < i + 4 + len; k++) {
            byte c = b[k];
            if (c == 0) return true;
            if (c < 0x20 || c > 0x7e) return false;
        }
        return k < end ? false : true;
    }

    /** A HandshakeResponse41: seq 1, CLIENT_PROTOCOL_41, the zero filler ({@link #hasLoginFiller}), a user name. */
    static boolean isLogin(byte[] b, int i, int end) {
        if (end - i < 4 + 33 || b[i + 3] != 1) return false;
        int len = MysqlWire.u24(b, i);
        if (len < 32) return false;
        int p = i + 4;
        if ((MysqlWire.u16(b, p) & CLIENT_PROTOCOL_41) == 0) return false;
        return hasLoginFiller(b, p);
    }

    /**
     * Whether the 23-byte filler of the HandshakeResponse41 at {@code p} (bytes 9 to 31) is zero.
     * MariaDB clients talking to a MariaDB server (no CLIENT_MYSQL in its greeting) put their
     * extended capabilities in the filler's last 4 bytes, so only the first 19 must be zero.
     */
    static boolean hasLoginFiller(byte[] b, int p) {
        for (int k = p + 9; k < p + MARIADB_CAPABILITIES; k++) if (b[k] != 0) return false;
        return true;
    }

    /** One whole compressed frame (7-byte header) whose content is a command, raw or zlib. */
    static boolean isCompressedCommand(byte[] b, int i, int end) {
        if (end - i < 12 || b[i + 3] != 0) return false;
        int compressed = MysqlWire.u24(b, i), uncompressed = MysqlWire.u24(b, i + 4);
        if (compressed + 7 != end - i) return false;
        if (uncompressed == 0) return isCommand(b, i + 7, end);
        return uncompressed >= compressed - 16 && isZlibHeader(b, i + 7);
    }

    static boolean isZlibHeader(byte[] b, int i) {
        int cmf = b[i] & 0xFF, flg = b[i + 1] & 0xFF;
        return (cmf & 0x0F) == 8 && (cmf >>> 4) <= 7 && (cmf * 256 + flg) % 31 == 0;
    }

    /** Whether a flow's first payload is exactly one compressed frame and not one plain packet. */
    static boolean looksCompressed(byte[] b, int i, int end) {
        if (end - i < 8) return false;
        int compressed = MysqlWire.u24(b, i), uncompressed = MysqlWire.u24(b, i + 4);
        if (compressed + 7 != end - i || MysqlWire.u24(b, i) + 4 == end - i) return false;
        if (uncompressed == 0) return compressed >= 4 && MysqlWire.u24(b, i + 7) + 4 <= compressed;
        return uncompressed >= compressed - 16 && end - i >= 9 && isZlibHeader(b, i + 7);
    }
}
