package io.wirespan.wasm.abi;

import io.wirespan.api.Direction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What every hook call tells the plugin about its packet (ABI §3.1), serialised big-endian for
 * {@code vm_read_ctx_base}.
 *
 * @param srcIp 4 or 16 bytes; its length decides the IP type byte
 * @param l4 6 (TCP) or 17 (UDP)
 * @param l7 0 in check_payload, the plugin's protocol number in parse_payload, the HTTP protocol's
 *     id in the HTTP hooks
 * @param ebpfType 255 for packet capture
 * @param processName at most 255 bytes are sent (eBPF process names are 16 at most)
 * @param bufferSize the payload truncation, saturated at 65535
 */
public record BaseContext(byte[] srcIp, byte[] dstIp, int srcPort, int dstPort, int l4, int l7, int ebpfType,
                          long timeMicros, Direction direction, String processName, long flowId, int bufferSize) {
    public static final int TCP = 6, UDP = 17;
    public static final int EBPF_NONE = 255;

    public BaseContext {
        if (srcIp.length != 4 && srcIp.length != 16) throw new IllegalArgumentException("source address of " + srcIp.length + " bytes");
        if (dstIp.length != srcIp.length) throw new IllegalArgumentException("source and destination address families differ");
    }

    /** The serialised size: 36 + process name for IPv4, 60 + process name for IPv6. */
    public int size() {
        return 1 + 2 * srcIp.length + 2 + 2 + 1 + 1 + 1 + 8 + 1 + 1 + name().length + 8 + 2;
    }

    public byte[] serialize() {
        byte[] name = name();
        return ByteBuffer.allocate(size())
                .put((byte) (srcIp.length == 4 ? 4 : 6))
                .put(srcIp).put(dstIp)
                .putShort((short) srcPort).putShort((short) dstPort)
                .put((byte) l4).put((byte) l7).put((byte) ebpfType)
                .putLong(timeMicros)
                .put((byte) (direction == Direction.CLIENT_TO_SERVER ? 0 : 1))
                .put((byte) name.length).put(name)
                .putLong(flowId)
                .putShort((short) Math.min(bufferSize, 65535))
                .array();
    }

    private byte[] name() {
        byte[] name = processName == null ? new byte[0] : processName.getBytes(StandardCharsets.UTF_8);
        return name.length > 255 ? java.util.Arrays.copyOf(name, 255) : name;
    }
}
