package io.wirespan.engine.protocol.mongodb;

import io.wirespan.api.ByteSet;
import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Parser;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.ParseContext;
import io.wirespan.api.PayloadSignature;
import java.util.stream.IntStream;

/**
 * MongoDB over TCP, DeepFlow's "MongoDB" parser (tried on every port, as DeepFlow does). {@link
 * #check} reads the 16-byte header and the first body fields only.
 */
public final class MongoProtocol implements L7ProtocolProvider {
    /** A message length (little-endian) of at most {@link MongoWire#MAX_MESSAGE_LENGTH}, a known opcode at byte 12. */
    private static final PayloadSignature SIGNATURE = PayloadSignature.ANY
            .at(3, ByteSet.range(0, MongoWire.MAX_MESSAGE_LENGTH >>> 24))
            .at(12, opcodeByte(0)).at(13, opcodeByte(1)).at(14, opcodeByte(2)).at(15, opcodeByte(3));

    public MongoProtocol() {}

    @Override
    public L7Protocol protocol() {
        return L7Protocol.MONGODB;
    }

    @Override
    public String configName() {
        return "MongoDB";
    }

    /**
     * {@link CheckResult#REQUEST} for a message with {@code responseTo} 0 and a request opcode;
     * {@link CheckResult#RESPONSE} for OP_REPLY, OP_COMMANDREPLY, or OP_MSG with a {@code
     * responseTo}. The header must be in range (length 16 B..48 MB, known opcode) and the first
     * body fields plausible (OP_MSG flag bits and section kind, OP_COMPRESSED original opcode).
     */
    @Override
    public PayloadSignature signature(boolean udp) {
        return SIGNATURE;
    }

    @Override
    public CheckResult check(Direction direction, byte[] data, int offset, int length, ParseContext context) {
        if (data == null || offset < 0 || length < MongoWire.HEADER_LENGTH || offset > data.length - length) {
            return CheckResult.NOT_MINE;
        }
        if (context.isUdp() || !MongoWire.isHeader(data, offset)
                || !MongoWire.isPlausibleBody(data, offset, offset + length)) {
            return CheckResult.NOT_MINE;
        }
        MongoOpcode opcode = new MongoOpcode(MongoWire.opcode(data, offset));
        if (opcode.isReplyOnly()) return CheckResult.RESPONSE;
        int responseTo = MongoWire.responseTo(data, offset);
        if (responseTo == 0) return CheckResult.REQUEST;
        return opcode.code() == MongoOpcode.OP_MSG.code() ? CheckResult.RESPONSE : CheckResult.NOT_MINE;
    }

    @Override
    public L7Parser newParser(ParseContext context) {
        return new MongoParser(context);
    }

    /** The values byte {@code index} of a known opcode (all below 2^16) takes, little-endian. */
    private static ByteSet opcodeByte(int index) {
        return ByteSet.of(IntStream.range(0, 1 << 16).filter(MongoOpcode::isKnown)
                .map(code -> (code >>> (8 * index)) & 0xFF).distinct().toArray());
    }
}
