package io.wirespan.engine.protocol;

import io.wirespan.engine.session.SessionStats;
import java.util.Map;

/**
 * Counters of the protocol engine.
 *
 * @param flowsByProtocol flows identified, per protocol name
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
}
