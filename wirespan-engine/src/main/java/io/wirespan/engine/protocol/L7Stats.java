package io.wirespan.engine.protocol;

import io.wirespan.engine.session.SessionStats;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counters of the protocol engine.
 *
 * @param flowsByProtocol flows identified, per protocol name, sorted
 * @param unidentifiedFlows flows given up on: no protocol accepted their first payloads
 * @param checks protocol checks run during inference
 * @param parserFailures parsers that threw (a bug in the parser; the flow went on unparsed)
 * @param heldOverflows times a direction's unconsumed bytes outgrew their bound and were dropped
 * @param gaps holes in TCP streams handed to parsers
 * @param parserCounters what the parsers counted ({@link ParserCounters}), summed per protocol name then counter
 *     name, both sorted; zeros included
 */
public record L7Stats(Map<String, Long> flowsByProtocol, long unidentifiedFlows, long checks, long parserFailures,
                      long heldOverflows, long gaps, Map<String, Map<String, Long>> parserCounters,
                      SessionStats sessions) {

    /** The total of one parser counter, 0 when no parser of the protocol asked for it. */
    public long parserCounter(String protocol, String name) {
        return parserCounters.getOrDefault(protocol, Map.of()).getOrDefault(name, 0L);
    }

    /** Both engines' counters: the shards of one pipeline. */
    public L7Stats plus(L7Stats o) {
        Map<String, Long> flows = new TreeMap<>(flowsByProtocol);
        o.flowsByProtocol.forEach((name, n) -> flows.merge(name, n, Long::sum));
        Map<String, Map<String, Long>> counters = new TreeMap<>();
        for (Map<String, Map<String, Long>> side : List.of(parserCounters, o.parserCounters)) {
            side.forEach((protocol, byName) -> byName.forEach((name, n) ->
                    counters.computeIfAbsent(protocol, p -> new TreeMap<>()).merge(name, n, Long::sum)));
        }
        return new L7Stats(Collections.unmodifiableMap(flows), unidentifiedFlows + o.unidentifiedFlows, checks + o.checks,
                parserFailures + o.parserFailures, heldOverflows + o.heldOverflows, gaps + o.gaps, counters,
                sessions.plus(o.sessions));
    }
}
