package io.wirespan.engine.capture.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespan.engine.capture.RawPacket;
import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.decode.PacketDecoder;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live capture on the loopback interface, with real datagrams sent through the kernel. The tests
 * run as root (as CI does); {@link #withoutCapNetRawTheErrorSaysWhatIsNeeded} drops the capability
 * for a child JVM to see the refusal.
 */
class LiveCaptureTest {
    /** Immediate mode gives each frame a ring block of its own: the buffer holds the test's burst. */
    private static final LiveOptions OPTIONS = new LiveOptions(65_535, false, true, 16 << 20, 50);

    @Test
    void listsTheLoopbackInterfaceWithItsAddress() throws Exception {
        assertThat(LiveCapture.libraryVersion()).startsWith("libpcap version");
        PcapInterface lo = LiveCapture.interfaces().stream().filter(i -> i.name().equals("lo")).findFirst().orElseThrow();
        assertThat(lo.loopback()).isTrue();
        assertThat(lo.up()).isTrue();
        assertThat(lo.addresses()).contains("127.0.0.1");
        assertThat(LiveCapture.interfacesMatching(Pattern.compile("l."))).extracting(PcapInterface::name).contains("lo");
        assertThat(LiveCapture.interfacesMatching(Pattern.compile("o"))).extracting(PcapInterface::name).doesNotContain("lo");
    }

    @Test
    void capturesWhatTheFilterLetsThroughWithItsBytesAndTimes() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket other = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket sender = new DatagramSocket();
             LiveCapture capture = LiveCapture.open("lo", OPTIONS, "udp and dst port " + receiver.getLocalPort())) {
            int count = 50;
            CompletableFuture<List<Frame>> frames = CompletableFuture.supplyAsync(() -> read(capture, count));
            long before = System.currentTimeMillis() * 1000;
            for (int i = 0; i < count; i++) {
                send(sender, other.getLocalPort(), "filtered out " + i);
                send(sender, receiver.getLocalPort(), "datagram " + i);
            }
            List<Frame> seen = frames.get(10, TimeUnit.SECONDS);
            long after = System.currentTimeMillis() * 1000;

            List<String> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) sent.add("datagram " + i);
            assertThat(seen).extracting(Frame::payload).isEqualTo(sent);
            assertThat(seen).extracting(Frame::micros).allMatch(t -> t >= before - 1_000_000 && t <= after + 1_000_000);
            assertThat(capture.linkType()).isEqualTo(1); // Ethernet framing on Linux's lo
            assertThat(capture.position()).isPositive();
            LiveStats stats = capture.stats();
            assertThat(stats.received()).isGreaterThanOrEqualTo(count); // lo may count a frame on its way out too
            assertThat(stats.dropped()).isZero();
        }
    }

    @Test
    void stopEndsAReadThatWaits() throws Exception {
        try (LiveCapture capture = LiveCapture.open("lo", OPTIONS, "udp and dst port 9")) {
            CompletableFuture<Boolean> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return capture.next(new RawPacket());
                } catch (LiveCaptureException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200);
            assertThat(read).isNotDone();
            capture.stop();
            assertThat(read.get(5, TimeUnit.SECONDS)).isFalse();
        }
    }

    @Test
    void theClockTicksOnAQuietLinkWhileAReadWaits() throws Exception {
        try (LiveCapture capture = LiveCapture.open("lo", LiveOptions.DEFAULTS, "udp and dst port 9")) {
            List<Long> ticks = java.util.Collections.synchronizedList(new ArrayList<>());
            capture.onClock(ticks::add);
            CompletableFuture<Boolean> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return capture.next(new RawPacket());
                } catch (LiveCaptureException e) {
                    throw new IllegalStateException(e);
                }
            });
            long start = System.currentTimeMillis() * 1000;
            Thread.sleep(1000);
            capture.stop();
            assertThat(read.get(5, TimeUnit.SECONDS)).isFalse();
            // DEFAULTS tick every 100 ms: some ticks may be late on a busy machine, not all of them
            assertThat(ticks).hasSizeGreaterThanOrEqualTo(3).allMatch(t -> t >= start);
        }
    }

    @Test
    void aFilterThatDoesNotCompileIsNamed() {
        assertThatThrownBy(() -> LiveCapture.open("lo", OPTIONS, "udp port nonsense"))
                .isInstanceOf(LiveCaptureException.class)
                .hasMessageContaining("BPF filter \"udp port nonsense\"")
                .extracting(e -> ((LiveCaptureException) e).reason()).isEqualTo(LiveCaptureException.Reason.BAD_FILTER);
    }

    @Test
    void anUnknownInterfaceIsNamed() {
        assertThatThrownBy(() -> LiveCapture.open("wirespan-none0", OPTIONS, null))
                .isInstanceOf(LiveCaptureException.class)
                .hasMessageContaining("wirespan-none0")
                .extracting(e -> ((LiveCaptureException) e).reason()).isEqualTo(LiveCaptureException.Reason.NO_SUCH_INTERFACE);
    }

    @Test
    void withoutCapNetRawTheErrorSaysWhatIsNeeded(@TempDir Path dir) throws Exception {
        // setpriv takes the capabilities out of the bounding set, so even root's child lacks them
        Path out = dir.resolve("out.txt");
        Process child = new ProcessBuilder("setpriv", "--bounding-set=-net_raw,-net_admin", "--inh-caps=-net_raw,-net_admin",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), OpenLoopback.class.getName())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(out)).contains("NO_PERMISSION: capturing on lo needs root or the CAP_NET_RAW capability");
    }

    /** Opens lo and prints what happened: run by {@link #withoutCapNetRawTheErrorSaysWhatIsNeeded}. */
    static final class OpenLoopback {
        public static void main(String[] args) {
            try (LiveCapture capture = LiveCapture.open("lo", OPTIONS, null)) {
                System.out.println("opened " + capture.name());
            } catch (LiveCaptureException e) {
                System.out.println(e.reason() + ": " + e.getMessage());
            }
        }
    }

    private static void send(DatagramSocket sender, int port, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        sender.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    }

    private record Frame(String payload, long micros) {}

    private static List<Frame> read(LiveCapture capture, int count) {
        PacketDecoder decoder = new PacketDecoder();
        RawPacket frame = new RawPacket();
        DecodedPacket packet = new DecodedPacket();
        List<Frame> payloads = new ArrayList<>();
        try {
            while (payloads.size() < count && capture.next(frame)) {
                if (decoder.decode(frame, packet) == PacketDecoder.Outcome.PACKET) {
                    payloads.add(new Frame(new String(packet.payload(), packet.payloadOffset(), packet.payloadLength(),
                            StandardCharsets.US_ASCII), frame.timestampMicros()));
                }
            }
        } catch (LiveCaptureException e) {
            throw new IllegalStateException(e);
        }
        return payloads;
    }
}
