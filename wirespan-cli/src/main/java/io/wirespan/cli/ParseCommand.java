package io.wirespan.cli;

import io.wirespan.api.CallLog;
import io.wirespan.engine.capture.CaptureFormatException;
import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.config.Config;
import io.wirespan.engine.config.ConfigKeys;
import io.wirespan.engine.flow.FlowListeners;
import io.wirespan.engine.metrics.MetricsJson;
import io.wirespan.engine.metrics.MetricsRow;
import io.wirespan.engine.metrics.MetricsTable;
import io.wirespan.engine.metrics.RedMetrics;
import io.wirespan.engine.pipeline.EngineSettings;
import io.wirespan.engine.pipeline.FlowRecorder;
import io.wirespan.engine.protocol.L7Engine;
import io.wirespan.engine.protocol.L7Settings;
import io.wirespan.engine.pipeline.Pipeline;
import io.wirespan.engine.sink.CallLogSink;
import io.wirespan.engine.sink.FlowSummaryWriter;
import io.wirespan.engine.sink.JsonLinesSink;
import io.wirespan.engine.sink.SynchronizedSink;
import io.wirespan.engine.sink.TableSink;
import io.wirespan.store.CallLogStore;
import io.wirespan.store.ClickHouseStore;
import io.wirespan.store.DuckDbStore;
import io.wirespan.store.StoreException;
import io.wirespan.store.StoreSink;
import io.wirespan.wasm.PluginLimits;
import io.wirespan.wasm.PluginLoadException;
import io.wirespan.wasm.PluginStats;
import io.wirespan.wasm.pipeline.WasmPlugins;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wirespan parse}: capture files in, call logs out. */
@Command(name = "parse", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Parse capture files (pcap, pcapng; - for standard input) into call logs.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:runtime failure", "2:bad input (usage, unreadable or corrupt file, bad configuration)"})
final class ParseCommand implements Callable<Integer> {

    enum Format { jsonl, table }

    @Option(names = "--format", paramLabel = "jsonl|table",
            description = "Output format (default: table on a terminal, jsonl otherwise).")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the output to FILE instead of standard output.")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration with DeepFlow's agent key names.")
    Path config;

    @Option(names = "--plugin-dir", paramLabel = "DIR",
            description = "Load the plugins of DIR: every .wasm (after those of --wasm-plugin) and every Java plugin .jar"
                    + " (with a META-INF/services/io.wirespan.api.L7ProtocolProvider entry).")
    Path pluginDir;

    @Option(names = "--wasm-plugin", paramLabel = "FILE.wasm",
            description = "Load a WebAssembly plugin built for DeepFlow's plugin ABI (repeatable; tried in this order).")
    List<Path> wasmPlugins = new ArrayList<>();

    @Option(names = "--metrics", description = "Also write RED metrics per endpoint and window (1 s and 1 min):"
            + " requests, errors, timeouts, latency sum/max and p50/p90/p99 (kind \"metrics\" in jsonl).")
    boolean metrics;

    @Option(names = "--flows", description = "Also write a summary of every L4 flow (kind \"flow\" in jsonl).")
    boolean flows;

    /** Where the call logs and metrics are stored instead of written out: one store or none. */
    static final class StoreOptions {
        @Option(names = "--store", paramLabel = "FILE.duckdb",
                description = "Store the call logs and RED metrics in this DuckDB file (tables l7_flow_log and application;"
                        + " created when missing, appended to otherwise) instead of writing them out.")
        Path file;

        @Option(names = "--clickhouse", paramLabel = "URL",
                description = "Store them in ClickHouse instead, over its HTTP interface:"
                        + " http(s)://[user[:password]@]host[:port][/database] (port 8123, database default;"
                        + " the database and tables are created when missing).")
        String clickhouse;
    }

    @ArgGroup(exclusive = true)
    StoreOptions storeOptions;

    @Option(names = "--workers", paramLabel = "N",
            description = "Threads that parse, each a share of the flows (default: one per processor, here ${DEFAULT-VALUE}).")
    int workers = Runtime.getRuntime().availableProcessors();

    @Spec
    CommandSpec spec;

    @Option(names = "--bench", description = "Measure throughput instead of writing output: a plain read of the"
            + " input and the whole pipeline, side by side in one run.")
    boolean bench;

    @Option(names = "--bench-rounds", paramLabel = "N", defaultValue = "3",
            description = "Rounds of each measurement with --bench; the best is reported (default: ${DEFAULT-VALUE}).")
    int benchRounds;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Capture files, or - for standard input.")
    List<String> files;

    @Override
    public Integer call() throws Exception {
        if (workers < 1) throw new ParameterException(spec.commandLine(), "--workers must be at least 1, not " + workers);
        Config settings = config == null ? Config.defaults() : Config.load(config);
        EngineSettings engine = EngineSettings.from(settings);
        Inputs inputs = new Inputs(files);
        if (bench) {
            new PipelineBench(settings, engine, inputs, benchRounds).run(System.out);
            return WirespanCommand.EXIT_OK;
        }

        Terminal terminal = Terminal.detect();
        Format chosen = format != null ? format : terminal.stdoutIsTerminal() && out == null ? Format.table : Format.jsonl;
        List<String> problems = new ArrayList<>();
        long started = System.nanoTime();
        RunSummary summary;
        Map<String, PluginStats> pluginStats;

        PluginSources sources = PluginSources.of(pluginDir, wasmPlugins);
        PluginReporter reporter = new PluginReporter(System.err);
        try (WasmPlugins wasm = loadWasm(sources.wasmFiles(), pluginLimits(settings), reporter);
             OutputStream output = openOutput();
             Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16);
             Progress progress = Progress.over(inputs.knownBytes(), terminal);
             CallLogStore store = openStore()) {
            CallLogSink sharedTable = chosen == Format.table && store == null
                    ? new SynchronizedSink(new TableSink(new PrintWriter(writer))) : null;
            RedMetrics red = new RedMetrics();
            Consumer<CallLog> redOfAllShards = log -> {
                synchronized (red) {
                    red.accept(log);
                }
            };
            L7Settings protocolSettings = L7Engine.settings(settings, sources.javaPlugins(),
                    wasm.isEmpty() ? List.of() : List.of(wasm.protocol()), wasm.isEmpty() ? List.of() : List.of(wasm.httpHook()));
            List<Shard> shards = new ArrayList<>();
            try (Pipeline pipeline = new Pipeline(engine, workers, index -> {
                CallLogSink sink = store != null ? new StoreSink(store) : sharedTable != null ? sharedTable : new JsonLinesSink(output);
                Shard shard = new Shard(sink, new CountingSink(sink, metrics || store != null ? redOfAllShards : null),
                        new FlowRecorder(flows ? Integer.MAX_VALUE : 0), protocolSettings);
                shards.add(shard);
                return flows ? FlowListeners.both(shard.protocols(), shard.recorder()) : shard.protocols();
            })) {
                long done = 0;
                for (String name : files) {
                    try (PacketSource source = inputs.open(name)) {
                        pipeline.run(source, progress.forInput(done));
                        done += Math.max(source.position(), 0);
                    } catch (CaptureFormatException e) {
                        problems.add(e.getMessage());
                    } catch (NoSuchFileException e) {
                        problems.add(name + ": no such file");
                    } catch (AccessDeniedException e) {
                        problems.add(name + ": permission denied");
                    }
                }
                // the shards are idle between inputs: their sessions are flushed from here
                for (Shard shard : shards) shard.finish();
                if (sharedTable != null) sharedTable.close();
                else for (Shard shard : shards) shard.sink().close();
                summary = new RunSummary(files.size(), pipeline, Shard.stats(shards), Shard.callLogs(shards));
                pluginStats = wasm.stats();
            }
            if (store != null) {
                List<MetricsRow> rows = red.drainAll();
                store.appendMetrics(rows);
                System.err.printf(Locale.ROOT, "wirespan: stored %,d call logs and %,d metrics rows in %s%n",
                        summary.callLogs(), rows.size(), store instanceof ClickHouseStore server ? server.url() : storeOptions.file);
            } else if (metrics) {
                if (chosen == Format.jsonl) {
                    MetricsJson.writeLines(red.drainAll(), writer);
                } else {
                    PrintWriter text = new PrintWriter(writer);
                    text.println();
                    MetricsTable metricsTable = new MetricsTable(text);
                    metricsTable.add(red.drainAll());
                    metricsTable.close();
                }
            }
            if (flows) {
                if (chosen == Format.jsonl) {
                    FlowSummaryWriter.writeJsonLines(writer, Shard.flows(shards));
                } else {
                    PrintWriter text = new PrintWriter(writer);
                    text.println();
                    FlowSummaryWriter.printTable(text, Shard.flows(shards));
                }
            }
        }
        summary.print(System.err, System.nanoTime() - started);
        reporter.printHidden();
        reporter.printStats(pluginStats);
        if (!problems.isEmpty()) {
            for (int i = 0; i < problems.size() - 1; i++) System.err.println("wirespan: " + problems.get(i));
            throw new BadInputException(problems.getLast());
        }
        return WirespanCommand.EXIT_OK;
    }

    static WasmPlugins loadWasm(List<Path> files, PluginLimits limits, PluginReporter reporter)
            throws BadInputException {
        try {
            return WasmPlugins.load(files, limits, reporter);
        } catch (PluginLoadException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** The store of {@code --store} or {@code --clickhouse}, or null when the output is written out. */
    private CallLogStore openStore() throws BadInputException, StoreException {
        if (storeOptions == null) return null;
        return storeOptions.file != null ? Stores.duckDb(storeOptions.file) : Stores.clickHouse(storeOptions.clickhouse);
    }

    /** The Wasm plugins' limits of {@code plugins.wasm_limits}. */
    static PluginLimits pluginLimits(Config config) {
        return new PluginLimits(config.get(ConfigKeys.WASM_CALL_TIMEOUT), config.get(ConfigKeys.WASM_START_TIMEOUT),
                config.get(ConfigKeys.WASM_MAX_MEMORY), config.get(ConfigKeys.WASM_MAX_CONSECUTIVE_FAILURES),
                PluginLimits.DEFAULTS.maxModuleBytes());
    }

    /**
     * Call logs go to this stream as UTF-8 JSON lines; tables, metrics and flows through a writer
     * over it, after the call-log sinks have flushed.
     */
    private OutputStream openOutput() throws IOException {
        if (out != null) return new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
        return new BufferedOutputStream(System.out, 1 << 16) {
            @Override
            public void close() throws IOException {
                flush(); // standard output stays open for the summary and later writers
            }
        };
    }
}
