package io.wirespan.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.engine.decode.PacketDecoder.Outcome;
import io.wirespan.engine.testing.CapturePackets;
import io.wirespan.engine.testing.Corpus;
import io.wirespan.engine.testing.Hex;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** IP reassembly through {@link PacketDecoder}, on raw IP frames (link type 101) built here. */
class IpDefragmenterTest {
    private static final int RAW = 101;
    private static final long SECOND = 1_000_000;

    private final DecodedPacket out = new DecodedPacket();
    private PacketDecoder decoder = new PacketDecoder();
    private long now = 1_000 * SECOND;

    // ---- IPv4 ----------------------------------------------------------------------------------

    @Test
    void reassemblesIpv4FragmentsInOrder() {
        byte[] datagram = udp(3000);
        List<byte[]> fragments = ipv4Fragments(0x00eb, 17, datagram, 1480);
        assertThat(fragments).hasSize(3);
        assertThat(feed(fragments.get(0))).isEqualTo(Outcome.BUFFERED);
        assertThat(feed(fragments.get(1))).isEqualTo(Outcome.BUFFERED);
        assertThat(feed(fragments.get(2))).isEqualTo(Outcome.PACKET);
        assertReassembledUdp(datagram);
        assertThat(out.wireLength()).isEqualTo(fragments.get(0).length + fragments.get(1).length + fragments.get(2).length);
        assertThat(decoder.stats().fragmentsBuffered()).isEqualTo(2);
        assertThat(decoder.stats().datagramsReassembled()).isEqualTo(1);
        assertThat(decoder.stats().packets()).isEqualTo(1);
    }

    @Test
    void reassemblesIpv4FragmentsInReverseAndShuffledOrder() {
        byte[] datagram = udp(5000);
        List<byte[]> fragments = ipv4Fragments(7, 17, datagram, 512);
        Collections.reverse(fragments);
        assertOnlyLastCompletes(fragments);
        assertReassembledUdp(datagram);

        Random random = new Random(1);
        for (int round = 0; round < 50; round++) {
            List<byte[]> shuffled = ipv4Fragments(100 + round, 17, datagram, 8 * (1 + random.nextInt(200)));
            Collections.shuffle(shuffled, random);
            assertOnlyLastCompletes(shuffled);
            assertReassembledUdp(datagram);
        }
    }

    @Test
    void reassemblesTcpSegments() {
        ByteBuffer tcp = ByteBuffer.allocate(20 + 2000);
        tcp.putShort((short) 443).putShort((short) 50000).putInt(123456789).putInt(42)
                .put((byte) 0x50).put((byte) 0x18).putShort((short) 1000).putInt(0);
        for (int i = 0; i < 2000; i++) tcp.put((byte) i);
        assertOnlyLastCompletes(ipv4Fragments(9, 6, tcp.array(), 1480));
        assertThat(out.l4Protocol()).isEqualTo(DecodedPacket.TCP);
        assertThat(out.srcPort()).isEqualTo(443);
        assertThat(out.seq()).isEqualTo(123456789);
        assertThat(out.payloadLength()).isEqualTo(2000);
        assertThat(out.payload()[out.payloadOffset() + 1999]).isEqualTo((byte) 1999);
    }

    @Test
    void reassemblesInterleavedDatagrams() {
        byte[] a = udp(3000);
        byte[] b = udp(2000);
        List<byte[]> fa = ipv4Fragments(1, 17, a, 1480);
        List<byte[]> fb = ipv4Fragments(2, 17, b, 1480);
        assertThat(feed(fa.get(0))).isEqualTo(Outcome.BUFFERED);
        assertThat(feed(fb.get(0))).isEqualTo(Outcome.BUFFERED);
        assertThat(feed(fa.get(1))).isEqualTo(Outcome.BUFFERED);
        assertThat(feed(fb.get(1))).isEqualTo(Outcome.PACKET);
        assertReassembledUdp(b);
        assertThat(feed(fa.get(2))).isEqualTo(Outcome.PACKET);
        assertReassembledUdp(a);
    }

