package io.wirespan.engine.flow;

import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.decode.IpAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TEST-ONLY minimal classic-pcap reader and writer: Ethernet (with VLAN tags), Linux SLL/SLL2 and
 * raw IP; IPv4 (fragments reassembled when all arrive) and IPv6 (common extension headers); TCP
 * and UDP. It exists so the flow tests can run on real captures while the real decoder is being
 * written; it is replaced by that decoder at merge. Each packet gets its own payload copy.
 */
final class TinyPcap {
    private static final int ETHERNET = 1;
    private static final int RAW = 101;
    private static final int LINUX_SLL = 113;
    private static final int LINUX_SLL2 = 276;

    private TinyPcap() {}

    static List<DecodedPacket> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int magic = in.getInt(0);
        boolean nanos;
        if (magic == 0xA1B2C3D4 || magic == 0xA1B23C4D) {
            in.order(ByteOrder.BIG_ENDIAN);
        } else if (Integer.reverseBytes(magic) == 0xA1B2C3D4 || Integer.reverseBytes(magic) == 0xA1B23C4D) {
            in.order(ByteOrder.LITTLE_ENDIAN);
        } else {
            throw new IllegalArgumentException(file + ": not a classic pcap file");
        }
        nanos = in.getInt(0) == 0xA1B23C4D;
        int linkType = in.getInt(20) & 0x0FFF_FFFF;
        List<DecodedPacket> packets = new ArrayList<>();
        Map<String, Fragments> fragments = new HashMap<>();
        int pos = 24;
        while (pos + 16 <= bytes.length) {
            long sec = in.getInt(pos) & 0xFFFF_FFFFL;
            long frac = in.getInt(pos + 4) & 0xFFFF_FFFFL;
            int captured = in.getInt(pos + 8);
            int original = in.getInt(pos + 12);
            pos += 16;
            long ts = sec * 1_000_000 + (nanos ? frac / 1000 : frac);
            byte[] frame = Arrays.copyOfRange(bytes, pos, pos + captured);
            pos += captured;
            DecodedPacket p = decode(frame, linkType, ts, original, fragments);
            if (p != null) {
                packets.add(p);
            }
        }
        return packets;
    }

    private static DecodedPacket decode(byte[] f, int linkType, long ts, int wireLength, Map<String, Fragments> fragments) {
        int offset;
        int etherType;
        switch (linkType) {
            case ETHERNET -> {
                offset = 14;
                etherType = u16(f, 12);
                while ((etherType == 0x8100 || etherType == 0x88A8) && offset + 4 <= f.length) {
                    etherType = u16(f, offset + 2);
                    offset += 4;
                }
            }
            case LINUX_SLL -> {
                offset = 16;
                etherType = u16(f, 14);
            }
            case LINUX_SLL2 -> {
                offset = 20;
                etherType = u16(f, 0);
            }
            case RAW -> {
                offset = 0;
                etherType = (f[0] & 0xF0) == 0x60 ? 0x86DD : 0x0800;
            }
            default -> throw new IllegalArgumentException("link type " + linkType + " not supported by the test reader");
        }
        DecodedPacket p = new DecodedPacket();
        p.setFrame(ts, wireLength, -1);
        if (etherType == 0x0800) {
            return ipv4(p, f, offset, fragments);
        }
        if (etherType == 0x86DD) {
            return ipv6(p, f, offset);
        }
        return null;
    }

    private static DecodedPacket ipv4(DecodedPacket p, byte[] f, int o, Map<String, Fragments> fragments) {
        int headerLength = (f[o] & 0x0F) * 4;
        int end = Math.min(f.length, o + u16(f, o + 2));
        int protocol = f[o + 9] & 0xFF;
        int src = (int) u32(f, o + 12);
        int dst = (int) u32(f, o + 16);
        p.setIp(4, 0, IpAddress.v4Lo(src), 0, IpAddress.v4Lo(dst));
        int flagsAndOffset = u16(f, o + 6);
        boolean moreFragments = (flagsAndOffset & 0x2000) != 0;
        int fragmentOffset = (flagsAndOffset & 0x1FFF) * 8;
        if (moreFragments || fragmentOffset != 0) {
            String key = src + ">" + dst + "/" + u16(f, o + 4) + "/" + protocol;
            Fragments pieces = fragments.computeIfAbsent(key, k -> new Fragments());
            byte[] whole = pieces.add(fragmentOffset, Arrays.copyOfRange(f, o + headerLength, end), !moreFragments);
            if (whole == null) {
                return null;
            }
            fragments.remove(key);
            return l4(p, protocol, whole, 0, whole.length);
        }
        return l4(p, protocol, f, o + headerLength, end);
    }

    private static DecodedPacket ipv6(DecodedPacket p, byte[] f, int o) {
        int end = Math.min(f.length, o + 40 + u16(f, o + 4));
        int next = f[o + 6] & 0xFF;
        p.setIp(6, u64(f, o + 8), u64(f, o + 16), u64(f, o + 24), u64(f, o + 32));
        int at = o + 40;
        while (next == 0 || next == 43 || next == 60) { // hop-by-hop, routing, destination options
            next = f[at] & 0xFF;
            at += (f[at + 1] & 0xFF) * 8 + 8;
        }
        return l4(p, next, f, at, end);
    }

    private static DecodedPacket l4(DecodedPacket p, int protocol, byte[] f, int o, int end) {
        if (protocol == DecodedPacket.TCP) {
            int headerLength = ((f[o + 12] & 0xF0) >> 4) * 4;
            p.setTcp(u16(f, o), u16(f, o + 2), (int) u32(f, o + 4), (int) u32(f, o + 8), f[o + 13] & 0x3F, u16(f, o + 14));
            int start = Math.min(o + headerLength, end);
            p.setPayload(Arrays.copyOfRange(f, start, end), 0, end - start);
            return p;
        }
        if (protocol == DecodedPacket.UDP) {
            p.setUdp(u16(f, o), u16(f, o + 2));
            int udpEnd = Math.min(end, o + u16(f, o + 4));
            p.setPayload(Arrays.copyOfRange(f, o + 8, udpEnd), 0, udpEnd - o - 8);
            return p;
        }
        return null;
    }

    /** IPv4 fragments of one datagram, until they cover it. */
    private static final class Fragments {
        private final Map<Integer, byte[]> byOffset = new HashMap<>();
        private int total = -1;

        byte[] add(int offset, byte[] data, boolean last) {
            byOffset.put(offset, data);
            if (last) {
                total = offset + data.length;
            }
            if (total < 0) {
                return null;
            }
            byte[] whole = new byte[total];
            int covered = 0;
            while (covered < total) {
                byte[] piece = byOffset.get(covered);
                if (piece == null) {
                    return null;
                }
                System.arraycopy(piece, 0, whole, covered, piece.length);
                covered += piece.length;
            }
            return whole;
        }
    }

    /** Writes packets as Ethernet frames (IPv4 or IPv6 by address, checksums left zero). */
    static void write(Path file, List<DecodedPacket> packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(ETHERNET);
        out.writeBytes(header.array());
        for (DecodedPacket p : packets) {
            byte[] frame = frame(p);
            ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            long ts = p.timestampMicros();
            record.putInt((int) (ts / 1_000_000)).putInt((int) (ts % 1_000_000)).putInt(frame.length).putInt(frame.length);
            out.writeBytes(record.array());
            out.writeBytes(frame);
        }
        try {
            Files.write(file, out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] frame(DecodedPacket p) {
        boolean v4 = IpAddress.isV4(p.srcHi(), p.srcLo());
        boolean tcp = p.l4Protocol() == DecodedPacket.TCP;
        int l4Length = (tcp ? 20 : 8) + p.payloadLength();
        int ipLength = (v4 ? 20 : 40) + l4Length;
        ByteBuffer b = ByteBuffer.allocate(14 + ipLength); // big-endian, as on the wire
        b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) (v4 ? 0x0800 : 0x86DD));
        if (v4) {
            b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) 0).putShort((short) 0x4000)
                    .put((byte) 64).put((byte) p.l4Protocol()).putShort((short) 0)
                    .putInt((int) p.srcLo()).putInt((int) p.dstLo());
        } else {
            b.putInt(0x6000_0000).putShort((short) l4Length).put((byte) p.l4Protocol()).put((byte) 64)
                    .putLong(p.srcHi()).putLong(p.srcLo()).putLong(p.dstHi()).putLong(p.dstLo());
        }
        b.putShort((short) p.srcPort()).putShort((short) p.dstPort());
        if (tcp) {
            b.putInt(p.seq()).putInt(p.ack()).put((byte) 0x50).put((byte) p.tcpFlags()).putShort((short) p.window())
                    .putShort((short) 0).putShort((short) 0);
        } else {
            b.putShort((short) l4Length).putShort((short) 0);
        }
        b.put(p.payload(), p.payloadOffset(), p.payloadLength());
        return b.array();
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }

    private static long u64(byte[] b, int at) {
        return (u32(b, at) << 32) | u32(b, at + 4);
    }
}
