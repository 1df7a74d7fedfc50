package io.wirespan.engine.session;

import java.util.ArrayList;
import java.util.List;

/**
 * The requests waiting for a response, in deadline order. A request's deadline is its start plus
 * its protocol's timeout, and requests arrive in time order, so one linked list per timeout value
 * stays sorted by appending; an answered request is unlinked at once, so the lists hold only what
 * still waits (a priority queue with lazy deletion held every request of the last timeout).
 */
final class Deadlines {
    /** A waiting request, linked into the lane of its timeout. */
    static final class Entry {
        final StampedMessage request;
        final long deadline;
        private Lane lane;
        private Entry previous, next;

        Entry(StampedMessage request, long deadline) {
            this.request = request;
            this.deadline = deadline;
        }

        boolean isWaiting() {
            return lane != null;
        }
    }

    private static final class Lane {
        final long timeout;
        Entry head, tail;

        Lane(long timeout) {
            this.timeout = timeout;
        }
    }

    private final List<Lane> lanes = new ArrayList<>();
    /**
     * No waiting request has an earlier deadline than this. Removals only raise the true minimum,
     * so the bound is lowered on add and made exact only when time reaches it: most calls of
     * {@link #expired} return at once.
     */
    private long earliestPossible = Long.MAX_VALUE;

    /** Adds a request that waits {@code timeoutMicros} from {@code startMicros}. */
    Entry add(StampedMessage request, long startMicros, long timeoutMicros) {
        Entry entry = new Entry(request, startMicros + timeoutMicros);
        earliestPossible = Math.min(earliestPossible, entry.deadline);
        Lane lane = lane(timeoutMicros);
        // packet time can step back a little between flows: walk back to keep the lane sorted
        Entry after = lane.tail;
        while (after != null && after.deadline > entry.deadline) after = after.previous;
        entry.lane = lane;
        entry.previous = after;
        entry.next = after == null ? lane.head : after.next;
        if (entry.next == null) lane.tail = entry; else entry.next.previous = entry;
        if (after == null) lane.head = entry; else after.next = entry;
        return entry;
    }

    /** Takes a request out: answered, displaced or timed out. Does nothing when it was out already. */
    void remove(Entry entry) {
        Lane lane = entry.lane;
        if (lane == null) return;
        if (entry.previous == null) lane.head = entry.next; else entry.previous.next = entry.next;
        if (entry.next == null) lane.tail = entry.previous; else entry.next.previous = entry.previous;
        entry.lane = null;
        entry.previous = entry.next = null;
    }

    /** The waiting request with the earliest deadline if it is at or before {@code nowMicros}, else null. */
    Entry expired(long nowMicros) {
        if (nowMicros < earliestPossible) return null;
        Entry earliest = oldest();
        earliestPossible = earliest == null ? Long.MAX_VALUE : earliest.deadline;
        return earliest != null && earliest.deadline <= nowMicros ? earliest : null;
    }

    /** The waiting request with the earliest deadline, or null when none waits. */
    Entry oldest() {
        Entry earliest = null;
        for (Lane lane : lanes) {
            if (lane.head != null && (earliest == null || lane.head.deadline < earliest.deadline)) earliest = lane.head;
        }
        return earliest;
    }

    private Lane lane(long timeout) {
        for (Lane lane : lanes) if (lane.timeout == timeout) return lane;
        Lane lane = new Lane(timeout);
        lanes.add(lane);
        return lane;
    }
}
