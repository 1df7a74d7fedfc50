package io.wirespan.engine.protocol.mysql;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wirespan.engine.protocol.ParserFuzzing;

/**
 * Arbitrary bytes through {@link MysqlProtocol}'s check and parser, in any chunking, with gaps
 * ({@link ParserFuzzing}). Plain {@code mvn test} replays the seeds in
 * {@code src/test/resources/io/wirespan/engine/protocol/mysql/MysqlFuzzTestInputs/parsesArbitraryBytes/};
 * run with {@code JAZZER_FUZZ=1} to fuzz.
 */
class MysqlFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parsesArbitraryBytes(byte[] input) {
        ParserFuzzing.fuzz(new MysqlProtocol(), input);
    }
}
