package io.wirespan.engine.protocol.http2;

import static io.wirespan.engine.protocol.http2.HpackDecoderTest.counters;
import static io.wirespan.engine.protocol.http2.HpackDecoderTest.expectBlock;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.engine.protocol.ParserCounters;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dynamic table sizing, joining mid-stream, malformed blocks and the decoder's bounds. */
class HpackTableTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void sizeUpdateEvictsAndZeroEmptiesTheTable() {
        ParserCounters<Http2Counter> counters = counters();
        HpackDecoder decoder = new HpackDecoder(4096, 65536, counters);
        // two literals with incremental indexing, new names: a: 1 (34 octets), bb: 22 (36 octets)
        expectBlock(decoder, "4001610131" + "400262620232 32".replace(" ", ""), List.of("a: 1", "bb: 22"),
                List.of("bb: 22", "a: 1"), 70);
        // size update to 40 (001 + 5-bit prefix 31, then 9): only the newest entry fits
        expectBlock(decoder, "3f09", List.of(), List.of("bb: 22"), 36);
        assertThat(decoder.table().capacity()).isEqualTo(40);
        // size update to 0 then back to 4096 (3f e11f), then an insert
        expectBlock(decoder, "20" + "3fe11f" + "4001630133", List.of("c: 3"), List.of("c: 3"), 34);
        assertThat(decoder.table().capacity()).isEqualTo(4096);
        assertThat(counters.count(Http2Counter.TABLE_SIZE_VIOLATIONS)).as("all within SETTINGS_HEADER_TABLE_SIZE").isZero();
    }

    @Test
    void anEntryLargerThanTheTableEmptiesIt() {
        HpackDecoder decoder = new HpackDecoder(64, 65536, counters());
        expectBlock(decoder, "4001610131", List.of("a: 1"), List.of("a: 1"), 34);
        // name "a", value of 40 octets: 1 + 40 + 32 > 64
        String value = "78".repeat(40);
        expectBlock(decoder, "40016128" + value, List.of("a: " + "x".repeat(40)), List.of(), 0);
    }

    @Test
    void aTableSizeAboveTheCapIsCappedAndAboveTheSettingIsCounted() {
        ParserCounters<Http2Counter> counters = counters();
        HpackDecoder decoder = new HpackDecoder(4096, 65536, counters);
        // size update to 1 MiB: 31 + 1048545 = 0x0FFFE1 -> e1 ff 3f
        expectBlock(decoder, "3fe1ff3f", List.of(), List.of(), 0);
        assertThat(decoder.table().capacity()).isEqualTo(HpackDecoder.MAX_TABLE_CAPACITY);
        assertThat(counters.count(Http2Counter.TABLE_SIZE_VIOLATIONS)).isEqualTo(1);
    }

    @Test
    void unknownIndexAfterMidStreamStartIsAPlaceholderAndTheTableConverges() {
        ParserCounters<Http2Counter> counters = counters();
        HpackDecoder decoder = new HpackDecoder(4096, 65536, counters);
        decoder.markDesynced();
        // 62 refers to an entry inserted before we joined; 0x7e = literal with indexing, name = entry 62
        expectBlock(decoder, "be" + "82" + "7e03666f6f", List.of("?", ":method: GET", "?"), List.of("?: foo"), 35);
        assertThat(counters.count(Http2Counter.UNKNOWN_TABLE_REFERENCES)).isEqualTo(2);
        // a new insert is known; the index of the older one moved to 63, still unknown
        expectBlock(decoder, "4001780131" + "be" + "bf", List.of("x: 1", "x: 1", "?"), List.of("x: 1", "?: foo"), 69);
        assertThat(decoder.isDesynced()).isTrue();
        // a size update to 0 empties the peer's table too: from then on every index is known
        expectBlock(decoder, "20" + "3fe11f" + "4001790132" + "be", List.of("y: 2", "y: 2"), List.of("y: 2"), 34);
        assertThat(decoder.isDesynced()).isFalse();
    }

    @Test
    void anUnknownIndexInStepMeansAMissedInsertAndIsAPlaceholderToo() {
        HpackDecoder decoder = new HpackDecoder(4096, 65536, counters());
        HeaderList sink = new HeaderList();
        byte[] block = HEX.parseHex("c082");
        assertThat(decoder.decode(block, 0, block.length, sink)).isTrue();
        assertThat(sink.headers).containsExactly("?", ":method: GET");
        assertThat(decoder.isDesynced()).isTrue();
    }

    @Test
    void malformedBlocksKeepWhatCameBeforeAndLeaveTheTableDesynced() {
        assertMalformed("82" + "0a05616263", List.of(":method: GET"));         // value runs past the block
        assertMalformed("86" + "ffffffffff0f", List.of(":scheme: http"));       // index past 2^31 - 1
        assertMalformed("80", List.of());                                      // index 0
        assertMalformed("048100", List.of());                                  // Huffman padding of zeros
        assertMalformed("3f", List.of());                                      // size update cut short
    }

    @Test
    void headersPastTheListLimitAreDecodedForTheTableButNotDelivered() {
        ParserCounters<Http2Counter> counters = counters();
        HpackDecoder decoder = new HpackDecoder(4096, 100, counters);
        String value = "76".repeat(30); // 30 x 'v'
        String block = "40016e1e" + value + "40016f1e" + value; // n: v*30, o: v*30 (63 octets each)
        HeaderList sink = new HeaderList();
        byte[] bytes = HEX.parseHex(block);
        assertThat(decoder.decode(bytes, 0, bytes.length, sink)).isTrue();
        assertThat(sink.headers).containsExactly("n: " + "v".repeat(30));
        assertThat(counters.count(Http2Counter.TRUNCATED_HEADER_LISTS)).isEqualTo(1);
        assertThat(decoder.table().count()).isEqualTo(2);
    }

    private static void assertMalformed(String hex, List<String> before) {
        ParserCounters<Http2Counter> counters = counters();
        HpackDecoder decoder = new HpackDecoder(4096, 65536, counters);
        HeaderList sink = new HeaderList();
        byte[] block = HEX.parseHex(hex);
        assertThat(decoder.decode(block, 0, block.length, sink)).as(hex).isFalse();
        assertThat(sink.headers).as(hex).isEqualTo(before);
        assertThat(counters.count(Http2Counter.MALFORMED_HEADER_BLOCKS)).isEqualTo(1);
        assertThat(decoder.isDesynced()).isTrue();
    }
}
