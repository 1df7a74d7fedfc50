package io.wirespan.engine.protocol.http2;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.engine.protocol.ParserCounters;
import io.wirespan.engine.protocol.TestContext;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 7541 Appendix C, decoded block after block on one decoder, with and without Huffman coding. */
class HpackDecoderTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void decodesTheSingleRepresentationsOfC2() {
        expectBlock(new HpackDecoder(4096, 65536, counters()), "400a637573746f6d2d6b65790d637573746f6d2d686561646572",
                List.of("custom-key: custom-header"), List.of("custom-key: custom-header"), 55);
        expectBlock(new HpackDecoder(4096, 65536, counters()), "040c2f73616d706c652f70617468",
                List.of(":path: /sample/path"), List.of(), 0);
        expectBlock(new HpackDecoder(4096, 65536, counters()), "100870617373776f726406736563726574",
                List.of("password: secret"), List.of(), 0);
        expectBlock(new HpackDecoder(4096, 65536, counters()), "82", List.of(":method: GET"), List.of(), 0);
    }

    @Test
    void decodesTheRequestsOfC3WithoutHuffman() {
        requests(new String[] {
            "828684410f7777772e6578616d706c652e636f6d",
            "828684be58086e6f2d6361636865",
            "828785bf400a637573746f6d2d6b65790c637573746f6d2d76616c7565",
        });
    }

    @Test
    void decodesTheRequestsOfC4WithHuffman() {
        requests(new String[] {
            "828684418cf1e3c2e5f23a6ba0ab90f4ff",
            "828684be5886a8eb10649cbf",
            "828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf",
        });
    }

    @Test
    void decodesTheResponsesOfC5WithoutHuffmanEvictingAt256Octets() {
        responses(new String[] {
            "4803333032580770726976617465611d4d6f6e2c203231204f637420323031332032303a31333a323120474d546e1768747470733a2f2f7777772e6578616d706c652e636f6d",
            "4803333037c1c0bf",
            "88c1611d4d6f6e2c203231204f637420323031332032303a31333a323220474d54c05a04677a69707738666f6f3d4153444a4b48514b425a584f5157454f50495541585157454f49553b206d61782d6167653d333630303b2076657273696f6e3d31",
        });
    }

    @Test
    void decodesTheResponsesOfC6WithHuffmanEvictingAt256Octets() {
        responses(new String[] {
            "488264025885aec3771a4b6196d07abe941054d444a8200595040b8166e082a62d1bff6e919d29ad171863c78f0b97c8e9ae82ae43d3",
            "4883640effc1c0bf",
            "88c16196d07abe941054d444a8200595040b8166e084a62d1bffc05a839bd9ab77ad94e7821dd7f2e6c7b335dfdfcd5b3960d5af27087f3672c1ab270fb5291f9587316065c003ed4ee5b1063d5007",
        });
    }

    private static void requests(String[] blocks) {
        HpackDecoder decoder = new HpackDecoder(4096, 65536, counters());
        expectBlock(decoder, blocks[0],
                List.of(":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com"),
                List.of(":authority: www.example.com"), 57);
        expectBlock(decoder, blocks[1],
                List.of(":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com", "cache-control: no-cache"),
                List.of("cache-control: no-cache", ":authority: www.example.com"), 110);
        expectBlock(decoder, blocks[2],
                List.of(":method: GET", ":scheme: https", ":path: /index.html", ":authority: www.example.com",
                        "custom-key: custom-value"),
                List.of("custom-key: custom-value", "cache-control: no-cache", ":authority: www.example.com"), 164);
    }

    private static void responses(String[] blocks) {
        HpackDecoder decoder = new HpackDecoder(256, 65536, counters());
        String date1 = "date: Mon, 21 Oct 2013 20:13:21 GMT";
        String date2 = "date: Mon, 21 Oct 2013 20:13:22 GMT";
        String location = "location: https://www.example.com";
        String cookie = "set-cookie: foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1";
        expectBlock(decoder, blocks[0],
                List.of(":status: 302", "cache-control: private", date1, location),
                List.of(location, date1, "cache-control: private", ":status: 302"), 222);
        expectBlock(decoder, blocks[1],
                List.of(":status: 307", "cache-control: private", date1, location),
                List.of(":status: 307", location, date1, "cache-control: private"), 222);
        expectBlock(decoder, blocks[2],
                List.of(":status: 200", "cache-control: private", date2, location, "content-encoding: gzip", cookie),
                List.of(cookie, "content-encoding: gzip", date2), 215);
    }

    /** Counters of their own, for a decoder made outside a parser. */
    static ParserCounters<Http2Counter> counters() {
        return new ParserCounters<>(Http2Counter.values(), TestContext.tcp());
    }

    static void expectBlock(HpackDecoder decoder, String hex, List<String> headers, List<String> table, int tableSize) {
        byte[] block = HEX.parseHex(hex);
        HeaderList sink = new HeaderList();
        assertThat(decoder.decode(block, 0, block.length, sink)).as("well formed").isTrue();
        assertThat(sink.headers).isEqualTo(headers);
        assertThat(HeaderList.table(decoder)).isEqualTo(table);
        assertThat(decoder.table().size()).isEqualTo(tableSize);
    }
}
