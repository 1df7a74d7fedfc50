package io.wirespan.engine.protocol;

import io.wirespan.api.CallLog;
import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Parser;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.MessageHook;
import io.wirespan.engine.config.Config;
import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.flow.Flow;
import io.wirespan.engine.flow.FlowEndReason;
import io.wirespan.engine.flow.FlowListener;
import io.wirespan.engine.session.SessionAggregator;
import io.wirespan.engine.session.SessionStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The protocol engine: plugged into the flow table, it identifies each flow's protocol, runs its
 * parser over the reassembled bytes and pairs the messages into call logs.
 *
 * <p>Bytes a parser leaves unconsumed are held per direction and offered again with the next
 * ones, so parsers never buffer. A parser that throws is a bug; the flow is detached from it and
 * counted, and everything else goes on.
 *
 * <p>One engine serves one pipeline shard, on one thread: it asks every provider and hook for
 * the copy this shard uses ({@code forShard}), while the verdicts inference learned across flows
 * are shared by all shards, kept in terms of the shared providers.
 */
public final class L7Engine implements FlowListener {
    private Protocols protocols;
    private final SessionAggregator sessions;
    private final ParserCounterTotals counterTotals = new ParserCounterTotals();
    private final Map<String, Long> flowsByProtocol = new TreeMap<>();
    private long unidentifiedFlows, parserFailures, heldOverflows, gaps, earlierChecks;

    /** The engine for a configuration: the built-in protocols and those on the class path. */
    public static L7Engine create(Config config, Consumer<CallLog> out) {
        return create(config, L7Engine.class.getClassLoader(), out);
    }

    /** The engine for a configuration, with the protocol plugins {@code plugins} can load as well. */
    public static L7Engine create(Config config, ClassLoader plugins, Consumer<CallLog> out) {
        return new L7Engine(settings(config, plugins), out);
    }

    /**
     * The settings and protocol providers of a configuration. The shards of a pipeline share one:
     * providers are thread-safe factories, and what one learns across flows (the protocol of a
     * server endpoint, Kafka's topic names) then serves every shard.
     */
    public static L7Settings settings(Config config, ClassLoader plugins) {
        return settings(config, plugins, List.of(), List.of());
    }

    /**
     * The same, with the protocols of Wasm plugins ({@code wasm}, tried before everything else when
     * {@code Custom} is enabled) and the hooks that see messages after their parser.
     */
    public static L7Settings settings(Config config, ClassLoader plugins, List<L7ProtocolProvider> wasm,
                                      List<MessageHook> hooks) {
        return L7Settings.from(config, BuiltinProtocols.registry(config, plugins, wasm), hooks);
    }

    public L7Engine(L7Settings settings, Consumer<CallLog> out) {
        this.protocols = new Protocols(settings);
        this.sessions = new SessionAggregator(settings.sessions(), out);
    }

    /**
     * Switches to other settings (protocols enabled, their ports, parser settings, hooks) while
     * traffic flows; call on the shard's thread. Flows not identified yet are identified under the
     * new settings, and so is every flow that starts from now on; a flow that has its parser keeps
     * it, and its hooks, until it ends, so no message in flight is lost. The session settings (the
     * response timeouts) stay those the engine started with.
     */
    public void reconfigure(L7Settings next) {
        earlierChecks += protocols.inference.checks();
        protocols = new Protocols(next);
    }

    /** What a shard makes of one {@link L7Settings}: its own copy of every provider and hook. */
    private static final class Protocols {
        final L7Settings settings;
        final Map<L7ProtocolProvider, L7ProtocolProvider> localOf = new IdentityHashMap<>();
        final Map<L7ProtocolProvider, L7ProtocolProvider> sharedOf = new IdentityHashMap<>();
        final List<MessageHook> hooks;
        final ProtocolInference inference;

        Protocols(L7Settings settings) {
            this.settings = settings;
            List<L7ProtocolProvider> local = new ArrayList<>();
            Map<L7ProtocolProvider, PortSet> localPorts = new IdentityHashMap<>();
            for (L7ProtocolProvider shared : settings.enabled()) {
                L7ProtocolProvider mine = shared.forShard();
                localOf.put(shared, mine);
                sharedOf.put(mine, shared);
                local.add(mine);
                localPorts.put(mine, settings.ports().get(shared));
            }
            this.hooks = settings.hooks().stream().map(MessageHook::forShard).toList();
            this.inference = new ProtocolInference(local, localPorts);
        }
    }

