package io.wirespan.engine.protocol.mongodb;

import static io.wirespan.engine.protocol.mongodb.MongoSamples.concat;
import static io.wirespan.engine.protocol.mongodb.MongoSamples.opMsg;
import static io.wirespan.engine.protocol.mongodb.MongoSamples.opQuery;
import static io.wirespan.engine.protocol.mongodb.MongoSamples.opReply;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.MessageType;
import io.wirespan.api.ParserSettings;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.protocol.ParserDriver;
import io.wirespan.engine.protocol.TestContext;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bson.RawBsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MongoParserTest {
    private static final Direction C2S = Direction.CLIENT_TO_SERVER;
    private static final Direction S2C = Direction.SERVER_TO_CLIENT;
    private static final String FIND = "{\"find\": \"users\", \"filter\": {\"age\": {\"$gt\": 30}}, \"limit\": 5,"
            + " \"lsid\": {\"id\": {\"$binary\": {\"base64\": \"uU9EjcLlRI+tnzaqrJqWqQ==\", \"subType\": \"04\"}}},"
            + " \"when\": {\"$date\": \"2024-01-02T03:04:05Z\"}, \"n\": {\"$numberLong\": \"7\"}, \"$db\": \"test\"}";
    private static final String OK_REPLY = "{\"cursor\": {\"firstBatch\": [], \"id\": 0, \"ns\": \"test.users\"}, \"ok\": 1.0}";
    private static final String ERROR_REPLY =
            "{\"ok\": 0.0, \"errmsg\": \"not running with --replSet\", \"code\": 76, \"codeName\": \"NoReplicationEnabled\"}";

    private final MongoProtocol protocol = new MongoProtocol();

    /** What {@code RawBsonDocument.toJson()} prints in relaxed mode: the contract of request_resource. */
    private static String relaxed(String json) {
        return RawBsonDocument.parse(json).toJson(JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build());
    }

    private ParserDriver driver() {
        TestContext context = TestContext.tcp();
        return new ParserDriver(protocol.newParser(context), context);
    }

    @ParameterizedTest(name = "chunk {0}")
    @ValueSource(ints = {1, 3, 7, 16, 100, 100_000})
    void decodesRequestAndReplyInAnyChunking(int chunk) {
        List<L7Message> messages = driver()
                .feed(C2S, opMsg(7, 0, FIND), chunk)
                .feed(S2C, opMsg(99, 7, OK_REPLY), chunk)
                .messages();

        assertThat(messages).hasSize(2);
        L7Message request = messages.get(0);
        assertThat(request.type()).isEqualTo(MessageType.REQUEST);
        assertThat(request.sessionId()).isEqualTo(7L);
        assertThat(request.requestType()).isEqualTo("OP_MSG");
        assertThat(request.requestResource()).isEqualTo(relaxed(FIND));
        assertThat(request.requestResource()).contains("\"limit\": 5", "\"n\": 7", "\"$date\": \"2024-01-02T03:04:05Z\"");
        L7Message reply = messages.get(1);
        assertThat(reply.type()).isEqualTo(MessageType.RESPONSE);
        assertThat(reply.sessionId()).isEqualTo(7L);
        assertThat(reply.responseStatus()).isEqualTo(ResponseStatus.OK);
        assertThat(reply.responseCode()).isNull();
        assertThat(reply.responseResult()).isEqualTo(relaxed(OK_REPLY));
    }

    @Test
    void errorReplyIsClientErrorWithCodeAndErrmsg() {
        List<L7Message> messages = driver()
                .feed(C2S, opMsg(11, 0, "{\"replSetGetStatus\": 1, \"$db\": \"admin\"}"))
                .feed(S2C, opMsg(12, 11, ERROR_REPLY))
                .messages();

        L7Message reply = messages.get(1);
        assertThat(reply.responseStatus()).isEqualTo(ResponseStatus.CLIENT_ERROR);
        assertThat(reply.responseCode()).isEqualTo(76);
        assertThat(reply.responseException()).isEqualTo("not running with --replSet");
    }

    @Test
    void decodesLegacyQueryAndReplyIncludingQueryFailure() {
        List<L7Message> messages = driver()
                .feed(C2S, concat(opQuery(0, "admin.$cmd", "{\"isMaster\": 1}"), opQuery(1, "db.c", "{\"a\": 1}")))
                .feed(S2C, concat(opReply(60, 0, 0, "{\"ismaster\": true, \"ok\": 1.0}"),
                        opReply(61, 1, 2, "{\"$err\": \"bad query\", \"code\": 2}")))
                .messages();

        assertThat(messages).extracting(L7Message::requestType)
                .containsExactly("OP_QUERY", "OP_QUERY", "OP_REPLY", "OP_REPLY");
        assertThat(messages.get(0).requestResource()).isEqualTo("{\"isMaster\": 1}");
        assertThat(messages.get(0).sessionId()).isZero();
        assertThat(messages.get(2).sessionId()).isZero();
        assertThat(messages.get(2).responseStatus()).isEqualTo(ResponseStatus.OK);
        assertThat(messages.get(3).responseStatus()).isEqualTo(ResponseStatus.CLIENT_ERROR);
        assertThat(messages.get(3).responseException()).isEqualTo("bad query");
        assertThat(messages.get(3).responseCode()).isEqualTo(2);
    }

    @Test
    void appendsDocumentSequenceToTheCommandAndSkipsChecksum() {
        byte[] insert = MongoSamples.opMsgWithSequence(5, "{\"insert\": \"c\", \"$db\": \"d\"}", "documents", true,
                "{\"_id\": 1}", "{\"_id\": 2, \"s\": \"x\"}");
        List<L7Message> messages = driver().feed(C2S, insert, 5).messages();

        assertThat(messages).singleElement().extracting(L7Message::requestResource)
                .isEqualTo("{\"insert\": \"c\", \"$db\": \"d\", \"documents\": [{\"_id\": 1}, {\"_id\": 2, \"s\": \"x\"}]}");
    }

    @ParameterizedTest(name = "compressor {0}")
    @ValueSource(ints = {0, 1, 2})
    void decompressesOpCompressedAsItsOriginalOpcode(int compressorId) {
        String big = "{\"insert\": \"c\", \"documents\": [" + "{\"k\": \"aaaaaaaaaaaaaaaaaaaa\", \"v\": 0}, ".repeat(200)
                + "{}], \"$db\": \"d\"}";
        List<L7Message> messages = driver()
                .feed(C2S, MongoSamples.compressed(opMsg(3, 0, big), compressorId), 64)
                .feed(S2C, MongoSamples.compressed(opMsg(4, 3, ERROR_REPLY), compressorId))
                .messages();

        assertThat(messages).hasSize(2);
        String name = new String[] {"noop", "snappy", "zlib"}[compressorId];
        assertThat(messages.get(0).requestType()).isEqualTo("OP_MSG");
        assertThat(messages.get(0).sessionId()).isEqualTo(3L);
        assertThat(messages.get(0).attributes()).isEqualTo(Map.of("compressor", name));
        assertThat(messages.get(0).requestResource()).isEqualTo(relaxed(big).substring(0, 1024));
        assertThat(messages.get(1).responseStatus()).isEqualTo(ResponseStatus.CLIENT_ERROR);
        assertThat(messages.get(1).responseCode()).isEqualTo(76);
    }

    @Test
    void snappyRoundTripsThroughTheTestCompressor() {
        byte[] data = MongoSamples.bson("{\"a\": \"" + "xyz".repeat(500) + "\", \"b\": [1, 2, 3, 1, 2, 3, 1, 2, 3]}");
        byte[] packed = MongoSamples.snappy(data);
        assertThat(packed.length).isLessThan(data.length / 4);
        byte[] out = new byte[data.length];
        assertThat(Snappy.decompress(packed, 0, packed.length, out)).isEqualTo(data.length);
        assertThat(out).isEqualTo(data);
        byte[] prefix = new byte[100];
        assertThat(Snappy.decompress(packed, 0, packed.length, prefix)).isEqualTo(100);
        assertThat(prefix).isEqualTo(Arrays.copyOf(data, 100));
        assertThat(Snappy.decompress(packed, 0, packed.length / 2, out)).isEqualTo(-1);
    }

    @Test
    void zstdIsFramedCountedAndReportedByHeader() {
        TestContext context = TestContext.tcp();
        MongoParser parser = (MongoParser) protocol.newParser(context);
        List<L7Message> messages = new ParserDriver(parser, context)
                .feed(C2S, MongoSamples.compressed(opMsg(3, 0, FIND), 3))
                .feed(C2S, opMsg(4, 0, "{\"ping\": 1}"))
                .messages();

        assertThat(messages).extracting(L7Message::sessionId).containsExactly(3L, 4L);
        assertThat(messages.get(0).requestType()).isEqualTo("OP_MSG");
        assertThat(messages.get(0).requestResource()).isNull();
        assertThat(messages.get(0).attributes()).containsEntry("compressor", "zstd");
        assertThat(parser.counters().count(MongoCounter.UNSUPPORTED_COMPRESSOR)).isEqualTo(1);
    }

    @Test
    void startsMidMessageThenResyncs() {
        byte[] first = opMsg(1, 0, FIND);
        byte[] stream = concat(Arrays.copyOfRange(first, 23, first.length), opMsg(2, 0, "{\"ping\": 1, \"$db\": \"a\"}"),
                opMsg(3, 0, FIND));
        TestContext context = TestContext.tcp();
        MongoParser parser = (MongoParser) protocol.newParser(context);
        List<L7Message> messages = new ParserDriver(parser, context).feed(C2S, stream, 9).messages();

        assertThat(messages).extracting(L7Message::sessionId).containsExactly(2L, 3L);
        assertThat(parser.counters().count(MongoCounter.RESYNC_SKIPPED_BYTES)).isEqualTo(first.length - 23);
    }

    @Test
    void skipsGarbageBetweenMessagesAndCountsIt() {
        byte[] garbage = new byte[300];
        new java.util.Random(1).nextBytes(garbage);
        TestContext context = TestContext.tcp();
        MongoParser parser = (MongoParser) protocol.newParser(context);
        List<L7Message> messages = new ParserDriver(parser, context)
                .feed(C2S, concat(opMsg(1, 0, FIND), garbage, opMsg(2, 0, FIND)), 50)
                .messages();

        assertThat(messages).extracting(L7Message::sessionId).containsExactly(1L, 2L);
        assertThat(parser.counters().count(MongoCounter.RESYNC_SKIPPED_BYTES)).isEqualTo(garbage.length);
        assertThat(parser.counters().count(MongoCounter.BAD_HEADER)).isEqualTo(1);
    }

    @Test
    void gapDropsThePartialMessageAndResumesAtTheNext() {
        byte[] first = opMsg(1, 0, FIND);
        List<L7Message> messages = driver()
                .feed(C2S, Arrays.copyOf(first, 40))
                .gap(C2S, first.length - 40)
                .feed(C2S, concat(opMsg(2, 0, FIND), opMsg(3, 0, FIND)))
                .messages();

        assertThat(messages).extracting(L7Message::sessionId).containsExactly(2L, 3L);
    }

    @Test
    void largeMessageIsDecodedFromItsFirstDocumentAndTheRestSkippedAsItArrives() {
        String[] docs = new String[400];
        Arrays.fill(docs, "{\"blob\": \"" + "z".repeat(1000) + "\"}");
        byte[] insert = MongoSamples.opMsgWithSequence(9, "{\"insert\": \"c\", \"$db\": \"d\"}", "documents", false, docs);
        assertThat(insert.length).isGreaterThan(MongoFramer.MAX_HELD * 3);

        TestContext context = TestContext.tcp();
        MongoParser parser = (MongoParser) protocol.newParser(context);
        // The driver holds only what parse leaves: fed in 1460-byte segments, nothing near the message's size.
        List<L7Message> messages = new ParserDriver(parser, context)
                .feed(C2S, concat(insert, opMsg(10, 0, "{\"ping\": 1}")), 1460)
                .messages();

        assertThat(messages).extracting(L7Message::sessionId).containsExactly(9L, 10L);
        assertThat(messages.get(0).requestResource()).startsWith("{\"insert\": \"c\", \"$db\": \"d\"");
        assertThat(parser.counters().count(MongoCounter.RESYNC_SKIPPED_BYTES)).isZero();
    }

    @Test
    void firstDocumentBeyondTheHoldLimitIsReportedByHeader() {
        String body = "{\"insert\": \"c\", \"pad\": \"" + "p".repeat(MongoFramer.MAX_HELD + 10) + "\"}";
        TestContext context = TestContext.tcp();
        MongoParser parser = (MongoParser) protocol.newParser(context);
        List<L7Message> messages = new ParserDriver(parser, context)
                .feed(C2S, opMsg(5, 0, "{\"ping\": 1}"))
                .feed(C2S, concat(opMsg(6, 0, body), opMsg(7, 0, "{\"ping\": 1}")), 4096)
                .messages();

        assertThat(messages).extracting(L7Message::sessionId).containsExactly(5L, 6L, 7L);
        assertThat(messages.get(1).requestResource()).isNull();
        assertThat(parser.counters().count(MongoCounter.TOO_LARGE)).isEqualTo(1);
    }

    @Test
    void damagedDocumentInStepIsCountedAndSteppedOver() {
        byte[] bad = opMsg(1, 0, FIND);
        bad[21 + 4] = 0x42; // the first element's type byte: unknown type
        TestContext context = TestContext.tcp();
        MongoParser parser = (MongoParser) protocol.newParser(context);
        List<L7Message> messages = new ParserDriver(parser, context)
                .feed(C2S, opMsg(0x100, 0, "{\"ping\": 1}"))
                .feed(C2S, concat(bad, opMsg(2, 0, FIND)))
                .messages();

        assertThat(messages).extracting(L7Message::sessionId).containsExactly(256L, 2L);
        assertThat(parser.counters().count(MongoCounter.BAD_DOCUMENT)).isEqualTo(1);
    }

    @Test
    void truncatesTheDocumentToPayloadTruncation() {
        ParserSettings settings = ParserSettings.DEFAULTS;
        settings = new ParserSettings(256, settings.traceIdTypes(), settings.spanIdTypes(), settings.xRequestIdHeaders(),
                settings.realClientHeaders(), false, Map.of());
        TestContext context = new TestContext(false, settings);
        String doc = "{\"find\": \"" + "f".repeat(1000) + "\"}";
        List<L7Message> messages = new ParserDriver(protocol.newParser(context), context)
                .feed(C2S, opMsg(1, 0, doc))
                .messages();

        assertThat(messages.get(0).requestResource()).isEqualTo(relaxed(doc).substring(0, 256));
    }

    @Test
    void deeplyNestedDocumentIsRefusedNotThrown() {
        byte[] bytes = nested(1000);
        byte[] message = MongoSamples.message(1, 0, 2013, concat(MongoSamples.le(0), new byte[] {0}, bytes));
        TestContext context = TestContext.tcp();
        MongoParser parser = (MongoParser) protocol.newParser(context);
        List<L7Message> messages = new ParserDriver(parser, context).feed(C2S, message).messages();

        assertThat(messages).isEmpty();
    }

    /** {a: {a: ... {} }} nested {@code depth} times, built by hand (org.bson refuses to write it). */
    private static byte[] nested(int depth) {
        byte[] doc = {5, 0, 0, 0, 0};
        for (int i = 0; i < depth; i++) {
            doc = concat(MongoSamples.le(4 + 1 + 2 + doc.length + 1), new byte[] {3, 'a', 0}, doc, new byte[] {0});
        }
        return doc;
    }
}
