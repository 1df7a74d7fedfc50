package io.wirespan.engine.session;

import io.wirespan.api.CallLog;
import io.wirespan.api.ResponseStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Pairs requests with responses into call logs (DeepFlow's session aggregation, reference §5).
 * Messages with a session id pair by (flow, id): HTTP/2 streams, DNS transactions, Kafka
 * correlation ids. Others pair in order within their flow, as HTTP/1 pipelining requires.
 *
 * <ul>
 *   <li>A request waits for its response until its protocol's timeout of packet time, then becomes
 *       a lone {@code request} with status {@code timeout}.
 *   <li>A second request on a waiting id displaces the first, which is sent alone as
 *       {@code unknown}; so is the oldest request when the pending bound is reached (counted).
 *   <li>A response with no waiting request is sent alone at once; a whole-exchange message too,
 *       and an asynchronous message (a plugin's {@code is_async}) whatever its type.
 *   <li>When a flow ends its waiting requests are sent: {@code timeout} when the connection
 *       closed unanswered, {@code unknown} when only the capture ended.
 * </ul>
 *
 * Single-threaded, one per worker; time comes from {@link #advanceTo} and the message stamps.
 */
public final class SessionAggregator {
    private final SessionConfig config;
    private final Consumer<CallLog> out;
    private final LongKeyedMap<FlowSessions> flows = new LongKeyedMap<>();
    private final Deadlines deadlines = new Deadlines();
    private int waiting;
    private long sessions, loneRequests, loneResponses, timeouts, displaced, overflows;

    public SessionAggregator(SessionConfig config, Consumer<CallLog> out) {
        this.config = config;
        this.out = out;
    }

    /** The requests of one flow that wait for responses. */
    private static final class FlowSessions {
        final ArrayDeque<Deadlines.Entry> inOrder = new ArrayDeque<>(4);
        private LongKeyedMap<Deadlines.Entry> byId; // made for the flows whose messages have ids

        LongKeyedMap<Deadlines.Entry> byId() {
            if (byId == null) byId = new LongKeyedMap<>();
            return byId;
        }

        boolean isEmpty() {
            return inOrder.isEmpty() && (byId == null || byId.size() == 0);
        }

        List<Deadlines.Entry> all() {
            List<Deadlines.Entry> all = new ArrayList<>(inOrder);
            if (byId != null) all.addAll(byId.values());
            return all;
        }
    }

    public void accept(StampedMessage message) {
        advanceTo(message.startMicros());
        if (Boolean.TRUE.equals(message.message().isAsync())) {
            sendAsync(message);
            return;
        }
        switch (message.message().type()) {
            case REQUEST -> waitForResponse(message);
            case RESPONSE -> answer(message);
            case SESSION -> {
                sessions++;
                out.accept(CallLogs.wholeSession(message));
            }
        }
    }

    /** Packet time moved on: requests past their deadline time out. */
    public void advanceTo(long nowMicros) {
        Deadlines.Entry expired;
        while ((expired = deadlines.expired(nowMicros)) != null) {
            timeouts++;
            finish(expired, ResponseStatus.TIMEOUT);
        }
    }

    /**
     * A flow ended. {@code connectionClosed}: it closed, so what still waits was never answered
     * ({@code timeout}); otherwise the capture ended and the answer may just not be in it
     * ({@code unknown}).
     */
    public void flowEnded(long flowId, boolean connectionClosed, long nowMicros) {
        advanceTo(nowMicros);
        FlowSessions sessions = flows.remove(flowId);
        if (sessions == null || sessions.isEmpty()) return;
        ResponseStatus status = connectionClosed ? ResponseStatus.TIMEOUT : ResponseStatus.UNKNOWN;
        // Oldest first, whichever way they were to pair.
        List<Deadlines.Entry> left = sessions.all();
        left.sort(Comparator.comparingLong(e -> e.request.startMicros()));
        for (Deadlines.Entry e : left) {
            if (!e.isWaiting()) continue;
            if (connectionClosed) timeouts++;
            finish(e, status);
        }
    }

    /** Sends everything still waiting, as at the end of the input. */
    public void flushAll() {
        for (long flowId : flows.keys()) flowEnded(flowId, false, Long.MIN_VALUE);
    }

    public int waiting() { return waiting; }

    public SessionStats stats() {
        return new SessionStats(sessions, loneRequests, loneResponses, timeouts, displaced, overflows, waiting);
    }

    private void waitForResponse(StampedMessage request) {
        if (waiting >= config.maxPending()) evictOldest();
        FlowSessions sessions = flows.computeIfAbsent(request.flow().flowId(), id -> new FlowSessions());
        Deadlines.Entry pending = deadlines.add(request, request.startMicros(), config.timeoutMicros(request.protocol()));
        waiting++;
        Long id = request.message().sessionId();
        if (id == null) {
            sessions.inOrder.addLast(pending);
        } else {
            Deadlines.Entry previous = sessions.byId().put(id, pending);
            if (previous != null && previous.isWaiting()) {
                displaced++;
                finish(previous, ResponseStatus.UNKNOWN);
            }
        }
    }

    private void answer(StampedMessage response) {
        FlowSessions sessions = flows.get(response.flow().flowId());
        Deadlines.Entry request = null;
        if (sessions != null) {
            Long id = response.message().sessionId();
            if (id == null) {
                while ((request = sessions.inOrder.pollFirst()) != null && !request.isWaiting()) { /* skip finished */ }
            } else {
                request = sessions.byId().remove(id);
                if (request != null && !request.isWaiting()) request = null;
            }
        }
        if (request == null) {
            loneResponses++;
            out.accept(CallLogs.loneResponse(response));
            return;
        }
        deadlines.remove(request);
        waiting--;
        this.sessions++;
        out.accept(CallLogs.session(request.request, response));
    }

    /** An asynchronous message is not paired: it is a call log of its own, as the message says. */
    private void sendAsync(StampedMessage message) {
        switch (message.message().type()) {
            case REQUEST -> {
                loneRequests++;
                ResponseStatus status = message.message().responseStatus();
                out.accept(CallLogs.loneRequest(message, status == null ? ResponseStatus.UNKNOWN : status));
            }
            case RESPONSE -> {
                loneResponses++;
                out.accept(CallLogs.loneResponse(message));
            }
            case SESSION -> {
                sessions++;
                out.accept(CallLogs.wholeSession(message));
            }
        }
    }

    private void evictOldest() {
        Deadlines.Entry oldest = deadlines.oldest();
        if (oldest != null) {
            overflows++;
            finish(oldest, ResponseStatus.UNKNOWN);
        }
    }

    private void finish(Deadlines.Entry pending, ResponseStatus status) {
        deadlines.remove(pending);
        waiting--;
        loneRequests++;
        FlowSessions sessions = flows.get(pending.request.flow().flowId());
        if (sessions != null) {
            Long id = pending.request.message().sessionId();
            if (id == null) sessions.inOrder.remove(pending);
            else if (sessions.byId().get(id) == pending) sessions.byId().remove(id);
        }
        out.accept(CallLogs.loneRequest(pending.request, status));
    }
}
