package io.wirespan.engine.protocol.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Our api-key and error-code tables against those of Kafka's own client library: when a new
 * kafka-clients adds versions, keys or errors, this test says which rows to update (and which
 * body layouts to check with {@code KafkaClientsOracleTest}).
 */
class KafkaTablesTest {
    @Test
    void everyApiKeyHasKafkasNameHighestVersionAndFlexibleVersions() {
        SoftAssertions softly = new SoftAssertions();
        for (ApiKeys k : ApiKeys.values()) {
            KafkaApiKey ours = KafkaApiKey.valueOf(k.id);
            softly.assertThat(ours.known()).as(k.name + " known").isTrue();
            softly.assertThat(ours.apiName()).as("name of key " + k.id).isEqualTo(k.name);
            if (k.latestVersion(true) < 0) continue; // removed with ZooKeeper (LeaderAndIsr, ...): the old versions stay
            softly.assertThat(ours.maxVersion()).as(k.name + " highest version").isEqualTo(k.latestVersion(true));
            for (short v = k.oldestVersion(); v <= k.latestVersion(true); v++) {
                softly.assertThat(ours.flexible(v)).as(k.name + " v" + v + " request header v2").isEqualTo(k.requestHeaderVersion(v) >= 2);
                softly.assertThat(ours.flexibleResponseHeader(v)).as(k.name + " v" + v + " response header v1")
                        .isEqualTo(k.responseHeaderVersion(v) >= 1);
            }
        }
        softly.assertThat(KafkaApiKey.valueOf(ApiKeys.values().length).known()).as("no key beyond Kafka's").isFalse();
        softly.assertAll();
    }

    @Test
    void everyErrorCodeHasKafkasName() {
        SoftAssertions softly = new SoftAssertions();
        for (Errors e : Errors.values()) {
            softly.assertThat(KafkaErrorCode.valueOf(e.code()).errorName()).as("error " + e.code()).isEqualTo(e.name());
        }
        softly.assertAll();
        assertThat(KafkaErrorCode.valueOf(Errors.values().length).errorName()).as("no code beyond Kafka's").isNull();
    }

    @Test
    void newerVersionsAndKeysAreFramedButNotDecoded() {
        KafkaApiKey produce = KafkaApiKey.PRODUCE;
        int newest = ApiKeys.PRODUCE.latestVersion(true);
        assertThat(produce.decodable(newest)).isTrue();
        assertThat(produce.decodable(newest + 1)).isFalse();
        assertThat(produce.plausible(newest + KafkaApiKey.NEWER_VERSIONS, false)).isTrue();
        assertThat(produce.plausible(newest + KafkaApiKey.NEWER_VERSIONS + 1, true)).isFalse();
        assertThat(produce.flexible(newest + 1)).isTrue();

        KafkaApiKey next = KafkaApiKey.valueOf(ApiKeys.values().length);
        assertThat(next.plausible(0, false)).as("an unknown key never starts a flow").isFalse();
        assertThat(next.plausible(0, true)).as("in step, a newer key is framed").isTrue();
        assertThat(next.flexible(0)).as("keys added since KIP-482 are flexible").isTrue();
        assertThat(KafkaApiKey.valueOf(ApiKeys.values().length + KafkaApiKey.NEWER_KEYS).plausible(0, true)).isFalse();
    }
}
