package io.wirespan.wasm.pipeline;

import io.wirespan.api.Direction;
import io.wirespan.api.ParseContext;
import io.wirespan.wasm.abi.BaseContext;
import java.net.InetAddress;

/**
 * The ABI's base context of a payload, from what the engine tells a parser of its flow. The
 * addresses come as text: one instance per flow keeps their bytes, parsed again only when the text
 * changes (the flow's sides swapped).
 */
final class PluginContexts {
    private String clientText, serverText;
    private byte[] client, server;

    BaseContext of(ParseContext flow, Direction direction, int l7) {
        if (!flow.clientIp().equals(clientText)) {
            clientText = flow.clientIp();
            client = address(clientText);
        }
        if (!flow.serverIp().equals(serverText)) {
            serverText = flow.serverIp();
            server = address(serverText);
        }
        boolean fromClient = direction == Direction.CLIENT_TO_SERVER;
        return new BaseContext(fromClient ? client : server, fromClient ? server : client,
                fromClient ? flow.clientPort() : flow.serverPort(), fromClient ? flow.serverPort() : flow.clientPort(),
                flow.isUdp() ? BaseContext.UDP : BaseContext.TCP, l7, BaseContext.EBPF_NONE, flow.timestampMicros(),
                direction, "", flow.flowId(), flow.settings().payloadTruncation());
    }

    /** The payload as plugins see it: at most the payload truncation of it, copied out of the engine's buffer. */
    static byte[] payload(ParseContext flow, byte[] data, int offset, int length) {
        int n = Math.min(length, flow.settings().payloadTruncation());
        byte[] copy = new byte[Math.max(n, 0)];
        System.arraycopy(data, offset, copy, 0, copy.length);
        return copy;
    }

    private static byte[] address(String literal) {
        return InetAddress.ofLiteral(literal).getAddress();
    }
}
