package io.wirespan.engine.protocol.dns;

import io.wirespan.engine.testing.Hex;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** DNS messages for tests, as annotated hex (offsets in the comments are from the message start). */
final class DnsSamples {
    private DnsSamples() {}

    /** Query 0x1234 for www.example.com A, 33 bytes. */
    static final byte[] QUERY = Hex.bytes("""
            1234                      # 0  ID
            0100                      # 2  QR=0 OPCODE=0 RD=1
            0001 0000 0000 0000       # 4  QDCOUNT=1 ANCOUNT NSCOUNT ARCOUNT
            03 777777                 # 12 "www"
            07 6578616d706c65         # 16 "example"
            03 636f6d 00              # 24 "com", root
            0001                      # 29 QTYPE A
            0001                      # 31 QCLASS IN
            """);

    /**
     * The response to {@link #QUERY}: a CNAME and an A record, both names compressed, and an SOA
     * in the authority section whose MNAME and RNAME are compressed too. 117 bytes.
     */
    static final byte[] RESPONSE = Hex.bytes("""
            1234                      # 0  ID
            8180                      # 2  QR=1 OPCODE=0 RD RA RCODE=0
            0001 0002 0001 0000       # 4  QDCOUNT=1 ANCOUNT=2 NSCOUNT=1 ARCOUNT=0
            03 777777 07 6578616d706c65 03 636f6d 00   # 12 www.example.com
            0001 0001                 # 29 QTYPE A, QCLASS IN
            c00c                      # 33 owner: pointer to 12 (www.example.com)
            0005 0001 00000e10 0006   # 35 CNAME IN TTL=3600 RDLENGTH=6
            03 776562 c010            # 45 "web" + pointer to 16 (example.com)
            c02d                      # 51 owner: pointer to 45 (web.example.com)
            0001 0001 0000003c 0004   # 53 A IN TTL=60 RDLENGTH=4
            c0000201                  # 63 192.0.2.1
            c010                      # 67 owner: pointer to 16 (example.com)
            0006 0001 00000384 0026   # 69 SOA IN TTL=900 RDLENGTH=38
            02 6e73 c010              # 79 MNAME ns + pointer to 16
            0a 686f73746d6173746572 c010   # 84 RNAME hostmaster + pointer to 16
            78a1b2c3 00000e10 00000384 00093a80 0000012c   # 97 SERIAL REFRESH RETRY EXPIRE MINIMUM
            """);

    static final String RESPONSE_RESULT =
            "CNAME=web.example.com TTL=3600; A=192.0.2.1 TTL=60; SOA=ns.example.com TTL=900";

    /** A query with id, opcode, type and name of one's choice (QCLASS IN, RD set). */
    static byte[] query(int id, int opcode, int qtype, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, id);
        u16(out, (opcode << 11) | 0x0100);
        u16(out, 1);
        u16(out, 0);
        u16(out, 0);
        u16(out, 0);
        name(out, name);
        u16(out, qtype);
        u16(out, 1);
        return out.toByteArray();
    }

    /**
     * A response with one question and, when {@code soaMname} is not null, one authority SOA record
     * whose owner is the root and whose MNAME is that name (RNAME the root, all numbers zero).
     */
    static byte[] response(int id, int rcode, int qtype, String name, String soaMname) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, id);
        u16(out, 0x8180 | rcode);
        u16(out, 1);
        u16(out, 0);
        u16(out, soaMname == null ? 0 : 1);
        u16(out, 0);
        name(out, name);
        u16(out, qtype);
        u16(out, 1);
        if (soaMname != null) {
            out.write(0);                  // owner: root
            u16(out, 6);                   // SOA
            u16(out, 1);                   // IN
            u16(out, 0);
            u16(out, 60);                  // TTL 60
            ByteArrayOutputStream rdata = new ByteArrayOutputStream();
            name(rdata, soaMname);
            rdata.write(0);                // RNAME: root
            rdata.writeBytes(new byte[20]); // SERIAL..MINIMUM
            u16(out, rdata.size());
            out.writeBytes(rdata.toByteArray());
        }
        return out.toByteArray();
    }

    /** The message with its TCP length prefix (RFC 7766 §8). */
    static byte[] tcp(byte[] message) {
        byte[] framed = new byte[message.length + 2];
        framed[0] = (byte) (message.length >>> 8);
        framed[1] = (byte) message.length;
        System.arraycopy(message, 0, framed, 2, message.length);
        return framed;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) out.writeBytes(part);
        return out.toByteArray();
    }

    private static void name(ByteArrayOutputStream out, String name) {
        if (!name.isEmpty()) {
            for (String label : name.split("\\.")) {
                out.write(label.length());
                out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
            }
        }
        out.write(0);
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }
}
