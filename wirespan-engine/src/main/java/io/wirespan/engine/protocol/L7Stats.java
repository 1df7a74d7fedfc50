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
 */
public record L7Stats(Map<String, Long> flowsByProtocol, long unidentifiedFlows, long checks, long parserFailures,
                      long heldOverflows, long gaps, SessionStats sessions) {}
