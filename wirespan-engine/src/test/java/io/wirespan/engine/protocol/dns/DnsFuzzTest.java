package io.wirespan.engine.protocol.dns;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wirespan.engine.protocol.ParserFuzzing;

/**
 * Arbitrary bytes through {@link DnsProtocol}'s check and parser, over UDP and TCP, in any
 * chunking, with gaps ({@link ParserFuzzing}). Plain {@code mvn test} replays the seeds in
 * {@code src/test/resources/io/wirespan/engine/protocol/dns/DnsFuzzTestInputs/parsesArbitraryBytes/};
 * run with {@code JAZZER_FUZZ=1} to fuzz.
 */
class DnsFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parsesArbitraryBytes(byte[] input) {
        ParserFuzzing.fuzz(new DnsProtocol(), input);
    }
}
