package io.wirespan.wasm.abi;

import io.wirespan.api.Direction;
import io.wirespan.api.ResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes what a plugin passes to {@code host_read_l7_protocol_info} (ABI §5): records of
 * {@code u16 BE length + body} that tile the buffer exactly, each body either {@code "PB"} and a
 * protobuf {@code AppInfo} or the legacy binary layout. The call's packet direction decides how a
 * legacy body and the end flag read. Any defect fails the whole buffer.
 */
public final class ResultDecoder {
    private static final int MAX_RECORDS = 4096;

    private ResultDecoder() {}

    public static List<PluginRecord> decode(byte[] buffer, Direction direction) {
        List<PluginRecord> records = new ArrayList<>();
        int pos = 0;
        while (pos < buffer.length) {
            if (buffer.length - pos < 2) throw new MalformedResultException("record length cut short");
            int length = (buffer[pos] & 0xFF) << 8 | buffer[pos + 1] & 0xFF;
            pos += 2;
            if (length > buffer.length - pos) throw new MalformedResultException("record runs past the buffer");
            if (records.size() == MAX_RECORDS) throw new MalformedResultException("more than " + MAX_RECORDS + " records");
            boolean protobuf = length >= 2 && buffer[pos] == 'P' && buffer[pos + 1] == 'B';
            records.add(protobuf ? appInfo(buffer, pos + 2, length - 2, direction) : legacy(buffer, pos, length, direction));
            pos += length;
        }
        if (records.isEmpty()) throw new MalformedResultException("no record");
        return records;
    }

    /** The string of {@code host_read_str_result}: u16 BE length and UTF-8 bytes, malformed ones replaced. */
    public static String lengthPrefixedString(byte[] buffer) {
        return new Reader(buffer, 0, buffer.length).string();
    }

    // ---- "PB" + AppInfo (§5.2, §5.3) ----

    private static PluginRecord appInfo(byte[] data, int offset, int length, Direction direction) {
        Builder b = new Builder();
        ProtoReader in = new ProtoReader(data, offset, length);
        while (in.next()) {
            switch (in.field()) {
                case 1 -> b.requestLength = (int) uint32(in);
                case 2 -> b.responseLength = (int) uint32(in);
                case 3 -> b.requestId = uint32(in);
                case 10 -> {
                    b.request = appRequest(in.message());
                    b.response = null; // a oneof: the last one wins
                }
                case 11 -> {
                    b.response = appResponse(in.message());
                    b.request = null;
                }
                case 12 -> b.trace = appTrace(in.message());
                case 13 -> b.protocolName = in.string();
                case 21 -> {
                    b.needsMerge = true;
                    b.isEnd = bool(in);
                }
                case 22 -> b.isAsync = bool(in);
                case 23 -> b.isReversed = bool(in);
                case 31 -> b.attributes.add(keyValue(in.message()));
                case 32 -> b.bizType = (int) (uint32(in) & 0xFF);
                case 33 -> b.bizCode = in.string();
                case 34 -> b.bizScenario = in.string();
                case 35 -> b.bizResponseCode = in.string();
                default -> in.skip();
            }
        }
        return b.build();
    }

    private static PluginRecord.Request appRequest(ProtoReader in) {
        String[] fields = {"", "", "", "", ""};
        while (in.next()) {
            if (in.field() >= 1 && in.field() <= 5) fields[in.field() - 1] = in.string();
            else in.skip();
        }
        return new PluginRecord.Request(fields[0], fields[1], fields[2], fields[3], fields[4]);
    }

    private static PluginRecord.Response appResponse(ProtoReader in) {
        ResponseStatus status = null;
        Integer code = null;
        String exception = "", result = "", type = "", endpoint = "";
        while (in.next()) {
            switch (in.field()) {
                case 1 -> {
                    in.expect(ProtoReader.VARINT);
                    status = status((int) in.varint());
                }
                case 2 -> {
                    in.expect(ProtoReader.VARINT);
                    code = (int) in.varint(); // int32: negatives arrive sign-extended to 64 bits
                }
                case 3 -> exception = in.string();
                case 4 -> result = in.string();
                case 5 -> type = in.string();
                case 6 -> endpoint = in.string();
                default -> in.skip();
            }
        }
        if (status == null) throw new MalformedResultException("response without a status");
        return new PluginRecord.Response(status, code, exception, result, type, endpoint);
    }

    private static PluginRecord.Trace appTrace(ProtoReader in) {
        String traceId = null, spanId = null, parentSpanId = null, xRequestId = null, proxyClient = null;
        List<String> traceIds = new ArrayList<>();
        while (in.next()) {
            switch (in.field()) {
                case 1 -> traceId = in.string();
                case 2 -> spanId = in.string();
                case 3 -> parentSpanId = in.string();
                case 4 -> xRequestId = in.string();
                case 5 -> proxyClient = in.string();
                case 6 -> traceIds.add(in.string());
                default -> in.skip();
            }
        }
        // the agent appends trace_id to trace_ids when it is new; we keep it first, as the main id
        if (traceId != null && !traceId.isEmpty() && !traceIds.contains(traceId)) traceIds.addFirst(traceId);
        return new PluginRecord.Trace(traceIds, spanId, parentSpanId, xRequestId, proxyClient);
    }

