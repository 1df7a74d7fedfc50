package io.wirespan.engine.protocol.http2;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wirespan.engine.protocol.ParserFuzzing;
import io.wirespan.engine.tags.HttpEndpoints;
import io.wirespan.engine.tags.TraceHeaders;
import java.util.List;

/**
 * Arbitrary bytes through the HTTP/2 parser (the shared harness: check, chunking, both directions,
 * gaps) and through the HPACK decoder alone. Plain {@code mvn test} replays the seeds in
 * {@code Http2FuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration}.
 */
class Http2FuzzTest {
    private static final Http2Protocol STREAMING = new Http2Protocol(
            new TraceHeaders(List.of("traceparent", "sw8", "uber-trace-id"), List.of("sw8"), List.of("x-request-id"),
                    List.of("x-forwarded-for")), HttpEndpoints.defaults(), true);

    @FuzzTest(maxDuration = "30s")
    void parsesArbitraryBytes(byte[] input) {
        ParserFuzzing.fuzz(new Http2Protocol(), input);
    }

    @FuzzTest(maxDuration = "30s")
    void parsesArbitraryBytesWithGrpcStreamingData(byte[] input) {
        ParserFuzzing.fuzz(STREAMING, input);
    }

    /** The first byte splits the rest into header blocks for one decoder, which starts in step or joined late. */
    @FuzzTest(maxDuration = "30s")
    void decodesArbitraryHeaderBlocks(byte[] input) {
        if (input.length == 0) return;
        int control = input[0] & 0xFF;
        HpackDecoder decoder = new HpackDecoder(64 + (control & 0x7F) * 32, 4096, HpackDecoderTest.counters());
        if ((control & 0x80) != 0) decoder.markDesynced();
        int blockLength = 1 + (control & 0x1F);
        HeaderList sink = new HeaderList();
        for (int at = 1; at < input.length; at += blockLength) {
            decoder.decode(input, at, Math.min(blockLength, input.length - at), sink);
            HpackDynamicTable table = decoder.table();
            if (table.size() > table.capacity() || table.capacity() > HpackDecoder.MAX_TABLE_CAPACITY) {
                throw new AssertionError("table " + table.size() + " octets, capacity " + table.capacity());
            }
        }
    }
}
