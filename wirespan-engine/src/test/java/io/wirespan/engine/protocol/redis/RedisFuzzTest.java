package io.wirespan.engine.protocol.redis;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wirespan.engine.protocol.ParserFuzzing;

/**
 * Arbitrary bytes through {@link RedisProtocol}'s check and parser, in any chunking, both
 * directions, with gaps ({@link ParserFuzzing}). Plain {@code mvn test} replays the seeds in
 * {@code src/test/resources/io/wirespan/engine/protocol/redis/RedisFuzzTestInputs/parsesArbitraryBytes/};
 * run with {@code JAZZER_FUZZ=1} to fuzz.
 */
class RedisFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parsesArbitraryBytes(byte[] input) {
        ParserFuzzing.fuzz(new RedisProtocol(), input);
    }
}
