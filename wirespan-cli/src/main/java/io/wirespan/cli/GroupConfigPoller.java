package io.wirespan.cli;

import io.wirespan.engine.config.ConfigException;
import io.wirespan.server.registry.Registry;
import io.wirespan.wasm.PluginLoadException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Keeps an agent on its group's configuration: asks the server for it every interval
 * ({@code GET /v1/agent/config?group=}, with the last ETag so an unchanged one costs a 304),
 * fetches the plugins that are new or changed, and applies the lot to {@link AgentProtocols}.
 * What cannot be applied (a server away, a configuration that does not bind, a plugin that does
 * not start) is said once and counted, and the agent goes on as it was; the next poll tries again.
 */
final class GroupConfigPoller implements AutoCloseable {
    private final ServerClient server;
    private final String group;
    private final AgentProtocols protocols;
    private final Duration interval;
    private final PrintStream err;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private final AtomicLong failures = new AtomicLong();
    private String etag;
    private String lastProblem;

    GroupConfigPoller(ServerClient server, String group, AgentProtocols protocols, Duration interval, PrintStream err) {
        this.server = server;
        this.group = group;
        this.protocols = protocols;
        this.interval = interval;
        this.err = err;
        this.thread = Thread.ofPlatform().daemon().name("wirespan-group-config").unstarted(this::run);
    }

    /** Applies the group's configuration once, now, so the capture starts with it; then polls. */
    void start() {
        poll();
        thread.start();
    }

    String group() {
        return group;
    }

    /** Polls that could not apply what the server had. */
    long failures() {
        return failures.get();
    }

    private void run() {
        try {
            while (!stop.await(interval.toMillis(), TimeUnit.MILLISECONDS)) poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll() {
        try {
            HttpResponse<String> answer = server.exchange(request(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 304) return;
            if (answer.statusCode() != 200) server.refuse(answer.statusCode(), answer.body());
            apply(ServerClient.JSON.readTree(answer.body()));
            etag = answer.headers().firstValue("ETag").orElse(null);
            if (lastProblem != null) err.println("wirespan agent: group " + group + ": configuration applied again");
            lastProblem = null;
        } catch (IOException | BadInputException | ConfigException | PluginLoadException | JacksonException e) {
            failures.incrementAndGet();
            String problem = String.valueOf(e.getMessage());
            if (!problem.equals(lastProblem)) {
                err.println("wirespan agent: group " + group + ": cannot apply its configuration, going on as before: " + problem);
            }
            lastProblem = problem;
        }
    }

    private HttpRequest.Builder request() {
        HttpRequest.Builder request = server.request("/v1/agent/config?group=" + URLEncoder.encode(group, StandardCharsets.UTF_8)).GET();
        if (etag != null) request.header("If-None-Match", etag);
        return request;
    }

    private void apply(JsonNode answer) throws IOException, BadInputException, PluginLoadException {
        long revision = answer.path("revision").asLong(0);
        List<String> wanted = new ArrayList<>();
        Map<String, AgentProtocols.Plugin> changed = new LinkedHashMap<>();
        for (JsonNode plugin : answer.path("plugins")) {
            String name = plugin.path("name").asString();
            String sha256 = plugin.path("sha256").asString();
            wanted.add(name);
            if (!"wasm".equals(plugin.path("type").asString("wasm"))) {
                throw new BadInputException("plugin " + name + ": type " + plugin.path("type").asString() + " is not one the agent runs");
            }
            if (sha256.equals(protocols.groupPluginDigest(name))) continue;
            byte[] image = server.sendForBytes(server.request(plugin.path("url").asString()).GET());
            if (!Registry.sha256(image).equals(sha256)) {
                throw new IOException("plugin " + name + ": the module fetched does not have the SHA-256 announced");
            }
            changed.put(name, new AgentProtocols.Plugin(image, sha256));
        }
        long before = protocols.revision();
        protocols.apply(revision, answer.path("config").asString(""), wanted, changed);
        if (before != revision || !changed.isEmpty()) {
            err.printf("wirespan agent: group %s: configuration revision %d applied, plugins %s%n", group, revision,
                    wanted.isEmpty() ? "none" : String.join(", ", wanted));
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop.countDown();
        thread.join();
    }
}
