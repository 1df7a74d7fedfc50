package io.wirespan.engine.protocol.memcached;

import io.wirespan.api.ByteSet;
import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Parser;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.ParseContext;
import io.wirespan.api.PayloadSignature;

/**
 * Memcached over TCP, DeepFlow's "Memcached" parser (default port 11211). A flow is claimed by a
 * command only: a text command line whose verb is in DeepFlow's list, complete with its line end,
 * or a binary request header (magic 0x80) with a known opcode and consistent lengths.
 */
public final class MemcachedProtocol implements L7ProtocolProvider {
    private static final PayloadSignature SIGNATURE = PayloadSignature.startingWith(ByteSet.of(
            's', 'a', 'r', 'p', 'c', 'g', 'd', 'i', 't', 0x80));
    private static final int MAX_CHECK_LINE = 2048;

    @Override
    public L7Protocol protocol() {
        return L7Protocol.MEMCACHED;
    }

    @Override
    public String configName() {
        return "Memcached";
    }

    @Override
    public String defaultPorts() {
        return "11211";
    }

    @Override
    public PayloadSignature signature(boolean udp) {
        return SIGNATURE;
    }

    /**
     * {@link CheckResult#REQUEST} for a first line {@code verb args\r\n} with a verb DeepFlow accepts
     * (storage commands with at least their five tokens), or a binary request header; reads the
     * first line or header only and allocates nothing.
     */
    @Override
    public CheckResult check(Direction direction, byte[] data, int offset, int length, ParseContext context) {
        if (data == null || offset < 0 || length < 0 || offset > data.length - length || length < 3) {
            return CheckResult.NOT_MINE;
        }
        int end = offset + length;
        if ((data[offset] & 0xFF) == 0x80) return binaryRequest(data, offset, length);
        int limit = Math.min(end, offset + MAX_CHECK_LINE);
        int lf = -1;
        for (int i = offset; i < limit; i++) {
            byte b = data[i];
            if (b == '\n') {
                lf = i;
                break;
            }
            if (b < 0x20 && b != '\r' || b == 0x7F) return CheckResult.NOT_MINE;
        }
        if (lf < offset + 2 || data[lf - 1] != '\r') return CheckResult.NOT_MINE;
        int to = lf - 1;
        int verbEnd = MemcachedText.tokenEnd(data, offset, to);
        if (verbEnd >= to) return CheckResult.NOT_MINE; // every accepted verb takes arguments
        MemcachedVerb verb = MemcachedVerb.of(data, offset, verbEnd);
        if (verb == null || !verb.identifies) return CheckResult.NOT_MINE;
        if (verb.lengthToken >= 0) {
            int at = MemcachedText.tokenStart(data, offset, to, verb.lengthToken);
            if (at < 0 || MemcachedText.parseLong(data, at, MemcachedText.tokenEnd(data, at, to)) < 0) {
                return CheckResult.NOT_MINE;
            }
        } else if (MemcachedText.tokenStart(data, offset, to, 1) < 0) {
            return CheckResult.NOT_MINE;
        }
        return CheckResult.REQUEST;
    }

    @Override
    public L7Parser newParser(ParseContext context) {
        return new MemcachedParser(context);
    }

    private static CheckResult binaryRequest(byte[] data, int offset, int length) {
        if (length < MemcachedFramer.BINARY_HEADER) return CheckResult.NOT_MINE;
        int opcode = data[offset + 1] & 0xFF;
        int keyLen = (data[offset + 2] & 0xFF) << 8 | data[offset + 3] & 0xFF;
        int extrasLen = data[offset + 4] & 0xFF;
        long bodyLen = (long) (data[offset + 8] & 0xFF) << 24 | (data[offset + 9] & 0xFF) << 16
                | (data[offset + 10] & 0xFF) << 8 | data[offset + 11] & 0xFF;
        boolean sane = MemcachedBinaryCodes.opcode(opcode) != null && data[offset + 5] == 0
                && keyLen + extrasLen <= bodyLen && bodyLen <= MemcachedFramer.MAX_DATA;
        return sane ? CheckResult.REQUEST : CheckResult.NOT_MINE;
    }
}
