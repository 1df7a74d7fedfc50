package io.wirespan.bench;

import io.wirespan.engine.capture.PcapWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;

/**
 * Builds a large capture out of real traffic by replaying input captures many times over, each
 * replica with addresses and client ports of its own, so that a flow table sees many distinct
 * flows rather than one flow many times.
 *
 * <p>Replica {@code k} maps every IPv4 endpoint to a host of {@code 10.0.0.0/8}: host {@code h} of
 * the template becomes {@code 10.(k>>8).(k&255).(h+1)} while a replica needs at most 255 hosts
 * (packed densely beyond that). Client ports in the ephemeral range are shifted by {@code k}.
 * Replica {@code k} starts {@code k * duration / concurrent} after the first, so about
 * {@code concurrent} replicas are in progress at any time, each keeping the order and relative
 * timing of the original packets; the output is their merge in time order. IPv4 header checksums
 * and TCP/UDP checksums are updated incrementally; every other byte is copied unchanged, and so
 * is every frame that is not Ethernet + (802.1Q) + IPv4.
 */
public final class CaptureReplicator {
    public static final int DEFAULT_CONCURRENT_REPLICAS = 16;
    private static final int ADDRESS_BASE = 10 << 24;
    private static final int ADDRESS_SPACE = 1 << 24;
    private static final int EPHEMERAL_PORTS = 65536 - ReplicaTemplate.FIRST_EPHEMERAL_PORT;
    private static final int PCAP_FILE_HEADER = 24;
    private static final int PCAP_RECORD_HEADER = 16;
    private static final int DEFAULT_SNAP_LENGTH = 262144;

    /** What one run wrote; flows are TCP/UDP 5-tuples, counted as their first packet is written. */
    public record Summary(long packets, long bytes, int replicas, int templatePackets,
                          long tcpFlows, long udpFlows, long firstMicros, long lastMicros) {}

    private final ReplicaTemplate template;
    private final long staggerMicros;
    private final int hostStride;
    private final int maxReplicas;

    CaptureReplicator(ReplicaTemplate template, int concurrentReplicas) {
        if (concurrentReplicas < 1) {
            throw new IllegalArgumentException("concurrent replicas: " + concurrentReplicas + " (expected: >= 1)");
        }
        this.template = template;
        this.staggerMicros = Math.max(1, template.durationMicros() / concurrentReplicas);
        // Whole /24s per replica keep addresses readable; bigger templates pack hosts densely.
        this.hostStride = template.hostCount() < 256 ? 256 : template.hostCount();
        this.maxReplicas = (ADDRESS_SPACE - 1 - template.hostCount()) / hostStride + 1;
    }

    /** Replicates {@code inputs} (pcap or pcapng) into a classic pcap of exactly {@code packets} frames. */
    public static Summary replicate(List<Path> inputs, long packets, int concurrentReplicas, Path out)
            throws IOException {
        ReplicaTemplate template = ReplicaTemplate.load(inputs);
        try (OutputStream stream = Files.newOutputStream(out)) {
            return new CaptureReplicator(template, concurrentReplicas).write(packets, stream);
        }
    }

    /** As {@link #replicate(List, long, int, Path)}, to a stream; the stream is closed. */
    public static Summary replicate(List<Path> inputs, long packets, int concurrentReplicas, OutputStream out)
            throws IOException {
        try (out) {
            return new CaptureReplicator(ReplicaTemplate.load(inputs), concurrentReplicas).write(packets, out);
        }
    }

    Summary write(long packets, OutputStream out) throws IOException {
        List<TemplatePacket> frames = template.packets();
        PcapWriter writer = new PcapWriter(out, template.linkType(),
                Math.max(DEFAULT_SNAP_LENGTH, template.maxCapturedLength()));
        byte[] scratch = new byte[template.maxCapturedLength()];
        PriorityQueue<Cursor> active = new PriorityQueue<>(
                Comparator.comparingLong(Cursor::micros).thenComparingInt(Cursor::replica));
        int replicas = 0;
        long bytes = PCAP_FILE_HEADER;
        long tcpFlows = 0;
        long udpFlows = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (long written = 0; written < packets; ) {
            long nextStart = template.startMicros() + replicas * staggerMicros;
            if (active.isEmpty() || nextStart <= active.peek().micros()) {
                active.add(new Cursor(checkedReplica(replicas), nextStart, frames.getFirst().relativeMicros()));
                replicas++;
                continue;
            }
            Cursor cursor = active.poll();
            TemplatePacket frame = frames.get(cursor.index);
            rewrite(frame, cursor.replica, scratch);
            writer.write(cursor.micros, scratch, 0, frame.frame().length, frame.originalLength());
            written++;
            bytes += PCAP_RECORD_HEADER + frame.frame().length;
            first = Math.min(first, cursor.micros);
            last = Math.max(last, cursor.micros);
            if (frame.newFlowProtocol() == FrameLayout.TCP) {
                tcpFlows++;
            } else if (frame.newFlowProtocol() == FrameLayout.UDP) {
                udpFlows++;
            }
            if (++cursor.index < frames.size()) {
                cursor.micros = cursor.startMicros + frames.get(cursor.index).relativeMicros();
                active.add(cursor);
            }
        }
        writer.close();
        return new Summary(packets, bytes, replicas, frames.size(), tcpFlows, udpFlows,
                packets == 0 ? 0 : first, packets == 0 ? 0 : last);
    }

