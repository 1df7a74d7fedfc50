package io.wirespan.engine.protocol.postgresql;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds PostgreSQL protocol 3.0 messages for tests. */
final class Pg {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Pg of() {
        return new Pg();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    Pg raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    private static void i32(ByteArrayOutputStream o, int v) {
        o.write(v >>> 24);
        o.write(v >>> 16);
        o.write(v >>> 8);
        o.write(v);
    }

    private static void i16(ByteArrayOutputStream o, int v) {
        o.write(v >>> 8);
        o.write(v);
    }

    private static void cstr(ByteArrayOutputStream o, String s) {
        o.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        o.write(0);
    }

    Pg message(char tag, ByteArrayOutputStream body) {
        out.write(tag);
        i32(out, body.size() + 4);
        out.writeBytes(body.toByteArray());
        return this;
    }

    private static ByteArrayOutputStream body() {
        return new ByteArrayOutputStream();
    }

    Pg startup(String user, String database) {
        ByteArrayOutputStream b = body();
        i32(b, PostgresqlWire.PROTOCOL_3_0);
        cstr(b, "user");
        cstr(b, user);
        cstr(b, "database");
        cstr(b, database);
        b.write(0);
        i32(out, b.size() + 4);
        out.writeBytes(b.toByteArray());
        return this;
    }

    Pg sslRequest() {
        i32(out, 8);
        i32(out, PostgresqlWire.SSL_REQUEST);
        return this;
    }

    Pg query(String sql) {
        ByteArrayOutputStream b = body();
        cstr(b, sql);
        return message('Q', b);
    }

    Pg parse(String name, String sql) {
        ByteArrayOutputStream b = body();
        cstr(b, name);
        cstr(b, sql);
        i16(b, 0);
        return message('P', b);
    }

    Pg bind(String portal, String statement, String... params) {
        ByteArrayOutputStream b = body();
        cstr(b, portal);
        cstr(b, statement);
        i16(b, 0);
        i16(b, params.length);
        for (String p : params) {
            byte[] v = p.getBytes(StandardCharsets.UTF_8);
            i32(b, v.length);
            b.writeBytes(v);
        }
        i16(b, 0);
        return message('B', b);
    }

    Pg describe(char kind, String name) {
        ByteArrayOutputStream b = body();
        b.write(kind);
        cstr(b, name);
        return message('D', b);
    }

    Pg execute(String portal) {
        ByteArrayOutputStream b = body();
        cstr(b, portal);
        i32(b, 0);
        return message('E', b);
    }

    Pg sync() {
        return message('S', body());
    }

    Pg terminate() {
        return message('X', body());
    }

    // Backend.

    Pg authOk() {
        ByteArrayOutputStream b = body();
        i32(b, 0);
        return message('R', b);
    }

    Pg parameterStatus(String name, String value) {
        ByteArrayOutputStream b = body();
        cstr(b, name);
        cstr(b, value);
        return message('S', b);
    }

    Pg ready() {
        ByteArrayOutputStream b = body();
        b.write('I');
        return message('Z', b);
    }

    Pg parseComplete() {
        return message('1', body());
    }

    Pg bindComplete() {
        return message('2', body());
    }

    Pg rowDescription(String... columns) {
        ByteArrayOutputStream b = body();
        i16(b, columns.length);
        for (String c : columns) {
            cstr(b, c);
            i32(b, 0);
            i16(b, 0);
            i32(b, 25);
            i16(b, -1);
            i32(b, -1);
            i16(b, 0);
        }
        return message('T', b);
    }

    Pg dataRow(String... values) {
        ByteArrayOutputStream b = body();
        i16(b, values.length);
        for (String v : values) {
            byte[] x = v.getBytes(StandardCharsets.UTF_8);
            i32(b, x.length);
            b.writeBytes(x);
        }
        return message('D', b);
    }

    Pg complete(String tag) {
        ByteArrayOutputStream b = body();
        cstr(b, tag);
        return message('C', b);
    }

    Pg error(String severity, String code, String text) {
        ByteArrayOutputStream b = body();
        b.write('S');
        cstr(b, severity);
        b.write('V');
        cstr(b, severity);
        b.write('C');
        cstr(b, code);
        b.write('M');
        cstr(b, text);
        b.write(0);
        return message('E', b);
    }
}
