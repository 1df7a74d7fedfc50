package io.wirespan.engine.flow;

import io.wirespan.api.Direction;
import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.decode.IpAddress;
import io.wirespan.engine.decode.PacketDecoder;
import io.wirespan.engine.tcp.ReassemblyConfig;
import io.wirespan.engine.testing.CapturePackets;
import io.wirespan.engine.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs a capture end to end, as the pipeline does (real capture reader, {@link PacketDecoder},
 * {@link FlowTable} and reassembly, one reused {@link DecodedPacket}), and compares every TCP
 * stream, both directions, with tshark's Follow TCP Stream in raw mode. Gaps are rendered as
 * tshark renders an acknowledged hole, so the comparison is byte for byte.
 */
final class StreamComparison {
    /** One TCP stream as tshark follows it: node 0 is the source of the stream's first packet. */
    record TsharkStream(int index, String node0, String node1, byte[] fromNode0, byte[] fromNode1) {}

    final Path capture;
    final RecordingListener recorded = new RecordingListener();
    final FlowStats stats;
    final List<TsharkStream> tsharkStreams;
    final List<String> mismatches = new ArrayList<>();
    int matchedStreams;
    long comparedBytes;

    private StreamComparison(Path capture, boolean withTshark) {
        this.capture = capture;
        FlowTable table = new FlowTable(FlowConfig.DEFAULTS, ReassemblyConfig.DEFAULTS, recorded);
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket packet = new DecodedPacket();
        long[] last = {0};
        CapturePackets.forEachFrame(capture, frame -> {
            if (decoder.decode(frame, packet) == PacketDecoder.Outcome.PACKET) {
                table.process(packet);
                last[0] = Math.max(last[0], packet.timestampMicros());
            }
        });
        table.flushAll(last[0]);
        stats = table.stats();
        tsharkStreams = withTshark ? tsharkFollowAll(capture, tcpFlows().size()) : List.of();
        if (withTshark) {
            compare();
        }
    }

    /** Our flows and tshark's streams, compared. */
    static StreamComparison of(Path capture) {
        return new StreamComparison(capture, true);
    }

    /** Our flows only, for tests that check our side alone. */
    static StreamComparison oursOnly(Path capture) {
        return new StreamComparison(capture, false);
    }

    /** What the endpoint on {@code port} sent, as we reassembled it (the port must be unique in the capture). */
    byte[] oursSentBy(int port) {
        for (Flow f : tcpFlows()) {
            if (f.clientPort() == port || f.serverPort() == port) {
                return recorded.bytes(f, f.clientPort() == port ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT);
            }
        }
        throw new AssertionError("no TCP flow on port " + port);
    }

    /** What the endpoint on {@code port} sent, as tshark follows it. */
    byte[] tsharkSentBy(int port) {
        for (TsharkStream s : tsharkStreams) {
            if (s.node0().endsWith(":" + port)) {
                return s.fromNode0();
            }
            if (s.node1().endsWith(":" + port)) {
                return s.fromNode1();
            }
        }
        throw new AssertionError("no tshark stream on port " + port);
    }

    List<Flow> tcpFlows() {
        return recorded.flows.values().stream().filter(f -> f.l4Protocol() == DecodedPacket.TCP).toList();
    }

    String summary() {
        return capture.getFileName() + ": " + matchedStreams + "/" + tsharkStreams.size() + " streams equal to tshark ("
                + comparedBytes + " bytes), " + tcpFlows().size() + " TCP flows";
    }

