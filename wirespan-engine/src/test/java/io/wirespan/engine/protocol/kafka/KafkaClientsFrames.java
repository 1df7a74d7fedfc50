package io.wirespan.engine.protocol.kafka;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.RequestUtils;

/** Kafka frames written by Kafka's own client library ({@code kafka-clients}), size prefix included. */
final class KafkaClientsFrames {
    private KafkaClientsFrames() {}

    static byte[] request(ApiKeys key, int version, int correlationId, ApiMessage body) {
        RequestHeaderData header = new RequestHeaderData().setRequestApiKey(key.id).setRequestApiVersion((short) version)
                .setCorrelationId(correlationId).setClientId("kafka-clients");
        return sized(RequestUtils.serialize(header, key.requestHeaderVersion((short) version), body, (short) version));
    }

    static byte[] response(ApiKeys key, int version, int correlationId, ApiMessage body) {
        ResponseHeaderData header = new ResponseHeaderData().setCorrelationId(correlationId);
        return sized(RequestUtils.serialize(header, key.responseHeaderVersion((short) version), body, (short) version));
    }

    /** A Produce v13+ body naming its topic by id, with no records. */
    static ProduceRequestData produce(Uuid topicId, int partition) {
        ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
        topics.add(new ProduceRequestData.TopicProduceData().setTopicId(topicId)
                .setPartitionData(List.of(new ProduceRequestData.PartitionProduceData().setIndex(partition))));
        return new ProduceRequestData().setAcks((short) -1).setTimeoutMs(1000).setTopicData(topics);
    }

    private static byte[] sized(ByteBuffer frame) {
        byte[] out = new byte[4 + frame.remaining()];
        ByteBuffer.wrap(out).putInt(frame.remaining()).put(frame);
        return out;
    }
}
