package io.wirespan.engine.protocol.redis;

import io.wirespan.engine.testing.CorpusFolderTest;
import java.util.List;

/**
 * The DeepFlow corpus's {@code redis/} folder with only {@link RedisProtocol}: every file and the folder at 97 % of
 * the expected fields.
 */
class RedisCorpusTest extends CorpusFolderTest {
    RedisCorpusTest() {
        super("redis", true, config -> List.of(new RedisProtocol()));
    }
}
