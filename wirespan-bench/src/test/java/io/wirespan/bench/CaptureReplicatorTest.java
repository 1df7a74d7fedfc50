package io.wirespan.bench;

import static io.wirespan.bench.TestFrames.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.engine.capture.CaptureFiles;
import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.capture.RawPacket;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureReplicatorTest {
    @TempDir
    Path dir;

    private record Written(long micros, byte[] frame) {
        FrameLayout layout() { return FrameLayout.of(frame, frame.length, FrameLayout.LINKTYPE_ETHERNET); }
        int source() { return FrameLayout.int32(frame, layout().sourceAddressOffset()); }
        int destination() { return FrameLayout.int32(frame, layout().destinationAddressOffset()); }
        int sourcePort() { return FrameLayout.uint16(frame, layout().portsOffset()); }
        int destinationPort() { return FrameLayout.uint16(frame, layout().portsOffset() + 2); }
    }

    /** A loopback exchange: request, response, request, at 0, +100 and +250 µs. */
    private Path loopbackExchange(String name) throws IOException {
        long t = 1_700_000_000_000_000L;
        return TestFrames.capture(dir.resolve(name), List.of(
                new TestFrames.Timed(t, TestFrames.tcp(LOOPBACK, 40000, LOOPBACK, 6379, "GET a")),
                new TestFrames.Timed(t + 100, TestFrames.tcp(LOOPBACK, 6379, LOOPBACK, 40000, "$1 b")),
                new TestFrames.Timed(t + 250, TestFrames.tcp(LOOPBACK, 40000, LOOPBACK, 6379, "GET c"))));
    }

    private List<Written> replicate(List<Path> inputs, long packets, int concurrent) throws IOException {
        Path out = dir.resolve("out.pcap");
        CaptureReplicator.Summary summary = CaptureReplicator.replicate(inputs, packets, concurrent, out);
        List<Written> written = new ArrayList<>();
        try (PacketSource source = CaptureFiles.open(out)) {
            RawPacket packet = new RawPacket();
            while (source.next(packet)) {
                written.add(new Written(packet.timestampMicros(), Arrays.copyOfRange(packet.data(),
                        packet.offset(), packet.offset() + packet.capturedLength())));
            }
        }
        assertThat(written).hasSize((int) packets);
        assertThat(summary.packets()).isEqualTo(packets);
        return written;
    }

    @Test
    void givesEachReplicaItsOwnClientAndServerBothWays() throws IOException {
        List<Written> written = replicate(List.of(loopbackExchange("a.pcap")), 3 * 300, 4);

        for (Written packet : written) {
            boolean request = packet.destinationPort() == 6379;
            int client = request ? packet.source() : packet.destination();
            int server = request ? packet.destination() : packet.source();
            int replica = (client >>> 8) & 0xFFFF;
            assertThat(client).isEqualTo((10 << 24) | (replica << 8) | 1);
            assertThat(server).isEqualTo((10 << 24) | (replica << 8) | 2);
            assertThat(request ? packet.sourcePort() : packet.destinationPort()).isEqualTo(40000 + replica);
            assertThat(request ? packet.destinationPort() : packet.sourcePort()).isEqualTo(6379);
        }
        // Replicas still in progress when the output is full are cut short.
        assertThat(written.stream().map(p -> p.source() >>> 8).distinct().count()).isBetween(300L, 305L);
    }

    @Test
    void keepsOrderAndTimingWithinEachReplicaAndInterleavesReplicas() throws IOException {
        List<Written> written = replicate(List.of(loopbackExchange("a.pcap")), 3 * 40, 8);

        int complete = 0;
        for (int replica = 0; replica < 40; replica++) {
            int client = (10 << 24) | (replica << 8) | 1;
            List<Written> own = written.stream().filter(p -> p.source() == client || p.destination() == client).toList();
            if (own.size() < 3) {
                continue;  // cut short by the end of the output
            }
            complete++;
            assertThat(own).extracting(p -> new String(p.frame(), 54, p.frame().length - 54))
                    .containsExactly("GET a", "$1 b", "GET c");
            assertThat(own.get(1).micros() - own.get(0).micros()).isEqualTo(100);
            assertThat(own.get(2).micros() - own.get(0).micros()).isEqualTo(250);
        }
        assertThat(complete).isGreaterThan(30);
        assertThat(written).extracting(Written::micros).isSorted();
        // 251 µs of traffic over 8 concurrent replicas: a new replica every 31 µs, so the second
        // replica starts before the first ends.
        assertThat(written.get(1).source() >>> 8).isNotEqualTo(written.get(0).source() >>> 8);
    }

    @Test
    void keepsChecksumsValid() throws IOException {
        long t = 1_000_000;
        Path input = TestFrames.capture(dir.resolve("in.pcap"), List.of(
                new TestFrames.Timed(t, TestFrames.tcp(0xC0A80001, 51000, 0xC0A80002, 80, "GET / HTTP/1.1\r\n")),
                new TestFrames.Timed(t + 1, TestFrames.udp(0xC0A80001, 53000, 0xC0A80003, 53, "query"))));
        for (Written packet : replicate(List.of(input), 2 * 500, 16)) {
            FrameLayout layout = packet.layout();
            byte[] frame = packet.frame();
            assertThat(Checksums.compute(frame, layout.ipOffset(), 20)).isZero();
            int l4 = layout.ipOffset() + 20;
            byte[] pseudo = new byte[12 + frame.length - l4];
            System.arraycopy(frame, layout.sourceAddressOffset(), pseudo, 0, 8);
            pseudo[9] = (byte) layout.protocol();
            FrameLayout.putUint16(pseudo, 10, frame.length - l4);
            System.arraycopy(frame, l4, pseudo, 12, frame.length - l4);
            assertThat(Checksums.compute(pseudo, 0, pseudo.length)).isZero();
        }
    }

    @Test
    void separatesIdenticalFlowsFromDifferentInputs() throws IOException {
        List<Written> written = replicate(List.of(loopbackExchange("a.pcap"), loopbackExchange("b.pcap")), 6, 1);

        // One replica: each file gets its own client and server.
        assertThat(written).extracting(Written::source).containsOnly(
                (10 << 24) | 1, (10 << 24) | 2, (10 << 24) | 3, (10 << 24) | 4);
    }

    @Test
    void rewritesBehindVlanTagsFollowsFragmentsAndCopiesOtherFrames() throws IOException {
        int client = 0xC0A80001;
        int server = 0xC0A80002;
        byte[] udp = TestFrames.transport(FrameLayout.UDP, client, 50000, server, 53, new byte[24]);
        byte[] head = Arrays.copyOfRange(udp, 0, 16);
        byte[] tail = Arrays.copyOfRange(udp, 16, udp.length);
        Path input = TestFrames.capture(dir.resolve("in.pcap"), List.of(
                new TestFrames.Timed(10, TestFrames.ipv4(FrameLayout.UDP, client, server, 77, 0x2000, head, 1)),
                new TestFrames.Timed(11, TestFrames.ipv4(FrameLayout.UDP, client, server, 77, 2, tail, 2)),
                new TestFrames.Timed(12, TestFrames.arp())));

        List<Written> written = replicate(List.of(input), 3, 1);

        FrameLayout first = written.get(0).layout();
        FrameLayout later = written.get(1).layout();
        assertThat(first.ipOffset()).isEqualTo(18);
        assertThat(later.ipOffset()).isEqualTo(22);
        assertThat(later.laterFragment()).isTrue();
        assertThat(written.get(1).source()).isEqualTo(written.get(0).source());
        assertThat(written.get(1).destination()).isEqualTo(written.get(0).destination());
        assertThat(written.get(0).source()).isNotEqualTo(written.get(0).destination());
        assertThat(written.get(2).frame()).isEqualTo(TestFrames.arp());
    }

    @Test
    void shiftsOnlyEphemeralPortsWithinTheirRange() {
        assertThat(CaptureReplicator.shiftPort(40000, 3)).isEqualTo(40003);
        assertThat(CaptureReplicator.shiftPort(65535, 1)).isEqualTo(32768);
        assertThat(CaptureReplicator.shiftPort(65535, 32768)).isEqualTo(65535);
    }
}
