package io.wirespan.cli.live;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What real Kafka clients ({@code kafka-clients}) do against a broker in the live test and in the
 * sample capture, and what they saw:
 * <ol>
 *   <li>an admin client creates topic {@link #TOPIC} and topic {@link #STRICT_TOPIC}, which takes
 *       batches of at most {@link #STRICT_MAX_BYTES} bytes;</li>
 *   <li>a producer sends {@link #RECORDS} records to {@link #TOPIC}, the first with a {@code traceparent}
 *       header, then a larger one to {@link #STRICT_TOPIC}, which the broker refuses (MESSAGE_TOO_LARGE);</li>
 *   <li>a producer asks for the nonexistent topic {@link #MISSING_TOPIC} until it gives up;</li>
 *   <li>a consumer in group {@link #GROUP} reads the records, heartbeats, commits and leaves;</li>
 *   <li>a consumer whose session timeout the broker refuses fails to join (INVALID_SESSION_TIMEOUT).</li>
 * </ol>
 * {@link #main} runs them against a broker on a port: that is how {@code samples/make-samples}
 * records the Kafka sample.
 */
public final class KafkaDemo {
    static final String TOPIC = "orders";
    static final String STRICT_TOPIC = "audit";
    static final int STRICT_MAX_BYTES = 128;
    static final String MISSING_TOPIC = "no-such-topic";
    static final String GROUP = "billing";
    static final String BAD_GROUP = "impatient";
    static final int RECORDS = 3;
    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    static final String ADMIN_ID = "wirespan-admin";
    static final String PRODUCER_ID = "wirespan-producer";
    static final String LOST_PRODUCER_ID = "wirespan-lost-producer";
    static final String CONSUMER_ID = "wirespan-consumer";
    static final String BAD_CONSUMER_ID = "wirespan-impatient-consumer";

    private KafkaDemo() {}

    /**
     * What the clients saw.
     *
     * @param topicIds the id the broker gave each created topic
     * @param produced where each record to {@link #TOPIC} landed
     * @param strictError the error code of the send to {@link #STRICT_TOPIC}
     * @param missingError the error code of the send to {@link #MISSING_TOPIC} (a client-side timeout)
     * @param consumed the offsets the consumer read
     * @param committed the offset it committed
     * @param badJoinError the error code the consumer with a bad session timeout got
     */
    record Outcome(Map<String, Uuid> topicIds, List<RecordMetadata> produced, int strictError, int missingError,
            List<Long> consumed, long committed, int badJoinError) {}

    static Outcome run(String bootstrap) {
        Map<String, Uuid> topicIds = createTopics(bootstrap);
        List<RecordMetadata> produced = new ArrayList<>();
        int strictError;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(bootstrap, PRODUCER_ID))) {
            for (int i = 0; i < RECORDS; i++) {
                ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, "order-" + i, "{\"id\":" + i + ",\"qty\":" + (i + 1) + "}");
                if (i == 0) record.headers().add("traceparent", TRACEPARENT.getBytes(StandardCharsets.US_ASCII));
                produced.add(get(producer.send(record)));
            }
            strictError = errorOf(() -> get(producer.send(new ProducerRecord<>(STRICT_TOPIC, "entry", "x".repeat(4 * STRICT_MAX_BYTES)))));
        }
        int missingError;
        Properties lost = producerConfig(bootstrap, LOST_PRODUCER_ID);
        lost.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "800");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(lost)) {
            missingError = errorOf(() -> get(producer.send(new ProducerRecord<>(MISSING_TOPIC, "k", "v"))));
        }
        List<Long> consumed = new ArrayList<>();
        long committed;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(bootstrap, CONSUMER_ID, GROUP, 6000))) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            // polls until it has every record and has sent at least one heartbeat
            while (consumed.size() < RECORDS || heartbeats(consumer) < 1) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("consumer got " + consumed + " and " + heartbeats(consumer) + " heartbeats in 20 s");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) consumed.add(r.offset());
            }
            committed = consumed.getLast() + 1;
            consumer.commitSync(Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(committed)));
        }
        int badJoinError;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(bootstrap, BAD_CONSUMER_ID, BAD_GROUP, 1000))) {
            consumer.subscribe(List.of(TOPIC));
            badJoinError = errorOf(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (System.nanoTime() < deadline) consumer.poll(Duration.ofMillis(100));
                return null;
            });
        }
        return new Outcome(topicIds, List.copyOf(produced), strictError, missingError, List.copyOf(consumed), committed,
                badJoinError);
    }

    private static Map<String, Uuid> createTopics(String bootstrap) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, ADMIN_ID);
        try (Admin admin = Admin.create(config)) {
            CreateTopicsResult created = admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1),
                    new NewTopic(STRICT_TOPIC, 1, (short) 1).configs(Map.of("max.message.bytes", Integer.toString(STRICT_MAX_BYTES)))));
            created.all().get(20, TimeUnit.SECONDS);
            return Map.of(TOPIC, created.topicId(TOPIC).get(), STRICT_TOPIC, created.topicId(STRICT_TOPIC).get());
        } catch (Exception e) {
            throw new AssertionError("cannot create the topics", e);
        }
    }

    /** One request per record, no retries, no idempotence: each send is one Produce, answered once. */
    private static Properties producerConfig(String bootstrap, String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.RETRIES_CONFIG, "0");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    /** The classic group protocol (JoinGroup, SyncGroup, Heartbeat), heartbeats every 200 ms, manual commits. */
    private static Properties consumerConfig(String bootstrap, String clientId, String group, int sessionTimeoutMs) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Integer.toString(Math.min(200, sessionTimeoutMs / 3)));
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Integer.toString(sessionTimeoutMs));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }

    private static double heartbeats(KafkaConsumer<?, ?> consumer) {
        for (Map.Entry<MetricName, ? extends Metric> m : consumer.metrics().entrySet()) {
            if (m.getKey().name().equals("heartbeat-total") && m.getKey().group().equals("consumer-coordinator-metrics")) {
                return ((Number) m.getValue().metricValue()).doubleValue();
            }
        }
        return 0;
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new AssertionError("a send did not complete", e);
        }
    }

    private interface Action {
        Object run();
    }

    /** The Kafka error code of the exception the action ends with; fails when it succeeds. */
    private static int errorOf(Action action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return Errors.forException(e).code();
        }
        throw new AssertionError("expected the clients to fail there, but they did not");
    }

    /** {@code KafkaDemo PORT}: runs the clients against a broker on 127.0.0.1:PORT and prints what they saw. */
    public static void main(String[] args) {
        System.out.println(run(Loopback.ADDRESS + ":" + Integer.parseInt(args[0])));
    }
}
