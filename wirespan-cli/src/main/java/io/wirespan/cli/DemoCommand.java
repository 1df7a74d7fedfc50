package io.wirespan.cli;

import io.wirespan.engine.capture.CaptureFormatException;
import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.config.Config;
import io.wirespan.engine.flow.FlowListeners;
import io.wirespan.engine.pipeline.EngineSettings;
import io.wirespan.engine.protocol.L7Engine;
import io.wirespan.engine.sink.TableSink;
import io.wirespan.engine.pipeline.FlowRecorder;
import io.wirespan.engine.pipeline.Pipeline;
import io.wirespan.engine.sink.FlowSummaryWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wirespan demo}: parses the bundled sample captures and shows what came out. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Parse the bundled sample captures (real traffic of nginx over HTTP/1.1 and h2c, grpc-java,"
                + " Apache Kafka, the MongoDB Java driver, dnsmasq, Redis, memcached, PostgreSQL, MariaDB and mosquitto)"
                + " and show the result.")
final class DemoCommand implements Callable<Integer> {
    /** The samples' servers listen on unprivileged ports, outside DNS's and memcached's default prefilters. */
    private static final String SAMPLES_CONFIG = """
            processors:
              request_log:
                filters:
                  port_number_prefilters: {DNS: "1-65535", Memcached: "1-65535"}
            """;

    @Option(names = "--samples", paramLabel = "DIR", description = "Folder of captures to use (default: the bundled samples).")
    Path samples;

    @Override
    public Integer call() throws Exception {
        Path folder = samples != null ? samples : bundledSamples();
        List<Path> captures = capturesIn(folder);
        if (captures.isEmpty()) throw new BadInputException(folder + ": no .pcap or .pcapng files");

        FlowRecorder recorder = new FlowRecorder(Integer.MAX_VALUE);
        PrintWriter out = new PrintWriter(System.out, true);
        TableSink table = new TableSink(out);
        CountingSink callLogs = new CountingSink(table);
        L7Engine protocols = L7Engine.create(Config.parse(SAMPLES_CONFIG, "demo"), callLogs);
        Pipeline pipeline = new Pipeline(EngineSettings.DEFAULTS, FlowListeners.both(protocols, recorder));
        long started = System.nanoTime();
        Inputs inputs = new Inputs(captures.stream().map(Path::toString).toList());
        try (pipeline) {
            for (String capture : inputs.names()) {
                try (PacketSource source = inputs.open(capture)) {
                    pipeline.run(source, position -> {});
                } catch (CaptureFormatException e) {
                    throw new BadInputException(e.getMessage());
                }
            }
        }
        protocols.flush();
        out.println("Wirespan demo: " + captures.size() + " sample captures from " + folder);
        out.println();
        out.println("Call logs:");
        table.close();
        out.println();
        out.println("Flows:");
        FlowSummaryWriter.printTable(out, recorder.flows());
        out.println();
        new RunSummary(captures.size(), pipeline, protocols.stats(), callLogs.count()).print(System.err, System.nanoTime() - started);
        return WirespanCommand.EXIT_OK;
    }

    /** The launcher passes the checkout's root; running the jar by hand falls back to the working directory. */
    private static Path bundledSamples() {
        String home = System.getProperty("wirespan.home");
        return Path.of(home == null ? "." : home, "samples");
    }

    private static List<Path> capturesIn(Path folder) throws IOException, BadInputException {
        if (!Files.isDirectory(folder)) throw new BadInputException(folder + ": no such folder");
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().matches(".*\\.(pcap|pcapng)$")).sorted().toList();
        }
    }
}
