package io.wirespan.cli;

import io.wirespan.engine.capture.live.LiveCapture;
import io.wirespan.engine.capture.live.LiveCaptureException;
import io.wirespan.engine.capture.live.LiveCaptureException.Reason;
import io.wirespan.engine.capture.live.LiveOptions;
import io.wirespan.engine.capture.live.LiveStats;
import io.wirespan.engine.capture.live.PcapInterface;
import io.wirespan.engine.capture.live.ReopeningCapture;
import io.wirespan.api.Direction;
import io.wirespan.engine.config.Config;
import io.wirespan.engine.decode.DecodeStats;
import io.wirespan.engine.decode.SkipReason;
import io.wirespan.engine.flow.Flow;
import io.wirespan.engine.flow.FlowEndReason;
import io.wirespan.engine.flow.FlowListener;
import io.wirespan.engine.flow.FlowListeners;
import io.wirespan.engine.pipeline.EngineSettings;
import io.wirespan.engine.pipeline.FlowRecorder;
import io.wirespan.engine.pipeline.Pipeline;
import io.wirespan.engine.protocol.L7Settings;
import io.wirespan.engine.protocol.L7Stats;
import io.wirespan.server.registry.Registry;
import io.wirespan.store.DuckDbStore;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code wirespan agent}: the parse pipeline on live interfaces, until SIGINT or SIGTERM. Each
 * interface has its capture thread and its pipeline shards; their call logs go through a
 * {@link CallLogShipper} to a server or into a local store. A stop ends every capture, lets the pipelines end their
 * flows and send what still waits, stores what is queued, and only then lets the JVM exit.
 */
@Command(name = "agent", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Capture live traffic and turn it into call logs, until interrupted (Ctrl-C, SIGTERM).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by a signal, everything stored", "1:runtime failure (no libpcap, no permission to capture)",
                "2:bad input (usage, no such interface, bad filter or configuration)"})
final class AgentCommand implements Callable<Integer> {
    private static final int QUEUE_CALL_LOGS = 1 << 18;
    private static final long REOPEN_MILLIS = 1000;

    /** The interfaces to capture on: one by name, or every one a regex matches. */
    static final class Interfaces {
        @Option(names = "--interface", paramLabel = "IF", required = true, description = "Capture on this interface.")
        String name;

        @Option(names = "--interface-regex", paramLabel = "REGEX", required = true,
                description = "Capture on every interface whose whole name matches (DeepFlow's interface_regex).")
        String regex;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Interfaces interfaces;

    @Option(names = "--bpf", paramLabel = "FILTER", description = "Capture only what this BPF filter (tcpdump's syntax) passes.")
    String bpf;

    /** Where the call logs go: a server, or a local DuckDB file. */
    static final class Destinations {
        @Option(names = "--server", paramLabel = "URL", required = true,
                description = "Send the call logs to this Wirespan server's ingest endpoint (gzip'd protobuf batches).")
        String server;

        @Option(names = "--db", paramLabel = "FILE.duckdb", required = true,
                description = "Store the call logs in this DuckDB file instead (created when missing, appended to otherwise).")
        Path db;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Destinations destinations;

    @Option(names = "--spool", paramLabel = "DIR",
            description = "With --server: where batches wait while the server does not take them"
                    + " (default: wirespan-agent-spool in the system's temporary directory).")
    Path spool;

    @Option(names = "--spool-max-mb", paramLabel = "MB", defaultValue = "256",
            description = "The spool's bound; past it the oldest batches are dropped and counted (default: ${DEFAULT-VALUE}).")
    long spoolMaxMb;

    @Option(names = "--token", paramLabel = "T",
            description = "The server's token (default: the environment's WIRESPAN_TOKEN).")
    String token;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration with DeepFlow's agent key names.")
    Path config;

    @Option(names = "--group", paramLabel = "NAME",
            description = "With --server: follow this agent group's configuration and plugins on the server, applied"
                    + " over --config while capturing (default: ${DEFAULT-VALUE}).", defaultValue = Registry.DEFAULT_GROUP)
    String group;

    @Option(names = "--config-poll-seconds", paramLabel = "S", defaultValue = "10",
            description = "With --server: how often the group's configuration is asked for (default: ${DEFAULT-VALUE}).")
    long configPollSeconds;

    @Option(names = "--plugin-dir", paramLabel = "DIR",
            description = "Load the plugins of DIR: every .wasm (after those of --wasm-plugin) and every Java plugin .jar.")
    Path pluginDir;

    @Option(names = "--wasm-plugin", paramLabel = "FILE.wasm",
            description = "Load a WebAssembly plugin built for DeepFlow's plugin ABI (repeatable; tried in this order).")
    List<Path> wasmPlugins = new ArrayList<>();

