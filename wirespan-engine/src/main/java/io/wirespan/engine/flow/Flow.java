package io.wirespan.engine.flow;

import io.wirespan.api.Direction;
import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.decode.IpAddress;
import io.wirespan.engine.tcp.StreamSink;
import io.wirespan.engine.tcp.TcpReassembler;

/**
 * One bidirectional TCP or UDP conversation: a 5-tuple plus tunnel id, owned by one
 * {@link FlowTable}.
 *
 * <p>The two endpoints are stored as met, endpoint A being the side first judged to be the client
 * (the SYN sender; else not the SYN+ACK sender; else the higher port; on a tie the first packet's
 * source). {@link #swapSides()} flips which of them is called client. Per-direction counters and
 * reassemblers belong to an endpoint, not to a direction name, so a swap moves them along: after
 * it, {@code packets(CLIENT_TO_SERVER)} is what the new client sent, counted from the flow's start.
 *
 * <p>Not thread-safe: it is read and written by the table's worker thread only.
 */
public final class Flow {
    final long id;
    final int l4Protocol;
    final long tunnelId;
    final int hash;
    final long aHi, aLo, bHi, bLo;
    final int aPort, bPort;
    final Side sideA;
    final Side sideB;
    private final FlowListener listener;

    private boolean swapped;
    private String aText, bText;
    private Object attachment;

    long startMicros;
    long lastMicros;
    FlowState state;
    /** A RST came while the handshake was still open (or on a flow made by that RST). */
    boolean resetWhileOpening;
    /** {@link FlowListener#onFlowClosed} was called. */
    boolean closeReported;

    // Owned by FlowTable: the idle list of the state's timeout class, and the list of flows
    // holding out-of-order data.
    int timeoutClass;
    Flow lruPrev, lruNext;
    boolean pending;
    Flow pendingPrev, pendingNext;

    Flow(long id, int hash, DecodedPacket p, boolean sourceIsA, FlowListener listener) {
        this.id = id;
        this.hash = hash;
        this.l4Protocol = p.l4Protocol();
        this.tunnelId = p.tunnelId();
        this.listener = listener;
        if (sourceIsA) {
            aHi = p.srcHi(); aLo = p.srcLo(); aPort = p.srcPort();
            bHi = p.dstHi(); bLo = p.dstLo(); bPort = p.dstPort();
        } else {
            aHi = p.dstHi(); aLo = p.dstLo(); aPort = p.dstPort();
            bHi = p.srcHi(); bLo = p.srcLo(); bPort = p.srcPort();
        }
        this.sideA = new Side(this);
        this.sideB = new Side(this);
    }

    /** Unique within its table, increasing from 1 in creation order. */
    public long id() { return id; }

    /** {@link DecodedPacket#TCP} or {@link DecodedPacket#UDP}. */
    public int l4Protocol() { return l4Protocol; }

    /** VXLAN VNI the flow's packets came out of, or -1. */
    public long tunnelId() { return tunnelId; }

    public long clientIpHi() { return swapped ? bHi : aHi; }

    public long clientIpLo() { return swapped ? bLo : aLo; }

    public int clientPort() { return swapped ? bPort : aPort; }

    public long serverIpHi() { return swapped ? aHi : bHi; }

    public long serverIpLo() { return swapped ? aLo : bLo; }

    public int serverPort() { return swapped ? aPort : bPort; }

    /** The client's IP as text (formatted on first use, then kept). */
    public String clientAddress() { return swapped ? bText() : aText(); }

    /** The server's IP as text (formatted on first use, then kept). */
    public String serverAddress() { return swapped ? aText() : bText(); }

    public long startMicros() { return startMicros; }

    public long lastMicros() { return lastMicros; }

    public FlowState state() { return state; }

    /** Packets sent in that direction. */
    public long packets(Direction direction) { return side(direction).packets; }

    /** Wire bytes (outermost frame length) sent in that direction. */
    public long bytes(Direction direction) { return side(direction).bytes; }

    /** L4 payload bytes sent in that direction, retransmissions included. */
    public long payloadBytes(Direction direction) { return side(direction).payloadBytes; }

    /** The reassembler of the stream sent in that direction; null for UDP. */
    public TcpReassembler reassembler(Direction direction) { return side(direction).reassembler; }

    /** Per-flow state of the next stage (the L7 engine); null until set. */
    public Object attachment() { return attachment; }

    public void setAttachment(Object attachment) { this.attachment = attachment; }

    /**
     * Makes the server the client and back, when a parser knows better than the port heuristic.
     * Deliveries after the call (including later ones for the same packet) use the new
     * orientation; counters, reassemblers and FIN/SYN facts stay with their endpoint.
     */
    public void swapSides() {
        swapped = !swapped;
    }

    /** True after an odd number of {@link #swapSides()} calls. */
    public boolean isSwapped() { return swapped; }

    Direction directionOf(Side side) {
        return (side == sideA) != swapped ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
    }

    private Side side(Direction direction) {
        return (direction == Direction.CLIENT_TO_SERVER) != swapped ? sideA : sideB;
    }

    /** The endpoint that sent this packet (which must belong to the flow). */
    Side senderOf(DecodedPacket p) {
        return p.srcPort() == aPort && p.srcLo() == aLo && p.srcHi() == aHi ? sideA : sideB;
    }

    Side peerOf(Side side) {
        return side == sideA ? sideB : sideA;
    }

    boolean matches(DecodedPacket p) {
        if (p.l4Protocol() != l4Protocol || p.tunnelId() != tunnelId) {
            return false;
        }
        int sp = p.srcPort(), dp = p.dstPort();
        return (sp == aPort && dp == bPort && p.srcLo() == aLo && p.dstLo() == bLo && p.srcHi() == aHi && p.dstHi() == bHi)
                || (sp == bPort && dp == aPort && p.srcLo() == bLo && p.dstLo() == aLo && p.srcHi() == bHi && p.dstHi() == aHi);
    }

    private String aText() {
        if (aText == null) {
            aText = IpAddress.format(aHi, aLo);
        }
        return aText;
    }

    private String bText() {
        if (bText == null) {
            bText = IpAddress.format(bHi, bLo);
        }
        return bText;
    }

    @Override
    public String toString() {
        return "Flow#" + id + " " + (l4Protocol == DecodedPacket.TCP ? "TCP " : "UDP ")
                + clientAddress() + ":" + clientPort() + " -> " + serverAddress() + ":" + serverPort() + " " + state;
    }

    /** What one endpoint sent: counters, handshake facts, and the stream it sends. */
    static final class Side implements StreamSink {
        final Flow flow;
        long packets;
        long bytes;
        long payloadBytes;
        boolean synSeen;
        int synSeq;
        boolean finSeen;
        TcpReassembler reassembler;

        Side(Flow flow) {
            this.flow = flow;
        }

        @Override
        public void onData(byte[] data, int offset, int length, long timestampMicros) {
            flow.listener.onPayload(flow, flow.directionOf(this), data, offset, length, timestampMicros);
        }

        @Override
        public void onGap(int missingBytes, long timestampMicros) {
            flow.listener.onGap(flow, flow.directionOf(this), missingBytes, timestampMicros);
        }
    }
}
