package io.wirespan.cli.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small memcached client speaking the text protocol over a plain socket (memcached's
 * {@code protocol.txt}): it writes command lines, and the data block after a storage command, and
 * reads each reply whole: one line, or VALUE lines with their data up to END.
 */
final class MemcachedClient implements AutoCloseable {
    /** A command line and, for a storage command, its data block (else null). */
    record Command(String line, String data) {
        static Command of(String line) {
            return new Command(line, null);
        }

        static Command store(String line, String data) {
            return new Command(line, data);
        }
    }

    /** One command as sent and the reply lines it got (VALUE data blocks as lines of their own). */
    record Exchange(Command command, List<String> reply, int localPort) {
        String verb() {
            return command.line().split(" ", 2)[0];
        }

        String replyLine() {
            return reply.getFirst();
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private MemcachedClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static MemcachedClient connect(int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(Loopback.ADDRESS, port), 5_000);
            socket.setSoTimeout(5_000);
            socket.setTcpNoDelay(true);
            return new MemcachedClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Exchange send(Command command) {
        return pipeline(List.of(command)).getFirst();
    }

    /** Writes the commands at once, then reads one reply per command: memcached answers in order. */
    List<Exchange> pipeline(List<Command> commands) {
        try {
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (Command c : commands) {
                batch.writeBytes((c.line() + "\r\n").getBytes(StandardCharsets.UTF_8));
                if (c.data() != null) batch.writeBytes((c.data() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            out.write(batch.toByteArray());
            out.flush();
            List<Exchange> exchanges = new ArrayList<>();
            for (Command c : commands) exchanges.add(new Exchange(c, readReply(), socket.getLocalPort()));
            return exchanges;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code quit}: memcached closes the connection without a reply. */
    void quit() {
        try {
            out.write("quit\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int next = in.read();
            if (next != -1) throw new AssertionError("memcached answered quit with byte " + next);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> readReply() throws IOException {
        List<String> lines = new ArrayList<>();
        String line = readLine();
        lines.add(line);
        while (line.startsWith("VALUE ")) {
            int length = Integer.parseInt(line.split(" ")[3]);
            byte[] data = in.readNBytes(length + 2);
            if (data.length != length + 2) throw new AssertionError("memcached ended a value early: " + lines);
            lines.add(new String(data, 0, length, StandardCharsets.UTF_8));
            line = readLine();
            lines.add(line);
        }
        return List.copyOf(lines);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) throw new AssertionError("memcached closed the connection mid-reply: " + line);
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
