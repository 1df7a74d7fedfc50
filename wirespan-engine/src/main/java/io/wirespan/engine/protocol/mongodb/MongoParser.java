package io.wirespan.engine.protocol.mongodb;

import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.L7Parser;
import io.wirespan.api.MessageSink;
import io.wirespan.api.ParseContext;
import io.wirespan.engine.protocol.ParserCounters;
import java.util.Map;

/**
 * One flow's MongoDB parser: each direction goes through its own {@link MongoFramer}. Requests and
 * replies are told apart by opcode and {@code responseTo}, not by direction; a request carries its
 * {@code requestID} and a reply its {@code responseTo} as the pairing id.
 */
final class MongoParser implements L7Parser {
    private final ParserCounters<MongoCounter> counters;
    private final MongoDecoder decoder = new MongoDecoder();
    private final MongoFramer[] framers;

    MongoParser(ParseContext context) {
        this.counters = new ParserCounters<>(MongoCounter.values(), context);
        this.framers = new MongoFramer[] {new MongoFramer(counters, decoder), new MongoFramer(counters, decoder)};
    }

    @Override
    public int parse(Direction direction, byte[] data, int offset, int length, ParseContext context, MessageSink out) {
        if (length <= 0) return 0;
        if (context.isUdp()) return length; // MongoDB runs over TCP only
        int limit = context.settings().payloadTruncation();
        return framers[direction.ordinal()].feed(data, offset, length, limit, m -> out.emit(toL7(m)));
    }

    @Override
    public void onGap(Direction direction, int missingBytes, ParseContext context) {
        framers[direction.ordinal()].gap(missingBytes);
    }

    ParserCounters<MongoCounter> counters() {
        return counters;
    }

    private static L7Message toL7(MongoMessage m) {
        L7Message.Builder builder = m.reply()
                ? L7Message.response()
                        .sessionId(Integer.toUnsignedLong(m.responseTo()))
                        .responseStatus(m.status())
                        .responseCode(m.code())
                        .responseException(m.exception())
                        .responseResult(m.result())
                : L7Message.request()
                        .sessionId(Integer.toUnsignedLong(m.requestId()))
                        .requestResource(m.resource());
        return builder
                .requestType(m.opcode().mnemonic())
                .attributes(m.compressor() == null ? null : Map.of("compressor", m.compressor()))
                .capturedBytes(m.wireLength())
                .build();
    }
}