    @Test
    void reassemblesAnIpInIpDatagram() {
        byte[] inner = ipv4Packet(0, 17, udp(1600), "172.16.0.1", "172.16.0.2");
        assertOnlyLastCompletes(ipv4Fragments(3, 4, inner, 1000));
        assertThat(IpAddress.format(out.srcHi(), out.srcLo())).isEqualTo("172.16.0.1");
        assertThat(out.payloadLength()).isEqualTo(1600);
    }

    @Test
    void reassemblesAFragmentInsideAReassembledTunnelDatagram() {
        // The inner datagram's second fragment travels in a VXLAN datagram that is itself fragmented:
        // completing the inner datagram overwrites the buffer the outer one is read from.
        byte[] inner = udp(2000);
        List<byte[]> innerFragments = ipv4Fragments(21, 17, inner, 1480);
        assertThat(feed(ipv4Packet(0, 17, vxlan(innerFragments.get(0)), "192.168.0.1", "192.168.0.2"))).isEqualTo(Outcome.BUFFERED);
        assertOnlyLastCompletes(ipv4Fragments(22, 17, vxlan(innerFragments.get(1)), 256));
        assertReassembledUdp(inner);
        assertThat(out.tunnelId()).isEqualTo(12345);
        assertThat(decoder.stats().datagramsReassembled()).isEqualTo(2);
    }

    @Test
    void keepsFragmentsOfDifferentTunnelsApart() {
        byte[] a = udp(2000);
        byte[] b = udp(1000);
        List<byte[]> fa = ipv4Fragments(23, 17, a, 1480);
        List<byte[]> fb = ipv4Fragments(23, 17, b, 1480); // same addresses and id, other VNI
        byte[] b0 = vxlan(fb.get(0));
        b0[8 + 6] = 0x3a; // VNI 12346
        assertThat(feed(ipv4Packet(0, 17, vxlan(fa.get(0)), "192.168.0.1", "192.168.0.2"))).isEqualTo(Outcome.BUFFERED);
        assertThat(feed(ipv4Packet(0, 17, b0, "192.168.0.1", "192.168.0.2"))).isEqualTo(Outcome.PACKET);
        assertReassembledUdp(b);
        assertThat(out.tunnelId()).isEqualTo(12346);
        assertThat(feed(ipv4Packet(0, 17, vxlan(fa.get(1)), "192.168.0.1", "192.168.0.2"))).isEqualTo(Outcome.PACKET);
        assertReassembledUdp(a);
    }

