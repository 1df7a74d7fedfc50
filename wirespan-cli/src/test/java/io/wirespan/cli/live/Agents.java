package io.wirespan.cli.live;

import io.wirespan.cli.WirespanCommand;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code wirespan agent} as a process of its own, as the tests run it: started, awaited, scraped. */
final class Agents {
    private Agents() {}

    /** {@code wirespan agent} on lo for the redis-server's port, with {@code more} options; returns once it captures. */
    static Process start(Path log, RedisServer redis, String... more) {
        List<String> args = new ArrayList<>(List.of("agent", "--interface", "lo", "--bpf", "tcp port " + redis.port()));
        args.addAll(List.of(more));
        Process agent = JavaPrograms.start(WirespanCommand.class, List.of(), args, log);
        awaitCapturing(agent, log);
        return agent;
    }

    /** Returns once the agent said it captures, so what is sent from now on is seen. */
    static void awaitCapturing(Process agent, Path log) {
        awaitLine(agent, log, "wirespan agent: capturing on lo", 60);
    }

    /** Returns once the agent's output holds {@code text}; fails when it exits or takes longer. */
    static void awaitLine(Process agent, Path log, String text, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!Programs.read(log).contains(text)) {
            if (!agent.isAlive()) throw new AssertionError("the agent exited with " + agent.exitValue() + ":\n" + Programs.read(log));
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the agent did not say '" + text + "' in " + seconds + " s:\n" + Programs.read(log));
            }
            Loopback.sleep(50);
        }
    }

    /** Stops the agent as an operator would (SIGTERM) and fails unless it ends cleanly within 120 s. */
    static void stop(Process agent, Path log) {
        Programs.signal(agent, 15);
        awaitStopped(agent, log);
    }

    /** Fails unless the agent, told to stop, ends within 120 s with exit code 0. */
    static void awaitStopped(Process agent, Path log) {
        try {
            if (!agent.waitFor(120, TimeUnit.SECONDS)) throw new AssertionError("the agent did not stop in 120 s:\n" + Programs.read(log));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (agent.exitValue() != 0) throw new AssertionError("the agent exited with " + agent.exitValue() + ":\n" + Programs.read(log));
    }

    /** The agent's /metrics, at the port it printed. */
    static String scrape(Path log) throws IOException, InterruptedException {
        Matcher at = Pattern.compile("metrics at (http://\\S+)").matcher(Programs.read(log));
        if (!at.find()) throw new AssertionError("the agent printed no metrics address:\n" + Programs.read(log));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(at.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new AssertionError("/metrics answered " + response.statusCode());
        return response.body();
    }
}
