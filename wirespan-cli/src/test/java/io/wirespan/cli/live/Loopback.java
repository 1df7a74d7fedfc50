package io.wirespan.cli.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/** Ports on 127.0.0.1: a free one, and waiting until a server listens on one (read from /proc, no probe traffic). */
final class Loopback {
    static final String ADDRESS = "127.0.0.1";

    private Loopback() {}

    /** A port that is free for both TCP and UDP on 127.0.0.1 right now. */
    static int freePort() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.setReuseAddress(false);
                tcp.bind(new InetSocketAddress(loopback, 0));
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                    return udp.getLocalPort();
                } catch (IOException busy) {
                    // taken for UDP: try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new AssertionError("no port free for both TCP and UDP on 127.0.0.1");
    }

    enum Transport { TCP, UDP }

    /**
     * Waits until something listens on 127.0.0.1:port, failing with {@code why} (the server's log) when
     * the process ends first or nothing listens within 10 s.
     */
    static void awaitListening(int port, Transport transport, Process server, Supplier<String> why) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (listening(port, transport)) return;
            if (!server.isAlive()) {
                throw new AssertionError("server exited with " + server.exitValue() + " before listening on "
                        + transport + " port " + port + ":\n" + why.get());
            }
            sleep(20);
        }
        throw new AssertionError("nothing listens on " + transport + " port " + port + " after 10 s:\n" + why.get());
    }

    static boolean listening(int port, Transport transport) {
        String table = transport == Transport.TCP ? "/proc/net/tcp" : "/proc/net/udp";
        String wanted = String.format(Locale.ROOT, "0100007F:%04X", port);
        String state = transport == Transport.TCP ? "0A" : "07"; // LISTEN, or an unconnected UDP socket
        try {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[1].equals(wanted) && f[3].equals(state)) return true;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
