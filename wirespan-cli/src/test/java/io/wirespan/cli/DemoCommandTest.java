package io.wirespan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void showsTheFlowsOfTheBundledSamples() {
        Path samples = Path.of("..", "samples").toAbsolutePath().normalize();
        assertThat(samples.resolve("http.pcap")).exists();
        CommandRun run = CommandRun.of("demo", "--samples", samples.toString());
        assertThat(run.exitCode()).isZero();
        // one server per sample capture (samples/make-samples), each with the protocol its call logs say
        assertThat(run.out()).contains("11 sample captures");
        assertThat(run.out()).contains("127.0.0.1:18080", "127.0.0.1:18081", "127.0.0.1:15051", "127.0.0.1:19092",
                "127.0.0.1:27117", "127.0.0.1:16379", "127.0.0.1:15353", "127.0.0.1:11311", "127.0.0.1:15432",
                "127.0.0.1:13306", "127.0.0.1:11883");
        assertThat(run.out()).contains(" HTTP ", " HTTP2 ", " gRPC ", " Kafka ", " MongoDB ", " Redis ", " DNS ",
                " Memcached ", " PostgreSQL ", " MySQL ", " MQTT ");
        assertThat(run.out()).as("the Kafka sample's produce, by topic, partition and offset")
                .containsPattern("Kafka +127\\.0\\.0\\.1:\\d+ +127\\.0\\.0\\.1:19092 +session +Produce +orders-0:0 ");
        assertThat(run.out()).as("the MongoDB sample's unknown command, refused")
                .containsPattern("MongoDB +127\\.0\\.0\\.1:\\d+ +127\\.0\\.0\\.1:27117 +session +OP_MSG +\\{\"frobnicate\": 1, \"\\$db\": \"shop\"\\} +client_error +59 ");
    }

    @Test
    void emptySamplesFolderIsBadInput(@org.junit.jupiter.api.io.TempDir Path empty) throws Exception {
        assertThat(Files.list(empty)).isEmpty();
        CommandRun run = CommandRun.of("demo", "--samples", empty.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no .pcap or .pcapng files");
    }
}