    @Option(names = "--otlp-endpoint", paramLabel = "URL",
            description = "Also export the call logs as OpenTelemetry spans to this OTLP/HTTP receiver"
                    + " (http://collector:4318, or its full /v1/traces URL).")
    URI otlpEndpoint;

    @Option(names = "--otlp-header", paramLabel = "NAME=VALUE",
            description = "A header for every OTLP request (an API key, a tenant); repeatable.")
    Map<String, String> otlpHeaders = new LinkedHashMap<>();

    @Option(names = "--metrics-port", paramLabel = "N",
            description = "Serve the agent's own metrics (Prometheus text format) at http://HOST:N/metrics.")
    Integer metricsPort;

    @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "The address the metrics are served on (default: ${DEFAULT-VALUE}).")
    String metricsHost;

    @Option(names = "--workers", paramLabel = "N",
            description = "Parsing threads per interface (default: the processors shared among the interfaces).")
    Integer workers;

    @Spec
    CommandSpec spec;

    /** Read by the signal thread too. */
    private final List<Capture> captures = new CopyOnWriteArrayList<>();

    @Override
    public Integer call() throws Exception {
        Config settings = config == null ? Config.defaults() : Config.load(config);
        EngineSettings engine = EngineSettings.from(settings);
        List<String> names = chosenInterfaces();
        int shards = workers != null ? workers : Math.max(1, Runtime.getRuntime().availableProcessors() / names.size());
        if (shards < 1) throw new ParameterException(spec.commandLine(), "--workers must be at least 1, not " + shards);
        PrintStream err = System.err;

        boolean toServer = destinations.server != null;
        if (spool != null && !toServer) throw new BadInputException("--spool goes with --server, not --db");
        if (!toServer && (spec.commandLine().getParseResult().hasMatchedOption("--group")
                || spec.commandLine().getParseResult().hasMatchedOption("--config-poll-seconds"))) {
            throw new BadInputException("--group and --config-poll-seconds go with --server, not --db");
        }
        if (configPollSeconds < 1) throw new BadInputException("--config-poll-seconds must be at least 1, not " + configPollSeconds);
        String agent = hostName();
        PluginSources sources = PluginSources.of(pluginDir, wasmPlugins);
        PluginReporter reporter = new PluginReporter(err);
        try (AgentProtocols protocols = new AgentProtocols(settings, sources.javaPlugins(),
                     ParseCommand.loadWasm(sources.wasmFiles(), ParseCommand.pluginLimits(settings), reporter));
             DuckDbStore store = toServer ? null : Stores.duckDb(destinations.db)) {
            ServerClient server = toServer ? new ServerClient(destinations.server, ServerClient.token(token)) : null;
            GroupConfigPoller groupConfig = toServer
                    ? new GroupConfigPoller(server, group, protocols, Duration.ofSeconds(configPollSeconds), err) : null;
            CallLogShipper.Destination destination = toServer
                    ? new ServerDestination(server, destinations.server, agent, openSpool(), err)
                    : new StoreDestination(store, destinations.db.toString());
            CallLogShipper shipper = new CallLogShipper(destination, QUEUE_CALL_LOGS, err);
            OtlpDestination spans = otlpEndpoint == null ? null : otlpDestination(agent);
            CallLogShipper otlp = spans == null ? null : new CallLogShipper(spans, QUEUE_CALL_LOGS, err);
            AgentMetrics metrics = null;
            try {
                if (groupConfig != null) groupConfig.start();
                for (String name : names) captures.add(new Capture(name, engine, shards, protocols, shipper, otlp, err));
                // SIGINT and SIGTERM stop the captures; the run then ends as a normal return, exit code 0
                StopSignals.onStop(this::stopAll);
                metrics = metricsPort == null ? null : new AgentMetrics(metricsHost, metricsPort,
                        () -> captures.stream().map(Capture::published).toList(), shipper, destination, otlp,
                        new AgentMetrics.Protocols(protocols, groupConfig));
                if (metrics != null) err.printf(Locale.ROOT, "wirespan agent: metrics at http://%s:%d/metrics%n", metricsHost, metrics.port());
                // the handles are active: what arrives from now on waits in the kernel's rings
                err.printf(Locale.ROOT, "wirespan agent: capturing on %s%s into %s%s; stop with Ctrl-C%n",
                        String.join(", ", names), bpf == null || bpf.isBlank() ? "" : " (" + bpf + ")", destination.describe(),
                        spans == null ? "" : ", spans to " + spans.describe());
                err.flush();
                captures.forEach(Capture::start);
                for (Capture c : captures) c.awaitEnd();
            } finally {
                if (groupConfig != null) groupConfig.close();
                shipper.close(); // what the pipelines sent is delivered, even after a failure
                if (otlp != null) otlp.close();
                captures.forEach(Capture::close);
                if (metrics != null) metrics.close();
            }
            for (Capture c : captures) c.rethrowFailure();
            for (Capture c : captures) err.println("wirespan agent: " + c.summary());
            reporter.printHidden();
            reporter.printStats(protocols.pluginStats());
            long lost = shipper.dropped() + shipper.failed() + destination.dropped();
            err.printf(Locale.ROOT, "wirespan agent: %,d call logs delivered to %s%s%n",
                    shipper.delivered() - destination.held() - destination.dropped(), destination.describe(),
                    lost == 0 ? "" : String.format(Locale.ROOT, "; %,d dropped (queue full), %,d not delivered, %,d dropped"
                            + " from the full spool", shipper.dropped(), shipper.failed(), destination.dropped()));
            if (otlp != null) {
                err.printf(Locale.ROOT, "wirespan agent: %,d spans exported to %s%s%n", otlp.delivered(), spans.describe(),
                        otlp.dropped() + otlp.failed() == 0 ? "" : String.format(Locale.ROOT,
                                "; %,d dropped (queue full), %,d not taken", otlp.dropped(), otlp.failed()));
            }
            err.flush();
        }
        return WirespanCommand.EXIT_OK;
    }

