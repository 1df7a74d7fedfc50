package io.wirespan.engine.protocol.dns;

import static io.wirespan.engine.protocol.dns.DnsWire.u16;

import io.wirespan.engine.protocol.dns.DnsMessage.Question;
import io.wirespan.engine.protocol.dns.DnsMessage.Answer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one DNS message from {@code (byte[], offset, length)} (RFC 1035 §4.1): the header, the
 * first question (further ones are skipped), and for a response the answer and authority records;
 * the additional section is not read. Strict on a query, lenient on a response: a response whose
 * records stop early keeps those before. One instance per parser; it reuses one text buffer.
 */
final class DnsDecoder {
    private final StringBuilder text = new StringBuilder(96);
    private DnsCounter problem;

    /**
     * The reason the last {@link #decode} returned null, or {@link DnsCounter#PARTIAL_RECORDS}
     * when it returned a response missing records; null when the message was whole.
     */
    DnsCounter problem() {
        return problem;
    }

    /**
     * @param maxRecords how many answer and authority records to keep; the rest are only walked
     * @return the message, or null when it is not one ({@link #problem} says why)
     */
    DnsMessage decode(byte[] b, int start, int length, int maxRecords) {
        problem = null;
        int end = start + length;
        if (length < DnsWire.HEADER_LENGTH) return fail(DnsCounter.TRUNCATED);
        int id = DnsWire.id(b, start);
        int flags = DnsWire.flags(b, start);
        int questions = DnsWire.qdCount(b, start);
        DnsOpcode opcode = DnsOpcode.valueOf(DnsWire.opcode(flags));

        int pos = start + DnsWire.HEADER_LENGTH;
        Question question = null;
        if (questions > 0) {
            text.setLength(0);
            int after = DnsNames.walk(b, start, end, pos, text);
            if (after < 0) return fail(nameProblem(after));
            if (after + 4 > end) return fail(DnsCounter.TRUNCATED);
            question = new Question(text.toString(), DnsType.valueOf(u16(b, after)));
            pos = after + 4;
        }
        if (!DnsWire.isResponse(flags)) {
            return question == null ? fail(DnsCounter.NO_QUESTION) : new DnsMessage.Query(id, opcode, question, length);
        }

        for (int i = 1; i < questions && pos >= 0; i++) {
            int after = DnsNames.walk(b, start, end, pos, null);
            pos = after < 0 || after + 4 > end ? -1 : after + 4;
        }
        List<Answer> records = new ArrayList<>(4);
        int total = DnsWire.anCount(b, start) + DnsWire.nsCount(b, start);
        int read = 0;
        if (pos < 0 && total > 0) problem = DnsCounter.PARTIAL_RECORDS;
        for (; pos >= 0 && read < total; read++) {
            int after = DnsNames.walk(b, start, end, pos, null);
            if (after < 0 || after + 10 > end) break;
            int type = u16(b, after);
            long ttl = DnsWire.u32(b, after + 4);
            int rdata = after + 10;
            int rdlength = u16(b, after + 8);
            if (rdata + rdlength > end) break;
            if (records.size() < maxRecords) {
                records.add(new Answer(DnsType.valueOf(type), value(type, b, start, end, rdata, rdlength), ttl));
            }
            pos = rdata + rdlength;
        }
        if (pos >= 0 && read < total) problem = DnsCounter.PARTIAL_RECORDS;
        return new DnsMessage.Response(id, opcode, DnsRcode.valueOf(DnsWire.rcode(flags)), question, records, read,
                length);
    }

    /** The text DeepFlow shows for a record's data; null for types it shows no value for, or bad data. */
    private String value(int type, byte[] b, int start, int end, int rdata, int rdlength) {
        text.setLength(0);
        switch (type) {
            case 1 -> { // A
                if (rdlength != 4) return null;
                appendIpv4(b, rdata, text);
            }
            case 11 -> { // WKS: address, protocol, bitmap (RFC 1035 §3.4.2)
                if (rdlength < 5) return null;
                appendIpv4(b, rdata, text);
            }
            case 28 -> { // AAAA
                if (rdlength != 16) return null;
                appendIpv6(b, rdata, text);
            }
            case 2, 5, 6, 12, 39 -> { // NS, CNAME, SOA (its MNAME comes first), PTR, DNAME
                int after = DnsNames.walk(b, start, end, rdata, text);
                if (after < 0 || after > rdata + rdlength) return null;
            }
            default -> {
                return null;
            }
        }
        return text.isEmpty() ? null : text.toString();
    }

    static void appendIpv4(byte[] b, int at, StringBuilder out) {
        out.append(b[at] & 0xFF).append('.').append(b[at + 1] & 0xFF).append('.').append(b[at + 2] & 0xFF).append('.')
                .append(b[at + 3] & 0xFF);
    }

    /** RFC 5952 text: lower-case hex, the longest run (first if tied) of two or more zero groups as "::". */
    static void appendIpv6(byte[] b, int at, StringBuilder out) {
        if (isV4Mapped(b, at)) { // RFC 5952 §5
            out.append("::ffff:");
            appendIpv4(b, at + 12, out);
            return;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (u16(b, at + 2 * i) != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && u16(b, at + 2 * j) == 0) j++;
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLength) out.append(':');
            appendHex(u16(b, at + 2 * i), out);
        }
    }

    private static boolean isV4Mapped(byte[] b, int at) {
        for (int i = 0; i < 10; i++) if (b[at + i] != 0) return false;
        return b[at + 10] == (byte) 0xFF && b[at + 11] == (byte) 0xFF;
    }

    private static void appendHex(int group, StringBuilder out) {
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int digit = (group >>> shift) & 0xF;
            if (digit != 0 || started || shift == 0) {
                out.append(Character.forDigit(digit, 16));
                started = true;
            }
        }
    }

    private DnsMessage fail(DnsCounter reason) {
        problem = reason;
        return null;
    }

    static DnsCounter nameProblem(int error) {
        return switch (error) {
            case DnsNames.ERR_BAD_LABEL -> DnsCounter.BAD_LABEL;
            case DnsNames.ERR_BAD_POINTER -> DnsCounter.BAD_POINTER;
            case DnsNames.ERR_TOO_LONG -> DnsCounter.NAME_TOO_LONG;
            default -> DnsCounter.TRUNCATED;
        };
    }
}
