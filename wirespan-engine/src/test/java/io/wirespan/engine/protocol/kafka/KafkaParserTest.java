package io.wirespan.engine.protocol.kafka;

import static io.wirespan.api.Direction.CLIENT_TO_SERVER;
import static io.wirespan.api.Direction.SERVER_TO_CLIENT;
import static io.wirespan.engine.protocol.kafka.KafkaSamples.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.wirespan.api.L7Message;
import io.wirespan.api.MessageType;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.protocol.ParserDriver;
import io.wirespan.engine.protocol.TestContext;
import io.wirespan.engine.protocol.kafka.KafkaSamples.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;

class KafkaParserTest {
    private final TestContext context = TestContext.tcp();
    private final KafkaParser parser = (KafkaParser) new KafkaProtocol().newParser(context);
    private final ParserDriver driver = new ParserDriver(parser, context);

    private List<L7Message> messages() {
        return driver.end().messages();
    }

    @Test
    void decodesCapturedProduceV2Exchange() {
        driver.feed(CLIENT_TO_SERVER, PRODUCE_V2_REQUEST).feed(SERVER_TO_CLIENT, PRODUCE_V2_RESPONSE);
        List<L7Message> m = messages();
        assertThat(m).extracting(L7Message::type, L7Message::sessionId, L7Message::requestType, L7Message::version,
                L7Message::requestDomain, L7Message::endpoint, L7Message::requestResource, L7Message::xRequestId)
                .containsExactly(
                        tuple(MessageType.REQUEST, 1L, "Produce", "2", "topic2", "topic2-0", null, "1"),
                        tuple(MessageType.RESPONSE, 1L, "Produce", "2", "topic2", "topic2-0", "topic2-0:0", "1"));
        assertThat(m.get(0).requestLength()).isEqualTo(117L);
        assertThat(m.get(0).capturedBytes()).isEqualTo(121L);
        assertThat(m.get(1).responseLength()).isEqualTo(46L);
        assertThat(m.get(1).responseCode()).isZero();
        assertThat(m.get(1).responseStatus()).isEqualTo(ResponseStatus.OK);
        assertThat(m.get(1).responseException()).isNull();
    }

    @Test
    void decodesFlexibleProduceV9WithTaggedHeaders() {
        driver.feed(CLIENT_TO_SERVER, PRODUCE_V9_REQUEST).feed(SERVER_TO_CLIENT, PRODUCE_V9_RESPONSE);
        assertThat(messages()).extracting(L7Message::version, L7Message::requestDomain, L7Message::requestResource,
                L7Message::responseCode).containsExactly(tuple("9", "zqy-test", null, null),
                tuple("9", "zqy-test", "zqy-test-0:35", 0));
    }

    @Test
    void joinGroupCarriesGroupIdAndItsErrorName() {
        driver.feed(CLIENT_TO_SERVER, JOIN_GROUP_V7_REQUEST).feed(SERVER_TO_CLIENT, JOIN_GROUP_V7_RESPONSE);
        List<L7Message> m = messages();
        assertThat(m.get(0).attributes()).isEqualTo(Map.of("group_id", "zzzz12"));
        assertThat(m.get(1)).extracting(L7Message::responseCode, L7Message::responseStatus, L7Message::responseException)
                .containsExactly(-1, ResponseStatus.SERVER_ERROR, "UNKNOWN_SERVER_ERROR");
    }

    @Test
    void sameMessagesWholeOrByteAtATime() {
        byte[] requests = concat(PRODUCE_V2_REQUEST, fetchV4(2, "orders", 3, 77), heartbeat(3), PRODUCE_V9_REQUEST);
        byte[] responses = concat(PRODUCE_V2_RESPONSE, fetchV4Response(2, "orders", 3, 1), heartbeatResponse(3),
                PRODUCE_V9_RESPONSE);
        ParserDriver whole = new ParserDriver(new KafkaProtocol().newParser(context), context)
                .feed(CLIENT_TO_SERVER, requests).feed(SERVER_TO_CLIENT, responses).end();
        driver.feed(CLIENT_TO_SERVER, requests, 1).feed(SERVER_TO_CLIENT, responses, 1);
        assertThat(messages()).hasSize(8).isEqualTo(whole.messages());
        assertThat(whole.messages()).extracting(L7Message::requestType).containsExactly(
                "Produce", "Fetch", "Heartbeat", "Produce", "Produce", "Fetch", "Heartbeat", "Produce");
    }

