package io.wirespan.server;

import com.google.protobuf.InvalidProtocolBufferException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson3;
import io.wirespan.engine.metrics.PrometheusText;
import io.wirespan.server.ingest.IngestCodec;
import io.wirespan.server.ingest.IngestJournal.Body;
import io.wirespan.server.ingest.IngestPipeline;
import io.wirespan.store.BadQueryException;
import io.wirespan.store.CallLogStore;
import io.wirespan.store.QueryLimits;
import io.wirespan.store.QueryResult;
import io.wirespan.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Wirespan server: ingest from agents, the query API, traces, Prometheus metrics, the plugin
 * registry with the agents' configuration, and the web UI, over one store. Javalin on virtual threads; every handler is a few lines that hand over to
 * the class that knows the subject.
 */
public final class WirespanServer implements AutoCloseable {
    static final String PROTOBUF = "application/x-protobuf";
    private static final Logger log = LoggerFactory.getLogger(WirespanServer.class);
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final ServerSettings settings;
    private final CallLogStore store;
    private final IngestPipeline ingest;
    private final ServerCounters counters = new ServerCounters();
    private final Auth auth;
    private final Explorer explorer;
    private final TraceAssembler traces;
    private final PrometheusExposition prometheus;
    private final RegistryRoutes registry;
    private final ScheduledExecutorService expiry;
    private final Javalin app;

