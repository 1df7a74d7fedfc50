package io.wirespan.engine.flow;

import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.tcp.ReassemblyBudget;
import io.wirespan.engine.tcp.ReassemblyConfig;
import io.wirespan.engine.tcp.ReassemblyCounters;
import io.wirespan.engine.tcp.TcpReassembler;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * The flows of one worker: finds the flow of each decoded packet, tracks TCP state, feeds the
 * per-direction reassemblers and tells a {@link FlowListener} about starts, payload, gaps and ends.
 *
 * <p><b>Lookup.</b> Open addressing with linear probing over {@link Flow} objects and a parallel
 * array of their hashes; deletion shifts entries back, so there are no tombstones. The hash is
 * {@link #symmetricHash}, the same for both directions, and a lookup allocates nothing. The table
 * doubles as it fills, up to two slots per allowed flow.
 *
 * <p><b>Time.</b> Everything runs on packet time: the table's clock is the largest timestamp seen,
 * so a replayed capture expires flows exactly as live traffic would. Each timeout class keeps its
 * flows in a list ordered by last activity, so expiry only looks at list heads; {@code process}
 * does that at most once per {@value #TICK_MICROS} µs of packet time, {@link #advanceTime} always.
 *
 * <p><b>Timeouts</b> ({@link FlowConfig}, DeepFlow names): OPENING and CLOSED_FIN use
 * {@code others} (5 s: an unanswered SYN, and the linger after both FINs that keeps late ACKs and
 * retransmissions in the old flow); ESTABLISHED and CLOSING use {@code established} (300 s; a
 * half-closed connection can keep streaming); CLOSED_RST lingers {@code opening_rst} (1 s) if the
 * RST came during the handshake and {@code closing_rst} (35 s) otherwise. UDP flows use
 * {@code established}, as in DeepFlow.
 *
 * <p><b>New connection on an old 5-tuple.</b> A SYN without ACK whose sequence number differs
 * from the SYN this endpoint sent before (or, if it sent none, on a flow past OPENING) ends the old
 * flow and starts a new one: port reuse after TIME_WAIT, or a close the capture missed.
 *
 * <p><b>Flow limit.</b> When {@link FlowConfig#maxFlows()} flows are open, a new flow evicts the
 * flow nearest to its own idle deadline (among the heads of the timeout lists, the smallest
 * last-activity plus timeout): lingering closed flows go first, then the least recently active.
 * Evictions are counted; packets are never refused.
 *
 * <p>Single-threaded: one table per worker, fed by a dispatcher that shards by
 * {@link #symmetricHash}.
 */
public final class FlowTable {
    /** Minimum packet time between two expiry passes made by {@link #process}. */
    public static final long TICK_MICROS = 10_000;

    private static final int INITIAL_SLOTS = 1024;

    // Timeout classes: index of the idle list and of the timeout.
    private static final int ESTABLISHED = 0;
    private static final int CLOSING_RST = 1;
    private static final int OPENING_RST = 2;
    private static final int OTHERS = 3;
    private static final int CLASSES = 4;

    private final FlowConfig config;
    private final ReassemblyConfig reassembly;
    private final FlowListener listener;
    private final ReassemblyBudget budget;
    private final ReassemblyCounters reassemblyCounters = new ReassemblyCounters();

    private final long[] timeouts = new long[CLASSES];
    private final Flow[] lruHead = new Flow[CLASSES];
    private final Flow[] lruTail = new Flow[CLASSES];
    private Flow pendingHead;

    private Flow[] slots;
    private int[] slotHashes;
    private int mask;
    private final int maxSlots;
    private int size;

    private long nextId;
    private final int idStep;
    private long clock = Long.MIN_VALUE;
    private long nextTickMicros = Long.MIN_VALUE;

    private long packets, tcpPackets, udpPackets, ignoredPackets, flowsCreated, evictions;
    private final long[] ended = new long[FlowEndReason.values().length];

    public FlowTable(FlowConfig config, ReassemblyConfig reassembly, FlowListener listener) {
        this(config, reassembly, listener, 0, 1);
    }

    /**
     * Shard {@code shard} of {@code shards}: its flow ids are {@code shard + 1}, then every
     * {@code shards}-th, so ids stay unique across the shards of a pipeline.
     */
    public FlowTable(FlowConfig config, ReassemblyConfig reassembly, FlowListener listener, int shard, int shards) {
        if (shard < 0 || shard >= shards) throw new IllegalArgumentException("shard " + shard + " of " + shards);
        this.nextId = shard + 1;
        this.idStep = shards;
        this.config = Objects.requireNonNull(config, "config");
        this.reassembly = Objects.requireNonNull(reassembly, "reassembly");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.budget = new ReassemblyBudget(reassembly.maxBufferedBytesTotal());
        timeouts[ESTABLISHED] = config.establishedTimeoutMicros();
        timeouts[CLOSING_RST] = config.closingRstTimeoutMicros();
        timeouts[OPENING_RST] = config.openingRstTimeoutMicros();
        timeouts[OTHERS] = config.othersTimeoutMicros();
        maxSlots = slotsFor(config.maxFlows());
        int initial = Math.min(INITIAL_SLOTS, maxSlots);
        slots = new Flow[initial];
        slotHashes = new int[initial];
        mask = initial - 1;
    }

    /** The power of two holding twice the flow limit, so the table is at most half full. */
    private static int slotsFor(int maxFlows) {
        int wanted = maxFlows * 2;
        int slots = Integer.highestOneBit(wanted);
        return slots == wanted ? slots : slots << 1;
    }

    /**
     * A hash of the packet's 5-tuple and tunnel id that is the same for both directions, so a
     * dispatcher can send both directions of a flow to the same worker.
     */
    public static int symmetricHash(DecodedPacket p) {
        long src = endpointHash(p.srcHi(), p.srcLo(), p.srcPort());
        long dst = endpointHash(p.dstHi(), p.dstLo(), p.dstPort());
        // Addition commutes, so swapping source and destination gives the same sum.
        long h = mix(src + dst + p.l4Protocol() * 0x9E3779B97F4A7C15L + p.tunnelId());
        return (int) (h ^ (h >>> 32));
    }

    private static long endpointHash(long hi, long lo, int port) {
        return mix(lo + mix(hi + port));
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xFF51AFD7ED558CCDL;
        x ^= x >>> 33;
        x *= 0xC4CEB9FE1A85EC53L;
        return x ^ (x >>> 33);
    }

    /** One decoded packet; packets other than TCP and UDP are counted and ignored. */
    public void process(DecodedPacket p) {
        long ts = p.timestampMicros();
        if (ts > clock) {
            clock = ts;
        }
        if (clock >= nextTickMicros) {
            expire(clock);
        }
        packets++;
        int protocol = p.l4Protocol();
        if (protocol == DecodedPacket.TCP) {
            tcpPackets++;
            processTcp(p);
        } else if (protocol == DecodedPacket.UDP) {
            udpPackets++;
            processUdp(p);
        } else {
            ignoredPackets++;
        }
    }

    /** Moves packet time forward to {@code nowMicros} (never back) and ends what expired by then. */
    public void advanceTime(long nowMicros) {
        if (nowMicros > clock) {
            clock = nowMicros;
        }
        expire(clock);
        listener.onTimePassed(clock);
    }

    /**
     * End of input: ends every flow, oldest id first, after delivering what its reassemblers
     * buffered (holes become gaps). Flows already closed report FIN or RST; the rest END_OF_INPUT.
     */
    public void flushAll(long nowMicros) {
        advanceTime(nowMicros);
        Flow[] open = new Flow[size];
        int n = 0;
        for (int c = 0; c < CLASSES; c++) {
            for (Flow f = lruHead[c]; f != null; f = f.lruNext) {
                open[n++] = f;
            }
        }
        Arrays.sort(open, 0, n, Comparator.comparingLong(Flow::id));
        for (int i = 0; i < n; i++) {
            end(open[i], closedOr(open[i], FlowEndReason.END_OF_INPUT), clock);
        }
        // The next input is a new timeline, which may well start before this one ended.
        clock = Long.MIN_VALUE;
        nextTickMicros = Long.MIN_VALUE;
    }

    /** Flows open now. */
    public int openFlows() { return size; }

    public FlowStats stats() {
        return new FlowStats(packets, tcpPackets, udpPackets, ignoredPackets, flowsCreated, size, evictions,
                ended[FlowEndReason.FIN.ordinal()], ended[FlowEndReason.RST.ordinal()],
                ended[FlowEndReason.IDLE_TIMEOUT.ordinal()], ended[FlowEndReason.EVICTED.ordinal()],
                ended[FlowEndReason.PORT_REUSE.ordinal()], ended[FlowEndReason.END_OF_INPUT.ordinal()],
                reassemblyCounters.snapshot(budget));
    }

    private void processTcp(DecodedPacket p) {
        int hash = symmetricHash(p);
        int flags = p.tcpFlags();
        Flow flow = find(hash, p);
        if (flow != null && startsNewConnection(flow, p, flags)) {
            end(flow, closedOr(flow, FlowEndReason.PORT_REUSE), clock);
            flow = null;
        }
        if (flow == null) {
            flow = create(hash, p, flags);
        }
        Flow.Side sender = flow.senderOf(p);
        Flow.Side peer = flow.peerOf(sender);
        account(sender, p);
        updateTcpState(flow, sender, peer, flags, p.seq(), p.payloadLength() + p.missingBytes() > 0);
        long ts = p.timestampMicros();
        if ((flags & DecodedPacket.ACK) != 0) {
            peer.reassembler.onPeerAck(p.ack(), ts);
        }
        sender.reassembler.onSegment(p.seq(), flags, p.payload(), p.payloadOffset(), p.payloadLength(), p.missingBytes(), ts);
        if (flow.pending) {
            flow.sideA.reassembler.checkTimeout(clock);
            flow.sideB.reassembler.checkTimeout(clock);
        }
        updatePending(flow);
        touch(flow, ts);
        if (flow.state == FlowState.CLOSED_FIN && !flow.closeReported
                && flow.sideA.reassembler.finished() && flow.sideB.reassembler.finished()) {
            flow.closeReported = true;
            listener.onFlowClosed(flow, ts);
        }
    }

    private void processUdp(DecodedPacket p) {
        int hash = symmetricHash(p);
        Flow flow = find(hash, p);
        if (flow == null) {
            flow = create(hash, p, 0);
        }
        Flow.Side sender = flow.senderOf(p);
        account(sender, p);
        touch(flow, p.timestampMicros());
        int length = p.payloadLength();
        if (length > 0) {
            listener.onPayload(flow, flow.directionOf(sender), p.payload(), p.payloadOffset(), length, p.timestampMicros());
        }
    }

    private static void account(Flow.Side sender, DecodedPacket p) {
        sender.packets++;
        sender.bytes += p.wireLength();
        sender.payloadBytes += p.payloadLength();
    }

    /** A SYN that opens a different connection than the one this flow holds. */
    private static boolean startsNewConnection(Flow flow, DecodedPacket p, int flags) {
        if ((flags & (DecodedPacket.SYN | DecodedPacket.ACK | DecodedPacket.RST)) != DecodedPacket.SYN) {
            return false;
        }
        Flow.Side sender = flow.senderOf(p);
        if (sender.synSeen) {
            return sender.synSeq != p.seq(); // the same ISN is a retransmitted SYN
        }
        return flow.state != FlowState.OPENING; // in OPENING it is the SYN behind an early SYN+ACK
    }

    private static void updateTcpState(Flow flow, Flow.Side sender, Flow.Side peer, int flags, int seq, boolean hasPayload) {
        if ((flags & DecodedPacket.SYN) != 0 && !sender.synSeen) {
            sender.synSeen = true;
            sender.synSeq = seq;
        }
        FlowState state = flow.state;
        if ((flags & DecodedPacket.RST) != 0) {
            if (state != FlowState.CLOSED_RST && state != FlowState.CLOSED_FIN) {
                flow.resetWhileOpening = state == FlowState.OPENING || sender.packets + peer.packets == 1;
                flow.state = FlowState.CLOSED_RST;
            }
            return;
        }
        if ((flags & DecodedPacket.FIN) != 0) {
            sender.finSeen = true;
        }
        if (state == FlowState.OPENING && (flags & DecodedPacket.SYN) == 0 && ((flags & DecodedPacket.ACK) != 0 || hasPayload)) {
            state = FlowState.ESTABLISHED;
        }
        if (state == FlowState.OPENING || state == FlowState.ESTABLISHED || state == FlowState.CLOSING) {
            if (sender.finSeen && peer.finSeen) {
                state = FlowState.CLOSED_FIN;
            } else if (sender.finSeen || peer.finSeen) {
                state = FlowState.CLOSING;
            }
        }
        flow.state = state;
    }

    private Flow create(int hash, DecodedPacket p, int flags) {
        if (size >= config.maxFlows()) {
            evictOne();
        }
        if ((size + 1) * 2 > slots.length && slots.length < maxSlots) {
            grow();
        }
        Flow flow = new Flow(nextId, hash, p, sourceIsClient(p, flags), listener);
        nextId += idStep;
        boolean tcp = p.l4Protocol() == DecodedPacket.TCP;
        if (tcp) {
            flow.sideA.reassembler = new TcpReassembler(reassembly, budget, reassemblyCounters, flow.sideA);
            flow.sideB.reassembler = new TcpReassembler(reassembly, budget, reassemblyCounters, flow.sideB);
        }
        // Flow times are the packets' own; the clock only drives expiry.
        flow.startMicros = p.timestampMicros();
        flow.lastMicros = p.timestampMicros();
        flow.state = tcp && (flags & DecodedPacket.SYN) != 0 ? FlowState.OPENING : FlowState.ESTABLISHED;
        flow.timeoutClass = classOf(flow);
        lruAppend(flow);
        insert(flow);
        size++;
        flowsCreated++;
        listener.onFlowStart(flow, p.timestampMicros());
        return flow;
    }

    /** The SYN sender is the client, the SYN+ACK sender the server; else the higher port is the client. */
    private static boolean sourceIsClient(DecodedPacket p, int flags) {
        int handshake = flags & (DecodedPacket.SYN | DecodedPacket.ACK);
        if (handshake == DecodedPacket.SYN) {
            return true;
        }
        if (handshake == (DecodedPacket.SYN | DecodedPacket.ACK)) {
            return false;
        }
        return p.srcPort() >= p.dstPort(); // a tie keeps the first packet's source as the client
    }

    private static int classOf(Flow flow) {
        return switch (flow.state) {
            case ESTABLISHED, CLOSING -> ESTABLISHED;
            case OPENING, CLOSED_FIN -> OTHERS;
            case CLOSED_RST -> flow.resetWhileOpening ? OPENING_RST : CLOSING_RST;
        };
    }

    private static FlowEndReason closedOr(Flow flow, FlowEndReason otherwise) {
        return switch (flow.state) {
            case CLOSED_FIN -> FlowEndReason.FIN;
            case CLOSED_RST -> FlowEndReason.RST;
            default -> otherwise;
        };
    }

    private void end(Flow flow, FlowEndReason reason, long now) {
        // The listener sees every buffered byte (and every hole) before the end.
        TcpReassembler a = flow.sideA.reassembler;
        if (a != null) {
            a.flush(now);
            flow.sideB.reassembler.flush(now);
        }
        remove(flow);
        lruUnlink(flow);
        if (flow.pending) {
            pendingUnlink(flow);
        }
        size--;
        ended[reason.ordinal()]++;
        listener.onFlowEnd(flow, reason, now);
    }

    private void expire(long now) {
        nextTickMicros = now + TICK_MICROS;
        for (int c = 0; c < CLASSES; c++) {
            long timeout = timeouts[c];
            Flow f;
            while ((f = lruHead[c]) != null && now - f.lastMicros > timeout) {
                end(f, closedOr(f, FlowEndReason.IDLE_TIMEOUT), now);
            }
        }
        // Holes in flows that went quiet still time out.
        for (Flow f = pendingHead; f != null; ) {
            Flow next = f.pendingNext;
            f.sideA.reassembler.checkTimeout(now);
            f.sideB.reassembler.checkTimeout(now);
            updatePending(f);
            f = next;
        }
    }

    private void evictOne() {
        Flow victim = null;
        long victimDeadline = Long.MAX_VALUE;
        for (int c = 0; c < CLASSES; c++) {
            Flow head = lruHead[c];
            if (head != null && head.lastMicros + timeouts[c] < victimDeadline) {
                victim = head;
                victimDeadline = head.lastMicros + timeouts[c];
            }
        }
        evictions++;
        end(victim, closedOr(victim, FlowEndReason.EVICTED), clock);
    }

    // ---- idle lists, one per timeout class, oldest activity at the head ----

    private void touch(Flow flow, long timestampMicros) {
        if (timestampMicros > flow.lastMicros) flow.lastMicros = timestampMicros;
        int c = classOf(flow);
        if (c == flow.timeoutClass && lruTail[c] == flow) {
            return;
        }
        lruUnlink(flow);
        flow.timeoutClass = c;
        lruAppend(flow);
    }

    private void lruAppend(Flow flow) {
        int c = flow.timeoutClass;
        Flow tail = lruTail[c];
        flow.lruPrev = tail;
        flow.lruNext = null;
        if (tail == null) {
            lruHead[c] = flow;
        } else {
            tail.lruNext = flow;
        }
        lruTail[c] = flow;
    }

    private void lruUnlink(Flow flow) {
        int c = flow.timeoutClass;
        if (flow.lruPrev == null) {
            lruHead[c] = flow.lruNext;
        } else {
            flow.lruPrev.lruNext = flow.lruNext;
        }
        if (flow.lruNext == null) {
            lruTail[c] = flow.lruPrev;
        } else {
            flow.lruNext.lruPrev = flow.lruPrev;
        }
        flow.lruPrev = null;
        flow.lruNext = null;
    }

    // ---- flows holding out-of-order data, walked by expire() for hole timeouts ----

    private void updatePending(Flow flow) {
        boolean buffered = flow.sideA.reassembler.hasBuffered() || flow.sideB.reassembler.hasBuffered();
        if (buffered == flow.pending) {
            return;
        }
        if (buffered) {
            flow.pending = true;
            flow.pendingPrev = null;
            flow.pendingNext = pendingHead;
            if (pendingHead != null) {
                pendingHead.pendingPrev = flow;
            }
            pendingHead = flow;
        } else {
            pendingUnlink(flow);
        }
    }

    private void pendingUnlink(Flow flow) {
        if (flow.pendingPrev == null) {
            pendingHead = flow.pendingNext;
        } else {
            flow.pendingPrev.pendingNext = flow.pendingNext;
        }
        if (flow.pendingNext != null) {
            flow.pendingNext.pendingPrev = flow.pendingPrev;
        }
        flow.pendingPrev = null;
        flow.pendingNext = null;
        flow.pending = false;
    }

    // ---- open addressing ----

    private Flow find(int hash, DecodedPacket p) {
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            Flow f = slots[i];
            if (f == null) {
                return null;
            }
            if (slotHashes[i] == hash && f.matches(p)) {
                return f;
            }
        }
    }

    private void insert(Flow flow) {
        int i = flow.hash & mask;
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        slots[i] = flow;
        slotHashes[i] = flow.hash;
    }

    private void remove(Flow flow) {
        int i = flow.hash & mask;
        while (slots[i] != flow) {
            i = (i + 1) & mask;
        }
        slots[i] = null;
        // Backward-shift deletion: pull later entries of the probe run into the hole when their
        // home slot lies at or before it, so every entry stays reachable from its home.
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int home = slotHashes[j] & mask;
            if (((j - home) & mask) >= ((j - i) & mask)) {
                slots[i] = slots[j];
                slotHashes[i] = slotHashes[j];
                slots[j] = null;
                i = j;
            }
        }
    }

    private void grow() {
        Flow[] old = slots;
        int capacity = old.length * 2;
        slots = new Flow[capacity];
        slotHashes = new int[capacity];
        mask = capacity - 1;
        for (Flow f : old) {
            if (f != null) {
                insert(f);
            }
        }
    }
}
