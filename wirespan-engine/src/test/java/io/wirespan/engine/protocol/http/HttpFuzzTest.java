package io.wirespan.engine.protocol.http;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wirespan.engine.protocol.ParserFuzzing;

/**
 * Arbitrary bytes through {@link HttpProtocol}: check and parse in both directions, in pieces,
 * with gaps. Plain {@code mvn test} replays the seeds in
 * {@code src/test/resources/io/wirespan/engine/protocol/http/HttpFuzzTestInputs/parsesArbitraryBytes/};
 * run with {@code JAZZER_FUZZ=1} to fuzz.
 */
class HttpFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parsesArbitraryBytes(byte[] input) {
        ParserFuzzing.fuzz(new HttpProtocol(), input);
    }
}