    private void compare() {
        List<Flow> flows = tcpFlows();
        if (flows.size() != tsharkStreams.size()) {
            mismatches.add(flows.size() + " TCP flows but tshark has " + tsharkStreams.size() + " streams");
        }
        // Port reuse gives several streams on one 5-tuple: pair them up in order.
        Set<Flow> used = new HashSet<>();
        for (TsharkStream s : tsharkStreams) {
            long[] node0 = endpoint(s.node0());
            long[] node1 = endpoint(s.node1());
            Flow flow = flows.stream().filter(f -> !used.contains(f) && joins(f, node0, node1)).findFirst().orElse(null);
            if (flow == null) {
                mismatches.add("stream " + s.index() + " " + s.node0() + " <-> " + s.node1() + ": no flow");
                continue;
            }
            used.add(flow);
            boolean node0IsClient = isClient(flow, node0);
            Direction fromNode0 = node0IsClient ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
            boolean equal = same(s, "from " + s.node0(), recorded.bytes(flow, fromNode0), s.fromNode0())
                    & same(s, "from " + s.node1(), recorded.bytes(flow, fromNode0.reverse()), s.fromNode1());
            if (equal) {
                matchedStreams++;
                comparedBytes += s.fromNode0().length + s.fromNode1().length;
            }
        }
    }

    private boolean same(TsharkStream s, String what, byte[] ours, byte[] theirs) {
        if (Arrays.equals(ours, theirs)) {
            return true;
        }
        int at = Arrays.mismatch(ours, theirs);
        mismatches.add("stream " + s.index() + " " + what + ": ours " + ours.length + " bytes, tshark " + theirs.length
                + ", first difference at " + at + ": ours " + hexAround(ours, at) + " tshark " + hexAround(theirs, at));
        return false;
    }

    private static String hexAround(byte[] b, int at) {
        int from = Math.min(at, b.length);
        return HexFormat.of().formatHex(b, from, Math.min(b.length, from + 16));
    }

    /** tshark prints {@code ip:port} (IPv6 possibly bracketed). */
    private static long[] endpoint(String node) {
        int colon = node.lastIndexOf(':');
        String ip = node.substring(0, colon).replace("[", "").replace("]", "");
        long[] address = IpAddress.parse(ip);
        return new long[] {address[0], address[1], Integer.parseInt(node.substring(colon + 1))};
    }

    private static boolean joins(Flow f, long[] a, long[] b) {
        return (isClient(f, a) && isServer(f, b)) || (isClient(f, b) && isServer(f, a));
    }

    private static boolean isClient(Flow f, long[] e) {
        return f.clientIpHi() == e[0] && f.clientIpLo() == e[1] && f.clientPort() == e[2];
    }

    private static boolean isServer(Flow f, long[] e) {
        return f.serverIpHi() == e[0] && f.serverIpLo() == e[1] && f.serverPort() == e[2];
    }

    /**
     * Every TCP stream of the capture, in {@code tcp.stream} order, from one tshark run. The run
     * asks for streams 0..{@code expectedStreams} (one more than expected, so a surplus stream
     * shows) and lists the stream index of every packet, which tells the real number of streams.
     */
    private static List<TsharkStream> tsharkFollowAll(Path capture, int expectedStreams) {
        List<String> arguments = new ArrayList<>(List.of("-r", capture.toString(), "-T", "fields", "-e", "tcp.stream"));
        for (int n = 0; n <= expectedStreams; n++) {
            arguments.add("-z");
            arguments.add("follow,tcp,raw," + n);
        }
        String output = Tools.tshark(arguments.toArray(String[]::new));
        Set<Integer> present = new TreeSet<>();
        for (String line : output.lines().toList()) {
            if (line.startsWith("=====")) {
                break; // the per-packet fields come first, the follow sections after them
            }
            if (!line.isBlank()) {
                present.add(Integer.parseInt(line.trim()));
            }
        }
        List<TsharkStream> streams = new ArrayList<>();
        Map<Integer, TsharkStream> followed = parseFollow(output);
        for (int n : present) {
            TsharkStream s = followed.get(n);
            streams.add(s != null ? s : new TsharkStream(n, "?:0", "?:0", new byte[0], new byte[0])); // not asked for: a surplus
        }
        return streams;
    }

    private static Map<Integer, TsharkStream> parseFollow(String output) {
        Map<Integer, TsharkStream> byIndex = new TreeMap<>();
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
                    byIndex.put(index, new TsharkStream(index, node0, node1, from0.toByteArray(), from1.toByteArray()));
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
}
