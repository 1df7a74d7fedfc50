package io.wirespan.cli.live;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real mosquitto_pub and mosquitto_sub with {@code -d}, which makes them report every
 * control packet they send and receive ({@code Client pub-1 sending PUBLISH (d0, q1, r0, m1,
 * 'sensors/t1', ... (7 bytes))}), and reads those reports into {@link Packet}s.
 */
final class MosquittoClients {
    private static final Pattern REPORT = Pattern.compile("^Client (\\S+) (sending|received) ([A-Z]+)(?: \\((.*)\\))?$",
            Pattern.MULTILINE);
    private static final Pattern PUBLISH = Pattern.compile("^d\\d, q(\\d), r\\d, m(\\d+), '(.*)', \\.\\.\\. \\(\\d+ bytes\\)$");
    private static final Pattern MID = Pattern.compile("(?:Mid: |^m)(\\d+)");
    private static final Pattern TOPIC = Pattern.compile("Topic: ([^,]+)");
    private static final Pattern CODE = Pattern.compile("^(\\d+)$|, RC:(\\d+)$|, rc(\\d+)$");

    /**
     * A control packet as the client reported it.
     *
     * @param id the packet identifier (0 where there is none)
     * @param topics the PUBLISH topic, or the SUBSCRIBE/UNSUBSCRIBE topic filters joined by commas
     * @param code the CONNACK return code or an acknowledgement's reason code (MQTT 5), else -1
     */
    record Packet(boolean sent, String type, int qos, int id, String topics, int code) {}

    /** What one client reported: its packets in order, and its exit code. */
    record Transcript(String clientId, String version, List<Packet> packets, int exitCode, String output) {}

    /** A subscriber running in the background. */
    record Subscriber(String clientId, Process process, Path output) {
        /** Waits for it to exit (it does after its message count) and reads its reports. */
        Transcript await() {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError("mosquitto_sub did not end within 20 s:\n" + Programs.read(output));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            return transcript(clientId, "3.1.1", process.exitValue(), Programs.read(output));
        }
    }

    private MosquittoClients() {}

    /**
     * Publishes one message with mosquitto_pub.
     *
     * @param version the -V value: 31, 311 (mosquitto's default) or 5
     */
    static Transcript publish(int port, String clientId, int version, int qos, String topic, String message) {
        List<String> command = List.of(Binaries.require("mosquitto_pub", "mosquitto-clients"), "-h", Loopback.ADDRESS,
                "-p", Integer.toString(port), "-i", clientId, "-V", Integer.toString(version), "-q", Integer.toString(qos),
                "-t", topic, "-m", message, "-d");
        Programs.Result result = Programs.run(command);
        return transcript(clientId, switch (version) {
            case 31 -> "3.1";
            case 5 -> "5";
            default -> "3.1.1";
        }, result.exitCode(), result.out() + result.err());
    }

    /**
     * Starts mosquitto_sub subscribed to {@code topics} at {@code qos}, then unsubscribing from
     * {@code unsubscribe}; it exits after {@code count} messages. Returns once the broker acknowledged both.
     */
    static Subscriber subscribe(int port, String clientId, int qos, List<String> topics, String unsubscribe, int count,
                                Path work) {
        // stdbuf: mosquitto_sub's reports must reach the file as they happen, to know when it is subscribed
        List<String> command = new ArrayList<>(List.of(Binaries.require("stdbuf", "coreutils"), "-oL",
                Binaries.require("mosquitto_sub", "mosquitto-clients"), "-h", Loopback.ADDRESS, "-p", Integer.toString(port),
                "-i", clientId, "-q", Integer.toString(qos), "-U", unsubscribe, "-C", Integer.toString(count), "-W", "20",
                "-v", "-d"));
        for (String topic : topics) command.addAll(List.of("-t", topic));
        Path output = work.resolve(clientId + ".out");
        Process p = Programs.start(command, output);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Programs.read(output).contains("received UNSUBACK")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                Programs.stop(p);
                throw new AssertionError("mosquitto_sub did not subscribe: " + command + "\n" + Programs.read(output));
            }
            Loopback.sleep(10);
        }
        return new Subscriber(clientId, p, output);
    }

    private static int code(Matcher found) {
        for (int g = 1; g <= found.groupCount(); g++) {
            if (found.group(g) != null) return Integer.parseInt(found.group(g));
        }
        return -1;
    }

    private static Transcript transcript(String clientId, String version, int exitCode, String output) {
        List<Packet> packets = new ArrayList<>();
        Matcher m = REPORT.matcher(output);
        while (m.find()) {
            if (!m.group(1).equals(clientId)) continue;
            boolean sent = m.group(2).equals("sending");
            String type = m.group(3);
            String details = m.group(4) == null ? "" : m.group(4);
            Matcher publish = PUBLISH.matcher(details);
            Matcher mid = MID.matcher(details);
            Matcher topic = TOPIC.matcher(details);
            Matcher code = CODE.matcher(details);
            Packet packet;
            if (type.equals("PUBLISH") && publish.matches()) {
                packet = new Packet(sent, type, Integer.parseInt(publish.group(1)), Integer.parseInt(publish.group(2)),
                        publish.group(3), -1);
            } else {
                packet = new Packet(sent, type, 0, mid.find() ? Integer.parseInt(mid.group(1)) : 0,
                        topic.find() ? topic.group(1) : null, code.find() ? code(code) : -1);
            }
            Packet last = packets.isEmpty() ? null : packets.getLast();
            if (last != null && last.sent() && sent && type.equals(last.type()) && type.endsWith("SUBSCRIBE") && last.id() == packet.id()) {
                // one SUBSCRIBE carrying several filters is reported once per filter
                packets.set(packets.size() - 1, new Packet(true, type, 0, last.id(), last.topics() + "," + packet.topics(), -1));
            } else {
                packets.add(packet);
            }
        }
        if (packets.isEmpty()) throw new AssertionError(clientId + " reported no packet (exit " + exitCode + "):\n" + output);
        return new Transcript(clientId, version, List.copyOf(packets), exitCode, output);
    }
}
