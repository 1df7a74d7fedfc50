package io.wirespan.engine.protocol.mysql;

import io.wirespan.engine.config.ConfigKeys;
import io.wirespan.engine.testing.CorpusFolderTest;
import java.util.List;

/**
 * The DeepFlow corpus's {@code mysql/} folder with only {@link MysqlProtocol}: the folder (each file has fields to compare) at 97 % of
 * the expected fields.
 */
class MysqlCorpusTest extends CorpusFolderTest {
    MysqlCorpusTest() {
        super("mysql", false, config -> List.of(new MysqlProtocol(new MysqlConfig(
                config.get(ConfigKeys.MYSQL_DECOMPRESS_PAYLOAD), config.get(ConfigKeys.MYSQL_ENDPOINT_DISABLED)))));
    }
}