    @Override
    public void onFlowStart(Flow flow, long timestampMicros) {}

    @Override
    public void onPayload(Flow flow, Direction direction, byte[] data, int offset, int length, long timestampMicros) {
        sessions.advanceTo(timestampMicros);
        FlowParsing state = state(flow);
        if (state.gaveUp()) return;
        if (!state.identified()) {
            Direction identifiedAs = identify(flow, state, direction, data, offset, length, timestampMicros);
            if (identifiedAs == null) return;
            direction = identifiedAs;
        }
        parse(flow, state, direction, data, offset, length, timestampMicros);
    }

    @Override
    public void onGap(Flow flow, Direction direction, int missingBytes, long timestampMicros) {
        FlowParsing state = (FlowParsing) flow.attachment();
        if (state == null || !state.identified()) return;
        gaps++;
        state.held(direction).clear();
        state.at(direction, timestampMicros, timestampMicros);
        L7Parser parser = state.parser();
        try {
            parser.onGap(direction, missingBytes, state);
        } catch (RuntimeException e) {
            failed(state);
        }
    }

    /**
     * Both directions ended with FIN, so no payload follows: the parser ends and the requests still
     * waiting are sent now, and the flow keeps only a closed marker while it lingers in the table.
     */
    @Override
    public void onFlowClosed(Flow flow, long timestampMicros) {
        FlowParsing state = endParsing(flow, timestampMicros);
        if (state != null) state.close();
        sessions.flowEnded(flow.id(), true, timestampMicros);
    }

    @Override
    public void onFlowEnd(Flow flow, FlowEndReason reason, long timestampMicros) {
        endParsing(flow, timestampMicros);
        sessions.flowEnded(flow.id(), reason != FlowEndReason.END_OF_INPUT, timestampMicros);
        flow.setAttachment(null);
    }

    /** Tells the flow's parser, if it has one, that its flow ended; returns the flow's state. */
    private FlowParsing endParsing(Flow flow, long timestampMicros) {
        FlowParsing state = (FlowParsing) flow.attachment();
        if (state != null && state.identified()) {
            state.at(Direction.SERVER_TO_CLIENT, timestampMicros, timestampMicros);
            try {
                state.parser().onFlowEnd(state, state);
            } catch (RuntimeException e) {
                failed(state);
            }
        }
        return state;
    }

    /** Requests that waited past their timeout by now end as timeouts. */
    @Override
    public void onTimePassed(long nowMicros) {
        sessions.advanceTo(nowMicros);
    }

    /** Sends what still waits for a response; call at the end of the input. */
    public void flush() {
        sessions.flushAll();
    }

    public L7Stats stats() {
        SessionStats s = sessions.stats();
        return new L7Stats(Collections.unmodifiableMap(new TreeMap<>(flowsByProtocol)), unidentifiedFlows,
                earlierChecks + protocols.inference.checks(), parserFailures,
                heldOverflows, gaps, counterTotals.snapshot(), s);
    }

    private FlowParsing state(Flow flow) {
        FlowParsing state = (FlowParsing) flow.attachment();
        if (state == null) {
            state = new FlowParsing(flow, sessions::accept, counterTotals, protocols.hooks);
            flow.setAttachment(state);
        }
        return state;
    }

    /**
     * Finds the flow's protocol from this payload, or from what an earlier flow to the same server
     * taught. Returns the payload's direction after any correction of the flow's sides, or null
     * when the flow stays unidentified for now.
     */
    private Direction identify(Flow flow, FlowParsing state, Direction direction, byte[] data, int offset, int length,
                               long now) {
        Protocols protocols = this.protocols;
        VerdictCache verdicts = protocols.settings.verdicts();
        boolean udp = flow.l4Protocol() == DecodedPacket.UDP;
        L7ProtocolProvider known = verdicts.known(flow.serverIpHi(), flow.serverIpLo(), flow.serverPort(), udp, now);
        if (known == null) {
            known = verdicts.known(flow.clientIpHi(), flow.clientIpLo(), flow.clientPort(), udp, now);
            if (known != null) {
                flow.swapSides(); // this flow's "client" is a server we already know
                direction = direction.reverse();
            }
        }
        if (known != null) return attach(state, known) ? direction : null;
        if (verdicts.givenUp(flow.serverIpHi(), flow.serverIpLo(), flow.serverPort(), udp, now)) {
            giveUp(state);
            return null;
        }
        boolean fromClient = direction == Direction.CLIENT_TO_SERVER;
        int senderPort = fromClient ? flow.clientPort() : flow.serverPort();
        int receiverPort = fromClient ? flow.serverPort() : flow.clientPort();
        state.at(direction, now, now);
        ProtocolInference.Match match = protocols.inference.identify(direction, data, offset,
                Math.min(length, protocols.settings.parser().payloadTruncation()), udp, senderPort, receiverPort, state);
        if (match == null) {
            if (state.countCheckAttempt() >= protocols.settings.maxCheckAttemptsPerFlow()) {
                verdicts.failed(flow.serverIpHi(), flow.serverIpLo(), flow.serverPort(), udp, now);
                giveUp(state);
            }
            return null;
        }
        boolean senderIsClient = match.verdict() == CheckResult.REQUEST;
        if (senderIsClient != fromClient) {
            flow.swapSides();
            direction = direction.reverse();
        }
        L7ProtocolProvider shared = protocols.sharedOf.get(match.provider());
        verdicts.found(flow.serverIpHi(), flow.serverIpLo(), flow.serverPort(), udp, shared, now);
        return attach(state, shared) ? direction : null;
    }

