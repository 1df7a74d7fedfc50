package io.wirespan.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CallLog;
import io.wirespan.api.CallLogType;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.capture.RawPacket;
import io.wirespan.engine.config.Config;
import io.wirespan.engine.protocol.L7Engine;
import io.wirespan.engine.protocol.L7Settings;
import io.wirespan.engine.testing.TestFrames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A live source moves packet time on in quiet moments ({@link Pipeline#advanceTime}): a request
 * that is never answered times out while the input still goes on, with one shard or several,
 * rather than when the input ends.
 */
class QuietTimeTest {
    private static final long SECOND = 1_000_000;

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void anUnansweredRequestTimesOutInAQuietMomentBeforeTheInputEnds(int shards) throws Exception {
        List<CallLog> logs = Collections.synchronizedList(new ArrayList<>());
        L7Settings settings = L7Engine.settings(Config.defaults(), QuietTimeTest.class.getClassLoader());
        List<CallLog> beforeTheEnd = new ArrayList<>();
        try (Pipeline pipeline = new Pipeline(EngineSettings.DEFAULTS, shards, shard -> new L7Engine(settings, logs::add))) {
            PacketSource quiet = new PacketSource() {
                private int calls;

                @Override
                public boolean next(RawPacket packet) {
                    if (calls++ == 0) {
                        byte[] request = TestFrames.ipv4Tcp(1, 40000, 2, 16390, 1000, "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n");
                        packet.set(request, 0, request.length, request.length, 10 * SECOND, TestFrames.LINKTYPE_IPV4, 0);
                        return true;
                    }
                    // nothing more arrives; the clock goes on past Redis's request timeout
                    pipeline.advanceTime(10 * SECOND + 3600 * SECOND);
                    long deadline = System.nanoTime() + 10_000_000_000L;
                    while (logs.isEmpty() && System.nanoTime() < deadline) Thread.onSpinWait();
                    beforeTheEnd.addAll(logs);
                    return false;
                }

                @Override public String name() { return "quiet"; }
                @Override public long position() { return 0; }
                @Override public long size() { return -1; }
                @Override public void close() {}
            };
            pipeline.run(quiet, position -> {});
        }
        assertThat(beforeTheEnd).singleElement().satisfies(log -> {
            assertThat(log.type()).isEqualTo(CallLogType.REQUEST);
            assertThat(log.responseStatus()).isEqualTo(ResponseStatus.TIMEOUT);
            assertThat(log.requestResource()).isEqualTo("GET k");
        });
    }
}
