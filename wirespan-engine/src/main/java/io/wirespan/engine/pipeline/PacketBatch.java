package io.wirespan.engine.pipeline;

import io.wirespan.engine.decode.DecodedPacket;

/**
 * Decoded packets on their way from the capture thread to one worker: each packet's header fields
 * in parallel arrays and its payload in one arena, so a batch is filled and read without
 * allocating and is reused once the worker is done with it. A batch can also carry an end-of-input
 * mark instead of packets.
 */
final class PacketBatch {
    static final int CAPACITY = 1024;
    private static final int ARENA = 1 << 20;

    private final long[] timestampMicros = new long[CAPACITY];
    private final long[] srcHi = new long[CAPACITY], srcLo = new long[CAPACITY];
    private final long[] dstHi = new long[CAPACITY], dstLo = new long[CAPACITY];
    private final long[] tunnelId = new long[CAPACITY];
    private final byte[] ipVersion = new byte[CAPACITY], l4Protocol = new byte[CAPACITY], tcpFlags = new byte[CAPACITY];
    private final char[] srcPort = new char[CAPACITY], dstPort = new char[CAPACITY], window = new char[CAPACITY];
    private final int[] seq = new int[CAPACITY], ack = new int[CAPACITY];
    private final int[] wireLength = new int[CAPACITY], missingBytes = new int[CAPACITY];
    private final int[] payloadStart = new int[CAPACITY + 1];
    private byte[] arena = new byte[ARENA];
    private int size;
    private boolean endOfInput;
    /** With {@link #endOfInput}: the latest packet time seen. */
    private long endOfInputMicros;
    /** Packet time the shard moves to after this batch's packets, or {@link #NO_TICK}. */
    private long tickMicros = NO_TICK;
    static final long NO_TICK = Long.MIN_VALUE;

    int size() {
        return size;
    }

    boolean isEndOfInput() {
        return endOfInput;
    }

    long endOfInputMicros() {
        return endOfInputMicros;
    }

    long tickMicros() {
        return tickMicros;
    }

    /** Live input: after these packets, packet time moves on to {@code nowMicros}. */
    void markTick(long nowMicros) {
        tickMicros = nowMicros;
    }

    void markEndOfInput(long latestMicros) {
        endOfInput = true;
        endOfInputMicros = latestMicros;
    }

    /** Whether {@code p} fits: a batch takes packets until it has {@link #CAPACITY} of them or its arena is full. */
    boolean fits(DecodedPacket p) {
        return size < CAPACITY && (size == 0 || payloadStart[size] + p.payloadLength() <= arena.length);
    }

    /** Copies {@code p} in; the caller checked {@link #fits} (a first packet larger than the arena grows it). */
    void add(DecodedPacket p) {
        int i = size++;
        int start = payloadStart[i];
        if (start + p.payloadLength() > arena.length) arena = new byte[start + p.payloadLength()];
        System.arraycopy(p.payload(), p.payloadOffset(), arena, start, p.payloadLength());
        payloadStart[i + 1] = start + p.payloadLength();
        timestampMicros[i] = p.timestampMicros();
        ipVersion[i] = (byte) p.ipVersion();
        srcHi[i] = p.srcHi();
        srcLo[i] = p.srcLo();
        dstHi[i] = p.dstHi();
        dstLo[i] = p.dstLo();
        l4Protocol[i] = (byte) p.l4Protocol();
        srcPort[i] = (char) p.srcPort();
        dstPort[i] = (char) p.dstPort();
        tcpFlags[i] = (byte) p.tcpFlags();
        seq[i] = p.seq();
        ack[i] = p.ack();
        window[i] = (char) p.window();
        wireLength[i] = p.wireLength();
        tunnelId[i] = p.tunnelId();
        missingBytes[i] = p.missingBytes();
    }

    /** Refills the flyweight {@code into} with packet {@code i}; its payload is a view of the arena. */
    void load(int i, DecodedPacket into) {
        into.setIp(ipVersion[i], srcHi[i], srcLo[i], dstHi[i], dstLo[i]);
        if (l4Protocol[i] == DecodedPacket.TCP) {
            into.setTcp(srcPort[i], dstPort[i], seq[i], ack[i], tcpFlags[i] & 0xFF, window[i]);
        } else {
            into.setUdp(srcPort[i], dstPort[i]);
        }
        into.setPayload(arena, payloadStart[i], payloadStart[i + 1] - payloadStart[i]);
        into.setMissingBytes(missingBytes[i]);
        into.setFrame(timestampMicros[i], wireLength[i], tunnelId[i]);
    }

    void clear() {
        size = 0;
        endOfInput = false;
        tickMicros = NO_TICK;
    }
}
