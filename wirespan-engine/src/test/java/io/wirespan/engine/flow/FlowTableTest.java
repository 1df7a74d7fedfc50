package io.wirespan.engine.flow;

import static io.wirespan.api.Direction.CLIENT_TO_SERVER;
import static io.wirespan.api.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespan.api.Direction;
import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.tcp.ReassemblyConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlowTableTest {
    private static final long SECOND = 1_000_000;

    private final RecordingListener rec = new RecordingListener();
    private FlowTable table = new FlowTable(FlowConfig.DEFAULTS, ReassemblyConfig.DEFAULTS, rec);

    @Test
    void synSenderIsTheClientEvenFromTheLowerPort() {
        Conversation c = new Conversation("10.0.0.1", 80, "10.0.0.2", 40000, 100, 500);
        process(c.syn(1), c.synAck(2), c.ack(3), c.client(4, 0, "hello"), c.server(5, 0, "world"));

        Flow f = rec.flow(1);
        assertThat(f.clientAddress()).isEqualTo("10.0.0.1");
        assertThat(f.clientPort()).isEqualTo(80);
        assertThat(f.serverAddress()).isEqualTo("10.0.0.2");
        assertThat(f.serverPort()).isEqualTo(40000);
        assertThat(f.state()).isEqualTo(FlowState.ESTABLISHED);
        assertThat(rec.text(f, CLIENT_TO_SERVER)).isEqualTo("hello");
        assertThat(rec.text(f, SERVER_TO_CLIENT)).isEqualTo("world");
    }

    @Test
    void synAckSenderIsTheServerWhenTheSynWasNotSeen() {
        Conversation c = new Conversation("10.0.0.1", 80, "10.0.0.2", 40000, 100, 500);
        process(c.synAck(1));
        Flow f = rec.flow(1);
        assertThat(f.state()).isEqualTo(FlowState.OPENING);
        process(c.syn(2), c.ack(3)); // the SYN behind an early SYN+ACK is not a new connection

        assertThat(rec.flows).hasSize(1);
        assertThat(f.clientPort()).isEqualTo(80);
        assertThat(f.state()).isEqualTo(FlowState.ESTABLISHED);
    }

    @Test
    void withoutHandshakeTheHigherPortIsTheClient() {
        process(TestPackets.tcp(1, "10.0.0.2", 80, "10.0.0.1", 51000, 7000, 9000, DecodedPacket.ACK, "HTTP/1.1 200 OK"));

        Flow f = rec.flow(1);
        assertThat(f.clientPort()).isEqualTo(51000);
        assertThat(f.clientAddress()).isEqualTo("10.0.0.1");
        assertThat(f.state()).isEqualTo(FlowState.ESTABLISHED);
        assertThat(rec.text(f, SERVER_TO_CLIENT)).isEqualTo("HTTP/1.1 200 OK");
    }

    @Test
    void onEqualPortsTheFirstPacketsSourceIsTheClient() {
        process(TestPackets.udp(1, "10.0.0.9", 5060, "10.0.0.1", 5060, "INVITE"),
                TestPackets.udp(2, "10.0.0.1", 5060, "10.0.0.9", 5060, "SIP/2.0 100 Trying"));

        Flow f = rec.flow(1);
        assertThat(f.clientAddress()).isEqualTo("10.0.0.9");
        assertThat(rec.text(f, CLIENT_TO_SERVER)).isEqualTo("INVITE");
        assertThat(rec.text(f, SERVER_TO_CLIENT)).isEqualTo("SIP/2.0 100 Trying");
    }

    @Test
    void symmetricHashIsTheSameBothWaysAndSeparatesTunnels() {
        DecodedPacket out = TestPackets.tcp(1, "10.0.0.1", 40000, "2001:db8::1", 443, 1, 0, DecodedPacket.SYN, new byte[0], 7);
        DecodedPacket back = TestPackets.tcp(1, "2001:db8::1", 443, "10.0.0.1", 40000, 1, 0, DecodedPacket.ACK, new byte[0], 7);
        DecodedPacket otherTunnel = TestPackets.tcp(1, "10.0.0.1", 40000, "2001:db8::1", 443, 1, 0, DecodedPacket.SYN, new byte[0], 8);

        assertThat(FlowTable.symmetricHash(out)).isEqualTo(FlowTable.symmetricHash(back));
        assertThat(FlowTable.symmetricHash(out)).isNotEqualTo(FlowTable.symmetricHash(otherTunnel));
        process(out, back, otherTunnel);
        assertThat(rec.flows).hasSize(2);
        assertThat(rec.flow(2).tunnelId()).isEqualTo(8);
    }

    @Test
    void countsPacketsAndBytesPerDirection() {
        Conversation c = new Conversation("10.0.0.1", 40000, "10.0.0.2", 80, 100, 500);
        process(c.syn(1), c.synAck(2), c.ack(3), c.client(4, 0, "GET /"), c.server(5, 0, "200"));

        Flow f = rec.flow(1);
        assertThat(f.packets(CLIENT_TO_SERVER)).isEqualTo(3);
        assertThat(f.packets(SERVER_TO_CLIENT)).isEqualTo(2);
        assertThat(f.payloadBytes(CLIENT_TO_SERVER)).isEqualTo(5);
        assertThat(f.bytes(SERVER_TO_CLIENT)).isEqualTo(54 + 54 + 3);
        assertThat(f.startMicros()).isEqualTo(1);
        assertThat(f.lastMicros()).isEqualTo(5);
        assertThat(table.stats().tcpPackets()).isEqualTo(5);
    }

    @Test
    void finFromBothSidesLingersSoLatePacketsStayInTheFlow() {
        Conversation c = new Conversation("10.0.0.1", 40000, "10.0.0.2", 80, 100, 500);
        process(c.syn(1), c.synAck(2), c.ack(3), c.client(4, 0, "q"), c.serverAcks(1).server(5, 0, "a"),
                c.clientAcks(1).clientFin(6, 1), c.serverAcks(2).serverFin(7, 1));
        Flow f = rec.flow(1);
        assertThat(f.state()).isEqualTo(FlowState.CLOSED_FIN);

        process(c.clientAcks(2).ack(SECOND), c.serverFin(2 * SECOND, 1)); // late ACK, retransmitted FIN
        assertThat(rec.flows).hasSize(1);
        table.advanceTime(2 * SECOND + 5 * SECOND);
        assertThat(rec.endReasons).isEmpty();
        table.advanceTime(2 * SECOND + 5 * SECOND + 1);

        assertThat(rec.endReasons).containsEntry(1L, FlowEndReason.FIN);
        assertThat(table.stats().endedFin()).isEqualTo(1);
        assertThat(table.openFlows()).isZero();
        // the listener heard of the close once, at the second FIN, and of the end after the linger
        assertThat(rec.events.stream().filter(e -> e.startsWith("closed")).toList()).containsExactly("closed #1 @7");
        assertThat(rec.events).containsSubsequence("#1 s>c a @5", "closed #1 @7", "end #1 FIN @" + (7 * SECOND + 1));
    }

    @Test
    void aFlowIsClosedOnlyOnceEveryByteBeforeBothFinsIsDelivered() {
        Conversation c = new Conversation("10.0.0.1", 40000, "10.0.0.2", 80, 100, 500);
        // "cd" is missing before the client's last data and FIN
        process(c.syn(1), c.synAck(2), c.ack(3), c.client(4, 0, "ab"), c.client(5, 4, "ef"), c.clientFin(6, 6),
                c.serverAcks(2).serverFin(7, 0));
        assertThat(rec.events).noneMatch(e -> e.startsWith("closed"));

        process(c.serverAcks(7).server(8, 1, "")); // the server acknowledged the hole: the capture lost it
        assertThat(rec.events).containsSubsequence("#1 c>s gap 2 @8", "#1 c>s ef @5", "closed #1 @8");
        assertThat(rec.endReasons).isEmpty();
    }

    @Test
    void aHalfClosedFlowIsNotClosed() {
        Conversation c = new Conversation("10.0.0.1", 40000, "10.0.0.2", 80, 100, 500);
        process(c.syn(1), c.synAck(2), c.ack(3), c.client(4, 0, "q"), c.clientFin(5, 1), c.serverAcks(2).server(6, 0, "more"));
        assertThat(rec.events).noneMatch(e -> e.startsWith("closed"));
    }

    @Test
    void newSynAfterCloseStartsANewFlowOnTheSame5Tuple() {
        Conversation first = new Conversation("10.0.0.1", 40000, "10.0.0.2", 80, 100, 500);
        process(first.syn(1), first.synAck(2), first.ack(3), first.clientFin(4, 0), first.serverAcks(1).serverFin(5, 0));
        Conversation second = new Conversation("10.0.0.1", 40000, "10.0.0.2", 80, 90_000, 70_000);
        process(second.syn(6), second.synAck(7), second.ack(8), second.client(9, 0, "again"));

        assertThat(rec.events).containsSubsequence("end #1 FIN @6", "start #2 10.0.0.1:40000 -> 10.0.0.2:80 @6");
        assertThat(rec.text(rec.flow(2), CLIENT_TO_SERVER)).isEqualTo("again");
        assertThat(rec.text(rec.flow(1), CLIENT_TO_SERVER)).isEmpty();
    }

    @Test
    void newSynOnAnOpenFlowEndsItAsPortReuse() {
        Conversation first = new Conversation("10.0.0.1", 40000, "10.0.0.2", 80, 100, 500);
        process(first.syn(1), first.synAck(2), first.ack(3), first.client(4, 0, "old"));
        Conversation second = new Conversation("10.0.0.1", 40000, "10.0.0.2", 80, 90_000, 70_000);
        process(second.syn(5));

        assertThat(rec.endReasons).containsEntry(1L, FlowEndReason.PORT_REUSE);
        assertThat(rec.flow(2).state()).isEqualTo(FlowState.OPENING);
        assertThat(table.stats().endedPortReuse()).isEqualTo(1);
    }

    @Test
    void retransmittedSynStaysInTheFlow() {
        Conversation c = new Conversation("10.0.0.1", 40000, "10.0.0.2", 80, 100, 500);
        process(c.syn(1), c.syn(2), c.synAck(3), c.synAck(4), c.ack(5), c.syn(6)); // even a very late copy

        assertThat(rec.flows).hasSize(1);
        assertThat(rec.flow(1).state()).isEqualTo(FlowState.ESTABLISHED);
    }

    @Test
    void idleFlowExpiresOnPacketTimeNotWallTime() {
        Conversation c = new Conversation("10.0.0.1", 40000, "10.0.0.2", 80, 100, 500);
        process(c.syn(0), c.synAck(1), c.ack(2));
        process(TestPackets.udp(2 + 300 * SECOND, "10.9.9.9", 5353, "10.9.9.8", 53, "q"));
        assertThat(rec.endReasons).isEmpty();
        process(TestPackets.udp(3 + 300 * SECOND, "10.9.9.9", 5353, "10.9.9.8", 53, "q"));
        assertThat(rec.endReasons).isEmpty(); // within one tick of the last check
        process(TestPackets.udp(2 + 300 * SECOND + FlowTable.TICK_MICROS, "10.9.9.9", 5353, "10.9.9.8", 53, "q"));

        assertThat(rec.endReasons).containsEntry(1L, FlowEndReason.IDLE_TIMEOUT);
        assertThat(rec.events).contains("end #1 IDLE_TIMEOUT @" + (2 + 300 * SECOND + FlowTable.TICK_MICROS));
    }

    @Test
    void unansweredSynExpiresAfterTheOthersTimeout() {
        Conversation c = new Conversation("10.0.0.1", 40000, "10.0.0.2", 80, 100, 500);
        process(c.syn(0));
        table.advanceTime(5 * SECOND);
        assertThat(rec.endReasons).isEmpty();
        table.advanceTime(5 * SECOND + 1);

        assertThat(rec.endReasons).containsEntry(1L, FlowEndReason.IDLE_TIMEOUT);
    }

    @Test
    void resetDuringTheHandshakeLingersForTheOpeningRstTimeout() {
        Conversation c = new Conversation("10.0.0.1", 40000, "10.0.0.2", 80, 100, 500);
        process(c.syn(0), c.serverRst(10, -1));
        assertThat(rec.flow(1).state()).isEqualTo(FlowState.CLOSED_RST);
        table.advanceTime(10 + SECOND);
        assertThat(rec.endReasons).isEmpty();
        table.advanceTime(11 + SECOND);

        assertThat(rec.endReasons).containsEntry(1L, FlowEndReason.RST);
    }

    @Test
    void resetAfterTheHandshakeLingersForTheClosingRstTimeout() {
        Conversation c = new Conversation("10.0.0.1", 40000, "10.0.0.2", 80, 100, 500);
        process(c.syn(0), c.synAck(1), c.ack(2), c.client(3, 0, "x"), c.clientRst(4, 1));
        table.advanceTime(4 + 35 * SECOND);
        assertThat(rec.endReasons).isEmpty();
        table.advanceTime(5 + 35 * SECOND);

        assertThat(rec.endReasons).containsEntry(1L, FlowEndReason.RST);
    }

    @Test
    void atTheLimitTheLeastRecentlyActiveFlowIsEvicted() {
        table = new FlowTable(new FlowConfig(2, 300 * SECOND, 35 * SECOND, SECOND, 5 * SECOND), ReassemblyConfig.DEFAULTS, rec);
        process(TestPackets.udp(1, "10.0.0.1", 1001, "10.0.0.2", 53, "a"),
                TestPackets.udp(2, "10.0.0.1", 1002, "10.0.0.2", 53, "b"),
                TestPackets.udp(3, "10.0.0.2", 53, "10.0.0.1", 1001, "a again"), // flow 1 is now the more recent
                TestPackets.udp(4, "10.0.0.1", 1003, "10.0.0.2", 53, "c"));

        assertThat(rec.endReasons).containsExactly(Map.entry(2L, FlowEndReason.EVICTED));
        assertThat(table.stats().evictions()).isEqualTo(1);
        assertThat(table.openFlows()).isEqualTo(2);
    }

    @Test
    void atTheLimitALingeringClosedFlowGoesBeforeAnActiveOne() {
        table = new FlowTable(new FlowConfig(2, 300 * SECOND, 35 * SECOND, SECOND, 5 * SECOND), ReassemblyConfig.DEFAULTS, rec);
        process(TestPackets.udp(1, "10.0.0.1", 1001, "10.0.0.2", 53, "old but open"));
        Conversation c = new Conversation("10.0.0.1", 40000, "10.0.0.2", 80, 100, 500);
        process(c.syn(2), c.synAck(3), c.ack(4), c.clientFin(5, 0), c.serverAcks(1).serverFin(6, 0));
        process(TestPackets.udp(7, "10.0.0.1", 1003, "10.0.0.2", 53, "new"));

        assertThat(rec.endReasons).containsExactly(Map.entry(2L, FlowEndReason.FIN)); // it had closed already
        assertThat(table.stats().evictions()).isEqualTo(1);
    }

    @Test
    void udpDatagramsAreDeliveredOneCallEachWithoutReassembly() {
        process(TestPackets.udp(1, "10.0.0.1", 33000, "10.0.0.2", 53, "query-1"),
                TestPackets.udp(2, "10.0.0.2", 53, "10.0.0.1", 33000, "answer-1"),
                TestPackets.udp(3, "10.0.0.1", 33000, "10.0.0.2", 53, "query-2"));

        assertThat(rec.events).containsExactly("start #1 10.0.0.1:33000 -> 10.0.0.2:53 @1",
                "#1 c>s query-1 @1", "#1 s>c answer-1 @2", "#1 c>s query-2 @3");
        assertThat(rec.flow(1).reassembler(CLIENT_TO_SERVER)).isNull();
        assertThat(rec.flow(1).state()).isEqualTo(FlowState.ESTABLISHED);
    }

    @Test
    void swapSidesChangesLaterDeliveriesAndKeepsCountersWithTheirEndpoint() {
        Conversation c = new Conversation("10.0.0.1", 40000, "10.0.0.2", 80, 100, 500);
        process(c.syn(1), c.synAck(2), c.ack(3), c.client(4, 0, "abc"));
        Flow f = rec.flow(1);
        f.swapSides();
        process(c.client(5, 3, "def"));

        assertThat(f.clientAddress()).isEqualTo("10.0.0.2");
        assertThat(f.clientPort()).isEqualTo(80);
        assertThat(f.serverPort()).isEqualTo(40000);
        assertThat(rec.events).contains("#1 c>s abc @4", "#1 s>c def @5");
        assertThat(f.packets(SERVER_TO_CLIENT)).isEqualTo(4); // what 10.0.0.1 sent, from the start
        assertThat(f.packets(CLIENT_TO_SERVER)).isEqualTo(1);
        assertThat(f.reassembler(SERVER_TO_CLIENT).nextSeq()).isEqualTo(100 + 1 + 6);
    }

    @Test
    void swapSidesDuringADeliveryAppliesToTheRestOfThatPacket() {
        FlowListener swapper = new FlowListener() {
            @Override public void onFlowStart(Flow flow, long ts) { rec.onFlowStart(flow, ts); }
            @Override public void onPayload(Flow flow, Direction d, byte[] data, int off, int len, long ts) {
                rec.onPayload(flow, d, data, off, len, ts);
                if (!flow.isSwapped()) {
                    flow.swapSides();
                }
            }
            @Override public void onGap(Flow flow, Direction d, int missing, long ts) { rec.onGap(flow, d, missing, ts); }
            @Override public void onFlowEnd(Flow flow, FlowEndReason reason, long ts) { rec.onFlowEnd(flow, reason, ts); }
        };
        table = new FlowTable(FlowConfig.DEFAULTS, ReassemblyConfig.DEFAULTS, swapper);
        Conversation c = new Conversation("10.0.0.1", 40000, "10.0.0.2", 80, 100, 500);
        process(c.syn(1), c.synAck(2), c.ack(3), c.client(4, 3, "def"), c.client(5, 0, "abc"));

        assertThat(rec.events).containsSubsequence("#1 c>s abc @5", "#1 s>c def @4");
    }

    @Test
    void peerAckPastAHoleSkipsItThroughTheTable() {
        Conversation c = new Conversation("10.0.0.1", 40000, "10.0.0.2", 80, 100, 500);
        process(c.syn(1), c.synAck(2), c.ack(3), c.client(4, 0, "ab"), c.client(6, 4, "ef"));
        assertThat(rec.text(rec.flow(1), CLIENT_TO_SERVER)).isEqualTo("ab");
        process(c.serverAcks(6).server(7, 0, "ok"));

        assertThat(rec.events).containsSubsequence("#1 c>s ab @4", "#1 c>s gap 2 @7", "#1 c>s ef @6", "#1 s>c ok @7");
        assertThat(table.stats().reassembly().gapsOnAck()).isEqualTo(1);
    }

    @Test
    void holeInAQuietFlowTimesOutWhileOtherTrafficMovesTimeOn() {
        Conversation c = new Conversation("10.0.0.1", 40000, "10.0.0.2", 80, 100, 500);
        process(c.syn(1), c.synAck(2), c.ack(3), c.client(4, 2, "cd"));
        process(TestPackets.udp(4 + SECOND + FlowTable.TICK_MICROS, "10.9.9.9", 5353, "10.9.9.8", 53, "tick"));

        assertThat(rec.events).contains("#1 c>s gap 2 @" + (4 + SECOND + FlowTable.TICK_MICROS), "#1 c>s cd @4");
        assertThat(table.stats().reassembly().gapsOnTimeout()).isEqualTo(1);
        assertThat(table.stats().reassembly().bufferedBytes()).isZero();
    }

    @Test
    void flushAllDeliversWhatWasBufferedAndEndsEveryFlow() {
        Conversation c = new Conversation("10.0.0.1", 40000, "10.0.0.2", 80, 100, 500);
        Conversation closed = new Conversation("10.0.0.1", 40001, "10.0.0.2", 80, 100, 500);
        process(c.syn(1), c.synAck(2), c.ack(3), c.client(4, 0, "ab"), c.client(5, 4, "ef"),
                closed.syn(6), closed.serverRst(7, -1));
        table.flushAll(8);

        assertThat(rec.events).containsSubsequence("#1 c>s gap 2 @8", "#1 c>s ef @5", "end #1 END_OF_INPUT @8", "end #2 RST @8");
        FlowStats stats = table.stats();
        assertThat(stats.openFlows()).isZero();
        assertThat(stats.endedEndOfInput()).isEqualTo(1);
        assertThat(stats.ended(FlowEndReason.RST)).isEqualTo(1);
        assertThat(stats.reassembly().gapsOnClose()).isEqualTo(1);
    }

    @Test
    void reassemblyBudgetIsSharedByAllFlowsOfTheTable() {
        table = new FlowTable(FlowConfig.DEFAULTS, new ReassemblyConfig(1024, 16, 10, SECOND), rec);
        Conversation a = new Conversation("10.0.0.1", 40000, "10.0.0.2", 80, 100, 500);
        Conversation b = new Conversation("10.0.0.1", 40001, "10.0.0.2", 80, 100, 500);
        process(a.syn(1), a.synAck(2), a.ack(3), b.syn(4), b.synAck(5), b.ack(6));
        process(a.client(7, 1, "12345678")); // a buffers 8 of the 10 shared bytes
        process(b.client(8, 1, "ABCDEFGH")); // b cannot: it gives up its hole at once

        assertThat(rec.events).containsSubsequence("#2 c>s gap 1 @8", "#2 c>s ABCDEFGH @8");
        assertThat(rec.text(rec.flow(1), CLIENT_TO_SERVER)).isEmpty();
        assertThat(table.stats().reassembly().gapsOnBudget()).isEqualTo(1);
        assertThat(table.stats().reassembly().bufferedBytes()).isEqualTo(8);
    }

    @Test
    void packetsOtherThanTcpAndUdpAreCountedAndIgnored() {
        DecodedPacket icmp = new DecodedPacket();
        icmp.setFrame(1, 98, -1);
        process(icmp);

        assertThat(rec.flows).isEmpty();
        assertThat(table.stats().ignoredPackets()).isEqualTo(1);
        assertThat(table.stats().packets()).isEqualTo(1);
    }

    @Test
    void lookupsStayRightThroughGrowthAndEvictions() {
        int limit = 3000; // the slot array grows from 1024 to 8192, and evictions shift entries back
        table = new FlowTable(new FlowConfig(limit, 300 * SECOND, 35 * SECOND, SECOND, 5 * SECOND), ReassemblyConfig.DEFAULTS, rec);
        Map<Integer, Long> model = new LinkedHashMap<>(16, 0.75f, true); // access order: eldest = least recent
        Random random = new Random(42);
        List<String> expectedEnds = new ArrayList<>();
        long nextId = 1;
        for (int i = 0; i < 40_000; i++) {
            int key = random.nextInt(5000);
            String host = "10.1." + (key / 250) + "." + (key % 250);
            boolean reply = random.nextBoolean();
            DecodedPacket p = reply
                    ? TestPackets.udp(i, "10.2.0.1", 53, host, 20000 + key, "r")
                    : TestPackets.udp(i, host, 20000 + key, "10.2.0.1", 53, "q");
            Long id = model.get(key);
            if (id == null) {
                if (model.size() == limit) {
                    Iterator<Map.Entry<Integer, Long>> eldest = model.entrySet().iterator();
                    expectedEnds.add("end #" + eldest.next().getValue() + " EVICTED @" + i);
                    eldest.remove();
                }
                id = nextId++;
                model.put(key, id);
            }
            int before = rec.events.size();
            process(p);
            String delivery = rec.events.get(rec.events.size() - 1);
            assertThat(delivery).as("packet %d", i).startsWith("#" + id + " " + (reply ? "s>c" : "c>s"));
            assertThat(rec.events.size() - before).isLessThanOrEqualTo(3);
        }
        assertThat(rec.events.stream().filter(e -> e.startsWith("end")).toList()).isEqualTo(expectedEnds);
        assertThat(table.openFlows()).isEqualTo(model.size());
        assertThat(table.stats().flowsCreated()).isEqualTo(nextId - 1);
    }

    @Test
    void configNamesTheBadField() {
        assertThatThrownBy(() -> new FlowConfig(0, 1, 1, 1, 1)).hasMessageContaining("maxFlows");
        assertThatThrownBy(() -> new FlowConfig(1, 0, 1, 1, 1)).hasMessageContaining("establishedTimeoutMicros");
        assertThatThrownBy(() -> new FlowConfig(1, 1, -1, 1, 1)).hasMessageContaining("closingRstTimeoutMicros");
        assertThatThrownBy(() -> new FlowConfig(1, 1, 1, 0, 1)).hasMessageContaining("openingRstTimeoutMicros");
        assertThatThrownBy(() -> new FlowConfig(1, 1, 1, 1, 0)).hasMessageContaining("othersTimeoutMicros");
        assertThat(FlowConfig.DEFAULTS.maxFlows()).isEqualTo(65_535);
        assertThat(FlowConfig.DEFAULTS.establishedTimeoutMicros()).isEqualTo(300 * SECOND);
    }

    @Test
    void anInputThatStartsEarlierThanThePreviousOneKeepsItsOwnTimes() {
        Conversation later = new Conversation("10.0.0.1", 40000, "10.0.0.2", 80, 100, 500);
        process(later.syn(1_000 * SECOND), later.synAck(1_000 * SECOND + 10), later.client(1_000 * SECOND + 20, 0, "x"));
        table.flushAll(1_000 * SECOND + 20);

        Conversation earlier = new Conversation("10.0.0.3", 40001, "10.0.0.4", 80, 100, 500);
        process(earlier.syn(5 * SECOND), earlier.synAck(5 * SECOND + 100), earlier.client(5 * SECOND + 250, 0, "y"));

        Flow flow = rec.flows.get(2L);
        assertThat(flow.startMicros()).isEqualTo(5 * SECOND);
        assertThat(flow.lastMicros()).isEqualTo(5 * SECOND + 250);
        assertThat(rec.endReasons).doesNotContainKey(2L); // not taken for 995 s idle
        assertThat(rec.text(flow, CLIENT_TO_SERVER)).isEqualTo("y");
    }

    private void process(DecodedPacket... packets) {
        for (DecodedPacket p : packets) {
            table.process(p);
        }
    }
}