    /** The address of host {@code host} in replica {@code replica}. */
    int address(int replica, int host) {
        return ADDRESS_BASE + replica * hostStride + host + 1;
    }

    static int shiftPort(int port, int replica) {
        int first = ReplicaTemplate.FIRST_EPHEMERAL_PORT;
        return first + (int) ((port - first + (long) replica) % EPHEMERAL_PORTS);
    }

    /** Copies a template frame into {@code out} with the addresses and client port of a replica. */
    void rewrite(TemplatePacket packet, int replica, byte[] out) {
        byte[] frame = packet.frame();
        System.arraycopy(frame, 0, out, 0, frame.length);
        FrameLayout layout = packet.layout();
        if (!layout.isIpv4()) {
            return;
        }
        int oldSource = FrameLayout.int32(out, layout.sourceAddressOffset());
        int oldDestination = FrameLayout.int32(out, layout.destinationAddressOffset());
        int source = address(replica, packet.sourceHost());
        int destination = address(replica, packet.destinationHost());
        FrameLayout.putInt32(out, layout.sourceAddressOffset(), source);
        FrameLayout.putInt32(out, layout.destinationAddressOffset(), destination);
        int ipChecksum = FrameLayout.uint16(out, layout.ipChecksumOffset());
        ipChecksum = Checksums.replace32(ipChecksum, oldSource, source);
        ipChecksum = Checksums.replace32(ipChecksum, oldDestination, destination);
        FrameLayout.putUint16(out, layout.ipChecksumOffset(), ipChecksum);

        // The TCP/UDP checksum covers the addresses (pseudo-header) and the ports; a zero UDP
        // checksum means "none" and stays so.
        int at = layout.checksumOffset();
        boolean udp = layout.protocol() == FrameLayout.UDP;
        boolean hasChecksum = at >= 0 && !(udp && FrameLayout.uint16(out, at) == 0);
        int checksum = hasChecksum ? FrameLayout.uint16(out, at) : 0;
        if (hasChecksum) {
            checksum = Checksums.replace32(checksum, oldSource, source);
            checksum = Checksums.replace32(checksum, oldDestination, destination);
        }
        int portAt = packet.clientPortOffset();
        if (portAt >= 0) {
            int oldPort = FrameLayout.uint16(out, portAt);
            int port = shiftPort(oldPort, replica);
            FrameLayout.putUint16(out, portAt, port);
            if (hasChecksum) {
                checksum = Checksums.replace16(checksum, oldPort, port);
            }
        }
        if (hasChecksum) {
            FrameLayout.putUint16(out, at, udp && checksum == 0 ? 0xFFFF : checksum);
        }
    }

    private int checkedReplica(int replica) {
        if (replica >= maxReplicas) {
            throw new IllegalStateException("more than " + maxReplicas + " replicas of " + template.hostCount()
                    + " hosts would exhaust 10.0.0.0/8: give bigger inputs or ask for fewer packets");
        }
        return replica;
    }

    /** The next frame of one replica; mutable, and owned by one run. */
    private static final class Cursor {
        final int replica;
        final long startMicros;
        int index;
        long micros;

        Cursor(int replica, long startMicros, long firstRelativeMicros) {
            this.replica = replica;
            this.startMicros = startMicros;
            this.micros = startMicros + firstRelativeMicros;
        }

        int replica() { return replica; }

        long micros() { return micros; }
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (UsageException e) {
            System.err.println("CaptureReplicator: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (NoSuchFileException e) {
            System.err.println("CaptureReplicator: " + e.getFile() + ": no such file");
            System.exit(1);
        } catch (IOException | RuntimeException e) {
            System.err.println("CaptureReplicator: " + e.getMessage());
            System.exit(1);
        }
    }

    private static final String USAGE = """
            usage: CaptureReplicator --packets N --out OUT.pcap [--concurrent R] IN.pcap[ng]...
              --packets N      packets to write (required)
              --out OUT.pcap   classic pcap output, microsecond timestamps
              --concurrent R   replicas in progress at once (default %d)""".formatted(DEFAULT_CONCURRENT_REPLICAS);

    private static void run(String[] args) throws IOException {
        long packets = -1;
        Path out = null;
        int concurrent = DEFAULT_CONCURRENT_REPLICAS;
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--packets" -> packets = number(args, ++i);
                case "--out" -> out = Path.of(value(args, ++i));
                case "--concurrent" -> concurrent = (int) Math.min(Integer.MAX_VALUE, number(args, ++i));
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new UsageException("unknown option " + args[i]);
                    }
                    inputs.add(Path.of(args[i]));
                }
            }
        }
        if (packets < 0 || out == null || inputs.isEmpty() || concurrent < 1) {
            throw new UsageException("--packets, --out and at least one input are required");
        }
        long began = System.nanoTime();
        Summary summary = replicate(inputs, packets, concurrent, out);
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf(Locale.ROOT,
                "%s: %,d packets, %,d bytes, %,d TCP + %,d UDP flows, %.1f s of traffic; %d replicas of %,d"
                        + " template packets from %d inputs; written in %.1f s%n",
                out, summary.packets(), summary.bytes(), summary.tcpFlows(), summary.udpFlows(),
                (summary.lastMicros() - summary.firstMicros()) / 1e6, summary.replicas(),
                summary.templatePackets(), inputs.size(), seconds);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new UsageException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static long number(String[] args, int i) {
        String text = value(args, i).replace("_", "").replace(",", "");
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException(args[i - 1] + ": not a number: " + args[i]);
        }
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
