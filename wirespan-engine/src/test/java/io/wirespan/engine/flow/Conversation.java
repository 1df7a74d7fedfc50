package io.wirespan.engine.flow;

import static io.wirespan.engine.decode.DecodedPacket.ACK;
import static io.wirespan.engine.decode.DecodedPacket.FIN;
import static io.wirespan.engine.decode.DecodedPacket.PSH;
import static io.wirespan.engine.decode.DecodedPacket.RST;
import static io.wirespan.engine.decode.DecodedPacket.SYN;

import io.wirespan.engine.decode.DecodedPacket;
import java.nio.charset.StandardCharsets;

/**
 * Builds the packets of one TCP connection for tests. Offsets are stream offsets (0 is the first
 * byte after the SYN); each side's ACK carries how much of the other side's stream it has
 * acknowledged so far, moved by {@link #clientAcks} and {@link #serverAcks}.
 */
final class Conversation {
    final String clientIp;
    final int clientPort;
    final String serverIp;
    final int serverPort;
    final int clientIsn;
    final int serverIsn;
    long tunnelId = -1;
    private int clientAcked; // server bytes the client acknowledges
    private int serverAcked; // client bytes the server acknowledges

    Conversation(String clientIp, int clientPort, String serverIp, int serverPort, int clientIsn, int serverIsn) {
        this.clientIp = clientIp;
        this.clientPort = clientPort;
        this.serverIp = serverIp;
        this.serverPort = serverPort;
        this.clientIsn = clientIsn;
        this.serverIsn = serverIsn;
    }

    DecodedPacket syn(long ts) {
        return fromClient(ts, SYN, clientIsn, 0, new byte[0]);
    }

    DecodedPacket synAck(long ts) {
        return fromServer(ts, SYN | ACK, serverIsn, clientIsn + 1, new byte[0]);
    }

    DecodedPacket ack(long ts) {
        return client(ts, 0, "");
    }

    DecodedPacket client(long ts, int offset, String data) {
        return client(ts, offset, bytes(data));
    }

    DecodedPacket client(long ts, int offset, byte[] data) {
        return fromClient(ts, data.length > 0 ? ACK | PSH : ACK, clientIsn + 1 + offset, serverIsn + 1 + clientAcked, data);
    }

    DecodedPacket server(long ts, int offset, String data) {
        return server(ts, offset, bytes(data));
    }

    DecodedPacket server(long ts, int offset, byte[] data) {
        return fromServer(ts, data.length > 0 ? ACK | PSH : ACK, serverIsn + 1 + offset, clientIsn + 1 + serverAcked, data);
    }

    DecodedPacket clientFin(long ts, int offset) {
        return fromClient(ts, FIN | ACK, clientIsn + 1 + offset, serverIsn + 1 + clientAcked, new byte[0]);
    }

    DecodedPacket serverFin(long ts, int offset) {
        return fromServer(ts, FIN | ACK, serverIsn + 1 + offset, clientIsn + 1 + serverAcked, new byte[0]);
    }

    DecodedPacket clientRst(long ts, int offset) {
        return fromClient(ts, RST, clientIsn + 1 + offset, 0, new byte[0]);
    }

    DecodedPacket serverRst(long ts, int offset) {
        return fromServer(ts, RST | ACK, serverIsn + 1 + offset, clientIsn + 1 + serverAcked, new byte[0]);
    }

    /** From now on the client acknowledges {@code serverOffset} bytes of the server's stream. */
    Conversation clientAcks(int serverOffset) {
        clientAcked = serverOffset;
        return this;
    }

    /** From now on the server acknowledges {@code clientOffset} bytes of the client's stream. */
    Conversation serverAcks(int clientOffset) {
        serverAcked = clientOffset;
        return this;
    }

    DecodedPacket fromClient(long ts, int flags, int seq, int ack, byte[] data) {
        return TestPackets.tcp(ts, clientIp, clientPort, serverIp, serverPort, seq, ack, flags, data, tunnelId);
    }

    DecodedPacket fromServer(long ts, int flags, int seq, int ack, byte[] data) {
        return TestPackets.tcp(ts, serverIp, serverPort, clientIp, clientPort, seq, ack, flags, data, tunnelId);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
