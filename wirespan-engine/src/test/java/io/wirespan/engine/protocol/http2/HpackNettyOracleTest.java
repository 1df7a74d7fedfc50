package io.wirespan.engine.protocol.http2;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import io.wirespan.engine.protocol.ParserCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Netty's HPACK encoder (netty-codec-http2, test scope) as an independent oracle: random header
 * lists, Huffman on and off, sensitive (never-indexed) headers and table size changes, decoded
 * by ours from the connection's start and from a point in the middle.
 */
class HpackNettyOracleTest {
    private static final String[] NAMES = {
        ":path", ":authority", "content-type", "user-agent", "accept", "cookie", "x-request-id", "traceparent",
        "grpc-timeout", "te", "x-custom", "authorization", "date", "etag", "x-b3-traceid", "custom-key",
    };

    private record Block(byte[] bytes, List<String> headers) {}

    @ParameterizedTest(name = "huffman threshold {0}")
    @ValueSource(ints = {0, 8, 512})
    void decodesWhatNettyEncodesAndConvergesWhenJoiningMidStream(int huffmanThreshold) throws Http2Exception {
        Random random = new Random(huffmanThreshold + 9113L);
        DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder(
                (name, value) -> name.toString().equals("authorization"), false, 16, huffmanThreshold);
        List<Block> blocks = new ArrayList<>();
        List<Long> tableSizes = new ArrayList<>();
        long size = 4096;
        for (int i = 0; i < 300; i++) {
            if (i % 50 == 25) { // the peer's SETTINGS_HEADER_TABLE_SIZE changes; Netty announces it in the next block
                size = random.nextBoolean() ? 256 : 8192;
                encoder.configuration().maxHeaderTableSize(size);
            }
            tableSizes.add(size);
            blocks.add(encode(encoder, randomHeaders(random)));
        }

        ParserCounters<Http2Counter> fromStartCounters = HpackDecoderTest.counters();
        HpackDecoder fromStart = new HpackDecoder(4096, 1 << 20, fromStartCounters);
        for (int i = 0; i < blocks.size(); i++) {
            fromStart.settingsTableSize(tableSizes.get(i).intValue());
            assertThat(decode(fromStart, blocks.get(i))).as("block %d", i).isEqualTo(blocks.get(i).headers());
        }
        assertThat(fromStartCounters.count(Http2Counter.UNKNOWN_TABLE_REFERENCES)).isZero();
        assertThat(fromStartCounters.count(Http2Counter.MALFORMED_HEADER_BLOCKS)).isZero();

        ParserCounters<Http2Counter> joinedCounters = HpackDecoderTest.counters();
        HpackDecoder joined = new HpackDecoder(4096, 1 << 20, joinedCounters);
        joined.markDesynced();
        int placeholders = 0;
        for (int i = 10; i < blocks.size(); i++) {
            List<String> got = decode(joined, blocks.get(i));
            List<String> want = blocks.get(i).headers();
            assertThat(got).as("block %d", i).hasSameSizeAs(want);
            for (int h = 0; h < want.size(); h++) {
                if (got.get(h).equals("?")) {
                    placeholders++;
                    assertThat(i).as("still unknown at block %d", i).isLessThan(200);
                } else {
                    assertThat(got.get(h)).as("block %d header %d", i, h).isEqualTo(want.get(h));
                }
            }
        }
        assertThat(placeholders).as("joining late leaves some headers unknown at first").isPositive();
        assertThat(joinedCounters.count(Http2Counter.MALFORMED_HEADER_BLOCKS)).isZero();
    }

    private static Http2Headers randomHeaders(Random random) {
        Http2Headers headers = new DefaultHttp2Headers(false);
        headers.method(random.nextBoolean() ? "GET" : "POST").scheme("http");
        int n = 2 + random.nextInt(8);
        for (int i = 0; i < n; i++) {
            String name = random.nextInt(4) == 0 ? "x-" + Integer.toString(random.nextInt(40), 36) : NAMES[random.nextInt(NAMES.length)];
            headers.add(name, value(random));
        }
        return headers;
    }

    /** Repeated values (which Netty indexes) and fresh ones, any octet. */
    private static AsciiString value(Random random) {
        if (random.nextInt(3) == 0) return new AsciiString("value-" + random.nextInt(20));
        byte[] bytes = new byte[random.nextInt(random.nextInt(10) == 0 ? 300 : 40)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = random.nextInt(5) == 0 ? (byte) random.nextInt(256) : (byte) (' ' + random.nextInt(95));
        }
        return new AsciiString(bytes);
    }

    private static Block encode(DefaultHttp2HeadersEncoder encoder, Http2Headers headers) throws Http2Exception {
        ByteBuf buf = Unpooled.buffer();
        try {
            encoder.encodeHeaders(1, headers, buf);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            List<String> expected = new ArrayList<>();
            for (Map.Entry<CharSequence, CharSequence> h : headers) {
                expected.add(h.getKey() + ": " + new String(AsciiString.of(h.getValue()).array(),
                        AsciiString.of(h.getValue()).arrayOffset(), h.getValue().length(), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            return new Block(bytes, expected);
        } finally {
            buf.release();
        }
    }

    private static List<String> decode(HpackDecoder decoder, Block block) {
        HeaderList sink = new HeaderList();
        assertThat(decoder.decode(block.bytes(), 0, block.bytes().length, sink)).isTrue();
        return sink.headers;
    }
}