    private WirespanServer(ServerSettings settings) throws IOException {
        this.settings = settings;
        this.store = settings.store();
        this.ingest = IngestPipeline.open(store, settings.journal(), new IngestPipeline.Counters(counters.groups, counters.setAsideBatches));
        this.auth = new Auth(settings.token(), counters);
        this.explorer = new Explorer(store, settings.queryLimits());
        this.traces = new TraceAssembler(store, settings.queryLimits());
        this.prometheus = new PrometheusExposition(store, counters, settings.queryLimits(), ingest::backlogRows);
        this.registry = new RegistryRoutes(settings.registry(), store, settings.queryLimits(), auth);
        this.expiry = settings.retention() == null ? null
                : Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("wirespan-expiry").factory());
        this.app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = IngestCodec.MAX_BATCH_BYTES;
            config.jsonMapper(new JavalinJackson3(JsonMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build(), false));
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/io/wirespan/server/ui";
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Content-Security-Policy", CSP, "X-Content-Type-Options", "nosniff");
            });

            config.routes.get("/healthz", this::health);
            config.routes.get("/metrics", ctx -> ctx.contentType(PrometheusText.CONTENT_TYPE).result(prometheus.scrape()));
            config.routes.post("/v1/ingest", this::ingest);
            config.routes.post("/v1/query", this::query);
            config.routes.get("/v1/trace/{trace_id}", ctx -> ctx.json(traces.assemble(ctx.pathParam("trace_id"))));
            config.routes.get("/v1/calls", ctx -> ctx.json(explorer.calls(ctx)));
            config.routes.get("/v1/summary", ctx -> ctx.json(explorer.summary()));
            config.routes.get("/v1/endpoints", ctx -> ctx.json(explorer.endpoints(ctx)));
            config.routes.get("/v1/red", ctx -> ctx.json(explorer.red(ctx)));
            config.routes.get("/v1/totals", ctx -> ctx.json(explorer.totals(ctx)));
            config.routes.get("/v1/plugins", registry::list);
            config.routes.post("/v1/plugins", registry::create);
            config.routes.get("/v1/plugins/{name}/image", registry::image);
            config.routes.delete("/v1/plugins/{name}", registry::delete);
            config.routes.get("/v1/config/{group}", registry::getConfig);
            config.routes.put("/v1/config/{group}", registry::setConfig);
            config.routes.get("/v1/agent/config", registry::agentConfig);

            config.routes.before(ctx -> {
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Content-Security-Policy", CSP);
            });
            config.routes.exception(ApiException.class, (e, ctx) -> refuse(ctx, e.status(), e.getMessage()));
            config.routes.exception(BadQueryException.class, (e, ctx) -> {
                counters.failedQueries.increment();
                refuse(ctx, 400, e.getMessage());
            });
            config.routes.exception(JacksonException.class, (e, ctx) -> refuse(ctx, 400, "the body is not the JSON expected: "
                    + e.getOriginalMessage()));
            config.routes.exception(InvalidProtocolBufferException.class, (e, ctx) -> refuse(ctx, 400,
                    "the body is not an ingest batch: " + e.getMessage()));
            config.routes.exception(StoreException.class, (e, ctx) -> {
                log.error("store failure on {} {}", ctx.method(), ctx.path(), e);
                ctx.status(503).json(new Problem("the store failed: " + e.getMessage()));
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("failure on {} {}", ctx.method(), ctx.path(), e);
                ctx.status(500).json(new Problem("internal error: " + e));
            });
        });
    }

    /**
     * Starts serving; the port is the settings' one, or a free one when that is 0. Batches the
     * journal holds from the last run are stored first.
     *
     * @throws IOException when the ingest journal cannot be opened
     */
    public static WirespanServer start(ServerSettings settings) throws IOException {
        WirespanServer server = new WirespanServer(settings);
        try {
            server.app.start(settings.host(), settings.port());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        if (server.expiry != null) {
            server.expiry.scheduleWithFixedDelay(server::expire, 0, 10, TimeUnit.MINUTES);
        }
        return server;
    }

    public int port() {
        return app.port();
    }

    /** Where the server answers; a wildcard listen address is shown as loopback. */
    public URI uri() {
        String host = settings.host().equals("0.0.0.0") || settings.host().equals("::") ? "127.0.0.1" : settings.host();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/");
    }

    /** Rows acknowledged and not yet in the store, which queries do not see yet. */
    public long ingestBacklog() {
        return ingest.backlogRows();
    }

    /** Stops serving, then stores what ingest acknowledged (what the store will not take stays in the journal). */
    @Override
    public void close() {
        if (expiry != null) expiry.shutdownNow();
        app.stop();
        try {
            ingest.close();
        } catch (IOException e) {
            log.error("cannot close the ingest journal: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The JSON body of every refusal. */
    record Problem(String error) {}

    record QueryRequest(String sql, Integer maxRows) {}

    record QueryAnswer(List<String> columns, List<List<Object>> rows, boolean truncated, long elapsedMs) {}

    record IngestAnswer(String batchId, boolean stored, int callLogs, int metrics) {}

    private void health(Context ctx) throws StoreException {
        store.query("SELECT 1", List.of(), new QueryLimits(1, settings.queryLimits().timeout()));
        ctx.json(Map.of("status", "ok"));
    }

    private void query(Context ctx) throws StoreException {
        QueryRequest request = ctx.bodyAsClass(QueryRequest.class);
        if (request == null || request.sql() == null || request.sql().isBlank()) throw ApiException.badRequest("the body needs \"sql\"");
        QueryLimits limits = settings.queryLimits();
        if (request.maxRows() != null) {
            if (request.maxRows() < 1) throw ApiException.badRequest("max_rows must be at least 1");
            limits = new QueryLimits(Math.min(request.maxRows(), limits.maxRows()), limits.timeout());
        }
        long started = System.nanoTime();
        QueryResult result = store.query(request.sql(), List.of(), limits);
        counters.queries.increment();
        ctx.json(new QueryAnswer(result.columns(), result.rows(), result.truncated(), (System.nanoTime() - started) / 1_000_000));
    }

    private void ingest(Context ctx) throws IOException, InterruptedException {
        auth.require(ctx);
        String type = ctx.contentType();
        if (type == null || !(type.startsWith(PROTOBUF) || type.startsWith("application/octet-stream"))) {
            throw new ApiException(415, "an ingest batch is sent as " + PROTOBUF + ", not " + type);
        }
        String encoding = ctx.header("Content-Encoding");
        boolean gzip = encoding != null && encoding.equalsIgnoreCase("gzip");
        if (!gzip && encoding != null && !encoding.equalsIgnoreCase("identity")) {
            throw new ApiException(415, "Content-Encoding " + encoding + " is not gzip");
        }
        Body body;
        try (InputStream in = ctx.bodyInputStream()) {
            body = new Body(gzip, in.readNBytes(IngestCodec.MAX_BATCH_BYTES + 1));
        }
        IngestCodec.DecodedBatch decoded;
        try {
            decoded = IngestCodec.decode(body);
        } catch (IngestCodec.TooLarge e) {
            throw new ApiException(413, e.getMessage());
        } catch (ZipException e) {
            throw ApiException.badRequest("the body is not gzip: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        IngestPipeline.Outcome outcome;
        try {
            outcome = ingest.accept(decoded, body);
        } catch (IngestPipeline.Busy e) {
            ctx.header("Retry-After", "1");
            throw new ApiException(503, e.getMessage());
        } catch (IOException e) {
            log.error("cannot journal batch {}", decoded.batchId(), e);
            throw new ApiException(503, "the batch cannot be written to the ingest journal: " + e.getMessage());
        }
        if (outcome == IngestPipeline.Outcome.STORED) {
            counters.batches.increment();
            counters.callLogs.add(decoded.callLogs().size());
            counters.metricsRows.add(decoded.metrics().size());
        } else {
            counters.duplicateBatches.increment();
        }
        ctx.json(new IngestAnswer(decoded.batchId(), outcome == IngestPipeline.Outcome.STORED, decoded.callLogs().size(),
                decoded.metrics().size()));
    }

    private void refuse(Context ctx, int status, String message) {
        if (status != 401) counters.rejectedRequests.increment();
        ctx.status(status).json(new Problem(message));
    }

    private void expire() {
        try {
            long deleted = store.expire(settings.retention(), System.currentTimeMillis() * 1000);
            if (deleted > 0) log.info("deleted {} rows past their retention", deleted);
        } catch (StoreException e) {
            log.warn("cannot delete expired rows: {}", e.getMessage());
        }
    }
}