    private static PluginRecord.KeyValue keyValue(ProtoReader in) {
        String key = "", value = "";
        while (in.next()) {
            switch (in.field()) {
                case 1 -> key = in.string();
                case 2 -> value = in.string();
                default -> in.skip();
            }
        }
        return new PluginRecord.KeyValue(key, value);
    }

    private static long uint32(ProtoReader in) {
        in.expect(ProtoReader.VARINT);
        return in.varint() & 0xFFFFFFFFL;
    }

    private static boolean bool(ProtoReader in) {
        in.expect(ProtoReader.VARINT);
        return in.varint() != 0;
    }

    /** AppRespStatus, and the legacy status byte: 0 ok, 2 timeout, 3 server error, 4 client error, 5 unknown. */
    static ResponseStatus status(int value) {
        return switch (value) {
            case 0 -> ResponseStatus.OK;
            case 2 -> ResponseStatus.TIMEOUT;
            case 3 -> ResponseStatus.SERVER_ERROR;
            case 4 -> ResponseStatus.CLIENT_ERROR;
            case 5 -> ResponseStatus.UNKNOWN;
            default -> throw new MalformedResultException("response status " + value + " is not one of 0, 2, 3, 4, 5");
        };
    }

    // ---- the legacy binary body (§5.4) ----

    private static PluginRecord legacy(byte[] data, int offset, int length, Direction direction) {
        if (length < 9) throw new MalformedResultException("legacy record shorter than 9 bytes");
        Reader in = new Reader(data, offset, length);
        Builder b = new Builder();
        b.requestLength = in.optionalLength();
        b.responseLength = in.optionalLength();
        if (in.flag()) b.requestId = in.u32();
        if (direction == Direction.CLIENT_TO_SERVER) {
            String type = in.string(), endpoint = in.string(), domain = in.string(), resource = in.string();
            b.request = new PluginRecord.Request("", type, domain, resource, endpoint);
        } else {
            ResponseStatus status = status(in.u8());
            Integer code = in.flag() ? (int) in.u32() : null;
            String result = in.string(), exception = in.string();
            b.response = new PluginRecord.Response(status, code, exception, result, "", "");
        }
        b.protocolName = in.string();
        int merge = in.u8();
        b.needsMerge = (merge & 0x80) != 0;
        b.isEnd = (merge & 0x01) != 0;
        if (in.flag()) {
            String traceId = in.string(), spanId = in.string(), parentSpanId = in.string();
            b.trace = new PluginRecord.Trace(traceId.isEmpty() ? List.of() : List.of(traceId), spanId, parentSpanId,
                    null, null);
        }
        if (in.flag()) {
            // pairs run until the last byte, which is the business type
            while (in.remaining() > 1) b.attributes.add(new PluginRecord.KeyValue(in.string(), in.string()));
        }
        b.bizType = in.u8();
        if (in.remaining() != 0) throw new MalformedResultException("legacy record has " + in.remaining() + " bytes left over");
        return b.build();
    }

    /** Big-endian fields of a legacy body. */
    private static final class Reader {
        private final byte[] data;
        private int pos;
        private final int end;

        Reader(byte[] data, int offset, int length) {
            this.data = data;
            this.pos = offset;
            this.end = offset + length;
        }

        int remaining() {
            return end - pos;
        }

        int u8() {
            need(1);
            return data[pos++] & 0xFF;
        }

        boolean flag() {
            int b = u8();
            if (b > 1) throw new MalformedResultException("flag byte " + b + " is neither 0 nor 1");
            return b == 1;
        }

        long u32() {
            need(4);
            long v = (data[pos] & 0xFFL) << 24 | (data[pos + 1] & 0xFF) << 16 | (data[pos + 2] & 0xFF) << 8 | data[pos + 3] & 0xFF;
            pos += 4;
            return v;
        }

        /** Bit 31 says whether the value in the low 31 bits is there. */
        Integer optionalLength() {
            long v = u32();
            return (v & 0x8000_0000L) != 0 ? (int) (v & 0x7FFF_FFFF) : null;
        }

        String string() {
            need(2);
            int length = (data[pos] & 0xFF) << 8 | data[pos + 1] & 0xFF;
            pos += 2;
            need(length);
            String s = new String(data, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return s;
        }

        private void need(int n) {
            if (n > end - pos) throw new MalformedResultException("legacy record cut short");
        }
    }

    private static final class Builder {
        Integer requestLength, responseLength;
        Long requestId;
        PluginRecord.Request request;
        PluginRecord.Response response;
        PluginRecord.Trace trace;
        String protocolName;
        boolean needsMerge, isEnd;
        Boolean isAsync, isReversed;
        final List<PluginRecord.KeyValue> attributes = new ArrayList<>();
        int bizType;
        String bizCode, bizScenario, bizResponseCode;

        PluginRecord build() {
            return new PluginRecord(requestLength, responseLength, requestId, request, response, trace, protocolName,
                    needsMerge, isEnd, isAsync, isReversed, attributes, bizType, bizCode, bizScenario, bizResponseCode);
        }
    }
}