    @Test
    void fetchRequestGivesTopicPartitionOffsetAndResponseThePartitionError() {
        driver.feed(CLIENT_TO_SERVER, fetchV4(9, "orders", 3, 77)).feed(SERVER_TO_CLIENT, fetchV4Response(9, "orders", 3, 1));
        List<L7Message> m = messages();
        assertThat(m.get(0)).extracting(L7Message::requestDomain, L7Message::endpoint, L7Message::requestResource)
                .containsExactly("orders", "orders-3", "orders-3:77");
        assertThat(m.get(1)).extracting(L7Message::responseCode, L7Message::responseStatus, L7Message::responseException)
                .containsExactly(1, ResponseStatus.SERVER_ERROR, "OFFSET_OUT_OF_RANGE");
    }

    @Test
    void fetchV12TopLevelErrorDecides() {
        byte[] request = hex("""
                00000049 0001 000c 00000014 0021 636f6e73756d65722d636f6e736f6c652d636f6e73756d65722d38343130372d31 00
                ffffffff 000001f4 00000001 03200000 00 029d2b8e 00000009 01 01 01 00""");
        byte[] response = hex("00000011 00000014 00 00000000 1400 029d2b8e 01 00"); // error 0x1400 on the wire
        driver.feed(CLIENT_TO_SERVER, request).feed(SERVER_TO_CLIENT, response);
        assertThat(messages().get(1)).extracting(L7Message::responseCode, L7Message::responseStatus)
                .containsExactly(5120, ResponseStatus.SERVER_ERROR);
    }

    @Test
    void apiVersionsAnswersWithResponseHeaderV0() {
        byte[] request = request(18, 3, 2, "adminclient-1",
                new Writer().string("apache-kafka-java", true).string("2.8.1", true).tagged().toByteArray());
        byte[] response = response(18, 3, 2, new Writer().i16(35).array(0, true).i32(0).tagged().toByteArray());
        assertThat(response[8]).as("no tagged byte after the correlation id").isEqualTo((byte) 0);
        driver.feed(CLIENT_TO_SERVER, request).feed(SERVER_TO_CLIENT, response);
        assertThat(messages().get(1)).extracting(L7Message::responseCode, L7Message::responseException)
                .containsExactly(35, "UNSUPPORTED_VERSION");
    }

    @Test
    void uninspectedApisAnswerAsDeepFlowDoes() {
        driver.feed(CLIENT_TO_SERVER, heartbeat(5)).feed(SERVER_TO_CLIENT, heartbeatResponse(5));
        List<L7Message> m = messages();
        assertThat(m.get(0).attributes()).containsEntry("group_id", "g");
        assertThat(m.get(1)).extracting(L7Message::responseCode, L7Message::responseStatus, L7Message::responseException)
                .containsExactly(-2, ResponseStatus.OK, "Type not yet inspected by DeepFlow");
    }

    @Test
    void requestSideFieldsOfMetadataListOffsetsOffsetCommitAndOffsetFetch() {
        driver.feed(CLIENT_TO_SERVER, request(3, 4, 1, "c",
                new Writer().array(1, false).string("meta", false).i8(1).toByteArray()));
        driver.feed(CLIENT_TO_SERVER, request(2, 1, 2, "c",
                new Writer().i32(-1).array(1, false).string("lo", false).array(1, false).i32(4).i64(-1).toByteArray()));
        driver.feed(CLIENT_TO_SERVER, request(8, 2, 3, "c", new Writer().string("grp", false).i32(1).string("m", false)
                .i64(-1).array(1, false).string("oc", false).array(1, false).i32(2).i64(500).string("", false)
                .toByteArray()));
        driver.feed(CLIENT_TO_SERVER, request(9, 6, 4, "c", new Writer().string("grp2", true).array(1, true)
                .string("of", true).array(1, true).i32(7).tagged().tagged().tagged().toByteArray()));
        assertThat(messages()).extracting(L7Message::requestType, L7Message::requestDomain, L7Message::endpoint,
                L7Message::requestResource, m -> m.attributes().get("group_id")).containsExactly(
                        tuple("Metadata", "meta", null, null, null),
                        tuple("ListOffsets", "lo", "lo-4", null, null),
                        tuple("OffsetCommit", "oc", "oc-2", "oc-2:500", "grp"),
                        tuple("OffsetFetch", "of", "of-7", null, "grp2"));
    }

