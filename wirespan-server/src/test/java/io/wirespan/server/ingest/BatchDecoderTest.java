package io.wirespan.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wirespan.api.CallLog;
import io.wirespan.api.L7Protocol;
import io.wirespan.engine.metrics.MetricsRow;
import io.wirespan.server.ingest.IngestCodec.DecodedBatch;
import io.wirespan.store.SampleCallLogs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatchDecoderTest {
    private static final long T0 = 1_763_000_000_000_000L;

    @Test
    void decodesWhatTheGeneratedClassesEncodeValueForValue() throws IOException {
        List<CallLog> logs = new ArrayList<>(List.of(SampleCallLogs.full(T0), SampleCallLogs.sparse(T0)));
        logs.addAll(SampleCallLogs.hostile(T0));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 500; i++) logs.add(random(random, i));
        List<MetricsRow> rows = List.of(new MetricsRow(60, T0, L7Protocol.HTTP1, "10.0.0.2", 80, "/api", false, 10, 9, 1, 2, 1, 9000, 9,
                2000L, 1000L, 1500L, 2000L, 100, 900), new MetricsRow(1, T0, L7Protocol.REDIS, null, 6379, null, true, 1, 1, 0, 0, 0, 5, 1,
                null, null, null, null, 0, 0));

        DecodedBatch batch = BatchDecoder.decode(IngestCodec.encode("b-1", "agent-a", logs, rows).toByteArray());

        assertThat(batch.batchId()).isEqualTo("b-1");
        assertThat(batch.agent()).isEqualTo("agent-a");
        assertThat(batch.callLogs()).containsExactlyElementsOf(logs);
        assertThat(batch.metrics()).containsExactlyElementsOf(rows);
    }

    @Test
    void aValueRepeatedRowAfterRowIsOneString() throws IOException {
        List<CallLog> logs = List.of(random(new SplittableRandom(1), 1), random(new SplittableRandom(2), 2));
        DecodedBatch batch = BatchDecoder.decode(IngestCodec.encode("b", "", logs, List.of()).toByteArray());
        CallLog first = batch.callLogs().get(0), second = batch.callLogs().get(1);
        assertThat(second.requestDomain()).isEqualTo("orders.svc").isSameAs(first.requestDomain());
        assertThat(second.l7Protocol()).isSameAs(first.l7Protocol());
        assertThat(second.requestResource()).isNotSameAs(first.requestResource());
    }

    @Test
    void unknownFieldsAndKnownOnesOfAnotherWireTypeAreSkippedAsProtobufDoes() throws IOException {
        byte[] log = IngestCodec.encode(SampleCallLogs.full(T0)).toByteArray();
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(extra);
        out.writeUInt64(99, 12345); // a field from a newer agent
        out.writeString(2, "start_time is a number, not text"); // a known field of the wrong wire type
        out.writeFixed32(77, 1);
        out.writeFixed64(78, 2);
        out.flush();
        byte[] withExtra = concat(log, extra.toByteArray());

        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        CodedOutputStream b = CodedOutputStream.newInstance(batch);
        b.writeString(1, "b-extra");
        b.writeByteArray(3, withExtra);
        b.writeString(5, "a batch field from the future");
        b.flush();

        assertThat(BatchDecoder.decode(batch.toByteArray()).callLogs()).containsExactly(SampleCallLogs.full(T0));
    }

    @Test
    void whatIsNotABatchIsRefused() throws IOException {
        byte[] good = IngestCodec.encode("b", "", List.of(SampleCallLogs.full(T0)), List.of()).toByteArray();
        assertThatThrownBy(() -> BatchDecoder.decode(Arrays.copyOf(good, good.length - 3))).isInstanceOf(InvalidProtocolBufferException.class);

        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bad);
        out.writeString(1, "b");
        out.writeByteArray(2, new byte[] {'a', (byte) 0xc3, '('}); // not UTF-8
        out.flush();
        assertThatThrownBy(() -> BatchDecoder.decode(bad.toByteArray())).isInstanceOf(InvalidProtocolBufferException.class)
                .hasMessageContaining("UTF-8");

        assertThatThrownBy(() -> BatchDecoder.decode(new byte[] {0x1a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}))
                .as("a call log longer than the batch").isInstanceOf(InvalidProtocolBufferException.class);
        assertThatThrownBy(() -> BatchDecoder.decode(new byte[] {0x0c})).as("an end-group tag out of place")
                .isInstanceOf(InvalidProtocolBufferException.class);
    }

    @Test
    void valuesOutOfRangeAreNamedWithTheirPlace() throws IOException {
        CallLog fine = SampleCallLogs.full(T0);
        var badPort = IngestCodec.encode(fine).toBuilder().setServerPort(70000).build();
        var badType = IngestCodec.encode(fine).toBuilder().setType("sometimes").build();
        assertThatThrownBy(() -> BatchDecoder.decode(batchOf(IngestCodec.encode(fine), badPort)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("call_logs[1]: server_port 70000 is out of range");
        assertThatThrownBy(() -> BatchDecoder.decode(batchOf(badType))).hasMessage("call_logs[0]: type is 'sometimes', not a known value");
        assertThatThrownBy(() -> BatchDecoder.decode(io.wirespan.server.ingest.proto.Batch.newBuilder().setBatchId("b")
                .addMetrics(io.wirespan.server.ingest.proto.MetricsRow.newBuilder().setWindowSeconds(5)).build().toByteArray()))
                .hasMessage("metrics[0]: window_seconds is 5, not 1 or 60");
        assertThatThrownBy(() -> BatchDecoder.decode(batchOf())).hasMessage("batch_id is missing");
    }

    private static byte[] batchOf(io.wirespan.server.ingest.proto.CallLog... logs) {
        var batch = io.wirespan.server.ingest.proto.Batch.newBuilder().setBatchId(logs.length == 0 ? "" : "b");
        for (var log : logs) batch.addCallLogs(log);
        return batch.build().toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static CallLog random(SplittableRandom random, int i) {
        CallLog.Builder log = CallLog.builder().startTime(T0 + i).endTime(T0 + i + random.nextInt(1000)).flowId(random.nextLong())
                .protocol(random.nextBoolean() ? "TCP" : "UDP").client("10.0." + random.nextInt(4) + ".1", random.nextInt(65536))
                .server("10.1.0." + random.nextInt(3), 80).l7Protocol(random.nextBoolean() ? L7Protocol.HTTP1 : L7Protocol.REDIS)
                .requestDomain("orders.svc").requestResource("/item/" + random.nextInt() + " é")
                .responseDuration(random.nextBoolean() ? null : random.nextLong(0, 1_000_000))
                .responseCode(random.nextBoolean() ? null : 200 + random.nextInt(400)).isTls(random.nextBoolean() ? null : random.nextBoolean())
                .requestId(random.nextBoolean() ? null : random.nextLong());
        if (random.nextInt(4) == 0) log.attributes(Map.of("k" + random.nextInt(3), "v" + random.nextInt(), "z", ""));
        if (random.nextInt(4) == 0) log.traceId(Long.toHexString(random.nextLong())).spanId("s" + i).agent("node-" + random.nextInt(3));
        return log.build();
    }
}
