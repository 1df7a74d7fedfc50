package io.wirespan.engine.protocol.memcached;

import io.wirespan.engine.testing.CorpusFolderTest;
import java.util.List;

/**
 * The DeepFlow corpus's {@code memcached/} folder with only {@link MemcachedProtocol}: every file and the folder at 97 % of
 * the expected fields.
 */
class MemcachedCorpusTest extends CorpusFolderTest {
    MemcachedCorpusTest() {
        super("memcached", true, config -> List.of(new MemcachedProtocol()));
    }
}
