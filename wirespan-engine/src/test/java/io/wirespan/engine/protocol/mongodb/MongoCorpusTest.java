package io.wirespan.engine.protocol.mongodb;

import io.wirespan.engine.testing.CorpusFolderTest;
import java.util.List;

/**
 * The DeepFlow corpus's {@code mongo/} folder with only {@link MongoProtocol}: every file and the folder at 97 % of
 * the expected fields.
 */
class MongoCorpusTest extends CorpusFolderTest {
    MongoCorpusTest() {
        super("mongo", true, config -> List.of(new MongoProtocol()));
    }
}
