package io.wirespan.engine.capture;

/**
 * One captured frame as a view into a reader's buffer. A {@link PacketSource} refills the same
 * instance on every call, so the bytes are valid only until the next call: whoever keeps them
 * copies them.
 */
public final class RawPacket {
    private byte[] data = new byte[0];
    private int offset;
    private int capturedLength;
    private int originalLength;
    private long timestampMicros;
    private int linkType;
    private int interfaceId;

    public void set(byte[] data, int offset, int capturedLength, int originalLength,
                    long timestampMicros, int linkType, int interfaceId) {
        this.data = data;
        this.offset = offset;
        this.capturedLength = capturedLength;
        this.originalLength = originalLength;
        this.timestampMicros = timestampMicros;
        this.linkType = linkType;
        this.interfaceId = interfaceId;
    }

    public byte[] data() { return data; }
    public int offset() { return offset; }
    /** Bytes present in {@link #data()}: at most the snap length. */
    public int capturedLength() { return capturedLength; }
    /** Length of the frame on the wire. */
    public int originalLength() { return originalLength; }
    public long timestampMicros() { return timestampMicros; }
    /** A LINKTYPE_* value from tcpdump.org's link-layer header type registry. */
    public int linkType() { return linkType; }
    /** The pcapng interface the frame came from; 0 for pcap and live capture. */
    public int interfaceId() { return interfaceId; }
}
