package io.wirespan.engine.protocol.kafka;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Kafka frames for tests: captured ones as hex, and a small writer for crafted ones. */
final class KafkaSamples {
    private KafkaSamples() {}

    /** kafka/00-produce-v2.pcap packet 1: Produce v2, correlation 1, client "console-producer", topic2 partition 0. */
    static final byte[] PRODUCE_V2_REQUEST = hex("""
            00000075 0000 0002 00000001 0010 636f6e736f6c652d70726f6475636572
            0001 000005dc 00000001 0006 746f70696332 00000001 00000000
            0000003d 000000000000000000000031dfa8ca66010000000158741cd909ffffffff0000001b
            4d65737361676520776974686f757420636f6d7072657373696f6e""");
    /** Packet 2: correlation 1, topic2 partition 0, error 0, base offset 0. */
    static final byte[] PRODUCE_V2_RESPONSE = hex("""
            0000002e 00000001 00000001 0006 746f70696332 00000001 00000000 0000 0000000000000000
            ffffffffffffffff 00000000""");
    /** kafka/00-produce-v9.pcap packet 1: flexible Produce v9, correlation 47, topic zqy-test partition 0. */
    static final byte[] PRODUCE_V9_REQUEST = hex("""
            00000098 0000 0009 0000002f 0010 636f6e736f6c652d70726f6475636572 00
            00 0001 000005dc 02 09 7a71792d74657374 02 00000000
            64000000000000000000000057ffffffff023345f48e00000000000000000191ea86ee1d00000191ea86ee1dffffffff
            ffffffffffffffffffff000000014a000000013e71717171717171717171717171717171717171717171717171717171
            71717100000000""");
    /** Packet 2: header v1, zqy-test partition 0, error 0, base offset 35. */
    static final byte[] PRODUCE_V9_RESPONSE = hex("""
            00000037 0000002f 00 02 09 7a71792d74657374 02 00000000 0000 0000000000000023
            ffffffffffffffff 0000000000000010 01 00 00 00000000 00 00""");
    /** kafka/11-join-group-v7.pcap packet 1: JoinGroup v7, correlation 120, group zzzz12. */
    static final byte[] JOIN_GROUP_V7_REQUEST = hex("""
            0000008d 000b 0007 00000078 0011 636f6e73756d65722d7a7a7a7a31322d31 00
            07 7a7a7a7a3132 0000afc8 000493e0 01 00 09 636f6e73756d6572 03
            0672616e67651b000100000001000a7a71792d746f70696331ffffffff000000000013636f6f70657261746976652d
            737469636b791f000100000001000a7a71792d746f7069633100000004ffffffff000000000000""");
    /** Packet 2: header v1, throttle 0, error -1 (UNKNOWN_SERVER_ERROR). */
    static final byte[] JOIN_GROUP_V7_RESPONSE = hex("""
            0000004b 00000078 00 00000000 ffff ffffffff 00 00 01 37
            636f6e73756d65722d7a7a7a7a31322d312d64386530346130392d396636392d346566652d386637382d363137646230
            3364383039300100""");

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** Writes Kafka primitives; {@link #request} and {@link #response} wrap a body in a header and size. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer i8(int v) { out.write(v); return this; }
        Writer i16(int v) { out.write(v >>> 8); out.write(v); return this; }
        Writer i32(int v) { i16(v >>> 16); return i16(v); }
        Writer i64(long v) { i32((int) (v >>> 32)); return i32((int) v); }

        Writer uvarint(int v) {
            while ((v & ~0x7F) != 0) {
                out.write((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.write(v);
            return this;
        }

        Writer varint(int v) {
            return uvarint((v << 1) ^ (v >> 31));
        }

        Writer string(String s, boolean compact) {
            if (s == null) return compact ? uvarint(0) : i16(-1);
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (compact) uvarint(b.length + 1); else i16(b.length);
            out.writeBytes(b);
            return this;
        }

        Writer array(int n, boolean compact) {
            return compact ? uvarint(n + 1) : i32(n);
        }

        Writer bytes(byte[] b) { out.writeBytes(b); return this; }

        Writer tagged() { return uvarint(0); }

        byte[] toByteArray() { return out.toByteArray(); }
    }

    static byte[] request(int apiKey, int version, int correlationId, String clientId, byte[] body) {
        Writer header = new Writer().i16(apiKey).i16(version).i32(correlationId).string(clientId, false);
        if (KafkaApiKey.valueOf(apiKey).flexible(version)) header.tagged();
        byte[] h = header.toByteArray();
        return new Writer().i32(h.length + body.length).bytes(h).bytes(body).toByteArray();
    }

    static byte[] response(int apiKey, int version, int correlationId, byte[] body) {
        Writer header = new Writer().i32(correlationId);
        if (KafkaApiKey.valueOf(apiKey).flexibleResponseHeader(version)) header.tagged();
        byte[] h = header.toByteArray();
        return new Writer().i32(h.length + body.length).bytes(h).bytes(body).toByteArray();
    }

    /** A Heartbeat v0 request for group "g" (classic header). */
    static byte[] heartbeat(int correlationId) {
        return request(12, 0, correlationId, "c", new Writer().string("g", false).i32(1).string("m", false).toByteArray());
    }

    /** A Heartbeat v0 response, error 0 (DeepFlow does not inspect it). */
    static byte[] heartbeatResponse(int correlationId) {
        return response(12, 0, correlationId, new Writer().i16(0).toByteArray());
    }

    /** A Fetch v4 request for topic t, partition p, offset o. */
    static byte[] fetchV4(int correlationId, String topic, int partition, long offset) {
        byte[] body = new Writer().i32(-1).i32(500).i32(1).i32(1 << 20).i8(0)
                .array(1, false).string(topic, false).array(1, false).i32(partition).i64(offset).i32(1 << 20)
                .array(0, false).toByteArray();
        return request(1, 4, correlationId, "consumer-1", body);
    }

    /** A Fetch v4 response with one partition carrying {@code error}. */
    static byte[] fetchV4Response(int correlationId, String topic, int partition, int error) {
        byte[] body = new Writer().i32(0).array(1, false).string(topic, false).array(1, false).i32(partition)
                .i16(error).i64(10).i64(10).array(0, false).i32(0).toByteArray();
        return response(1, 4, correlationId, body);
    }

    /** A Produce v3 request whose record set is {@code recordBytes} long (a large frame). */
    static byte[] produceV3(int correlationId, String topic, int partition, int recordBytes) {
        byte[] body = new Writer().string(null, false).i16(1).i32(1500).array(1, false).string(topic, false)
                .array(1, false).i32(partition).i32(recordBytes).bytes(new byte[recordBytes]).toByteArray();
        return request(0, 3, correlationId, "producer-1", body);
    }

    /** A Produce v3 response: error and base offset of the single partition. */
    static byte[] produceV3Response(int correlationId, String topic, int partition, int error, long baseOffset) {
        byte[] body = new Writer().array(1, false).string(topic, false).array(1, false).i32(partition).i16(error)
                .i64(baseOffset).i64(-1).i32(0).toByteArray();
        return response(0, 3, correlationId, body);
    }
}
