package io.wirespan.engine.protocol.kafka;

import io.wirespan.api.ByteSet;
import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Parser;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.ParseContext;
import io.wirespan.api.ParserSettings;
import io.wirespan.api.PayloadSignature;
import io.wirespan.engine.tags.TraceHeaders;
import java.util.Objects;

/**
 * Kafka over TCP, DeepFlow's "Kafka" parser. A flow is claimed by a request only: a response
 * cannot be told from other bytes without the request it answers. The parsers of one instance share
 * the topic names that Metadata responses give for topic ids ({@link KafkaTopicNames}).
 */
public final class KafkaProtocol implements L7ProtocolProvider {
    /**
     * A request header: size up to {@link KafkaWire#CHECK_MAX_SIZE}, a known API key, a version
     * below 256, a non-negative correlation id, a client id of at most {@link KafkaWire#MAX_CLIENT_ID} bytes.
     */
    private static final PayloadSignature SIGNATURE = PayloadSignature.startingWith(ByteSet.range(0, KafkaWire.CHECK_MAX_SIZE >>> 24))
            .at(4, ByteSet.of(0))
            .at(5, ByteSet.where(key -> KafkaApiKey.valueOf(key).known()))
            .at(6, ByteSet.of(0))
            .at(8, ByteSet.range(0, 0x7F))
            .at(12, ByteSet.range(0, KafkaWire.MAX_CLIENT_ID >>> 8));
    /** DeepFlow's per-flow bound on requests awaiting their response. */
    public static final int DEFAULT_MAX_PENDING = 32;

    private final TraceHeaders traceHeaders;
    private final int maxPending;
    private final KafkaTopicNames topicNames = new KafkaTopicNames(KafkaTopicNames.DEFAULT_CAPACITY);

    /** DeepFlow's defaults: trace headers {@code traceparent, sw8}, {@link #DEFAULT_MAX_PENDING} pending requests per flow. */
    public KafkaProtocol() {
        this(new TraceHeaders(ParserSettings.DEFAULTS.traceIdTypes(), ParserSettings.DEFAULTS.spanIdTypes(),
                ParserSettings.DEFAULTS.xRequestIdHeaders(), ParserSettings.DEFAULTS.realClientHeaders()),
                DEFAULT_MAX_PENDING);
    }

    /**
     * @param traceHeaders the trace and span header types read from a Produce's record headers
     * @param maxPending requests remembered per flow for their responses (the oldest goes first), at least 1
     */
    public KafkaProtocol(TraceHeaders traceHeaders, int maxPending) {
        if (maxPending < 1) throw new IllegalArgumentException("maxPending must be at least 1: " + maxPending);
        this.traceHeaders = Objects.requireNonNull(traceHeaders, "traceHeaders");
        this.maxPending = maxPending;
    }

    @Override
    public L7Protocol protocol() {
        return L7Protocol.KAFKA;
    }

    @Override
    public String configName() {
        return "Kafka";
    }

    /** A frame size below 16 MiB starts with a zero byte. */
    @Override
    public PayloadSignature signature(boolean udp) {
        return SIGNATURE;
    }

    /**
     * {@link CheckResult#REQUEST} when the bytes start a plausible request header: a size below
     * 16 MiB, a known api key with a version in its range, a non-negative correlation id and a
     * printable client id that fits the frame. Reads the header only.
     */
    @Override
    public CheckResult check(Direction direction, byte[] data, int offset, int length, ParseContext context) {
        if (data == null || offset < 0 || length < 0 || offset > data.length - length || context.isUdp()) {
            return CheckResult.NOT_MINE;
        }
        return KafkaWire.isRequestStart(data, offset, offset + length, true) ? CheckResult.REQUEST : CheckResult.NOT_MINE;
    }

    @Override
    public L7Parser newParser(ParseContext context) {
        return new KafkaParser(traceHeaders, topicNames, maxPending, context);
    }
}
