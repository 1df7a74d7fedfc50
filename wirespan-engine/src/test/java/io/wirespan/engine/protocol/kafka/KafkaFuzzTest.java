package io.wirespan.engine.protocol.kafka;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wirespan.engine.protocol.ParserFuzzing;

/**
 * Arbitrary bytes through {@link KafkaProtocol}'s check and parser, in any chunking, both
 * directions, with gaps ({@link ParserFuzzing}). Plain {@code mvn test} replays the seeds in
 * {@code src/test/resources/io/wirespan/engine/protocol/kafka/KafkaFuzzTestInputs/parsesArbitraryBytes/};
 * run with {@code JAZZER_FUZZ=1} to fuzz.
 */
class KafkaFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parsesArbitraryBytes(byte[] input) {
        ParserFuzzing.fuzz(new KafkaProtocol(), input);
    }
}
