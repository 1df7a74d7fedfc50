package io.wirespan.bench;

import io.wirespan.engine.capture.CaptureFiles;
import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.capture.RawPacket;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The input captures merged into the traffic of one replica: every file starts at time zero and
 * keeps its own packet order and timing, and every IPv4 endpoint is assigned a replica host.
 *
 * <p>Hosts are keyed by (input file, address, role), so that loopback traffic, where client and
 * server are both 127.0.0.1, still gets a distinct client and server, and two input files never
 * share a 5-tuple. The role comes from the ports: the endpoint with the lower port is the server,
 * which holds for services on fixed ports talking to clients on ephemeral ones. Later fragments,
 * which carry no ports, take the roles of their first fragment.
 */
final class ReplicaTemplate {
    /** Linux's default ephemeral range starts here; lower client ports are left alone. */
    static final int FIRST_EPHEMERAL_PORT = 32768;

    private final List<TemplatePacket> packets;
    private final int linkType;
    private final int hostCount;
    private final long startMicros;
    private final long durationMicros;
    private final int maxCapturedLength;
    private final int tcpFlows;
    private final int udpFlows;

    private ReplicaTemplate(List<TemplatePacket> packets, int linkType, int hostCount, long startMicros,
                            int tcpFlows, int udpFlows) {
        this.packets = List.copyOf(packets);
        this.linkType = linkType;
        this.hostCount = hostCount;
        this.startMicros = startMicros;
        this.tcpFlows = tcpFlows;
        this.udpFlows = udpFlows;
        long duration = 0;
        int maxLength = 0;
        for (TemplatePacket packet : packets) {
            duration = Math.max(duration, packet.relativeMicros() + 1);
            maxLength = Math.max(maxLength, packet.frame().length);
        }
        this.durationMicros = duration;
        this.maxCapturedLength = maxLength;
    }

