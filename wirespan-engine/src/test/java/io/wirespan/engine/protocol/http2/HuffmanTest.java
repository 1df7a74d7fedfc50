package io.wirespan.engine.protocol.http2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HuffmanTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void canonicalCodesAreTheOnesOfRfc7541AppendixB() {
        // (symbol, code as hex, length) rows of the RFC's table, across all code lengths
        int[][] rows = {
            {0, 0x1ff8, 13}, {1, 0x7fffd8, 23}, {9, 0xffffea, 24}, {10, 0x3ffffffc, 30}, {' ', 0x14, 6},
            {'!', 0x3f8, 10}, {'\'', 0x7fa, 11}, {'#', 0xffa, 12}, {'0', 0x0, 5}, {':', 0x5c, 7}, {'&', 0xf8, 8},
            {'<', 0x7ffc, 15}, {'\\', 0x7fff0, 19}, {'^', 0x3ffc, 14}, {'t', 0x9, 5}, {'z', 0x7b, 7},
            {127, 0xffffffc, 28}, {128, 0xfffe6, 20}, {153, 0x1fffdc, 21}, {129, 0x3fffd2, 22}, {199, 0x1ffffec, 25},
            {192, 0x3ffffe0, 26}, {203, 0x7ffffde, 27}, {255, 0x3ffffee, 26}, {254, 0x7fffff0, 27},
            {Huffman.EOS, 0x3fffffff, 30},
        };
        for (int[] row : rows) {
            assertThat(Huffman.code(row[0])).as("code of %d", row[0]).isEqualTo(row[1]);
            assertThat(Huffman.codeLength(row[0])).as("length of %d", row[0]).isEqualTo(row[2]);
        }
    }

    @Test
    void decodesTheStringsOfRfc7541AppendixC4AndC6() {
        assertThat(decode("f1e3c2e5f23a6ba0ab90f4ff")).isEqualTo("www.example.com");
        assertThat(decode("a8eb10649cbf")).isEqualTo("no-cache");
        assertThat(decode("25a849e95ba97d7f")).isEqualTo("custom-key");
        assertThat(decode("25a849e95bb8e8b4bf")).isEqualTo("custom-value");
        assertThat(decode("6402")).isEqualTo("302");
        assertThat(decode("aec3771a4b")).isEqualTo("private");
        assertThat(decode("d07abe941054d444a8200595040b8166e082a62d1bff")).isEqualTo("Mon, 21 Oct 2013 20:13:21 GMT");
        assertThat(decode("9d29ad171863c78f0b97c8e9ae82ae43d3")).isEqualTo("https://www.example.com");
        assertThat(decode("")).isEmpty();
    }

    @Test
    void encodesAsTheRfcDoes() {
        byte[] text = "www.example.com".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[Huffman.encodedLength(text, 0, text.length)];
        assertThat(Huffman.encode(text, 0, text.length, out, 0)).isEqualTo(12);
        assertThat(HEX.formatHex(out)).isEqualTo("f1e3c2e5f23a6ba0ab90f4ff");
    }

    @Test
    void roundTripsEveryOctetValue() {
        Random random = new Random(7541);
        for (int round = 0; round < 500; round++) {
            byte[] text = new byte[random.nextInt(64)];
            random.nextBytes(text);
            byte[] encoded = new byte[Huffman.encodedLength(text, 0, text.length)];
            Huffman.encode(text, 0, text.length, encoded, 0);
            byte[] decoded = new byte[Huffman.maxDecodedLength(encoded.length)];
            int n = Huffman.decode(encoded, 0, encoded.length, decoded, 0);
            assertThat(java.util.Arrays.copyOf(decoded, n)).isEqualTo(text);
        }
    }

    @Test
    void rejectsPaddingThatIsNotAnEosPrefixOrLongerThanSevenBits() {
        // 'a' is 00011: padding with zeros instead of ones
        assertThat(Huffman.decode(HEX.parseHex("18"), 0, 1, new byte[8], 0)).isEqualTo(-1);
        // "0" (00000) then a whole octet of ones: 11 bits of padding
        assertThat(Huffman.decode(HEX.parseHex("07ff"), 0, 2, new byte[8], 0)).isEqualTo(-1);
        // EOS itself (30 ones) inside the string
        assertThat(Huffman.decode(HEX.parseHex("ffffffff"), 0, 4, new byte[8], 0)).isEqualTo(-1);
        // the same "a" padded correctly
        assertThat(decode("1f")).isEqualTo("a");
    }

    private static String decode(String hex) {
        byte[] encoded = HEX.parseHex(hex);
        byte[] out = new byte[Huffman.maxDecodedLength(encoded.length)];
        int n = Huffman.decode(encoded, 0, encoded.length, out, 0);
        assertThat(n).as("decoded length of %s", hex).isNotNegative();
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }
}
