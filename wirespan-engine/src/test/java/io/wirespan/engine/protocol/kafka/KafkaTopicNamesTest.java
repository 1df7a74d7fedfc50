package io.wirespan.engine.protocol.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

class KafkaTopicNamesTest {
    @Test
    void printsAnUnknownIdAsKafkaDoes() {
        for (int i = 0; i < 100; i++) {
            Uuid id = Uuid.randomUuid();
            assertThat(new KafkaTopicNames(1).nameOrId(id.getMostSignificantBits(), id.getLeastSignificantBits()))
                    .isEqualTo(id.toString());
        }
    }

    @Test
    void remembersTheLatestNamesUpToItsCapacity() {
        KafkaTopicNames names = new KafkaTopicNames(2);
        names.learn(0, 1, "a");
        names.learn(0, 2, "b");
        names.learn(0, 1, "a"); // relearnt: now the newest
        names.learn(0, 3, "c");
        assertThat(names.nameOrId(0, 1)).isEqualTo("a");
        assertThat(names.nameOrId(0, 2)).isEqualTo(KafkaTopicNames.render(0, 2));
        assertThat(names.nameOrId(0, 3)).isEqualTo("c");
        assertThat(names.size()).isEqualTo(2);
        assertThat(names.evicted()).isEqualTo(1);
    }

    @Test
    void ignoresTheZeroIdAndNullNames() {
        KafkaTopicNames names = new KafkaTopicNames(4);
        names.learn(0, 0, "none");
        names.learn(0, 5, null);
        assertThat(names.size()).isZero();
    }
}