    @Test
    void largeProduceIsConsumedAsItArrivesNotHeld() {
        byte[] big = produceV3(11, "bulk", 1, 300_000);
        int held = 0;
        for (int at = 0; at < big.length; at += 1460) {
            int end = Math.min(big.length, at + 1460);
            byte[] chunk = concat(Arrays.copyOfRange(big, at - held, at), Arrays.copyOfRange(big, at, end));
            int consumed = parser.parse(CLIENT_TO_SERVER, chunk, 0, chunk.length, context, m -> {});
            held = chunk.length - consumed;
            assertThat(held).as("bytes left to the engine").isLessThanOrEqualTo(KafkaParser.WINDOW + 4);
        }
        assertThat(held).isZero();
        driver.feed(CLIENT_TO_SERVER, produceV3(12, "after", 0, 10))
                .feed(SERVER_TO_CLIENT, produceV3Response(11, "bulk", 1, 0, 900));
        assertThat(parser.counters().count(KafkaCounter.MESSAGES)).isEqualTo(3);
    }

    @Test
    void gapInsideASkippedTailKeepsStep() {
        byte[] big = produceV3(1, "bulk", 0, 50_000);
        driver.feed(CLIENT_TO_SERVER, Arrays.copyOfRange(big, 0, 10_000));
        driver.gap(CLIENT_TO_SERVER, 20_000);
        driver.feed(CLIENT_TO_SERVER, Arrays.copyOfRange(big, 30_000, big.length));
        driver.feed(CLIENT_TO_SERVER, heartbeat(2)).feed(SERVER_TO_CLIENT, concat(produceV3Response(1, "bulk", 0, 0, 5),
                heartbeatResponse(2)));
        assertThat(messages()).extracting(L7Message::type, L7Message::sessionId).containsExactly(
                tuple(MessageType.REQUEST, 1L), tuple(MessageType.REQUEST, 2L),
                tuple(MessageType.RESPONSE, 1L), tuple(MessageType.RESPONSE, 2L));
        assertThat(parser.counters().count(KafkaCounter.RESYNC_SKIPPED_BYTES)).isZero();
    }

    @Test
    void gapInAHeaderResynchronisesOnTheNextRequest() {
        byte[] first = fetchV4(1, "t", 0, 1);
        driver.feed(CLIENT_TO_SERVER, Arrays.copyOfRange(first, 0, 6));
        driver.gap(CLIENT_TO_SERVER, 10);
        driver.feed(CLIENT_TO_SERVER, concat(Arrays.copyOfRange(first, 16, first.length), fetchV4(2, "t", 0, 2)));
        driver.feed(SERVER_TO_CLIENT, concat(fetchV4Response(1, "t", 0, 0), fetchV4Response(2, "t", 0, 0)));
        assertThat(messages()).extracting(L7Message::type, L7Message::sessionId).containsExactly(
                tuple(MessageType.REQUEST, 2L), tuple(MessageType.RESPONSE, 2L));
    }

    @Test
    void startsMidStreamThenResynchronises() {
        byte[] requests = concat(PRODUCE_V2_REQUEST, fetchV4(2, "orders", 0, 5));
        byte[] responses = concat(PRODUCE_V2_RESPONSE, fetchV4Response(2, "orders", 0, 0));
        driver.feed(CLIENT_TO_SERVER, Arrays.copyOfRange(requests, 30, requests.length), 7)
                .feed(SERVER_TO_CLIENT, Arrays.copyOfRange(responses, 3, responses.length), 5);
        assertThat(messages()).extracting(L7Message::type, L7Message::sessionId, L7Message::requestType)
                .containsExactly(tuple(MessageType.REQUEST, 2L, "Fetch"), tuple(MessageType.RESPONSE, 2L, "Fetch"));
        assertThat(parser.counters().count(KafkaCounter.RESYNC_SKIPPED_BYTES)).isPositive();
    }

