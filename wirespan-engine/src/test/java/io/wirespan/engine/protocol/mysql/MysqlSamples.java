package io.wirespan.engine.protocol.mysql;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/** Hand-built MySQL packets for the tests. */
final class MysqlSamples {
    private MysqlSamples() {}

    static byte[] packet(int seq, byte[] payload) {
        byte[] p = new byte[4 + payload.length];
        p[0] = (byte) payload.length;
        p[1] = (byte) (payload.length >>> 8);
        p[2] = (byte) (payload.length >>> 16);
        p[3] = (byte) seq;
        System.arraycopy(payload, 0, p, 4, payload.length);
        return p;
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    static byte[] command(int command, String text) {
        return packet(0, concat(bytes(command), text.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] query(String sql) {
        return command(MysqlCommand.QUERY, sql);
    }

    /** Server greeting, protocol 10, server version 8.0.30, with CLIENT_PROTOCOL_41 and CLIENT_COMPRESS. */
    static byte[] greeting() {
        return packet(0, concat(bytes(10), "8.0.30".getBytes(StandardCharsets.US_ASCII), bytes(0),
                bytes(1, 0, 0, 0), "abcdefgh".getBytes(StandardCharsets.US_ASCII), bytes(0),
                bytes(0x20, 0xf2), bytes(0x21), bytes(2, 0), bytes(0xff, 0x01), bytes(21), new byte[10],
                "ijklmnopqrst".getBytes(StandardCharsets.US_ASCII), bytes(0),
                "mysql_native_password".getBytes(StandardCharsets.US_ASCII), bytes(0)));
    }

    /** HandshakeResponse41 with CLIENT_SECURE_CONNECTION, a 20-byte auth response and, if db is set, CONNECT_WITH_DB. */
    static byte[] login(String user, String db, boolean compress) {
        int caps = 0x200 | 0x8000 | (db == null ? 0 : 0x8) | (compress ? 0x20 : 0);
        return packet(1, concat(bytes(caps, caps >>> 8, caps >>> 16, caps >>> 24), bytes(0, 0, 0, 1), bytes(0x21),
                new byte[23], user.getBytes(StandardCharsets.UTF_8), bytes(0), bytes(20), new byte[20],
                db == null ? new byte[0] : concat(db.getBytes(StandardCharsets.UTF_8), bytes(0))));
    }

    /**
     * A MariaDB client's HandshakeResponse41 to a MariaDB server: as {@link #login}, with MariaDB's
     * extended capabilities (0x1d: progress, bulk statements, extended metadata, ...) in the filler's last 4 bytes.
     */
    static byte[] mariadbLogin(String user, String db) {
        byte[] p = login(user, db, false);
        p[4 + 28] = 0x1d;
        return p;
    }

    static byte[] ok(int seq, int affectedRows) {
        return packet(seq, bytes(0, affectedRows, 0, 2, 0, 0, 0));
    }

    static byte[] err(int seq, int code, String state, String message) {
        return packet(seq, concat(bytes(0xff, code, code >>> 8), ("#" + state + message).getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] eof(int seq) {
        return packet(seq, bytes(0xfe, 0, 0, 2, 0));
    }

    /** A result set of one column and {@code rows} rows, EOF-terminated. */
    static byte[] resultSet(int rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int seq = 1;
        out.writeBytes(packet(seq++, bytes(1)));
        out.writeBytes(packet(seq++, concat(bytes(3), "def".getBytes(StandardCharsets.US_ASCII), bytes(0, 0, 0, 1, 'a', 1, 'a',
                0x0c, 0x21, 0, 10, 0, 0, 0, 0xfd, 0, 0, 0, 0, 0))));
        out.writeBytes(eof(seq++));
        for (int r = 0; r < rows; r++) out.writeBytes(packet(seq++, concat(bytes(3), "row".getBytes(StandardCharsets.US_ASCII))));
        out.writeBytes(eof(seq));
        return out.toByteArray();
    }

    static byte[] prepareOk(long statementId, int columns, int params) {
        return packet(1, bytes(0, (int) statementId, (int) (statementId >>> 8), (int) (statementId >>> 16),
                (int) (statementId >>> 24), columns, 0, params, 0, 0, 0, 0));
    }

    /** One compressed frame of {@code content}, zlib-compressed when {@code deflate}. */
    static byte[] compressedFrame(int seq, byte[] content, boolean deflate) {
        byte[] body = content;
        int uncompressed = 0;
        if (deflate) {
            Deflater d = new Deflater();
            d.setInput(content);
            d.finish();
            byte[] buf = new byte[content.length + 64];
            int n = d.deflate(buf);
            d.end();
            body = java.util.Arrays.copyOf(buf, n);
            uncompressed = content.length;
        }
        return concat(bytes(body.length, body.length >>> 8, body.length >>> 16, seq,
                uncompressed, uncompressed >>> 8, uncompressed >>> 16), body);
    }
}