    private OtlpDestination otlpDestination(String agent) throws BadInputException {
        try {
            return new OtlpDestination(otlpEndpoint, otlpHeaders, agent);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--otlp-endpoint: " + e.getMessage());
        }
    }

    /** The agent's name in its batch ids and on the server. */
    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "wirespan-agent"; // a host whose own name does not resolve still captures
        }
    }

    private Spool openSpool() throws BadInputException {
        if (spoolMaxMb < 1) throw new BadInputException("--spool-max-mb must be at least 1, not " + spoolMaxMb);
        Path dir = spool != null ? spool : Path.of(System.getProperty("java.io.tmpdir"), "wirespan-agent-spool");
        try {
            return new Spool(dir, spoolMaxMb << 20);
        } catch (IOException e) {
            throw new BadInputException("--spool: cannot use " + dir + ": " + e.getMessage());
        }
    }

    /** Stops every capture: on a stop signal, or when one capture fails. */
    private void stopAll() {
        captures.forEach(Capture::stop);
    }

    /** What the capture thread counts, published on each of its clock ticks. */
    private record CaptureStats(long packets, long bytes, LiveStats kernel, Map<String, Long> decodeSkipped) {}

    /**
     * What the agent and one shard tell each other on the shard's own thread, on each clock tick
     * (and at the end): the shard takes up the agent's protocol settings when they changed, and
     * publishes its protocol counts, where the engine's maps can be read safely.
     */
    private static final class ShardControl implements FlowListener {
        private final Shard shard;
        private final AgentProtocols protocols;
        private L7Settings applied;
        private volatile L7Stats latest;
        private volatile long callLogs;

        ShardControl(Shard shard, AgentProtocols protocols, L7Settings applied) {
            this.shard = shard;
            this.protocols = protocols;
            this.applied = applied;
            this.latest = shard.protocols().stats();
        }

        @Override
        public void onTimePassed(long nowMicros) {
            L7Settings wanted = protocols.current();
            if (wanted != applied) {
                shard.protocols().reconfigure(wanted);
                applied = wanted;
            }
            latest = shard.protocols().stats();
            callLogs = shard.callLogs().count();
        }

        L7Stats latest() { return latest; }
        long callLogs() { return callLogs; }

        @Override public void onFlowStart(Flow flow, long timestampMicros) {}
        @Override public void onPayload(Flow flow, Direction direction, byte[] data, int offset, int length, long timestampMicros) {}
        @Override public void onGap(Flow flow, Direction direction, int missingBytes, long timestampMicros) {}
        @Override public void onFlowEnd(Flow flow, FlowEndReason reason, long timestampMicros) {}
    }

    private List<String> chosenInterfaces() throws BadInputException, LiveCaptureException {
        List<PcapInterface> all = LiveCapture.interfaces();
        List<String> known = all.stream().map(PcapInterface::name).toList();
        if (interfaces.name != null) {
            if (!known.contains(interfaces.name)) {
                throw new BadInputException("--interface: no interface named " + interfaces.name + " (there are: "
                        + String.join(", ", known) + ")");
            }
            return List.of(interfaces.name);
        }
        Pattern regex;
        try {
            regex = Pattern.compile(interfaces.regex);
        } catch (PatternSyntaxException e) {
            throw new BadInputException("--interface-regex: " + e.getDescription() + " in " + interfaces.regex);
        }
        List<String> matching = known.stream().filter(n -> regex.matcher(n).matches()).toList();
        if (matching.isEmpty()) {
            throw new BadInputException("--interface-regex: no interface matches " + interfaces.regex + " (there are: "
                    + String.join(", ", known) + ")");
        }
        return matching;
    }

    /** One interface: its libpcap handle, its pipeline with its shards, and the thread that feeds them. */
    private final class Capture {
        private final ReopeningCapture live;
        private final Pipeline pipeline;
        private final List<Shard> shards = new ArrayList<>();
        private final List<ShardControl> shardControls = new ArrayList<>();
        private final Thread thread;
        private volatile Throwable failure;
        /** The capture thread's own counts, as of its last clock tick. */
        private volatile CaptureStats captureStats = new CaptureStats(0, 0, LiveStats.NONE, Map.of());

        /** @param otlp where the call logs go as spans too, or null */
        Capture(String name, EngineSettings engine, int shardCount, AgentProtocols protocols, CallLogShipper shipper,
                CallLogShipper otlp, PrintStream err) throws LiveCaptureException, BadInputException {
            this.live = open(name, err);
            this.pipeline = new Pipeline(engine, shardCount, index -> {
                L7Settings settings = protocols.current();
                Shard shard = new Shard(shipper.sink(), new CountingSink(shipper.sink(), otlp == null ? null : otlp::offer),
                        new FlowRecorder(0), settings);
                ShardControl control = new ShardControl(shard, protocols, settings);
                shards.add(shard);
                shardControls.add(control);
                return FlowListeners.both(shard.protocols(), control);
            });
            live.onClock(now -> {
                pipeline.advanceTime(now); // requests time out and flows expire when the link is quiet too
                publish();
            });
            this.thread = Thread.ofPlatform().name("wirespan-capture-" + name).unstarted(this::run);
        }

        /** On the capture thread, which owns these counts. */
        private void publish() {
            try {
                captureStats = new CaptureStats(pipeline.frames(), live.position(), live.stats(), skipped(pipeline.decodeStats()));
            } catch (LiveCaptureException e) {
                // the next tick tries again; a capture that really failed ends the run through next()
            }
        }

        /** The decoder's skips by reason: its other counters (frames, packets, reassembled datagrams) are no losses. */
        private static Map<String, Long> skipped(DecodeStats stats) {
            Map<String, Long> skipped = new LinkedHashMap<>();
            for (SkipReason reason : SkipReason.values()) {
                if (stats.skipped(reason) != 0) skipped.put(reason.label(), stats.skipped(reason));
            }
            return skipped;
        }

        AgentMetrics.Published published() {
            CaptureStats c = captureStats;
            List<L7Stats> l7 = shardControls.stream().map(ShardControl::latest).toList();
            return new AgentMetrics.Published(live.name(), c.packets(), c.bytes(), c.kernel(), live.reopens(), c.decodeSkipped(),
                    shardControls.stream().mapToLong(ShardControl::callLogs).sum(), AgentMetrics.sum(l7),
                    l7.stream().mapToLong(L7Stats::unidentifiedFlows).sum(), l7.stream().mapToLong(L7Stats::parserFailures).sum());
        }

        /** The caller's mistakes (a filter, an interface) are bad input; the host's are failures. */
        private ReopeningCapture open(String name, PrintStream err) throws LiveCaptureException, BadInputException {
            try {
                return new ReopeningCapture(name, LiveOptions.DEFAULTS, bpf, REOPEN_MILLIS, event -> err.println("wirespan agent: " + event));
            } catch (LiveCaptureException e) {
                if (e.reason() == Reason.BAD_FILTER || e.reason() == Reason.NO_SUCH_INTERFACE) {
                    throw new BadInputException(e.getMessage());
                }
                throw e;
            }
        }

        void start() {
            thread.start();
        }

        void stop() {
            live.stop();
        }

        private void run() {
            try {
                pipeline.run(live, position -> {});
                for (Shard shard : shards) shard.finish();
                publish();
            } catch (IOException | RuntimeException e) {
                failure = e;
                stopAll();
            }
        }

        void awaitEnd() throws InterruptedException {
            thread.join();
        }

        void rethrowFailure() throws IOException {
            if (failure instanceof IOException e) throw e;
            if (failure instanceof RuntimeException e) throw e;
        }

        String summary() {
            LiveStats kernel = captureStats.kernel();
            return String.format(Locale.ROOT, "%s: %,d packets, %,d call logs; the kernel dropped %,d", live.name(),
                    pipeline.frames(), Shard.callLogs(shards), kernel.dropped() + kernel.interfaceDropped());
        }

        void close() {
            pipeline.close();
            live.close();
        }
    }
}
