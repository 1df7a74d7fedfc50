package io.wirespan.server.ingest;

import io.wirespan.api.CallLog;
import io.wirespan.api.L7Protocol;
import io.wirespan.engine.metrics.MetricsRow;
import io.wirespan.server.ingest.IngestJournal.Body;
import io.wirespan.server.ingest.proto.Batch;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Call logs and metrics rows to and from the ingest batch of {@code ingest.proto}: encoded with
 * protobuf's generated classes, decoded from a request body (inflated, at most
 * {@link #MAX_BATCH_BYTES}) by {@link BatchDecoder}. Decoding checks what the wire format cannot:
 * the enumerations' names, ports, and that a batch has an id. Absent optional fields stay absent.
 */
public final class IngestCodec {
    /** Longer ids are refused: they are keys, not payloads. */
    public static final int MAX_BATCH_ID = 128;
    /** A batch inflates to at most this much: a gzip bomb is refused, not swallowed whole. */
    public static final int MAX_BATCH_BYTES = 64 << 20;

    /** A body that inflates to more than {@link #MAX_BATCH_BYTES}. */
    public static final class TooLarge extends IOException {
        TooLarge() {
            super("the batch is larger than " + (MAX_BATCH_BYTES >> 20) + " MiB");
        }
    }

    private IngestCodec() {}

    /** A batch as decoded and checked. */
    public record DecodedBatch(String batchId, String agent, List<CallLog> callLogs, List<MetricsRow> metrics) {}

    public static Batch encode(String batchId, String agent, List<CallLog> logs, List<MetricsRow> rows) {
        Batch.Builder batch = Batch.newBuilder().setBatchId(batchId).setAgent(agent == null ? "" : agent);
        for (CallLog log : logs) batch.addCallLogs(encode(log));
        for (MetricsRow row : rows) batch.addMetrics(encode(row));
        return batch.build();
    }

    /**
     * A request body, inflated when gzip, parsed and checked.
     *
     * @throws ZipException when it claims to be gzip and is not
     * @throws TooLarge when it inflates beyond {@link #MAX_BATCH_BYTES}
     * @throws com.google.protobuf.InvalidProtocolBufferException when it is not a {@link Batch}
     * @throws IllegalArgumentException naming the first value out of range, and where
     */
    public static DecodedBatch decode(Body body) throws IOException {
        return BatchDecoder.decode(inflate(body));
    }

    private static byte[] inflate(Body body) throws IOException {
        if (body.bytes().length > MAX_BATCH_BYTES) throw new TooLarge();
        if (!body.gzip()) return body.bytes();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body.bytes()), 64 * 1024)) {
            byte[] bytes = in.readNBytes(MAX_BATCH_BYTES + 1);
            if (bytes.length > MAX_BATCH_BYTES) throw new TooLarge();
            return bytes;
        } catch (EOFException e) {
            throw new ZipException("the gzip stream is cut short"); // GZIPInputStream says nothing
        }
    }

    static io.wirespan.server.ingest.proto.CallLog encode(CallLog log) {
        var b = io.wirespan.server.ingest.proto.CallLog.newBuilder()
                .setType(log.type().wireName()).setStartTime(log.startTime()).setEndTime(log.endTime()).setFlowId(log.flowId())
                .setProtocol(log.protocol()).setIp0(log.ip0()).setIp1(log.ip1())
                .setClientPort(log.clientPort()).setServerPort(log.serverPort())
                .setL7Protocol(log.l7Protocol().id()).setL7ProtocolStr(log.l7Protocol().name())
                .setResponseStatus(log.responseStatus().wireName())
                .setCapturedRequestByte(log.capturedRequestByte()).setCapturedResponseByte(log.capturedResponseByte())
                .putAllAttributes(log.attributes());
        set(log.agent(), b::setAgent);
        set(log.version(), b::setVersion);
        set(log.requestType(), b::setRequestType);
        set(log.requestDomain(), b::setRequestDomain);
        set(log.requestResource(), b::setRequestResource);
        set(log.endpoint(), b::setEndpoint);
        set(log.requestId(), b::setRequestId);
        set(log.responseCode(), b::setResponseCode);
        set(log.responseException(), b::setResponseException);
        set(log.responseResult(), b::setResponseResult);
        set(log.responseDuration(), b::setResponseDuration);
        set(log.requestLength(), b::setRequestLength);
        set(log.responseLength(), b::setResponseLength);
        set(log.sqlAffectedRows(), b::setSqlAffectedRows);
        set(log.isTls(), b::setIsTls);
        set(log.isAsync(), b::setIsAsync);
        set(log.isReversed(), b::setIsReversed);
        set(log.traceId(), b::setTraceId);
        set(log.spanId(), b::setSpanId);
        set(log.parentSpanId(), b::setParentSpanId);
        set(log.xRequestId0(), b::setXRequestId0);
        set(log.xRequestId1(), b::setXRequestId1);
        set(log.httpProxyClient(), b::setHttpProxyClient);
        set(log.plugin(), b::setPlugin);
        return b.build();
    }

    static io.wirespan.server.ingest.proto.MetricsRow encode(MetricsRow row) {
        var b = io.wirespan.server.ingest.proto.MetricsRow.newBuilder()
                .setWindowSeconds(row.windowSeconds()).setTime(row.time())
                .setL7Protocol(row.l7Protocol().id()).setL7ProtocolStr(row.l7Protocol().name())
                .setServerPort(row.serverPort()).setOverflow(row.overflow())
                .setRequest(row.request()).setResponse(row.response()).setClientError(row.clientError())
                .setServerError(row.serverError()).setTimeout(row.timeout())
                .setRrtSum(row.rrtSum()).setRrtCount(row.rrtCount())
                .setRequestBytes(row.requestBytes()).setResponseBytes(row.responseBytes());
        set(row.ip1(), b::setIp1);
        set(row.endpoint(), b::setEndpoint);
        set(row.rrtMax(), b::setRrtMax);
        set(row.rrtP50(), b::setRrtP50);
        set(row.rrtP90(), b::setRrtP90);
        set(row.rrtP99(), b::setRrtP99);
        return b.build();
    }

    static MetricsRow decode(io.wirespan.server.ingest.proto.MetricsRow m) {
        if (m.getWindowSeconds() != 1 && m.getWindowSeconds() != 60) {
            throw new IllegalArgumentException("window_seconds is " + m.getWindowSeconds() + ", not 1 or 60");
        }
        return new MetricsRow(m.getWindowSeconds(), m.getTime(), new L7Protocol(m.getL7Protocol(), m.getL7ProtocolStr()),
                m.hasIp1() ? m.getIp1() : null, port(m.getServerPort(), "server_port"), m.hasEndpoint() ? m.getEndpoint() : null,
                m.getOverflow(), m.getRequest(), m.getResponse(), m.getClientError(), m.getServerError(), m.getTimeout(),
                m.getRrtSum(), m.getRrtCount(), m.hasRrtMax() ? m.getRrtMax() : null, m.hasRrtP50() ? m.getRrtP50() : null,
                m.hasRrtP90() ? m.getRrtP90() : null, m.hasRrtP99() ? m.getRrtP99() : null, m.getRequestBytes(), m.getResponseBytes());
    }

    private static <T> void set(T value, Consumer<T> setter) {
        if (value != null) setter.accept(value);
    }

    static <E> E named(E[] values, String name, java.util.function.Function<E, String> wireName, String field) {
        for (E value : values) {
            if (wireName.apply(value).equals(name)) return value;
        }
        throw new IllegalArgumentException(field + " is '" + name + "', not a known value");
    }

    static String oneOf(String value, String field, String... allowed) {
        for (String a : allowed) {
            if (a.equals(value)) return a;
        }
        throw new IllegalArgumentException(field + " is '" + value + "', not one of " + String.join(", ", allowed));
    }

    static String address(String ip, String field) {
        if (ip.isEmpty()) throw new IllegalArgumentException(field + " is missing");
        return ip;
    }

    static int port(int port, String field) {
        if (port < 0 || port > 65535) throw new IllegalArgumentException(field + " " + port + " is out of range");
        return port;
    }
}
