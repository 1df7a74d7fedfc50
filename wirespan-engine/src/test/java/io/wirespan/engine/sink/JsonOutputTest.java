package io.wirespan.engine.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class JsonOutputTest {

    @Test
    void encodesEveryKindOfCharacterAsUtf8() {
        String text = "aé€😀\"\\\n\u0001\u007f";
        assertThat(new JsonOutput(4).string(text).toString()).isEqualTo("\"aé€😀\\\"\\\\\\n\\u0001\\u007f\"");
    }

    @Test
    void escapesLoneSurrogatesSoTheBytesStayValidUtf8() {
        assertThat(new JsonOutput(4).string("\ud800x\udc00").toString()).isEqualTo("\"\\ud800x\\udc00\"");
    }

    @Test
    void writesNumbersAsLongToStringDoes() {
        JsonOutput out = new JsonOutput(1);
        Random random = new Random(3);
        long[] values = {0, 9, 10, 99, 100, -1, 99_999_999, 100_000_000, 100_000_001, 1_666_092_376_221_484L,
                10_000_000_000_000_001L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
        for (long v : values) assertThat(number(out, v)).isEqualTo(Long.toString(v));
        for (int i = 0; i < 10_000; i++) {
            long v = random.nextLong() >> random.nextInt(64);
            assertThat(number(out, v)).isEqualTo(Long.toString(v));
        }
    }

    @Test
    void randomStringsComeBackFromAJsonParserAsTheyWent() throws IOException {
        Random random = new Random(7);
        JsonOutput out = new JsonOutput(8);
        for (int i = 0; i < 5_000; i++) {
            String original = randomString(random);
            out.reset();
            out.string(original);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            out.writeTo(bytes);
            String json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString(); // throws on anything but valid UTF-8
            String parsed = BsonDocument.parse("{\"s\": " + json + "}").getString("s").getValue();
            assertThat(parsed).isEqualTo(original);
        }
    }

    private static String number(JsonOutput out, long value) {
        out.reset();
        return out.number(value).toString();
    }

    /** Mostly ASCII, with escapes, 2-, 3- and 4-byte characters and lone surrogates mixed in. */
    private static String randomString(Random random) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> s.append((char) random.nextInt(0x20));
                case 1 -> s.append("\"\\\u007f".charAt(random.nextInt(3)));
                case 2 -> s.append((char) (0x80 + random.nextInt(0x780)));
                case 3 -> s.append((char) (0xd800 + random.nextInt(0x800))); // a surrogate, paired or not
                case 4 -> s.appendCodePoint(0x10000 + random.nextInt(0x100000));
                default -> s.append((char) (0x20 + random.nextInt(0x5f)));
            }
        }
        return s.toString();
    }
}
