package io.wirespan.engine.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.L7Protocol;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadlinesTest {
    private static final FlowIdentity FLOW = new FlowIdentity(1, "TCP", "10.0.0.1", 40000, "10.0.0.2", 80);

    private static StampedMessage request(long start) {
        return new StampedMessage(FLOW, L7Protocol.HTTP1, L7Message.request().build(), Direction.CLIENT_TO_SERVER, start, start);
    }

    private static List<Long> drain(Deadlines deadlines, long now) {
        List<Long> starts = new ArrayList<>();
        Deadlines.Entry e;
        while ((e = deadlines.expired(now)) != null) {
            starts.add(e.request.startMicros());
            deadlines.remove(e);
        }
        return starts;
    }

    @Test
    void requestsExpireInDeadlineOrderAcrossTimeoutsAndStepsBackInTime() {
        Deadlines deadlines = new Deadlines();
        deadlines.add(request(100), 100, 1_000);   // deadline 1100
        deadlines.add(request(200), 200, 50);      // 250, another lane
        deadlines.add(request(90), 90, 1_000);     // 1090: packet time stepped back, goes before 1100
        deadlines.add(request(300), 300, 50);      // 350

        assertThat(deadlines.oldest().deadline).isEqualTo(250);
        assertThat(drain(deadlines, 349)).containsExactly(200L);
        assertThat(drain(deadlines, 10_000)).containsExactly(300L, 90L, 100L);
        assertThat(deadlines.oldest()).isNull();
    }

    @Test
    void anAnsweredRequestLeavesAtOnceAndRemovingTwiceIsHarmless() {
        Deadlines deadlines = new Deadlines();
        Deadlines.Entry first = deadlines.add(request(1), 1, 10);
        Deadlines.Entry middle = deadlines.add(request(2), 2, 10);
        Deadlines.Entry last = deadlines.add(request(3), 3, 10);

        deadlines.remove(middle);
        deadlines.remove(middle);
        assertThat(middle.isWaiting()).isFalse();
        assertThat(first.isWaiting()).isTrue();
        deadlines.remove(last);
        assertThat(drain(deadlines, 100)).containsExactly(1L);
        assertThat(deadlines.oldest()).isNull();
    }
}
