package io.wirespan.engine.protocol.redis;

import io.wirespan.api.ByteSet;
import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Parser;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.ParseContext;
import io.wirespan.api.PayloadSignature;

/**
 * Redis over TCP, DeepFlow's "Redis" parser (any port). A flow is claimed by a command only, as
 * in DeepFlow: an array whose first element is a bulk string naming a known command. Values are
 * masked when {@code Redis} is among {@code obfuscate_protocols} (DeepFlow's default).
 */
public final class RedisProtocol implements L7ProtocolProvider {
    private static final PayloadSignature SIGNATURE = PayloadSignature.startingWith(
            ByteSet.of('*', '$', '+', '-', ':', '_', ',', '#', '!', '=', '(', '%', '~', '>', '|'));
    /** Arguments a command array may announce and still be taken for one by {@link #check}. */
    private static final long MAX_CHECK_ARGS = 1L << 20;

    @Override
    public L7Protocol protocol() {
        return L7Protocol.REDIS;
    }

    @Override
    public String configName() {
        return "Redis";
    }

    @Override
    public PayloadSignature signature(boolean udp) {
        return SIGNATURE;
    }

    /**
     * {@link CheckResult#REQUEST} for {@code *N\r\n$len\r\nNAME\r\n} with N ≥ 1 and NAME a known
     * command in any case ({@link RedisCommands}); reads those bytes only and allocates nothing.
     */
    @Override
    public CheckResult check(Direction direction, byte[] data, int offset, int length, ParseContext context) {
        if (data == null || offset < 0 || length < 0 || offset > data.length - length) return CheckResult.NOT_MINE;
        int end = offset + length;
        if (length < 4 || data[offset] != '*') return CheckResult.NOT_MINE;
        int crlf = crlf(data, offset + 1, end, 9);
        if (crlf < 0) return CheckResult.NOT_MINE;
        long count = RedisText.parseLong(data, offset + 1, crlf);
        if (count < 1 || count > MAX_CHECK_ARGS) return CheckResult.NOT_MINE;
        int pos = crlf + 2;
        if (pos >= end || data[pos] != '$') return CheckResult.NOT_MINE;
        crlf = crlf(data, pos + 1, end, 4);
        if (crlf < 0) return CheckResult.NOT_MINE;
        long nameLength = RedisText.parseLong(data, pos + 1, crlf);
        if (nameLength < 1 || nameLength > RedisCommands.MAX_LENGTH) return CheckResult.NOT_MINE;
        int name = crlf + 2;
        int nameEnd = name + (int) nameLength;
        if (nameEnd + 2 > end || data[nameEnd] != '\r' || data[nameEnd + 1] != '\n') return CheckResult.NOT_MINE;
        return RedisCommands.lookup(data, name, nameEnd) != null ? CheckResult.REQUEST : CheckResult.NOT_MINE;
    }

    @Override
    public L7Parser newParser(ParseContext context) {
        return new RedisParser(context);
    }

    /** The index of the CR of a CRLF within {@code maxDigits + 2} bytes of {@code from}, or -1. */
    private static int crlf(byte[] data, int from, int end, int maxDigits) {
        int limit = Math.min(end - 1, from + maxDigits + 1);
        for (int i = from; i < limit; i++) {
            if (data[i] == '\r') return data[i + 1] == '\n' ? i : -1;
        }
        return -1;
    }
}