    /** Makes the flow's parser; false when the provider threw (a bad counter name, say) and the flow was given up. */
    private boolean attach(FlowParsing state, L7ProtocolProvider provider) {
        try {
            state.attach(protocols.localOf.get(provider), protocols.settings.parserSettingsFor(provider));
        } catch (RuntimeException e) {
            failed(state);
            return false;
        }
        flowsByProtocol.merge(provider.protocol().name(), 1L, Long::sum);
        return true;
    }

    private void giveUp(FlowParsing state) {
        state.giveUp();
        unidentifiedFlows++;
    }

    private void parse(Flow flow, FlowParsing state, Direction direction, byte[] data, int offset, int length, long now) {
        if (flow.l4Protocol() == DecodedPacket.UDP) {
            state.at(direction, now, now);
            call(state, direction, data, offset, length);
            afterCall(flow, state, direction, data, offset, length, now);
            return;
        }
        HeldBytes held = state.held(direction);
        if (held.isEmpty()) {
            state.at(direction, now, now);
            int consumed = call(state, direction, data, offset, length);
            if (consumed < 0) return;
            if (afterCall(flow, state, direction, data, offset + consumed, length - consumed, now)) return;
            if (consumed < length && !held.append(data, offset + consumed, length - consumed, now, protocols.settings.maxBufferedBytes())) {
                overflow(state, direction, length - consumed, now);
            }
            return;
        }
        if (!held.append(data, offset, length, now, protocols.settings.maxBufferedBytes())) {
            overflow(state, direction, length, now);
            return;
        }
        state.at(direction, now, held.firstByteMicros());
        int consumed = call(state, direction, held.bytes(), 0, held.length());
        if (consumed < 0) return;
        int rest = held.length() - consumed;
        if (state.parser().protocolSwitched()) {
            byte[] after = Arrays.copyOfRange(held.bytes(), consumed, held.length());
            afterCall(flow, state, direction, after, 0, rest, now);
            return;
        }
        held.consume(consumed, length, now);
    }

    /** Runs the parser; -1 when it failed (and the flow was detached from it). */
    private int call(FlowParsing state, Direction direction, byte[] data, int offset, int length) {
        state.payload(data, offset, length);
        try {
            int consumed = state.parser().parse(direction, data, offset, length, state, state);
            if (consumed < 0 || consumed > length) throw new IllegalStateException("consumed " + consumed + " of " + length);
            return consumed;
        } catch (RuntimeException e) {
            failed(state);
            return -1;
        } finally {
            state.payload(null, 0, 0);
        }
    }

    /**
     * After a parser call: when the connection switched protocols, the flow is identified anew
     * from the unconsumed bytes. Returns true when that happened.
     */
    private boolean afterCall(Flow flow, FlowParsing state, Direction direction, byte[] rest, int offset, int restLength,
                              long now) {
        if (!state.identified() || !state.parser().protocolSwitched()) return false;
        state.detach();
        if (restLength > 0) onPayload(flow, direction, rest, offset, restLength, now);
        return true;
    }

    private void overflow(FlowParsing state, Direction direction, int dropped, long now) {
        heldOverflows++;
        state.at(direction, now, now);
        try {
            state.parser().onGap(direction, dropped, state);
        } catch (RuntimeException e) {
            failed(state);
        }
    }

    private void failed(FlowParsing state) {
        parserFailures++;
        state.giveUp();
    }
}