    @Test
    void skipsGarbageBetweenFrames() {
        byte[] garbage = "GET / HTTP/1.1\r\n\0\0\0\7xyz".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        driver.feed(CLIENT_TO_SERVER, concat(heartbeat(1), garbage, heartbeat(2)), 3)
                .feed(SERVER_TO_CLIENT, concat(heartbeatResponse(1), garbage, heartbeatResponse(2)));
        assertThat(messages()).extracting(L7Message::sessionId).containsExactly(1L, 2L, 1L, 2L);
    }

    @Test
    void responseWithoutItsRequestIsNotReported() {
        driver.feed(CLIENT_TO_SERVER, heartbeat(1)).feed(SERVER_TO_CLIENT, concat(heartbeatResponse(1), heartbeatResponse(99)));
        assertThat(messages()).hasSize(2);
        assertThat(parser.counters().count(KafkaCounter.UNMATCHED_RESPONSES)).isEqualTo(1);
    }

    @Test
    void remembersAtMostThirtyTwoPendingRequests() {
        for (int id = 1; id <= 40; id++) driver.feed(CLIENT_TO_SERVER, heartbeat(id));
        assertThat(parser.pendingRequests()).isEqualTo(32);
        assertThat(parser.counters().count(KafkaCounter.EVICTED_REQUESTS)).isEqualTo(8);
        driver.feed(SERVER_TO_CLIENT, concat(heartbeatResponse(40), heartbeatResponse(1)));
        assertThat(messages().stream().filter(m -> m.type() == MessageType.RESPONSE).map(L7Message::sessionId))
                .containsExactly(40L);
    }

    @Test
    void truncatedBodyStillGivesTheHeader() {
        byte[] body = new Writer().string(null, false).i16(1).i32(1500).array(1, false).i16(200).toByteArray();
        driver.feed(CLIENT_TO_SERVER, request(0, 3, 7, "p", body));
        assertThat(messages()).extracting(L7Message::requestType, L7Message::requestDomain)
                .containsExactly(tuple("Produce", null));
    }