    @Test
    void completesEveryDatagramOfAShuffledInterleavedStreamWithDuplicates() {
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            decoder = new PacketDecoder();
            List<byte[]> stream = new ArrayList<>();
            List<byte[]> datagrams = new ArrayList<>();
            for (int id = 0; id < 40; id++) {
                byte[] datagram = udp(300 + random.nextInt(9000));
                datagram[8] = (byte) id; // tells the payloads apart
                datagrams.add(datagram);
                boolean v6 = random.nextBoolean();
                // two fragments or more, and few enough to stay within MAX_PIECES whatever their order
                int size = 8 * (32 + random.nextInt((datagram.length - 1) / 8 - 31));
                List<byte[]> fragments = v6 ? ipv6Fragments(id, 17, datagram, size) : ipv4Fragments(id, 17, datagram, size);
                for (byte[] f : List.copyOf(fragments)) if (random.nextInt(5) == 0) fragments.add(f); // exact duplicates
                stream.addAll(fragments);
            }
            Collections.shuffle(stream, random);
            List<Integer> completed = new ArrayList<>();
            for (byte[] frame : stream) {
                Outcome outcome = feed(frame);
                if (outcome == Outcome.PACKET) {
                    int id = out.payload()[out.payloadOffset()];
                    assertThat(out.payloadLength()).isEqualTo(datagrams.get(id).length - 8);
                    assertReassembledUdp(datagrams.get(id));
                    completed.add(id);
                } else if (outcome == Outcome.SKIPPED) {
                    assertThat(decoder.lastSkipReason()).isEqualTo(SkipReason.FRAGMENT_DUPLICATE);
                }
            }
            // A datagram completes again only if every one of its fragments came twice after it completed.
            assertThat(new HashSet<>(completed)).hasSize(40);
        }
    }

    @Test
    void dropsExactDuplicateFragments() {
        byte[] datagram = udp(3000);
        List<byte[]> fragments = ipv4Fragments(5, 17, datagram, 1480);
        assertThat(feed(fragments.get(0))).isEqualTo(Outcome.BUFFERED);
        assertThat(feed(fragments.get(0))).isEqualTo(Outcome.SKIPPED);
        assertThat(decoder.lastSkipReason()).isEqualTo(SkipReason.FRAGMENT_DUPLICATE);
        assertThat(feed(fragments.get(1))).isEqualTo(Outcome.BUFFERED);
        assertThat(feed(fragments.get(2))).isEqualTo(Outcome.PACKET);
        assertReassembledUdp(datagram);
    }

    @Test
    void abandonsADatagramWithOverlappingFragments() {
        byte[] datagram = udp(3000);
        List<byte[]> fragments = ipv4Fragments(6, 17, datagram, 1480);
        assertThat(feed(fragments.get(0))).isEqualTo(Outcome.BUFFERED);
        byte[] forged = ipv4Fragment(6, 17, new byte[24], 8, 24, true); // zeroes over bytes 8..24
        assertThat(feed(forged)).isEqualTo(Outcome.SKIPPED);
        assertThat(decoder.lastSkipReason()).isEqualTo(SkipReason.FRAGMENT_OVERLAP);
        // What is left can no longer complete the datagram.
        assertThat(feed(fragments.get(1))).isEqualTo(Outcome.BUFFERED);
        assertThat(feed(fragments.get(2))).isEqualTo(Outcome.BUFFERED);
        assertThat(decoder.stats().skipped(SkipReason.FRAGMENT_OVERLAP)).isEqualTo(1);
    }

    @Test
    void abandonsADatagramOnPartialOverlapEvenWithTheSameBytes() {
        byte[] datagram = udp(3000);
        assertThat(feed(ipv4Fragment(8, 17, datagram, 0, 1480, true))).isEqualTo(Outcome.BUFFERED);
        assertThat(feed(ipv4Fragment(8, 17, datagram, 1472, 2960, true))).isEqualTo(Outcome.SKIPPED);
        assertThat(decoder.lastSkipReason()).isEqualTo(SkipReason.FRAGMENT_OVERLAP);
    }

    @Test
    void timesOutIncompleteDatagramsByCaptureTime() {
        byte[] datagram = udp(3000);
        List<byte[]> fragments = ipv4Fragments(10, 17, datagram, 1480);
        assertThat(feed(fragments.get(0))).isEqualTo(Outcome.BUFFERED);
        now += 29 * SECOND;
        assertThat(feed(fragments.get(1))).isEqualTo(Outcome.BUFFERED);
        now += 2 * SECOND; // 31 s after the first fragment
        assertThat(feed(Hex.bytes(Samples.IPV4_TCP))).isEqualTo(Outcome.PACKET);
        assertThat(decoder.stats().skipped(SkipReason.FRAGMENT_TIMEOUT)).isEqualTo(1);
        assertThat(feed(fragments.get(2))).isEqualTo(Outcome.BUFFERED); // starts a new datagram
    }

    @Test
    void evictsTheOldestDatagramWhenTooManyAreInProgress() {
        decoder = new PacketDecoder(config(2, 4 << 20));
        byte[] datagram = udp(3000);
        List<List<byte[]>> byId = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            byId.add(ipv4Fragments(id, 17, datagram, 1480));
            now += SECOND;
            assertThat(feed(byId.getLast().get(0))).isEqualTo(Outcome.BUFFERED);
        }
        assertThat(decoder.stats().skipped(SkipReason.FRAGMENT_LIMIT)).isEqualTo(1);
        for (int id = 3; id >= 2; id--) {
            assertThat(feed(byId.get(id - 1).get(1))).isEqualTo(Outcome.BUFFERED);
            assertThat(feed(byId.get(id - 1).get(2))).isEqualTo(Outcome.PACKET);
        }
        assertThat(feed(byId.get(0).get(1))).as("id 1 was evicted").isEqualTo(Outcome.BUFFERED);
        assertThat(feed(byId.get(0).get(2))).isEqualTo(Outcome.BUFFERED);
    }

    @Test
    void evictsTheOldestDatagramToStayWithinTheByteBound() {
        decoder = new PacketDecoder(config(16, 65535));
        byte[] datagram = udp(3000);
        List<byte[]> small = ipv4Fragments(1, 17, datagram, 1480);
        assertThat(feed(small.get(0))).isEqualTo(Outcome.BUFFERED); // holds a 2 KiB buffer
        assertThat(feed(ipv4Fragment(2, 17, new byte[65000], 64000, 64008, true))).isEqualTo(Outcome.BUFFERED); // needs 64 KB
        assertThat(decoder.stats().skipped(SkipReason.FRAGMENT_LIMIT)).isEqualTo(1);
        assertThat(feed(small.get(1))).isEqualTo(Outcome.BUFFERED);
        assertThat(feed(small.get(2))).as("datagram 1 was evicted").isEqualTo(Outcome.BUFFERED);
    }

    @Test
    void rejectsInvalidFragments() {
        byte[] datagram = udp(3000);
        assertSkipped(ipv4Fragment(11, 17, datagram, 0, 1479, true), SkipReason.FRAGMENT_INVALID);        // not a multiple of 8
        assertSkipped(ipv4Fragment(11, 17, new byte[65544], 65512, 65544, false), SkipReason.FRAGMENT_INVALID); // past 65535
        byte[] cut = ipv4Fragment(11, 17, datagram, 0, 1480, true);
        assertThat(decoder.decode(RAW, cut, 0, cut.length - 1, cut.length, now, out)).isEqualTo(Outcome.SKIPPED);
        assertThat(decoder.lastSkipReason()).isEqualTo(SkipReason.FRAGMENT_INVALID);                    // snap length
        assertThat(feed(ipv4Fragment(12, 17, datagram, 1480, 3008, false))).isEqualTo(Outcome.BUFFERED);
        assertSkipped(ipv4Fragment(12, 17, datagram, 2960, 3000, false), SkipReason.FRAGMENT_INVALID);  // second, different end
        assertThat(feed(ipv4Fragment(13, 17, datagram, 1480, 2000, false))).isEqualTo(Outcome.BUFFERED);
        assertSkipped(ipv4Fragment(13, 17, datagram, 1480 + 520, 2960, true), SkipReason.FRAGMENT_INVALID); // past the end
        byte[] icmp = ipv4Fragment(14, 1, datagram, 0, 1480, true);
        assertSkipped(icmp, SkipReason.NOT_TCP_OR_UDP);
    }

    @Test
    void boundsThePiecesHeldPerDatagram() {
        byte[] datagram = new byte[8 * 2 * (IpDefragmenter.MAX_PIECES + 1)];
        for (int i = 0; i < IpDefragmenter.MAX_PIECES; i++) {
            assertThat(feed(ipv4Fragment(15, 17, datagram, 16 * i, 16 * i + 8, true))).isEqualTo(Outcome.BUFFERED);
        }
        int i = IpDefragmenter.MAX_PIECES;
        assertSkipped(ipv4Fragment(15, 17, datagram, 16 * i, 16 * i + 8, true), SkipReason.FRAGMENT_LIMIT);
    }

    @Test
    void reassemblesTheDeepflowIpFragmentCapture() {
        int[] packets = {0};
        CapturePackets.forEachFrame(Corpus.file("ip-fragment.pcap"), frame -> {
            Outcome outcome = decoder.decode(frame, out);
            if (outcome == Outcome.PACKET) {
                packets[0]++;
                assertThat(out.l4Protocol()).isEqualTo(DecodedPacket.UDP);
                assertThat(out.srcPort()).isEqualTo(1000);
                assertThat(out.dstPort()).isEqualTo(2000);
                assertThat(out.payloadLength()).isEqualTo(3000);
                assertThat(out.wireLength()).isEqualTo(1514 + 1514 + 82);
            } else {
                assertThat(outcome).isEqualTo(Outcome.BUFFERED);
            }
        });
        assertThat(packets[0]).isEqualTo(6);
    }

    // ---- IPv6 ----------------------------------------------------------------------------------

    @Test
    void reassemblesIpv6FragmentsInAnyOrder() {
        byte[] datagram = udp(4000);
        List<byte[]> fragments = ipv6Fragments(0x1234_5678, 17, datagram, 1448);
        assertOnlyLastCompletes(fragments);
        assertReassembledUdp(datagram);
        assertThat(out.ipVersion()).isEqualTo(6);
        assertThat(IpAddress.format(out.srcHi(), out.srcLo())).isEqualTo("2001:db8::a");

        List<byte[]> reversed = ipv6Fragments(0x1234_5679, 17, datagram, 1448);
        Collections.reverse(reversed);
        assertOnlyLastCompletes(reversed);
        assertReassembledUdp(datagram);
    }

    @Test
    void walksExtensionHeadersInsideTheReassembledIpv6Datagram() {
        byte[] udp = udp(2000);
        byte[] withOptions = new byte[8 + udp.length];
        withOptions[0] = 17;    // destination options: next header UDP, length 0
        withOptions[2] = 1;     // PadN
        withOptions[3] = 4;
        System.arraycopy(udp, 0, withOptions, 8, udp.length);
        assertOnlyLastCompletes(ipv6Fragments(77, 60, withOptions, 1000));
        assertReassembledUdp(udp);
    }

    @Test
    void abandonsOverlappingIpv6Fragments() {
        byte[] datagram = udp(3000);
        assertThat(feed(ipv6Fragment(88, 17, datagram, 0, 1448, true))).isEqualTo(Outcome.BUFFERED);
        assertSkipped(ipv6Fragment(88, 17, datagram, 1440, 2896, true), SkipReason.FRAGMENT_OVERLAP); // RFC 5722
        assertThat(feed(ipv6Fragment(88, 17, datagram, 2896, datagram.length, false))).isEqualTo(Outcome.BUFFERED);
    }

    @Test
    void passesAtomicIpv6FragmentsThrough() {
        byte[] datagram = udp(100);
        assertThat(feed(ipv6Fragment(99, 17, datagram, 0, datagram.length, false))).isEqualTo(Outcome.PACKET);
        assertReassembledUdp(datagram);
        assertThat(decoder.stats().datagramsReassembled()).isZero();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static DecodeConfig config(int maxDatagrams, int maxBytes) {
        return new DecodeConfig(EnumSet.of(TunnelProtocol.VXLAN, TunnelProtocol.IPIP), Set.of(4789), 3, maxDatagrams, maxBytes,
                Duration.ofSeconds(30));
    }

    private Outcome feed(byte[] frame) {
        return decoder.decode(RAW, frame, 0, frame.length, frame.length, now, out);
    }

    private void assertSkipped(byte[] frame, SkipReason reason) {
        assertThat(feed(frame)).isEqualTo(Outcome.SKIPPED);
        assertThat(decoder.lastSkipReason()).isEqualTo(reason);
    }

    private void assertOnlyLastCompletes(List<byte[]> fragments) {
        for (int i = 0; i < fragments.size(); i++) {
            assertThat(feed(fragments.get(i))).as("fragment %d of %d", i + 1, fragments.size())
                    .isEqualTo(i == fragments.size() - 1 ? Outcome.PACKET : Outcome.BUFFERED);
        }
    }

    private void assertReassembledUdp(byte[] datagram) {
        assertThat(out.l4Protocol()).isEqualTo(DecodedPacket.UDP);
        assertThat(out.srcPort()).isEqualTo(1000);
        assertThat(out.dstPort()).isEqualTo(2000);
        assertThat(Arrays.copyOfRange(out.payload(), out.payloadOffset(), out.payloadOffset() + out.payloadLength()))
                .isEqualTo(Arrays.copyOfRange(datagram, 8, datagram.length));
    }

    /** A UDP datagram 1000 -> 2000 with a patterned payload. */
    static byte[] udp(int payloadLength) {
        ByteBuffer b = ByteBuffer.allocate(8 + payloadLength);
        b.putShort((short) 1000).putShort((short) 2000).putShort((short) (8 + payloadLength)).putShort((short) 0);
        for (int i = 0; i < payloadLength; i++) b.put((byte) (i * 7 + i / 256));
        return b.array();
    }

    /** UDP 54321 -> 4789, VXLAN VNI 12345, Ethernet, then {@code ipv4}. */
    static byte[] vxlan(byte[] ipv4) {
        ByteBuffer b = ByteBuffer.allocate(8 + 8 + 14 + ipv4.length);
        b.putShort((short) 54321).putShort((short) 4789).putShort((short) b.capacity()).putShort((short) 0)
                .putInt(0x0800_0000).putInt(12345 << 8)
                .put(new byte[12]).putShort((short) 0x0800).put(ipv4);
        return b.array();
    }

    static List<byte[]> ipv4Fragments(int id, int protocol, byte[] datagram, int size) {
        return split(datagram, size, (from, to, more) -> ipv4Fragment(id, protocol, datagram, from, to, more));
    }

    /** One fragment of a datagram: bytes [from, to), {@code more} unless it is the last. */
    interface Fragment {
        byte[] of(int from, int to, boolean more);
    }

    /** The datagram cut into {@code size}-byte fragments, in order. */
    static List<byte[]> split(byte[] datagram, int size, Fragment fragment) {
        List<byte[]> fragments = new ArrayList<>();
        for (int from = 0; from < datagram.length; from += size) {
            int to = Math.min(datagram.length, from + size);
            fragments.add(fragment.of(from, to, to < datagram.length));
        }
        return fragments;
    }

    /** IPv4 10.1.6.92 -> 10.1.4.2 carrying datagram[from, to) at offset {@code from}. */
    static byte[] ipv4Fragment(int id, int protocol, byte[] datagram, int from, int to, boolean more) {
        ByteBuffer b = ByteBuffer.allocate(20 + to - from);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + to - from)).putShort((short) id)
                .putShort((short) ((more ? 0x2000 : 0) | (from / 8))).put((byte) 64).put((byte) protocol).putShort((short) 0)
                .put(new byte[] {10, 1, 6, 92}).put(new byte[] {10, 1, 4, 2}).put(datagram, from, to - from);
        return b.array();
    }

    static byte[] ipv4Packet(int id, int protocol, byte[] payload, String src, String dst) {
        byte[] packet = ipv4Fragment(id, protocol, payload, 0, payload.length, false);
        long[] s = IpAddress.parse(src);
        long[] d = IpAddress.parse(dst);
        ByteBuffer.wrap(packet).putInt(12, (int) s[1]).putInt(16, (int) d[1]);
        return packet;
    }

    static List<byte[]> ipv6Fragments(int id, int next, byte[] datagram, int size) {
        return split(datagram, size, (from, to, more) -> ipv6Fragment(id, next, datagram, from, to, more));
    }

    /** IPv6 2001:db8::a -> 2001:db8::b with a fragment header (RFC 8200 §4.5) and datagram[from, to). */
    static byte[] ipv6Fragment(int id, int next, byte[] datagram, int from, int to, boolean more) {
        ByteBuffer b = ByteBuffer.allocate(40 + 8 + to - from);
        b.putInt(0x6000_0000).putShort((short) (8 + to - from)).put((byte) 44).put((byte) 64)
                .putLong(0x2001_0db8_0000_0000L).putLong(0xa).putLong(0x2001_0db8_0000_0000L).putLong(0xb)
                .put((byte) next).put((byte) 0).putShort((short) (from | (more ? 1 : 0))).putInt(id)
                .put(datagram, from, to - from);
        return b.array();
    }
}
