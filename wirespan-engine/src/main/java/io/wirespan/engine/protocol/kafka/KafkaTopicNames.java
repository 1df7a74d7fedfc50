package io.wirespan.engine.protocol.kafka;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Topic names by topic id (KIP-516), learned from Metadata responses. Recent clients name topics
 * by id only in Produce (v13+), Fetch (v13+), OffsetCommit and OffsetFetch (v10+), and learn the
 * names from a Metadata response, often on another connection (a producer asks the bootstrap
 * server, then produces to the leader): so the names are shared by every flow of one protocol
 * instance, bounded, the least recently learned going first. The parsers of several workers may
 * share it, hence the locking.
 */
final class KafkaTopicNames {
    /** Topic ids remembered by default. */
    static final int DEFAULT_CAPACITY = 4096;

    private record TopicId(long hi, long lo) {}

    private final Map<TopicId, String> names;
    private long evicted;

    KafkaTopicNames(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        this.names = new LinkedHashMap<>(Math.min(capacity, 1024) * 2) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<TopicId, String> eldest) {
                if (size() <= capacity) return false;
                evicted++;
                return true;
            }
        };
    }

    /** Remembers a topic's name; the zero id (no id) and null names are ignored. */
    synchronized void learn(long hi, long lo, String name) {
        if ((hi | lo) == 0 || name == null) return;
        TopicId id = new TopicId(hi, lo);
        names.remove(id); // relearning refreshes its place
        names.put(id, name);
    }

    /** The topic's name, or its id as Kafka prints it when the name was not seen. */
    String nameOrId(long hi, long lo) {
        String name;
        synchronized (this) {
            name = names.get(new TopicId(hi, lo));
        }
        return name != null ? name : render(hi, lo);
    }

    synchronized int size() {
        return names.size();
    }

    synchronized long evicted() {
        return evicted;
    }

    /** As Kafka's {@code Uuid.toString()} and its tools print an id: URL-safe base64 of the 16 bytes, no padding. */
    static String render(long hi, long lo) {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (hi >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
