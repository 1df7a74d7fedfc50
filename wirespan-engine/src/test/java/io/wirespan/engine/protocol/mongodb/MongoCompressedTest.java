package io.wirespan.engine.protocol.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.luben.zstd.Zstd;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.MessageType;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.protocol.ParserDriver;
import io.wirespan.engine.protocol.TestContext;
import io.wirespan.engine.testing.TcpStreams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OP_COMPRESSED as a driver sends it when the server offers compression, built from the messages the
 * real MongoDB Java driver and mongo-java-server exchanged ({@code samples/mongodb.pcap}; that server
 * offers no compressor, so the driver never compressed): each OP_MSG goes inside OP_COMPRESSED with
 * the compressors' own libraries (snappy-java, java.util.zip, zstd-jni); the handshake stays plain
 * as the wire-compression specification wants. The parser must decode each as it decodes the
 * original; zstd, for which it has no decompressor, by header only.
 */
class MongoCompressedTest {
    private static final String[] NAMES = {"noop", "snappy", "zlib", "zstd"};

    /** One message of the sample in capture order: its flow, direction and bytes. */
    private record Message(long flowId, Direction direction, byte[] bytes) {}

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {0, 1, 2})
    void everyDriverMessageCompressedDecodesAsTheOriginal(int compressorId) {
        List<Message> messages = sampleMessages();
        List<L7Message> plain = parse(messages, -1);
        List<L7Message> compressed = parse(messages, compressorId);

        assertThat(compressed).hasSameSizeAs(plain);
        int compressedCount = 0;
        for (int i = 0; i < plain.size(); i++) {
            L7Message original = plain.get(i);
            L7Message c = compressed.get(i);
            assertThat(c).as("message " + i).usingRecursiveComparison().ignoringFields("attributes", "capturedBytes").isEqualTo(original);
            if (!c.attributes().isEmpty()) {
                assertThat(c.attributes()).isEqualTo(Map.of("compressor", NAMES[compressorId]));
                compressedCount++;
            }
        }
        assertThat(compressedCount).as("OP_MSG messages compressed").isGreaterThanOrEqualTo(18);
    }

    @Test
    void zstdMessagesAreReportedByHeaderAndCounted() {
        List<Message> messages = sampleMessages();
        List<L7Message> plain = parse(messages, -1);
        TestContext context = TestContext.tcp();
        MongoProtocol protocol = new MongoProtocol();
        List<MongoParser> parsers = new ArrayList<>();
        List<L7Message> compressed = parse(messages, 3, protocol, parsers, context);

        assertThat(compressed).extracting(L7Message::type, L7Message::sessionId, L7Message::requestType)
                .containsExactlyElementsOf(plain.stream().map(m -> tuple(m.type(), m.sessionId(), m.requestType())).toList());
        long zstd = compressed.stream().filter(m -> !m.attributes().isEmpty()).count();
        assertThat(zstd).isGreaterThanOrEqualTo(18);
        for (L7Message m : compressed) {
            if (m.attributes().isEmpty()) continue;
            assertThat(m.attributes()).isEqualTo(Map.of("compressor", "zstd"));
            assertThat(m.requestResource()).isNull();
            assertThat(m.responseResult()).isNull();
            if (m.type() == MessageType.RESPONSE) assertThat(m.responseStatus()).isEqualTo(ResponseStatus.OK);
        }
        assertThat(parsers.stream().mapToLong(p -> p.counters().count(MongoCounter.UNSUPPORTED_COMPRESSOR)).sum()).isEqualTo(zstd);
    }

    @Test
    void snappyDecompressesWhatSnappyJavaCompresses() throws IOException {
        Random random = new Random(42);
        for (int size : new int[] {0, 1, 59, 60, 61, 255, 256, 4096, 65535, 65536, 65537, 300_000}) {
            byte[] data = new byte[size];
            for (int i = 0; i < size; i++) {
                // runs, repeats at near and far distances, and noise: every element kind snappy-java writes
                data[i] = i % 1000 < 300 ? (byte) random.nextInt(256) : i >= 70_000 && i % 3 == 0 ? data[i - 70_000] : (byte) (i / 7);
            }
            byte[] packed = org.xerial.snappy.Snappy.compress(data);
            byte[] out = new byte[size];
            assertThat(Snappy.decompress(packed, 0, packed.length, out)).as("size " + size).isEqualTo(size);
            assertThat(out).as("size " + size).isEqualTo(data);
        }
    }

    private static List<L7Message> parse(List<Message> messages, int compressorId) {
        return parse(messages, compressorId, new MongoProtocol(), new ArrayList<>(), TestContext.tcp());
    }

    /** Each flow through its own parser, messages in capture order, OP_MSG compressed with {@code compressorId} (-1: none). */
    private static List<L7Message> parse(List<Message> messages, int compressorId, MongoProtocol protocol, List<MongoParser> parsers,
            TestContext context) {
        Map<Long, ParserDriver> drivers = new LinkedHashMap<>();
        List<L7Message> out = new ArrayList<>();
        for (Message m : messages) {
            ParserDriver driver = drivers.computeIfAbsent(m.flowId(), id -> {
                MongoParser parser = (MongoParser) protocol.newParser(context);
                parsers.add(parser);
                return new ParserDriver(parser, context);
            });
            int before = driver.messages().size();
            boolean opMsg = MongoWire.opcode(m.bytes(), 0) == MongoOpcode.OP_MSG.code();
            driver.feed(m.direction(), compressorId >= 0 && opMsg ? compress(m.bytes(), compressorId) : m.bytes());
            out.addAll(driver.messages().subList(before, driver.messages().size()));
        }
        return out;
    }

    /** OP_COMPRESSED (MongoDB wire compression spec): the header with opcode 2012, the original opcode, its body's size, the compressor id, the compressed body. */
    private static byte[] compress(byte[] message, int compressorId) {
        byte[] body = Arrays.copyOfRange(message, 16, message.length);
        byte[] packed = switch (compressorId) {
            case 0 -> body;
            case 1 -> snappy(body);
            case 2 -> zlib(body);
            default -> Zstd.compress(body);
        };
        ByteBuffer in = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(16 + 9 + packed.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(16 + 9 + packed.length).putInt(in.getInt(4)).putInt(in.getInt(8)).putInt(2012);
        out.putInt(in.getInt(12)).putInt(body.length).put((byte) compressorId).put(packed);
        return out.array();
    }

    private static byte[] snappy(byte[] data) {
        try {
            return org.xerial.snappy.Snappy.compress(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] zlib(byte[] data) {
        Deflater deflater = new Deflater(6);
        deflater.setInput(data);
        deflater.finish();
        byte[] out = new byte[data.length + 64];
        int n = deflater.deflate(out);
        deflater.end();
        return Arrays.copyOf(out, n);
    }

    /** The MongoDB messages of {@code samples/mongodb.pcap}, whole, in capture order. */
    private static List<Message> sampleMessages() {
        Path sample = null;
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && sample == null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("samples/mongodb.pcap"))) sample = dir.resolve("samples/mongodb.pcap");
        }
        if (sample == null) throw new AssertionError("samples/mongodb.pcap not found above " + Path.of("").toAbsolutePath());
        TcpStreams streams = TcpStreams.of(sample);
        // pieces in capture order, cut into whole messages per flow and direction
        Map<String, ByteArrayOutputStream> pending = new HashMap<>();
        List<Message> messages = new ArrayList<>();
        for (TcpStreams.Piece p : streams.pieces()) {
            assertThat(p.gap()).as("a gap in the sample").isZero();
            ByteArrayOutputStream held = pending.computeIfAbsent(p.flowId() + " " + p.direction(), k -> new ByteArrayOutputStream());
            held.writeBytes(p.bytes());
            byte[] bytes = held.toByteArray();
            int at = 0;
            while (bytes.length - at >= 4) {
                int length = ByteBuffer.wrap(bytes, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                if (length < 16 || bytes.length - at < length) break;
                messages.add(new Message(p.flowId(), p.direction(), Arrays.copyOfRange(bytes, at, at + length)));
                at += length;
            }
            held.reset();
            held.write(bytes, at, bytes.length - at);
        }
        assertThat(messages).as("messages in the sample").isNotEmpty();
        return messages;
    }
}
