package io.wirespan.engine.protocol;

import io.wirespan.api.ByteSet;
import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Parser;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.ParseContext;
import io.wirespan.api.PayloadSignature;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A binary protocol known by a 4-byte magic number followed by a big-endian length of the rest,
 * as many RPC protocols are. Only for measuring inference: it never parses.
 */
final class SyntheticProtocol implements L7ProtocolProvider {
    private final int magic;
    private final PayloadSignature signature;

    private SyntheticProtocol(int magic) {
        this.magic = magic;
        PayloadSignature s = PayloadSignature.ANY;
        for (int i = 0; i < 4; i++) s = s.at(i, ByteSet.of((magic >>> (24 - 8 * i)) & 0xFF));
        this.signature = s;
    }

    /** {@code count} protocols with distinct random magic numbers. */
    static List<L7ProtocolProvider> family(int count, long seed) {
        Random random = new Random(seed);
        Set<Integer> magics = new HashSet<>();
        List<L7ProtocolProvider> family = new ArrayList<>();
        while (family.size() < count) {
            int magic = random.nextInt();
            if (magics.add(magic)) family.add(new SyntheticProtocol(magic));
        }
        return family;
    }

    @Override
    public L7Protocol protocol() {
        return L7Protocol.CUSTOM;
    }

    @Override
    public String configName() {
        return String.format("Synthetic-%08x", magic);
    }

    @Override
    public PayloadSignature signature(boolean udp) {
        return signature;
    }

    @Override
    public CheckResult check(Direction direction, byte[] data, int offset, int length, ParseContext context) {
        if (length < 8 || readInt(data, offset) != magic) return CheckResult.NOT_MINE;
        return readInt(data, offset + 4) == length - 8 ? CheckResult.REQUEST : CheckResult.NOT_MINE;
    }

    @Override
    public L7Parser newParser(ParseContext context) {
        throw new UnsupportedOperationException("a synthetic protocol only takes part in inference");
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
