package io.wirespan.engine.protocol.mqtt;

import static io.wirespan.api.Direction.CLIENT_TO_SERVER;
import static io.wirespan.api.Direction.SERVER_TO_CLIENT;
import static io.wirespan.engine.protocol.mqtt.MqttSamples.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.L7Parser;
import io.wirespan.api.MessageType;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.protocol.ParserDriver;
import io.wirespan.engine.protocol.TestContext;
import io.wirespan.engine.testing.Hex;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MqttParserTest {
    private final MqttProtocol protocol = new MqttProtocol();
    private final TestContext context = TestContext.tcp();

    private ParserDriver driver() {
        return new ParserDriver(protocol.newParser(context), context);
    }

    /** A 3.1.1 conversation, each side's bytes in pieces of {@code chunk}. */
    private List<L7Message> conversation(int chunk) {
        return driver()
                .feed(CLIENT_TO_SERVER, CONNECT_V4, chunk).feed(SERVER_TO_CLIENT, CONNACK_OK, chunk)
                .feed(CLIENT_TO_SERVER, SUBSCRIBE, chunk).feed(SERVER_TO_CLIENT, SUBACK, chunk)
                .feed(CLIENT_TO_SERVER, concat(PUBLISH_QOS1, PUBLISH_QOS2), chunk)
                .feed(SERVER_TO_CLIENT, concat(PUBACK_2, PUBREC_3), chunk)
                .feed(CLIENT_TO_SERVER, PUBREL_3, chunk).feed(SERVER_TO_CLIENT, PUBCOMP_3, chunk)
                .feed(SERVER_TO_CLIENT, PUBLISH_QOS0, chunk)
                .feed(CLIENT_TO_SERVER, UNSUBSCRIBE, chunk).feed(SERVER_TO_CLIENT, UNSUBACK, chunk)
                .feed(CLIENT_TO_SERVER, PINGREQ, chunk).feed(SERVER_TO_CLIENT, PINGRESP, chunk)
                .feed(CLIENT_TO_SERVER, DISCONNECT, chunk)
                .end().messages();
    }

    @Test
    void reportsEveryPacketOfAConversationFedWhole() {
        assertThat(conversation(Integer.MAX_VALUE))
                .extracting(L7Message::type, L7Message::requestType, L7Message::sessionId, L7Message::requestResource,
                        L7Message::requestLength, L7Message::responseLength, L7Message::responseStatus)
                .containsExactly(
                        tuple(MessageType.REQUEST, "CONNECT", null, null, 14L, null, null),
                        tuple(MessageType.RESPONSE, "CONNACK", null, null, null, 2L, ResponseStatus.OK),
                        tuple(MessageType.REQUEST, "SUBSCRIBE", 1L, "a/b,c/#", 14L, null, null),
                        tuple(MessageType.RESPONSE, "SUBACK", 1L, null, null, 4L, ResponseStatus.OK),
                        tuple(MessageType.REQUEST, "PUBLISH", 2L, "a/b", 9L, null, null),
                        tuple(MessageType.REQUEST, "PUBLISH", 3L, "a/b", 9L, null, null),
                        tuple(MessageType.RESPONSE, "PUBACK", 2L, null, null, 2L, ResponseStatus.OK),
                        tuple(MessageType.RESPONSE, "PUBREC", 3L, null, null, 2L, ResponseStatus.OK),
                        tuple(MessageType.REQUEST, "PUBREL", 3L, null, 2L, null, null),
                        tuple(MessageType.RESPONSE, "PUBCOMP", 3L, null, null, 2L, ResponseStatus.OK),
                        tuple(MessageType.RESPONSE, "PUBLISH", 0L, "a/b", null, 7L, ResponseStatus.OK),
                        tuple(MessageType.REQUEST, "UNSUBSCRIBE", 4L, "a/b", 7L, null, null),
                        tuple(MessageType.RESPONSE, "UNSUBACK", 4L, null, null, 2L, ResponseStatus.OK),
                        tuple(MessageType.REQUEST, "PINGREQ", null, null, 0L, null, null),
                        tuple(MessageType.RESPONSE, "PINGRESP", null, null, null, 0L, ResponseStatus.OK),
                        tuple(MessageType.SESSION, "DISCONNECT", null, null, null, 0L, ResponseStatus.OK));
        L7Message connect = conversation(Integer.MAX_VALUE).getFirst();
        assertThat(connect.requestDomain()).isEqualTo("c1");
        assertThat(connect.capturedBytes()).isEqualTo(CONNECT_V4.length);
        assertThat(conversation(Integer.MAX_VALUE)).allSatisfy(m -> assertThat(m.version()).isEqualTo("3.1.1"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5})
    void decodesTheSameFedInSmallPieces(int chunk) {
        assertThat(conversation(chunk)).isEqualTo(conversation(Integer.MAX_VALUE));
    }

    @Test
    void startsMidStreamWithoutAVersion() {
        List<L7Message> messages = driver().feed(CLIENT_TO_SERVER, concat(SUBSCRIBE, PUBLISH_QOS1))
                .feed(SERVER_TO_CLIENT, concat(SUBACK, PUBACK_2)).messages();
        assertThat(messages).extracting(L7Message::requestType).containsExactly("SUBSCRIBE", "PUBLISH", "SUBACK", "PUBACK");
        assertThat(messages).allSatisfy(m -> assertThat(m.version()).isNull());
    }

    @Test
    void startedInsideAPacketHuntsForTheNextHeader() {
        byte[] tail = java.util.Arrays.copyOfRange(PUBLISH_QOS1, 4, PUBLISH_QOS1.length); // "/b" id "hi"
        List<L7Message> messages = driver().feed(CLIENT_TO_SERVER, concat(tail, PINGREQ, PUBLISH_QOS2)).messages();
        assertThat(messages).extracting(L7Message::requestType).containsExactly("PINGREQ", "PUBLISH");
    }

    @Test
    void resynchronisesAfterGarbageBetweenPackets() {
        byte[] garbage = Hex.bytes("ff 00 13 37 30 7f 41 42 06 ee");
        List<L7Message> whole = driver().feed(CLIENT_TO_SERVER, concat(PUBLISH_QOS1, garbage, PUBLISH_QOS2, PINGREQ)).messages();
        assertThat(whole).extracting(L7Message::requestType, L7Message::sessionId)
                .containsExactly(tuple("PUBLISH", 2L), tuple("PUBLISH", 3L), tuple("PINGREQ", null));
        MqttParser parser = (MqttParser) protocol.newParser(context);
        List<L7Message> bytewise = new ParserDriver(parser, context)
                .feed(CLIENT_TO_SERVER, concat(PUBLISH_QOS1, garbage, PUBLISH_QOS2, PINGREQ), 1).messages();
        assertThat(bytewise).isEqualTo(whole);
        assertThat(parser.counters().count(MqttCounter.BAD_HEADERS)).isEqualTo(1);
        assertThat(parser.counters().count(MqttCounter.RESYNC_SKIPPED_BYTES)).isEqualTo(garbage.length);
        assertThat(parser.counters().count(MqttCounter.PACKETS)).isEqualTo(3);
    }

    @Test
    void aPacketThatContradictsItsLengthIsDroppedAndParsingGoesOn() {
        byte[] badPublish = Hex.bytes("32 04 00 09 61 62"); // topic length 9 in a 4-byte packet
        MqttParser parser = (MqttParser) protocol.newParser(context);
        List<L7Message> messages =
                new ParserDriver(parser, context).feed(CLIENT_TO_SERVER, concat(badPublish, PUBLISH_QOS2)).messages();
        assertThat(messages).extracting(L7Message::sessionId).containsExactly(3L);
        assertThat(parser.counters().count(MqttCounter.MALFORMED_PACKETS)).isEqualTo(1);
        assertThat(parser.counters().count(MqttCounter.PACKETS)).isEqualTo(1);
    }

    @Test
    void aGapInsideALongMessageKeepsTheFraming() {
        byte[] big = bigPublish("big/topic", 20_000);
        ParserDriver driver = driver();
        driver.feed(SERVER_TO_CLIENT, java.util.Arrays.copyOf(big, 5_000));
        driver.gap(SERVER_TO_CLIENT, 10_000);
        driver.feed(SERVER_TO_CLIENT, concat(java.util.Arrays.copyOfRange(big, 15_000, big.length), PUBLISH_QOS0));
        assertThat(driver.messages()).extracting(L7Message::requestResource, L7Message::responseLength)
                .containsExactly(tuple("big/topic", 20_011L), tuple("a/b", 7L));
    }

    @Test
    void aGapAcrossHeadersResynchronises() {
        ParserDriver driver = driver();
        driver.feed(CLIENT_TO_SERVER, java.util.Arrays.copyOf(PUBLISH_QOS1, 5));
        driver.gap(CLIENT_TO_SERVER, 30);
        driver.feed(CLIENT_TO_SERVER, concat(Hex.bytes("61 62 63"), PUBLISH_QOS2));
        assertThat(driver.messages()).extracting(L7Message::sessionId).containsExactly(3L);
    }

    @Test
    void consumesALongPublishAsItArrives() {
        byte[] big = bigPublish("t", 100_000);
        L7Parser parser = protocol.newParser(context);
        List<L7Message> out = new ArrayList<>();
        int consumed = parser.parse(SERVER_TO_CLIENT, big, 0, 6_000, context, out::add);
        assertThat(consumed).isEqualTo(6_000);
        assertThat(out).singleElement().satisfies(m -> {
            assertThat(m.requestResource()).isEqualTo("t");
            assertThat(m.responseLength()).isEqualTo(100_003L);
        });
        assertThat(parser.parse(SERVER_TO_CLIENT, big, 6_000, big.length - 6_000, context, out::add))
                .isEqualTo(big.length - 6_000);
        assertThat(out).hasSize(1);
    }

    @Test
    void anExchangeTheServerStartsHasItsOwnIdentifiers() {
        List<L7Message> messages = driver().feed(SERVER_TO_CLIENT, SERVER_PUBLISH_QOS1).feed(CLIENT_TO_SERVER, PUBLISH_QOS1)
                .feed(CLIENT_TO_SERVER, PUBACK_1).feed(SERVER_TO_CLIENT, PUBACK_2).messages();
        assertThat(messages).extracting(L7Message::type, L7Message::sessionId).containsExactly(
                tuple(MessageType.REQUEST, 0x10001L), tuple(MessageType.REQUEST, 2L),
                tuple(MessageType.RESPONSE, 0x10001L), tuple(MessageType.RESPONSE, 2L));
    }

    @Test
    void mapsConnackReturnCodes() {
        assertThat(status(CONNACK_OK)).isEqualTo(ResponseStatus.OK);
        assertThat(status(CONNACK_BAD_PASSWORD)).isEqualTo(ResponseStatus.CLIENT_ERROR);
        assertThat(status(CONNACK_UNAVAILABLE)).isEqualTo(ResponseStatus.SERVER_ERROR);
        assertThat(status(Hex.bytes("20 02 00 06"))).isEqualTo(ResponseStatus.PARSE_FAILED);
        L7Message refused = driver().feed(SERVER_TO_CLIENT, CONNACK_BAD_PASSWORD).messages().getFirst();
        assertThat(refused.responseCode()).isEqualTo(4);
    }

    private ResponseStatus status(byte[] connack) {
        return driver().feed(Direction.SERVER_TO_CLIENT, connack).messages().getFirst().responseStatus();
    }

    @Test
    void aRefusedSubscriptionIsAClientError() {
        L7Message suback = driver().feed(SERVER_TO_CLIENT, SUBACK_REFUSED).messages().getFirst();
        assertThat(suback.responseStatus()).isEqualTo(ResponseStatus.CLIENT_ERROR);
        assertThat(suback.responseCode()).isEqualTo(0x80);
    }

    @Test
    void readsMqtt5PropertiesAndReasonCodes() {
        List<L7Message> messages = driver()
                .feed(CLIENT_TO_SERVER, CONNECT_V5).feed(SERVER_TO_CLIENT, V5_CONNACK_NOT_AUTHORIZED)
                .feed(CLIENT_TO_SERVER, concat(V5_PUBLISH_QOS1, V5_SUBSCRIBE)).feed(SERVER_TO_CLIENT, concat(V5_PUBACK_QUOTA, V5_SUBACK_REFUSED))
                .feed(SERVER_TO_CLIENT, V5_AUTH).feed(SERVER_TO_CLIENT, V5_DISCONNECT_BUSY)
                .messages();
        assertThat(messages).extracting(L7Message::requestType, L7Message::sessionId, L7Message::requestDomain,
                        L7Message::requestResource, L7Message::responseCode, L7Message::responseStatus)
                .containsExactly(
                        tuple("CONNECT", null, "c5", null, null, null),
                        tuple("CONNACK", null, null, null, 0x87, ResponseStatus.CLIENT_ERROR),
                        tuple("PUBLISH", 5L, null, "t", null, null),
                        tuple("SUBSCRIBE", 6L, null, "t", null, null),
                        tuple("PUBACK", 5L, null, null, 0x97, ResponseStatus.CLIENT_ERROR),
                        tuple("SUBACK", 6L, null, null, 0x87, ResponseStatus.CLIENT_ERROR),
                        tuple("AUTH", null, null, null, 0x18, ResponseStatus.OK),
                        tuple("DISCONNECT", null, null, null, 0x89, ResponseStatus.SERVER_ERROR));
        assertThat(messages).allSatisfy(m -> assertThat(m.version()).isEqualTo("5"));
    }

    @Test
    void knowsMqtt31ByItsProtocolName() {
        L7Message connect = driver().feed(CLIENT_TO_SERVER, CONNECT_V3).messages().getFirst();
        assertThat(connect.version()).isEqualTo("3.1");
        assertThat(connect.requestDomain()).isEqualTo("c3");
    }

    @Test
    void cutsLongTopicsToThePayloadTruncation() {
        TestContext small = new TestContext(false, new io.wirespan.api.ParserSettings(4, List.of(), List.of(), List.of(),
                List.of(), false, java.util.Map.of()));
        List<L7Message> messages = new ParserDriver(protocol.newParser(small), small)
                .feed(SERVER_TO_CLIENT, bigPublish("abcdefgh", 3)).messages();
        assertThat(messages.getFirst().requestResource()).isEqualTo("abcd");
    }
}
