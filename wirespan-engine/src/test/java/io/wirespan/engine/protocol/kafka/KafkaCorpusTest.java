package io.wirespan.engine.protocol.kafka;

import io.wirespan.engine.testing.CorpusFolderTest;
import java.util.List;

/**
 * The DeepFlow corpus's {@code kafka/} folder with only {@link KafkaProtocol}: the folder (each file has fields to compare) at 97 % of
 * the expected fields.
 */
class KafkaCorpusTest extends CorpusFolderTest {
    KafkaCorpusTest() {
        super("kafka", false, config -> List.of(new KafkaProtocol()));
    }
}
