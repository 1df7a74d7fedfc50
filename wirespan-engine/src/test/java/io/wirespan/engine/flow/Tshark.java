package io.wirespan.engine.flow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The reference oracle: tshark's "Follow TCP Stream" in raw mode. A missing tshark fails the test
 * loudly; these comparisons never skip.
 */
final class Tshark {
    private Tshark() {}

    /** One TCP stream as tshark follows it: node 0 is the source of the stream's first packet. */
    record Stream(int index, String node0, String node1, byte[] fromNode0, byte[] fromNode1) {}

    /**
     * Every TCP stream of the capture, in {@code tcp.stream} order, from one tshark run. The run
     * asks for streams 0..{@code expectedStreams} (one more than expected, so a surplus stream
     * shows) and lists the stream index of every packet, which tells the real number of streams.
     */
    static List<Stream> followAll(Path capture, int expectedStreams) {
        List<String> command = new ArrayList<>(List.of("tshark", "-r", capture.toString(), "-T", "fields", "-e", "tcp.stream"));
        for (int n = 0; n <= expectedStreams; n++) {
            command.add("-z");
            command.add("follow,tcp,raw," + n);
        }
        String output = run(command.toArray(String[]::new));
        Set<Integer> present = new TreeSet<>();
        for (String line : output.lines().toList()) {
            if (line.startsWith("=====")) {
                break; // the per-packet fields come first, the follow sections after them
            }
            if (!line.isBlank()) {
                present.add(Integer.parseInt(line.trim()));
            }
        }
        List<Stream> streams = new ArrayList<>();
        Map<Integer, Stream> followed = parse(output);
        for (int n : present) {
            Stream s = followed.get(n);
            streams.add(s != null ? s : new Stream(n, "?:0", "?:0", new byte[0], new byte[0])); // not asked for: a surplus
        }
        return streams;
    }

    /** The UDP payloads of the capture, one hex string per datagram (tshark reassembles IP fragments). */
    static List<String> udpPayloads(Path capture) {
        return run("tshark", "-r", capture.toString(), "-Y", "udp", "-T", "fields", "-e", "data.data")
                .lines().filter(l -> !l.isBlank()).toList();
    }

    private static Map<Integer, Stream> parse(String output) {
        Map<Integer, Stream> byIndex = new TreeMap<>();
        int index = -1;
        String node0 = null, node1 = null;
        ByteArrayOutputStream from0 = null, from1 = null;
        for (String line : output.lines().toList()) {
            if (line.startsWith("Filter: tcp.stream eq ")) {
                index = Integer.parseInt(line.substring("Filter: tcp.stream eq ".length()).trim());
                from0 = new ByteArrayOutputStream();
                from1 = new ByteArrayOutputStream();
            } else if (line.startsWith("Node 0: ")) {
                node0 = line.substring(8).trim();
            } else if (line.startsWith("Node 1: ")) {
                node1 = line.substring(8).trim();
            } else if (line.startsWith("=====")) {
                if (index >= 0 && node1 != null) {
                    byIndex.put(index, new Stream(index, node0, node1, from0.toByteArray(), from1.toByteArray()));
                }
                index = -1;
                node0 = node1 = null;
            } else if (index >= 0 && node1 != null && !line.isBlank()) {
                // Raw mode: one hex line per chunk, the second node's lines indented by a tab.
                byte[] chunk = HexFormat.of().parseHex(line.trim());
                (line.startsWith("\t") ? from1 : from0).writeBytes(chunk);
            }
        }
        return byIndex;
    }

    private static String run(String... command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new AssertionError("tshark is required for the reference comparison tests and could not be run: " + e.getMessage(), e);
        }
        try (InputStream in = process.getInputStream()) {
            String output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + exit);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("reading tshark output failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for tshark", e);
        }
    }
}