    /** Reads every input into memory; they must share one link type. */
    static ReplicaTemplate load(List<Path> inputs) throws IOException {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no input captures");
        }
        List<List<Frame>> files = new ArrayList<>();
        int linkType = -1;
        String linkTypeSource = null;
        for (Path input : inputs) {
            List<Frame> frames = new ArrayList<>();
            try (PacketSource source = CaptureFiles.open(input)) {
                RawPacket packet = new RawPacket();
                while (source.next(packet)) {
                    if (linkType == -1) {
                        linkType = packet.linkType();
                        linkTypeSource = input.toString();
                    } else if (packet.linkType() != linkType) {
                        throw new IllegalArgumentException(input + ": link type " + packet.linkType()
                                + " differs from link type " + linkType + " of " + linkTypeSource
                                + "; one output pcap holds one link type");
                    }
                    frames.add(new Frame(packet.timestampMicros(),
                            Arrays.copyOfRange(packet.data(), packet.offset(), packet.offset() + packet.capturedLength()),
                            packet.originalLength()));
                }
            }
            files.add(frames);
        }
        if (linkType == -1) {
            throw new IllegalArgumentException("the input captures hold no packets");
        }
        return new Builder(linkType).build(files);
    }

    List<TemplatePacket> packets() { return packets; }

    int linkType() { return linkType; }

    /** Distinct (file, address, role) endpoints: the addresses one replica needs. */
    int hostCount() { return hostCount; }

    /** The earliest timestamp of the first input, where the output begins. */
    long startMicros() { return startMicros; }

    /** From time zero to just after the last packet. */
    long durationMicros() { return durationMicros; }

    int maxCapturedLength() { return maxCapturedLength; }

    int tcpFlows() { return tcpFlows; }

    int udpFlows() { return udpFlows; }

    private record Frame(long micros, byte[] data, int originalLength) {}

    private record Endpoint(int file, int address, boolean server) {}

    private record FragmentKey(int file, int source, int destination, int protocol, int id) {}

    private record Roles(boolean sourceServer, boolean destinationServer) {
        static final Roles NONE = new Roles(false, false);
    }

    private record FlowKey(int file, int protocol, long lowEndpoint, long highEndpoint) {}

    /** Merges the files in time order and decides hosts, roles and ports, one frame at a time. */
    private static final class Builder {
        private final int linkType;
        private final Map<Endpoint, Integer> hosts = new HashMap<>();
        private final Map<FragmentKey, Roles> fragmentRoles = new HashMap<>();
        private final Set<FlowKey> flows = new HashSet<>();
        private int tcpFlows;
        private int udpFlows;

        Builder(int linkType) {
            this.linkType = linkType;
        }

        ReplicaTemplate build(List<List<Frame>> files) {
            long[] starts = new long[files.size()];
            int total = 0;
            for (int f = 0; f < files.size(); f++) {
                starts[f] = files.get(f).stream().mapToLong(Frame::micros).min().orElse(0);
                total += files.get(f).size();
            }
            // A k-way merge on relative time that never reorders frames within a file: a flow's
            // packets stay in captured order even where the capture's clock stepped backwards.
            int[] next = new int[files.size()];
            List<TemplatePacket> packets = new ArrayList<>(total);
            for (int n = 0; n < total; n++) {
                int pick = -1;
                long pickTime = Long.MAX_VALUE;
                for (int f = 0; f < files.size(); f++) {
                    if (next[f] < files.get(f).size()) {
                        long time = files.get(f).get(next[f]).micros() - starts[f];
                        if (time < pickTime) {
                            pick = f;
                            pickTime = time;
                        }
                    }
                }
                Frame frame = files.get(pick).get(next[pick]++);
                packets.add(analyze(pick, pickTime, frame));
            }
            return new ReplicaTemplate(packets, linkType, hosts.size(), starts[0], tcpFlows, udpFlows);
        }

        private TemplatePacket analyze(int file, long relativeMicros, Frame frame) {
            byte[] data = frame.data();
            FrameLayout layout = FrameLayout.of(data, data.length, linkType);
            if (!layout.isIpv4()) {
                return new TemplatePacket(relativeMicros, data, frame.originalLength(), layout, -1, -1, -1, 0);
            }
            int source = FrameLayout.int32(data, layout.sourceAddressOffset());
            int destination = FrameLayout.int32(data, layout.destinationAddressOffset());
            FragmentKey fragment = layout.fragmentId() < 0 ? null
                    : new FragmentKey(file, source, destination, layout.protocol(), layout.fragmentId());
            Roles roles = Roles.NONE;
            int clientPortOffset = -1;
            int newFlowProtocol = 0;
            if (layout.portsOffset() >= 0) {
                int sourcePort = FrameLayout.uint16(data, layout.portsOffset());
                int destinationPort = FrameLayout.uint16(data, layout.portsOffset() + 2);
                roles = new Roles(sourcePort < destinationPort, destinationPort < sourcePort);
                if (roles.destinationServer() && sourcePort >= FIRST_EPHEMERAL_PORT) {
                    clientPortOffset = layout.portsOffset();
                } else if (roles.sourceServer() && destinationPort >= FIRST_EPHEMERAL_PORT) {
                    clientPortOffset = layout.portsOffset() + 2;
                }
                if (fragment != null) {
                    fragmentRoles.put(fragment, roles);
                }
                newFlowProtocol = countFlow(file, layout.protocol(), source, sourcePort, destination, destinationPort);
            } else if (fragment != null && layout.laterFragment()) {
                roles = fragmentRoles.getOrDefault(fragment, Roles.NONE);
            }
            int sourceHost = host(new Endpoint(file, source, roles.sourceServer()));
            int destinationHost = host(new Endpoint(file, destination, roles.destinationServer()));
            return new TemplatePacket(relativeMicros, data, frame.originalLength(), layout,
                    sourceHost, destinationHost, clientPortOffset, newFlowProtocol);
        }

        private int host(Endpoint endpoint) {
            return hosts.computeIfAbsent(endpoint, e -> hosts.size());
        }

        private int countFlow(int file, int protocol, int source, int sourcePort, int destination, int destinationPort) {
            long a = ((source & 0xFFFF_FFFFL) << 16) | sourcePort;
            long b = ((destination & 0xFFFF_FFFFL) << 16) | destinationPort;
            if (!flows.add(new FlowKey(file, protocol, Math.min(a, b), Math.max(a, b)))) {
                return 0;
            }
            if (protocol == FrameLayout.TCP) {
                tcpFlows++;
            } else {
                udpFlows++;
            }
            return protocol;
        }
    }
}