    @Test
    void produceRecordHeadersCarryTheTraceContext() {
        byte[] record = new Writer().i8(0).varint(0).varint(0).varint(-1).varint(3).bytes(new byte[] {'a', 'b', 'c'})
                .varint(2).varint(2).bytes("k1".getBytes()).varint(1).bytes("v".getBytes())
                .varint(11).bytes("traceparent".getBytes())
                .varint(55).bytes("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes()).toByteArray();
        byte[] batchTail = new Writer().i32(0).i16(0).i32(0).i64(0).i64(0).i64(-1).i16(-1).i32(-1).i32(1)
                .varint(record.length).bytes(record).toByteArray();
        byte[] batch = new Writer().i64(0).i32(batchTail.length + 4).i32(-1).i8(2).bytes(batchTail).toByteArray();
        byte[] body = new Writer().string(null, false).i16(1).i32(1500).array(1, false).string("traced", false)
                .array(1, false).i32(0).i32(batch.length).bytes(batch).toByteArray();
        driver.feed(CLIENT_TO_SERVER, request(0, 3, 1, "producer", body));
        assertThat(messages()).extracting(L7Message::requestDomain, L7Message::traceId, L7Message::spanId)
                .containsExactly(tuple("traced", "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"));
    }

    @Test
    void topicIdsAreNamedByTheMetadataResponsesOfAnyFlow() {
        KafkaProtocol protocol = new KafkaProtocol();
        Uuid orders = Uuid.randomUuid();
        Uuid unseen = Uuid.randomUuid();
        // the producer learns the topic's id on its bootstrap connection...
        MetadataResponseData metadata = new MetadataResponseData();
        metadata.brokers().add(new MetadataResponseData.MetadataResponseBroker().setNodeId(1).setHost("127.0.0.1").setPort(9092));
        MetadataResponseData.MetadataResponseTopic topic = new MetadataResponseData.MetadataResponseTopic()
                .setName("orders").setTopicId(orders);
        topic.partitions().add(new MetadataResponseData.MetadataResponsePartition().setPartitionIndex(0).setLeaderId(1)
                .setReplicaNodes(List.of(1)).setIsrNodes(List.of(1)));
        metadata.topics().add(topic);
        new ParserDriver(protocol.newParser(context), context)
                .feed(CLIENT_TO_SERVER, KafkaClientsFrames.request(ApiKeys.METADATA, 12, 1,
                        new MetadataRequestData().setTopics(List.of(new MetadataRequestData.MetadataRequestTopic().setName("orders")))))
                .feed(SERVER_TO_CLIENT, KafkaClientsFrames.response(ApiKeys.METADATA, 12, 1, metadata));
        // ...and produces on the leader's
        List<L7Message> produced = new ParserDriver(protocol.newParser(context), context)
                .feed(CLIENT_TO_SERVER, KafkaClientsFrames.request(ApiKeys.PRODUCE, 13, 2, KafkaClientsFrames.produce(orders, 0)))
                .feed(CLIENT_TO_SERVER, KafkaClientsFrames.request(ApiKeys.PRODUCE, 13, 3, KafkaClientsFrames.produce(unseen, 0)))
                .messages();
        assertThat(produced).extracting(L7Message::requestDomain, L7Message::endpoint)
                .containsExactly(tuple("orders", "orders-0"), tuple(unseen.toString(), unseen + "-0"));
    }

    @Test
    void versionsNewerThanTheParserKnowsAreNamedAndKeepTheFlowInStep() {
        int newer = KafkaApiKey.PRODUCE.maxVersion() + 1;
        int newerKey = ApiKeys.values().length;
        byte[] body = new Writer().bytes(new byte[40]).toByteArray(); // a layout the parser does not know
        driver.feed(CLIENT_TO_SERVER, concat(request(0, newer, 1, "p", body), request(newerKey, 0, 2, "p", body), heartbeat(3)))
                .feed(SERVER_TO_CLIENT, concat(response(0, newer, 1, body), response(newerKey, 0, 2, body), heartbeatResponse(3)));
        List<L7Message> m = messages();
        assertThat(m).extracting(L7Message::type, L7Message::requestType, L7Message::version, L7Message::sessionId,
                L7Message::requestDomain).containsExactly(
                tuple(MessageType.REQUEST, "Produce", Integer.toString(newer), 1L, null),
                tuple(MessageType.REQUEST, Integer.toString(newerKey), "0", 2L, null),
                tuple(MessageType.REQUEST, "Heartbeat", "0", 3L, null),
                tuple(MessageType.RESPONSE, "Produce", Integer.toString(newer), 1L, null),
                tuple(MessageType.RESPONSE, Integer.toString(newerKey), "0", 2L, null),
                tuple(MessageType.RESPONSE, "Heartbeat", "0", 3L, null));
        assertThat(m.get(3).responseStatus()).as("a body it cannot read: ok, as DeepFlow says").isEqualTo(ResponseStatus.OK);
        assertThat(m.get(3).responseCode()).isNull();
        assertThat(parser.counters().count(KafkaCounter.RESYNC_SKIPPED_BYTES)).isZero();
    }

    @Test
    void createTopicsNamesItsFirstTopic() {
        CreateTopicsRequestData create = new CreateTopicsRequestData().setTimeoutMs(5000);
        create.topics().add(new CreateTopicsRequestData.CreatableTopic().setName("audit").setNumPartitions(1).setReplicationFactor((short) 1));
        create.topics().add(new CreateTopicsRequestData.CreatableTopic().setName("orders").setNumPartitions(1).setReplicationFactor((short) 1));
        driver.feed(CLIENT_TO_SERVER, KafkaClientsFrames.request(ApiKeys.CREATE_TOPICS, 7, 5, create));
        assertThat(messages()).extracting(L7Message::requestType, L7Message::version, L7Message::requestDomain)
                .containsExactly(tuple("CreateTopics", "7", "audit"));
    }
}

