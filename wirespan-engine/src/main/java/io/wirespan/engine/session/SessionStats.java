package io.wirespan.engine.session;

/**
 * Counters of a {@link SessionAggregator}.
 *
 * @param sessions merged exchanges and whole-exchange messages sent
 * @param loneRequests requests sent without a response (all causes)
 * @param timeouts of those, requests whose response never came in time or before the close
 * @param displaced of those, requests displaced by a newer one with the same session id
 * @param overflows of those, requests sent early because the pending bound was reached
 */
public record SessionStats(long sessions, long loneRequests, long loneResponses, long timeouts, long displaced,
                           long overflows, int waiting) {

    /** Both aggregators' counters: the shards of one pipeline. */
    public SessionStats plus(SessionStats o) {
        return new SessionStats(sessions + o.sessions, loneRequests + o.loneRequests, loneResponses + o.loneResponses,
                timeouts + o.timeouts, displaced + o.displaced, overflows + o.overflows, waiting + o.waiting);
    }
}
