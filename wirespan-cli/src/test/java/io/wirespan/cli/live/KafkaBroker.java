package io.wirespan.cli.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Apache Kafka broker (the {@code kafka_2.13} server of Maven Central) in KRaft combined mode,
 * one node that is broker and controller, in a JVM of its own ({@link JavaPrograms}). Topics are
 * never created on first use, so a nonexistent topic stays an error.
 */
final class KafkaBroker implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final int port;

    private KafkaBroker(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts a broker on a free loopback port with its log and data under {@code dir}; returns once it listens. */
    static KafkaBroker start(Path dir) {
        int port = Loopback.freePort();
        int controllerPort = Loopback.freePort();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = dir.resolve("broker.log");
        Process p = JavaPrograms.start(KafkaBroker.class, List.of("-Xms64m", "-Xmx384m", "--sun-misc-unsafe-memory-access=allow"),
                List.of(dir.resolve("data").toString(), Integer.toString(port), Integer.toString(controllerPort)), log);
        KafkaBroker broker = new KafkaBroker(p, dir, port);
        try {
            JavaPrograms.awaitListening(port, p, log);
        } catch (AssertionError e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    int port() {
        return port;
    }

    String bootstrap() {
        return Loopback.ADDRESS + ":" + port;
    }

    /** What the broker logged (warnings and errors). */
    String log() {
        return Programs.read(dir.resolve("broker.log"));
    }

    @Override
    public void close() {
        Programs.stop(process);
        Programs.deleteTree(dir);
    }

    /** The broker's settings: as few partitions and replicas as one node needs, no delay before the first rebalance. */
    static Properties config(String dataDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + Loopback.ADDRESS + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + Loopback.ADDRESS + ":" + port + ",CONTROLLER://" + Loopback.ADDRESS + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + Loopback.ADDRESS + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDir);
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /** {@code KafkaBroker DATA_DIR PORT CONTROLLER_PORT}: formats the data folder, then serves until killed. */
    public static void main(String[] args) throws Exception {
        String dataDir = args[0];
        KafkaConfig config = KafkaConfig.fromProps(config(dataDir, Integer.parseInt(args[1]), Integer.parseInt(args[2])));
        new Formatter()
                .setPrintStream(System.out)
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(config.nodeId())
                .setDirectories(List.of(dataDir))
                .setMetadataLogDirectory(config.metadataLogDir())
                .setControllerListenerName("CONTROLLER")
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        System.out.println("kafka broker started");
        server.awaitShutdown();
    }
}
