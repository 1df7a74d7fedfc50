package io.wirespan.engine.tcp;

import static io.wirespan.engine.decode.DecodedPacket.ACK;
import static io.wirespan.engine.decode.DecodedPacket.FIN;
import static io.wirespan.engine.decode.DecodedPacket.SYN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespan.engine.decode.DecodedPacket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpReassemblerTest {
    private static final int ISN = 1000;

    private final ReassemblyCounters counters = new ReassemblyCounters();
    private final ReassemblyBudget budget = new ReassemblyBudget(ReassemblyConfig.DEFAULTS.maxBufferedBytesTotal());
    private final Recorder out = new Recorder();
    private TcpReassembler r = new TcpReassembler(ReassemblyConfig.DEFAULTS, budget, counters, out);

    @Test
    void deliversInOrderSegmentsAsViewsOfThePacket() {
        r.onSegment(ISN, SYN, new byte[0], 0, 0, 1);
        byte[] packet = "xxHELLOyy".getBytes(StandardCharsets.US_ASCII);
        r.onSegment(ISN + 1, ACK, packet, 2, 5, 2);

        assertThat(out.text()).isEqualTo("HELLO");
        assertThat(out.arrays.get(0)).isSameAs(packet); // no copy on the in-order path
        assertThat(counters.outOfOrderBytes).isZero();
    }

    @Test
    void synTakesOneSequenceNumberAndSynDataFollowsIt() {
        r.onSegment(ISN, SYN, bytes("fast"), 0, 4, 1); // TCP Fast Open
        r.onSegment(ISN + 5, ACK, bytes("open"), 0, 4, 2);

        assertThat(out.text()).isEqualTo("fastopen");
    }

    @Test
    void reordersReversedSegmentsKeepingEachSegmentsTimestamp() {
        r.onSegment(ISN, SYN, new byte[0], 0, 0, 1);
        seg(ISN + 7, "ghi", 30);
        seg(ISN + 4, "def", 20);
        assertThat(out.text()).isEmpty();
        assertThat(r.bufferedBytes()).isEqualTo(6);
        seg(ISN + 1, "abc", 10);

        assertThat(out.text()).isEqualTo("abcdefghi");
        assertThat(out.events).containsExactly("data abc @10", "data def @20", "data ghi @30");
        assertThat(r.hasBuffered()).isFalse();
        assertThat(budget.usedBytes()).isZero();
        assertThat(counters.outOfOrderSegments).isEqualTo(2);
    }

    @Test
    void dropsRetransmissionsOfDeliveredBytes() {
        start();
        seg(ISN + 1, "abcdef", 1);
        seg(ISN + 1, "abcdef", 2);
        seg(ISN + 4, "def", 3);

        assertThat(out.text()).isEqualTo("abcdef");
        assertThat(counters.retransmittedBytes).isEqualTo(9);
    }

    @Test
    void partialOverlapKeepsTheFirstCopyOfEachByte() {
        start();
        seg(ISN + 1, "abcd", 1);
        seg(ISN + 3, "XYef", 2); // "XY" retransmits "cd" with other content: the first copy wins

        assertThat(out.text()).isEqualTo("abcdef");
        assertThat(counters.retransmittedBytes).isEqualTo(2);
    }

    @Test
    void overlappingOutOfOrderSegmentsKeepTheBufferedBytes() {
        start();
        seg(ISN + 5, "efgh", 1);
        seg(ISN + 3, "cdXYZWij", 2); // covers the buffered "efgh" and extends both sides
        seg(ISN + 1, "ab", 3);

        assertThat(out.text()).isEqualTo("abcdefghij");
        assertThat(counters.retransmittedBytes).isEqualTo(4);
        assertThat(counters.outOfOrderSegments).isEqualTo(3); // "efgh", then "cd" and "ij" around it
    }

    @Test
    void inOrderSegmentSupersedesBufferedBytesItCovers() {
        start();
        seg(ISN + 4, "DEF", 1);
        seg(ISN + 1, "abcde", 2); // delivered whole, as Wireshark's Follow TCP Stream does

        assertThat(out.text()).isEqualTo("abcdeF");
    }

    @Test
    void holeThatNeverFillsBecomesAGapWhenTheBufferLimitIsReached() {
        r = reassembler(new ReassemblyConfig(8, 100, 1 << 20, 1_000_000));
        start();
        seg(ISN + 1, "ab", 1);
        // "cd" is lost; what follows waits behind the hole until the 8-byte buffer would overflow.
        seg(ISN + 5, "efgh", 2);
        seg(ISN + 9, "ijkl", 3);
        assertThat(out.text()).isEqualTo("ab");
        seg(ISN + 13, "mn", 4);

        assertThat(out.events).containsExactly("data ab @1", "gap 2 @4", "data efgh @2", "data ijkl @3", "data mn @4");
        assertThat(counters.gapsOnLimit).isEqualTo(1);
        assertThat(counters.gapBytes).isEqualTo(2);
    }

    @Test
    void segmentCountLimitAlsoForcesTheGap() {
        r = reassembler(new ReassemblyConfig(1 << 20, 2, 1 << 20, 1_000_000));
        start();
        seg(ISN + 3, "c", 1);
        seg(ISN + 5, "e", 2);
        seg(ISN + 7, "g", 3); // a third one does not fit: the first hole goes, "g" then fits

        assertThat(out.events).containsExactly("gap 2 @3", "data c @1");
        assertThat(r.bufferedSegments()).isEqualTo(2);
        r.flush(4);
        assertThat(out.text()).isEqualTo("ceg");
    }

    @Test
    void bufferingOffReportsEveryHoleAtOnce() {
        r = reassembler(new ReassemblyConfig(0, 0, 0, 1_000_000));
        start();
        seg(ISN + 4, "def", 1);
        seg(ISN + 1, "abc", 2); // too late: the hole was given up

        assertThat(out.events).containsExactly("gap 3 @1", "data def @1");
        assertThat(counters.retransmittedBytes).isEqualTo(3);
    }

    @Test
    void holeOlderThanTheTimeoutIsSkipped() {
        start();
        seg(ISN + 1, "ab", 0);
        seg(ISN + 5, "ef", 100);
        r.checkTimeout(1_000_100);
        assertThat(out.text()).isEqualTo("ab");
        r.checkTimeout(1_000_101);

        assertThat(out.events).containsExactly("data ab @0", "gap 2 @1000101", "data ef @100");
        assertThat(counters.gapsOnTimeout).isEqualTo(1);
    }

    @Test
    void eachHoleTimesOutFromWhenDataStartedWaitingBehindIt() {
        start();
        seg(ISN + 3, "c", 0);
        seg(ISN + 5, "e", 900_000);
        r.checkTimeout(1_000_001); // the first hole is 1 s old; the second one only 0.1 s

        assertThat(out.events).containsExactly("gap 2 @1000001", "data c @0");
        r.checkTimeout(1_900_001);
        assertThat(out.text()).isEqualTo("ce");
    }

    @Test
    void peerAckPastTheHoleMeansTheCaptureLostItSoTheHoleIsSkipped() {
        start();
        seg(ISN + 1, "ab", 1);
        seg(ISN + 5, "ef", 2);
        r.onPeerAck(ISN + 3, 3); // the peer has "ab" only: keep waiting
        assertThat(out.text()).isEqualTo("ab");
        r.onPeerAck(ISN + 7, 4);

        assertThat(out.events).containsExactly("data ab @1", "gap 2 @4", "data ef @2");
        assertThat(counters.gapsOnAck).isEqualTo(1);
    }

    @Test
    void flushDeliversBufferedDataBehindHolesAndReportsBytesMissingBeforeTheFin() {
        start();
        seg(ISN + 1, "ab", 1);
        seg(ISN + 5, "ef", 2);
        r.onSegment(ISN + 10, FIN | ACK, new byte[0], 0, 0, 3); // "ghi" never seen
        r.flush(9);

        assertThat(out.events).containsExactly("data ab @1", "gap 2 @9", "data ef @2", "gap 3 @9");
        assertThat(counters.gapsOnClose).isEqualTo(2);
        assertThat(budget.usedBytes()).isZero();
    }

    @Test
    void sequenceNumbersWrapAround() {
        int isn = 0xFFFF_FFF8; // 2^32 - 8
        r.onSegment(isn, SYN, new byte[0], 0, 0, 0);
        seg(isn + 9, "ijklmnop", 3); // crosses 2^32 + 1 onward
        seg(isn + 1, "abcd", 1);
        seg(isn + 3, "cdefgh", 2); // overlaps "cd", ends exactly at 2^32 + 1
        seg(isn + 5, "efgh", 4);

        assertThat(out.text()).isEqualTo("abcdefghijklmnop");
        assertThat(r.nextSeq()).isEqualTo(isn + 17).isEqualTo(9);
        assertThat(counters.retransmittedBytes).isEqualTo(6);
    }

    @Test
    void holeAcrossTheWrapIsMeasuredModulo2To32() {
        int isn = 0xFFFF_FFFD;
        r.onSegment(isn, SYN, new byte[0], 0, 0, 0);
        seg(isn + 1, "a", 1);
        seg(5, "z", 2); // bytes 0xFFFFFFFF..4 are missing
        r.onPeerAck(6, 3);

        assertThat(out.events).containsExactly("data a @1", "gap 6 @3", "data z @2");
    }

    @Test
    void midStreamCaptureStartsAtTheFirstDataSegment() {
        seg(50_000, "hello", 1);
        seg(50_005, " world", 2);

        assertThat(r.isSynchronized()).isTrue();
        assertThat(out.text()).isEqualTo("hello world");
    }

    @Test
    void midStreamDataOlderThanTheFirstSegmentSeenIsTreatedAsARetransmission() {
        seg(50_005, " world", 1); // arrived before "hello": the stream starts here, as in Wireshark
        seg(50_000, "hello", 2);

        assertThat(out.text()).isEqualTo(" world");
        assertThat(counters.retransmittedBytes).isEqualTo(5);
    }

    @Test
    void midStreamPureAckStartsTheStreamSoReorderedFirstSegmentsAreKept() {
        r.onSegment(7_000, ACK, new byte[0], 0, 0, 1);
        seg(7_005, "later", 2);
        seg(7_000, "early", 3);

        assertThat(out.text()).isEqualTo("earlylater");
    }

    @Test
    void midStreamKeepAliveAsFirstPacketDoesNotLeaveAPhantomHole() {
        r.onSegment(6_999, ACK, new byte[0], 0, 0, 1); // Linux keep-alive: snd_nxt - 1, no data
        seg(7_000, "data", 2);

        assertThat(out.events).containsExactly("data data @2");
    }

    @Test
    void midStreamKeepAliveRecognisedByThePeersAck() {
        r.onPeerAck(7_000, 1);
        r.onSegment(6_999, ACK, new byte[0], 0, 0, 2);
        seg(7_005, "later", 3);
        seg(7_000, "early", 4);

        assertThat(out.text()).isEqualTo("earlylater");
    }

    @Test
    void rstOrFinDoesNotStartTheStream() {
        r.onSegment(1, DecodedPacket.RST, new byte[0], 0, 0, 1);
        r.onSegment(5, FIN | ACK, new byte[0], 0, 0, 2);

        assertThat(r.isSynchronized()).isFalse();
    }

    @Test
    void keepAliveOneByteBelowTheExpectedSequenceIsNotData() {
        start();
        seg(ISN + 1, "abc", 1);
        seg(ISN + 3, "\0", 2); // keep-alive: one old byte at nextSeq - 1
        seg(ISN + 4, "d", 3);

        assertThat(out.text()).isEqualTo("abcd");
        assertThat(counters.keepAlives).isEqualTo(1);
        assertThat(counters.retransmittedBytes).isZero();
    }

    @Test
    void keepAliveSeenBeforeAnyDataDoesNotStartAMidStreamCapture() {
        r.onPeerAck(9_000, 1); // the peer has everything before 9000
        seg(8_999, "\0", 2);
        assertThat(r.isSynchronized()).isFalse();
        seg(9_000, "real", 3);

        assertThat(out.text()).isEqualTo("real");
        assertThat(counters.keepAlives).isEqualTo(1);
    }

    @Test
    void sharedBudgetExhaustedMakesADirectionGiveUpItsOwnHole() {
        ReassemblyConfig config = new ReassemblyConfig(1 << 20, 100, 6, 1_000_000);
        ReassemblyBudget shared = new ReassemblyBudget(6);
        Recorder outA = new Recorder();
        Recorder outB = new Recorder();
        TcpReassembler a = new TcpReassembler(config, shared, counters, outA);
        TcpReassembler b = new TcpReassembler(config, shared, counters, outB);
        a.onSegment(100, SYN, new byte[0], 0, 0, 0);
        b.onSegment(500, SYN, new byte[0], 0, 0, 0);

        a.onSegment(103, ACK, bytes("cdef"), 0, 4, 1); // a holds 4 of the 6 shared bytes
        b.onSegment(503, ACK, bytes("CDEF"), 0, 4, 2); // no room: b skips its hole, nothing copied
        assertThat(outB.events).containsExactly("gap 2 @2", "data CDEF @2");
        assertThat(shared.usedBytes()).isEqualTo(4);

        a.onSegment(108, ACK, bytes("hij"), 0, 3, 3); // no room: a gives up its own first hole, then "hij" fits
        assertThat(outA.events).containsExactly("gap 2 @3", "data cdef @1");
        assertThat(a.bufferedBytes()).isEqualTo(3);
        assertThat(shared.usedBytes()).isEqualTo(3);
        assertThat(counters.gapsOnBudget).isEqualTo(2);
    }

    @Test
    void configNamesTheBadField() {
        assertThatThrownBy(() -> new ReassemblyConfig(-1, 1, 1, 1)).hasMessageContaining("maxBufferedBytesPerDirection");
        assertThatThrownBy(() -> new ReassemblyConfig(1, -1, 1, 1)).hasMessageContaining("maxBufferedSegmentsPerDirection");
        assertThatThrownBy(() -> new ReassemblyConfig(1, 1, -1, 1)).hasMessageContaining("maxBufferedBytesTotal");
        assertThatThrownBy(() -> new ReassemblyConfig(1, 1, 1, 0)).hasMessageContaining("holeTimeoutMicros");
    }

    private TcpReassembler reassembler(ReassemblyConfig config) {
        return new TcpReassembler(config, new ReassemblyBudget(config.maxBufferedBytesTotal()), counters, out);
    }

    @Test
    void skipsTheTailCutBySnapLengthAtOnceAsAGap() {
        start();
        byte[] head = bytes("GET /a");
        r.onSegment(ISN + 1, ACK, head, 0, head.length, 94, 1); // 100-byte segment, 6 bytes captured
        seg(ISN + 101, "next", 2);

        assertThat(out.events).containsExactly("data GET /a @1", "gap 94 @1", "data next @2");
        assertThat(counters.snapshot(budget).gapsOnTruncation()).isEqualTo(1);
    }

    @Test
    void aSegmentWithNoCapturedPayloadStillMovesTheStreamOn() {
        start();
        r.onSegment(ISN + 1, ACK, new byte[0], 0, 0, 1448, 1); // headers-only snap length
        r.onSegment(ISN + 1449, ACK, new byte[0], 0, 0, 1448, 2);

        assertThat(out.events).containsExactly("gap 1448 @1", "gap 1448 @2");
        assertThat(r.nextSeq()).isEqualTo(ISN + 2897);
        assertThat(r.hasBuffered()).isFalse();
    }

    @Test
    void aTruncatedSegmentAfterAHoleWaitsForTheHoleLikeAnyOther() {
        start();
        byte[] late = bytes("late");
        r.onSegment(ISN + 11, ACK, late, 0, late.length, 6, 1);
        assertThat(out.events).isEmpty();

        seg(ISN + 1, "0123456789", 2);
        assertThat(out.text()).isEqualTo("0123456789late");
    }

    private void start() {
        r.onSegment(ISN, SYN, new byte[0], 0, 0, 0);
    }

    private void seg(int seq, String text, long ts) {
        byte[] b = bytes(text);
        r.onSegment(seq, ACK, b, 0, b.length, ts);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Records what a reassembler delivers, as readable events. */
    static final class Recorder implements StreamSink {
        final List<String> events = new ArrayList<>();
        final List<byte[]> arrays = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public void onData(byte[] data, int offset, int length, long timestampMicros) {
            String s = new String(data, offset, length, StandardCharsets.ISO_8859_1);
            events.add("data " + s + " @" + timestampMicros);
            arrays.add(data);
            text.append(s);
        }

        @Override
        public void onGap(int missingBytes, long timestampMicros) {
            events.add("gap " + missingBytes + " @" + timestampMicros);
        }

        String text() { return text.toString(); }
    }
}
