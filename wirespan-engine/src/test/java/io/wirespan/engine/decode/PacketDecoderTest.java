package io.wirespan.engine.decode;

import static io.wirespan.engine.decode.Samples.ETHERNET;
import static io.wirespan.engine.decode.Samples.ETHERNET_IPV4;
import static io.wirespan.engine.decode.Samples.ETHERNET_IPV6;
import static io.wirespan.engine.decode.Samples.IPV4_TCP;
import static io.wirespan.engine.decode.Samples.IPV6_TCP;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.engine.capture.RawPacket;
import io.wirespan.engine.decode.PacketDecoder.Outcome;
import io.wirespan.engine.testing.Hex;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PacketDecoderTest {
    private static final DecodeConfig ALL_TUNNELS = new DecodeConfig(
            EnumSet.allOf(TunnelProtocol.class), Set.of(4789, 8472), 3, 1024, 4 << 20, Duration.ofSeconds(30));
    private static final int IP = 14;       // IP header offset behind Ethernet
    private static final int L4 = IP + 20;  // L4 header offset behind Ethernet + IPv4

    private final DecodedPacket out = new DecodedPacket();
    private PacketDecoder decoder = new PacketDecoder();

    // ---- link layers ---------------------------------------------------------------------------

    @Test
    void decodesEthernetIpv4Tcp() {
        byte[] frame = Hex.bytes(ETHERNET_IPV4, IPV4_TCP);
        assertThat(decoder.decode(ETHERNET, frame, 0, frame.length, 1514, 42_000_000L, out)).isEqualTo(Outcome.PACKET);
        assertTcp("10.0.0.1", 50000, "10.0.0.2", 80);
        assertThat(out.ipVersion()).isEqualTo(4);
        assertThat(out.seq()).isEqualTo(1000);
        assertThat(out.ack()).isEqualTo(2000);
        assertThat(out.tcpFlags()).isEqualTo(DecodedPacket.PSH | DecodedPacket.ACK);
        assertThat(out.window()).isEqualTo(65535);
        assertThat(payload()).isEqualTo("GET ");
        assertThat(out.missingBytes()).isZero();
        assertThat(out.timestampMicros()).isEqualTo(42_000_000L);
        assertThat(out.wireLength()).isEqualTo(1514);
        assertThat(out.tunnelId()).isEqualTo(-1);
        assertThat(decoder.lastSkipReason()).isNull();
        assertThat(decoder.stats().packets()).isEqualTo(1);
    }

    @Test
    void decodesFromARawPacket() {
        byte[] frame = Hex.bytes("ff ff ff   # bytes before the frame in the reader's buffer", ETHERNET_IPV4, IPV4_TCP);
        RawPacket raw = new RawPacket();
        raw.set(frame, 3, frame.length - 3, frame.length - 3, 7, ETHERNET, 0);
        assertThat(decoder.decode(raw, out)).isEqualTo(Outcome.PACKET);
        assertTcp("10.0.0.1", 50000, "10.0.0.2", 80);
        assertThat(out.payloadOffset()).isEqualTo(3 + 14 + 20 + 20);
    }

    @Test
    void decodesUdp() {
        assertThat(decode(ETHERNET, Hex.bytes(ETHERNET_IPV4, Samples.IPV4_UDP))).isEqualTo(Outcome.PACKET);
        assertThat(out.l4Protocol()).isEqualTo(DecodedPacket.UDP);
        assertAddresses("10.0.0.53", "10.0.0.9");
        assertThat(out.srcPort()).isEqualTo(53);
        assertThat(out.dstPort()).isEqualTo(40000);
        assertThat(out.tcpFlags()).isZero();
        assertThat(payload()).isEqualTo("hello");
    }

    @Test
    void trimsEthernetPaddingByTheIpTotalLength() {
        byte[] frame = Hex.bytes(Samples.ETHERNET_PADDED);
        assertThat(frame).hasSize(60);
        assertThat(decode(ETHERNET, frame)).isEqualTo(Outcome.PACKET);
        assertTcp("10.0.0.2", 80, "10.0.0.1", 50000);
        assertThat(out.payloadLength()).isZero();
        assertThat(out.missingBytes()).isZero();
    }

    @Test
    void stripsOneVlanTag() {
        assertThat(decode(ETHERNET, Hex.bytes(Samples.ETHERNET_VLAN))).isEqualTo(Outcome.PACKET);
        assertTcp("10.0.0.1", 50000, "10.0.0.2", 80);
        assertThat(payload()).isEqualTo("GET ");
    }

    @Test
    void stripsQinqTagStacks() {
        assertThat(decode(ETHERNET, Hex.bytes(Samples.ETHERNET_QINQ))).isEqualTo(Outcome.PACKET);
        assertTcp("2001:db8::1", 50000, "2001:db8::2", 80);

        byte[] oldQinq = Hex.bytes(Samples.ETHERNET_QINQ);
        oldQinq[12] = (byte) 0x91; // pre-standard outer TPID 0x9100
        oldQinq[13] = 0x00;
        assertThat(decode(ETHERNET, oldQinq)).isEqualTo(Outcome.PACKET);
        assertThat(out.ipVersion()).isEqualTo(6);
    }

    @Test
    void decodesLinuxCookedCaptures() {
        assertThat(decode(Samples.SLL, Hex.bytes(Samples.SLL_IPV4, IPV4_TCP))).isEqualTo(Outcome.PACKET);
        assertTcp("10.0.0.1", 50000, "10.0.0.2", 80);
        assertThat(decode(Samples.SLL2, Hex.bytes(Samples.SLL2_IPV6, IPV6_TCP))).isEqualTo(Outcome.PACKET);
        assertTcp("2001:db8::1", 50000, "2001:db8::2", 80);
        assertThat(payload()).isEqualTo("GET ");
    }

    @Test
    void decodesBsdLoopbackInEitherByteOrder() {
        assertThat(decode(Samples.NULL, Hex.bytes(Samples.NULL_IPV4_LITTLE_ENDIAN, IPV4_TCP))).isEqualTo(Outcome.PACKET);
        assertTcp("10.0.0.1", 50000, "10.0.0.2", 80);
        assertThat(decode(Samples.NULL, Hex.bytes(Samples.NULL_IPV4_BIG_ENDIAN, Samples.IPV4_UDP))).isEqualTo(Outcome.PACKET);
        assertThat(out.srcPort()).isEqualTo(53);
        assertThat(decode(Samples.NULL, Hex.bytes(Samples.NULL_IPV6_DARWIN, IPV6_TCP))).isEqualTo(Outcome.PACKET);
        assertThat(out.ipVersion()).isEqualTo(6);
        assertThat(decode(Samples.NULL, Hex.bytes(Samples.NULL_IPV6_FREEBSD_BIG_ENDIAN, IPV6_TCP))).isEqualTo(Outcome.PACKET);
        assertThat(out.ipVersion()).isEqualTo(6);
        assertThat(decode(Samples.LOOP, Hex.bytes(Samples.LOOP_IPV6_OPENBSD, IPV6_TCP))).isEqualTo(Outcome.PACKET);
        assertTcp("2001:db8::1", 50000, "2001:db8::2", 80);
    }

    @Test
    void skipsLoopbackFamiliesThatAreNotIp() {
        assertSkipped(Samples.NULL, Hex.bytes("0a 00 00 00   # 10: Linux's AF_INET6, never written by BSD", IPV6_TCP), SkipReason.NON_IP);
        assertSkipped(Samples.NULL, Hex.bytes("07 00 00 00   # AF_UNIX... not IP", IPV4_TCP), SkipReason.NON_IP);
        // LOOP is network order only: a little-endian AF_INET is not a family.
        assertSkipped(Samples.LOOP, Hex.bytes(Samples.NULL_IPV4_LITTLE_ENDIAN, IPV4_TCP), SkipReason.NON_IP);
        assertSkipped(Samples.NULL, Hex.bytes("02 00 00   # 3 bytes of family"), SkipReason.TRUNCATED_L2);
    }

    @Test
    void decodesRawIpUnderEveryRawLinkType() {
        for (int linkType : new int[] {101, 12, 14}) {
            assertThat(decode(linkType, Hex.bytes(IPV4_TCP))).as("link type %d", linkType).isEqualTo(Outcome.PACKET);
            assertThat(out.ipVersion()).isEqualTo(4);
            assertThat(decode(linkType, Hex.bytes(IPV6_TCP))).as("link type %d", linkType).isEqualTo(Outcome.PACKET);
            assertThat(out.ipVersion()).isEqualTo(6);
        }
        assertThat(decode(Samples.IPV4, Hex.bytes(IPV4_TCP))).isEqualTo(Outcome.PACKET);
        assertThat(decode(Samples.IPV6, Hex.bytes(IPV6_TCP))).isEqualTo(Outcome.PACKET);
        assertSkipped(Samples.IPV4, Hex.bytes(IPV6_TCP), SkipReason.BAD_IPV4_HEADER);
        assertSkipped(Samples.IPV6, Hex.bytes(IPV4_TCP), SkipReason.BAD_IPV6_HEADER);
        assertSkipped(Samples.RAW, Hex.bytes("50 00 00 00   # version 5"), SkipReason.NON_IP);
        assertSkipped(Samples.RAW, new byte[0], SkipReason.TRUNCATED_L2);
    }

    @Test
    void skipsUnknownLinkTypesAndNonIpFrames() {
        assertSkipped(147, Hex.bytes(IPV4_TCP), SkipReason.UNSUPPORTED_LINK_TYPE); // LINKTYPE_USER0
        assertSkipped(ETHERNET, Hex.bytes("""
                ff ff ff ff ff ff   # broadcast
                66 77 88 99 aa bb   # source MAC
                08 06               # EtherType ARP
                00 01 08 00 06 04 00 01   # ARP request header
                """), SkipReason.NON_IP);
        assertSkipped(ETHERNET, Hex.bytes("""
                01 80 c2 00 00 00   # STP multicast
                66 77 88 99 aa bb   # source MAC
                00 26               # 802.3 length 38: LLC follows, not an EtherType
                42 42 03            # LLC DSAP, SSAP, control
                """), SkipReason.NON_IP);
    }

    // ---- IP and transport ----------------------------------------------------------------------

    @Test
    void skipsIpv4Options() {
        assertThat(decode(ETHERNET, Hex.bytes(ETHERNET_IPV4, Samples.IPV4_OPTIONS_TCP))).isEqualTo(Outcome.PACKET);
        assertTcp("10.0.0.1", 50000, "10.0.0.2", 80);
        assertThat(payload()).isEqualTo("GET ");
    }

    @Test
    void skipsTcpOptionsAndKeepsUnsignedSequenceNumbers() {
        assertThat(decode(ETHERNET, Hex.bytes(ETHERNET_IPV4, Samples.IPV4_TCP_OPTIONS))).isEqualTo(Outcome.PACKET);
        assertTcp("10.0.0.1", 50001, "10.0.0.2", 443);
        assertThat(Integer.toUnsignedLong(out.seq())).isEqualTo(4294967294L);
        assertThat(out.tcpFlags()).isEqualTo(DecodedPacket.SYN);
        assertThat(out.hasFlag(DecodedPacket.SYN)).isTrue();
        assertThat(out.window()).isEqualTo(64240);
        assertThat(out.payloadLength()).isZero();
    }

    @Test
    void walksIpv6ExtensionHeaders() {
        assertThat(decode(ETHERNET, Hex.bytes(ETHERNET_IPV6, Samples.IPV6_EXTENSIONS_UDP))).isEqualTo(Outcome.PACKET);
        assertThat(out.l4Protocol()).isEqualTo(DecodedPacket.UDP);
        assertAddresses("fe80::1", "ff02::fb");
        assertThat(out.srcPort()).isEqualTo(5353);
        assertThat(payload()).isEqualTo("hello");
    }

    @Test
    void stopsAtEspAndNoNextHeader() {
        byte[] esp = Hex.bytes(ETHERNET_IPV6, IPV6_TCP);
        esp[IP + 6] = 50; // next header ESP: what follows is encrypted
        assertSkipped(ETHERNET, esp, SkipReason.NOT_TCP_OR_UDP);
        byte[] none = Hex.bytes(ETHERNET_IPV6, IPV6_TCP);
        none[IP + 6] = 59; // no next header
        assertSkipped(ETHERNET, none, SkipReason.NOT_TCP_OR_UDP);
    }

    @Test
    void skipsIcmp() {
        byte[] icmp = Hex.bytes(ETHERNET_IPV4, IPV4_TCP);
        icmp[IP + 9] = 1;
        assertSkipped(ETHERNET, icmp, SkipReason.NOT_TCP_OR_UDP);
        byte[] icmp6 = Hex.bytes(ETHERNET_IPV6, IPV6_TCP);
        icmp6[IP + 6] = 58;
        assertSkipped(ETHERNET, icmp6, SkipReason.NOT_TCP_OR_UDP);
    }

    @Test
    void notesPayloadCutByTheSnapLength() {
        byte[] frame = Hex.bytes(ETHERNET_IPV4, IPV4_TCP);
        assertThat(decoder.decode(ETHERNET, frame, 0, frame.length - 3, frame.length, 0, out)).isEqualTo(Outcome.PACKET);
        assertThat(payload()).isEqualTo("G");
        assertThat(out.missingBytes()).isEqualTo(3);
        assertThat(decoder.stats().truncatedPayloads()).isEqualTo(1);

        byte[] udp = Hex.bytes(ETHERNET_IPV4, Samples.IPV4_UDP);
        assertThat(decoder.decode(ETHERNET, udp, 0, udp.length - 4, udp.length, 0, out)).isEqualTo(Outcome.PACKET);
        assertThat(payload()).isEqualTo("h");
        assertThat(out.missingBytes()).isEqualTo(4);

        byte[] v6 = Hex.bytes(ETHERNET_IPV6, IPV6_TCP);
        assertThat(decoder.decode(ETHERNET, v6, 0, v6.length - 1, v6.length, 0, out)).isEqualTo(Outcome.PACKET);
        assertThat(out.payloadLength()).isEqualTo(3);
        assertThat(out.missingBytes()).isEqualTo(1);
    }

    @Test
    void keepsTheIpLengthWhenTheFrameWasCutWithoutSaying() {
        // xiangdao-retrans.pcap style: original length equals captured length, yet IP says more.
        byte[] frame = Hex.bytes(ETHERNET_IPV4, IPV4_TCP);
        assertThat(decoder.decode(ETHERNET, frame, 0, frame.length - 4, frame.length - 4, 0, out)).isEqualTo(Outcome.PACKET);
        assertThat(out.payloadLength()).isZero();
        assertThat(out.missingBytes()).isEqualTo(4);
    }

    @Test
    void trustsTheCaptureWhenSegmentationOffloadLeftTotalLengthZero() {
        byte[] frame = Hex.bytes(ETHERNET_IPV4, IPV4_TCP, "48 54 54 50   # more payload than the 44 the header said");
        frame[IP + 2] = 0;
        frame[IP + 3] = 0;
        assertThat(decode(ETHERNET, frame)).isEqualTo(Outcome.PACKET);
        assertThat(payload()).isEqualTo("GET HTTP");
    }

    // ---- tunnels -------------------------------------------------------------------------------

    @Test
    void decapsulatesVxlanAndRecordsTheVni() {
        byte[] frame = Hex.bytes(ETHERNET_IPV4, Samples.IPV4_VXLAN);
        assertThat(decode(ETHERNET, frame)).isEqualTo(Outcome.PACKET);
        assertTcp("10.0.0.1", 50000, "10.0.0.2", 80);
        assertThat(out.tunnelId()).isEqualTo(12345);
        assertThat(out.wireLength()).isEqualTo(frame.length);
        assertThat(payload()).isEqualTo("GET ");
        assertThat(decoder.stats().decapsulations()).isEqualTo(1);
    }

    @Test
    void decapsulatesVxlanOnTheLinuxPort() {
        byte[] frame = Hex.bytes(ETHERNET_IPV4, Samples.IPV4_VXLAN);
        frame[L4 + 2] = 0x21; // destination port 8472
        frame[L4 + 3] = 0x18;
        assertThat(decode(ETHERNET, frame)).isEqualTo(Outcome.PACKET);
        assertThat(out.tunnelId()).isEqualTo(12345);
        assertThat(out.l4Protocol()).isEqualTo(DecodedPacket.TCP);
    }

    @Test
    void leavesVxlanAsUdpWhenNotDecapsulatingOrWithoutTheIFlag() {
        decoder = new PacketDecoder(new DecodeConfig(EnumSet.of(TunnelProtocol.IPIP), Set.of(4789), 3, 16, 65535, Duration.ofSeconds(1)));
        assertThat(decode(ETHERNET, Hex.bytes(ETHERNET_IPV4, Samples.IPV4_VXLAN))).isEqualTo(Outcome.PACKET);
        assertThat(out.l4Protocol()).isEqualTo(DecodedPacket.UDP);
        assertThat(out.dstPort()).isEqualTo(4789);
        assertThat(out.payloadLength()).isEqualTo(8 + 14 + 44);
        assertThat(out.tunnelId()).isEqualTo(-1);

        decoder = new PacketDecoder();
        byte[] noIFlag = Hex.bytes(ETHERNET_IPV4, Samples.IPV4_VXLAN);
        noIFlag[L4 + 8] = 0;
        assertThat(decode(ETHERNET, noIFlag)).isEqualTo(Outcome.PACKET);
        assertThat(out.l4Protocol()).isEqualTo(DecodedPacket.UDP);
    }

    @Test
    void decapsulatesIpInIp() {
        assertThat(decode(ETHERNET, Hex.bytes(ETHERNET_IPV4, Samples.IPV4_IPIP))).isEqualTo(Outcome.PACKET);
        assertTcp("10.0.0.1", 50000, "10.0.0.2", 80);
        assertThat(decode(ETHERNET, Hex.bytes(ETHERNET_IPV4, Samples.IPV4_IPV6_IN_IP))).isEqualTo(Outcome.PACKET);
        assertTcp("2001:db8::1", 50000, "2001:db8::2", 80);
        assertThat(out.tunnelId()).isEqualTo(-1);

        decoder = new PacketDecoder(new DecodeConfig(Set.of(), Set.of(), 3, 16, 65535, Duration.ofSeconds(1)));
        assertSkipped(ETHERNET, Hex.bytes(ETHERNET_IPV4, Samples.IPV4_IPIP), SkipReason.NOT_TCP_OR_UDP);
    }

    @Test
    void decapsulatesGreOnlyWhenAskedTo() {
        assertSkipped(ETHERNET, Hex.bytes(ETHERNET_IPV4, Samples.IPV4_GRE_ETHERNET), SkipReason.NOT_TCP_OR_UDP);

        decoder = new PacketDecoder(ALL_TUNNELS);
        assertThat(decode(ETHERNET, Hex.bytes(ETHERNET_IPV4, Samples.IPV4_GRE_ETHERNET))).isEqualTo(Outcome.PACKET);
        assertTcp("10.0.0.1", 50000, "10.0.0.2", 80);
        assertThat(decode(ETHERNET, Hex.bytes(ETHERNET_IPV4, Samples.IPV4_GRE_ERSPAN2))).isEqualTo(Outcome.PACKET);
        assertTcp("10.0.0.1", 50000, "10.0.0.2", 80);
        assertThat(payload()).isEqualTo("GET ");
    }

    @Test
    void decapsulatesGreCarryingIpAndErspanTypeThree() {
        decoder = new PacketDecoder(ALL_TUNNELS);
        assertThat(decode(ETHERNET, Hex.bytes(ETHERNET_IPV4, """
                45 00 00 44         # IPv4, total length 68 = 20 + 4 + 44
                00 09 00 00 40 2f 00 00   # id 9, TTL 64, protocol GRE
                c0 a8 00 01 c0 a8 00 02   # 192.168.0.1 -> 192.168.0.2
                00 00               # GRE: no flags, version 0
                08 00               # protocol type IPv4
                """, IPV4_TCP))).isEqualTo(Outcome.PACKET);
        assertTcp("10.0.0.1", 50000, "10.0.0.2", 80);

        assertThat(decode(ETHERNET, Hex.bytes(ETHERNET_IPV4, """
                45 00 00 6a         # IPv4, total length 106 = 20 + 8 + 20 + 14 + 44
                00 0a 00 00 40 2f 00 00   # id 10, TTL 64, protocol GRE
                c0 a8 00 01 c0 a8 00 02   # 192.168.0.1 -> 192.168.0.2
                10 00 22 eb         # GRE: S flag; protocol type ERSPAN type III
                00 00 00 05         # sequence number
                20 0a 00 01         # ERSPAN III: version 2, VLAN 10; COS, BSO, T, session 1
                00 00 00 00         # timestamp
                00 00 00 01         # SGT, P, FT, hardware id, D, granularity, O = 1
                00 00 00 00 00 00 00 00   # platform-specific subheader (present because O = 1)
                """, ETHERNET_IPV4, IPV4_TCP))).isEqualTo(Outcome.PACKET);
        assertTcp("10.0.0.1", 50000, "10.0.0.2", 80);
    }

    @Test
    void rejectsGreItCannotRead() {
        decoder = new PacketDecoder(ALL_TUNNELS);
        byte[] pptp = Hex.bytes(ETHERNET_IPV4, Samples.IPV4_GRE_ETHERNET);
        pptp[L4 + 1] = 0x01; // version 1: PPTP
        assertSkipped(ETHERNET, pptp, SkipReason.UNSUPPORTED_TUNNEL);
        byte[] ppp = Hex.bytes(ETHERNET_IPV4, Samples.IPV4_GRE_ETHERNET);
        ppp[L4 + 2] = (byte) 0x88; // protocol type 0x880b: PPP
        ppp[L4 + 3] = 0x0b;
        assertSkipped(ETHERNET, ppp, SkipReason.UNSUPPORTED_TUNNEL);
        byte[] cut = Hex.bytes(ETHERNET_IPV4, Samples.IPV4_GRE_ETHERNET);
        assertThat(decoder.decode(ETHERNET, cut, 0, L4 + 6, cut.length, 0, out)).isEqualTo(Outcome.SKIPPED);
        assertThat(decoder.lastSkipReason()).isEqualTo(SkipReason.BAD_TUNNEL_HEADER); // key cut
    }

    @Test
    void boundsTunnelNesting() {
        String ipipInIpip = """
                45 00 00 54         # IPv4, total length 84 = 20 + 64
                00 0b 00 00 40 04 00 00   # id 11, TTL 64, protocol 4 (IPv4)
                ac 10 00 01 ac 10 00 02   # 172.16.0.1 -> 172.16.0.2
                """ + Samples.IPV4_IPIP;
        decoder = new PacketDecoder(new DecodeConfig(EnumSet.of(TunnelProtocol.IPIP), Set.of(), 1, 16, 65535, Duration.ofSeconds(1)));
        assertSkipped(ETHERNET, Hex.bytes(ETHERNET_IPV4, ipipInIpip), SkipReason.TUNNEL_TOO_DEEP);
        decoder = new PacketDecoder(new DecodeConfig(EnumSet.of(TunnelProtocol.IPIP), Set.of(), 2, 16, 65535, Duration.ofSeconds(1)));
        assertThat(decode(ETHERNET, Hex.bytes(ETHERNET_IPV4, ipipInIpip))).isEqualTo(Outcome.PACKET);
        assertTcp("10.0.0.1", 50000, "10.0.0.2", 80);
        decoder = new PacketDecoder(new DecodeConfig(EnumSet.of(TunnelProtocol.VXLAN), Set.of(4789), 0, 16, 65535, Duration.ofSeconds(1)));
        assertSkipped(ETHERNET, Hex.bytes(ETHERNET_IPV4, Samples.IPV4_VXLAN), SkipReason.TUNNEL_TOO_DEEP);
    }

    // ---- truncated and hostile input -----------------------------------------------------------

    @Test
    void namesTheLayerWhereAFrameIsCut() {
        byte[] tcp = Hex.bytes(ETHERNET_IPV4, IPV4_TCP);
        assertCut(ETHERNET, tcp, 13, SkipReason.TRUNCATED_L2);
        assertCut(ETHERNET, tcp, IP + 19, SkipReason.BAD_IPV4_HEADER);
        assertCut(ETHERNET, tcp, L4 + 19, SkipReason.BAD_TCP_HEADER);
        assertCut(ETHERNET, Hex.bytes(ETHERNET_IPV4, Samples.IPV4_UDP), L4 + 7, SkipReason.BAD_UDP_HEADER);
        assertCut(ETHERNET, Hex.bytes(ETHERNET_IPV6, IPV6_TCP), IP + 39, SkipReason.BAD_IPV6_HEADER);
        assertCut(ETHERNET, Hex.bytes(ETHERNET_IPV6, Samples.IPV6_EXTENSIONS_UDP), IP + 40 + 20, SkipReason.BAD_IPV6_HEADER);
        assertCut(ETHERNET, Hex.bytes(Samples.ETHERNET_VLAN), 16, SkipReason.TRUNCATED_L2);
        assertCut(ETHERNET, Hex.bytes(ETHERNET_IPV4, Samples.IPV4_VXLAN), L4 + 16 + 10, SkipReason.TRUNCATED_L2);
        assertCut(Samples.SLL, Hex.bytes(Samples.SLL_IPV4, IPV4_TCP), 15, SkipReason.TRUNCATED_L2);
        assertCut(Samples.SLL2, Hex.bytes(Samples.SLL2_IPV6, IPV6_TCP), 19, SkipReason.TRUNCATED_L2);
    }

    @Test
    void rejectsHostileHeaderFields() {
        assertSkipped(ETHERNET, set(Hex.bytes(ETHERNET_IPV4, IPV4_TCP), IP, 0x44), SkipReason.BAD_IPV4_HEADER);      // IHL 4
        assertSkipped(ETHERNET, set(Hex.bytes(ETHERNET_IPV4, IPV4_TCP), IP, 0x4f), SkipReason.BAD_IPV4_HEADER);      // IHL 15 > frame
        assertSkipped(ETHERNET, set(Hex.bytes(ETHERNET_IPV4, IPV4_TCP), IP, 0x55), SkipReason.BAD_IPV4_HEADER);      // version 5
        assertSkipped(ETHERNET, set(Hex.bytes(ETHERNET_IPV4, IPV4_TCP), IP + 3, 19), SkipReason.BAD_IPV4_HEADER);    // total length 19
        assertSkipped(ETHERNET, set(Hex.bytes(ETHERNET_IPV4, IPV4_TCP), L4 + 12, 0x40), SkipReason.BAD_TCP_HEADER);  // data offset 4
        assertSkipped(ETHERNET, set(Hex.bytes(ETHERNET_IPV4, IPV4_TCP), L4 + 12, 0xf0), SkipReason.BAD_TCP_HEADER);  // data offset 15
        assertSkipped(ETHERNET, set(Hex.bytes(ETHERNET_IPV4, Samples.IPV4_UDP), L4 + 5, 7), SkipReason.BAD_UDP_HEADER);   // length 7
        assertSkipped(ETHERNET, set(Hex.bytes(ETHERNET_IPV4, Samples.IPV4_UDP), L4 + 5, 14), SkipReason.BAD_UDP_HEADER);  // past IP
        assertSkipped(ETHERNET, set(Hex.bytes(ETHERNET_IPV6, IPV6_TCP), IP, 0x40), SkipReason.BAD_IPV6_HEADER);      // version 4
        assertSkipped(ETHERNET, set(Hex.bytes(ETHERNET_IPV6, Samples.IPV6_EXTENSIONS_UDP), IP + 41, 0xff), SkipReason.BAD_IPV6_HEADER); // HBH 2 KiB
        assertSkipped(ETHERNET, set(Hex.bytes(ETHERNET_IPV6, Samples.IPV6_EXTENSIONS_UDP), IP + 40 + 25, 0xff), SkipReason.BAD_IPV6_HEADER); // AH 1 KiB
    }

    @Test
    void survivesInconsistentRawPacketBounds() {
        byte[] frame = Hex.bytes(ETHERNET_IPV4, IPV4_TCP);
        assertThat(decoder.decode(ETHERNET, frame, frame.length + 1, 10, 10, 0, out)).isEqualTo(Outcome.SKIPPED);
        assertThat(decoder.decode(ETHERNET, frame, -1, 10, 10, 0, out)).isEqualTo(Outcome.SKIPPED);
        assertThat(decoder.decode(ETHERNET, frame, 0, -5, 10, 0, out)).isEqualTo(Outcome.SKIPPED);
        assertThat(decoder.decode(ETHERNET, frame, 0, Integer.MAX_VALUE, 10, 0, out)).isEqualTo(Outcome.PACKET);
        assertThat(decoder.decode(ETHERNET, frame, 10, Integer.MAX_VALUE, 10, 0, out)).isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void neverThrowsOnAnyPrefixOfAnySample() {
        decoder = new PacketDecoder(ALL_TUNNELS);
        for (Samples.Sample s : Samples.all()) {
            for (int length = 0; length <= s.frame().length; length++) {
                Outcome outcome = decoder.decode(s.linkType(), s.frame(), 0, length, s.frame().length, 0, out);
                assertConsistent(outcome);
                if (length == s.frame().length) assertThat(outcome).as(s.name()).isEqualTo(Outcome.PACKET);
            }
        }
    }

    @Test
    void neverThrowsOnMutatedSamples() {
        decoder = new PacketDecoder(ALL_TUNNELS);
        Random random = new Random(7);
        for (Samples.Sample s : Samples.all()) {
            for (int round = 0; round < 3000; round++) {
                byte[] frame = s.frame().clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
                }
                int length = random.nextInt(4) == 0 ? random.nextInt(frame.length + 1) : frame.length;
                assertConsistent(decoder.decode(s.linkType(), frame, 0, length, frame.length, round, out));
            }
        }
        assertThat(decoder.stats().frames()).isEqualTo(3000L * Samples.all().length);
    }

    @Test
    void countsSkipsByLabel() {
        decode(ETHERNET, Hex.bytes(ETHERNET_IPV4, IPV4_TCP));
        decode(147, new byte[20]);
        decode(147, new byte[20]);
        assertThat(decoder.stats().nonZero()).containsEntry("decode.frames", 3L).containsEntry("decode.packets", 1L)
                .containsEntry("l2.unsupported_link_type", 2L).hasSize(3);
        assertThat(decoder.stats().skipped(SkipReason.UNSUPPORTED_LINK_TYPE)).isEqualTo(2);
        assertThat(decoder.stats().skippedTotal()).isEqualTo(2);
        DecodeStats total = new DecodeStats();
        decoder.stats().addTo(total);
        decoder.stats().addTo(total);
        assertThat(total.skipped(SkipReason.UNSUPPORTED_LINK_TYPE)).isEqualTo(4);
        assertThat(total.packets()).isEqualTo(2);
    }

    @Test
    void decodingAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        decoder = new PacketDecoder(ALL_TUNNELS);
        Samples.Sample[] samples = Samples.all();
        for (int i = 0; i < 20_000; i++) {
            Samples.Sample s = samples[i % samples.length];
            decoder.decode(s.linkType(), s.frame(), 0, s.frame().length, s.frame().length, 0, out);
        }
        long thread = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            Samples.Sample s = samples[i % samples.length];
            decoder.decode(s.linkType(), s.frame(), 0, s.frame().length, s.frame().length, 0, out);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(allocated).as("bytes allocated by 100,000 decodes").isLessThan(10_000);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private Outcome decode(int linkType, byte[] frame) {
        return decoder.decode(linkType, frame, 0, frame.length, frame.length, 0, out);
    }

    private void assertSkipped(int linkType, byte[] frame, SkipReason reason) {
        assertThat(decode(linkType, frame)).isEqualTo(Outcome.SKIPPED);
        assertThat(decoder.lastSkipReason()).isEqualTo(reason);
    }

    private void assertCut(int linkType, byte[] frame, int length, SkipReason reason) {
        assertThat(decoder.decode(linkType, frame, 0, length, frame.length, 0, out)).isEqualTo(Outcome.SKIPPED);
        assertThat(decoder.lastSkipReason()).as("cut at %d", length).isEqualTo(reason);
    }

    private void assertConsistent(Outcome outcome) {
        if (outcome == Outcome.SKIPPED) {
            assertThat(decoder.lastSkipReason()).isNotNull();
            return;
        }
        assertThat(decoder.lastSkipReason()).isNull();
        if (outcome == Outcome.PACKET) {
            assertThat(out.payloadOffset()).isBetween(0, out.payload().length);
            assertThat(out.payloadLength()).isBetween(0, out.payload().length - out.payloadOffset());
            assertThat(out.missingBytes()).isNotNegative();
        }
    }

    private static byte[] set(byte[] frame, int index, int value) {
        frame[index] = (byte) value;
        return frame;
    }

    private void assertTcp(String src, int srcPort, String dst, int dstPort) {
        assertThat(out.l4Protocol()).isEqualTo(DecodedPacket.TCP);
        assertAddresses(src, dst);
        assertThat(out.srcPort()).isEqualTo(srcPort);
        assertThat(out.dstPort()).isEqualTo(dstPort);
    }

    private void assertAddresses(String src, String dst) {
        assertThat(IpAddress.format(out.srcHi(), out.srcLo())).isEqualTo(src);
        assertThat(IpAddress.format(out.dstHi(), out.dstLo())).isEqualTo(dst);
    }

    private String payload() {
        return new String(out.payload(), out.payloadOffset(), out.payloadLength(), StandardCharsets.ISO_8859_1);
    }
}
