package io.wirespan.engine.protocol;

import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.L7Parser;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.MessageHook;
import io.wirespan.api.MessageSink;
import io.wirespan.api.ParseContext;
import io.wirespan.api.ParserCounter;
import io.wirespan.api.ParserSettings;
import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.flow.Flow;
import io.wirespan.engine.session.FlowIdentity;
import io.wirespan.engine.session.StampedMessage;
import java.util.List;
import java.util.function.Consumer;

/**
 * The protocol engine's state for one flow: its parser once identified, the bytes each direction
 * holds for it, and the context the parser reads. Also the parser's message sink: it passes each
 * message through the hooks that want its protocol, then stamps it with its flow, protocol,
 * direction and times before handing it to the sessions.
 */
final class FlowParsing implements ParseContext, MessageSink {
    private final Flow flow;
    private final Consumer<StampedMessage> messages;
    private final ParserCounterTotals counterTotals;
    private final List<MessageHook> hooks;
    private final HeldBytes[] held = {new HeldBytes(), new HeldBytes()};
    private L7ProtocolProvider provider;
    private L7Parser parser;
    private ParserSettings settings = ParserSettings.DEFAULTS;
    private FlowIdentity identity;
    private int checkAttempts;
    private boolean gaveUp;
    private long timestampMicros;
    private long messageStartMicros;
    private Direction direction = Direction.CLIENT_TO_SERVER;
    private long messagesEmitted;
    private byte[] payload;
    private int payloadOffset, payloadLength;

    FlowParsing(Flow flow, Consumer<StampedMessage> messages, ParserCounterTotals counterTotals, List<MessageHook> hooks) {
        this.flow = flow;
        this.messages = messages;
        this.counterTotals = counterTotals;
        this.hooks = hooks;
    }

    void attach(L7ProtocolProvider provider, ParserSettings settings) {
        this.provider = provider;
        this.settings = settings;
        this.identity = null;
        this.parser = provider.newParser(this);
    }

    /** Forgets the parser (a protocol switch): the flow is identified anew. */
    void detach() {
        provider = null;
        parser = null;
        checkAttempts = 0;
        held[0].clear();
        held[1].clear();
    }

    void giveUp() {
        detach();
        gaveUp = true;
    }

    /** The flow closed: nothing more is parsed, and its buffers go. */
    void close() {
        giveUp();
        held[0].release();
        held[1].release();
    }

    boolean identified() { return parser != null; }
    boolean gaveUp() { return gaveUp; }
    L7ProtocolProvider provider() { return provider; }
    L7Parser parser() { return parser; }
    int countCheckAttempt() { return ++checkAttempts; }
    long messagesEmitted() { return messagesEmitted; }
    HeldBytes held(Direction d) { return held[d.ordinal()]; }

    void at(Direction direction, long timestampMicros, long messageStartMicros) {
        this.direction = direction;
        this.timestampMicros = timestampMicros;
        this.messageStartMicros = messageStartMicros;
    }

    /** The bytes of the parser call in progress, which hooks see; null between calls. */
    void payload(byte[] data, int offset, int length) {
        this.payload = data;
        this.payloadOffset = offset;
        this.payloadLength = length;
    }

    /** The sides swapped after identification: the cached identity is stale. */
    void sidesChanged() {
        identity = null;
    }

    // ---- MessageSink

    @Override
    public void emit(L7Message message) {
        messagesEmitted++;
        if (!hooks.isEmpty()) message = hooked(message);
        L7Protocol protocol = message.protocol() != null ? message.protocol() : provider.protocol();
        messages.accept(new StampedMessage(identity(), protocol, message, direction, messageStartMicros, timestampMicros));
    }

    private L7Message hooked(L7Message message) {
        L7Protocol protocol = message.protocol() != null ? message.protocol() : provider.protocol();
        for (MessageHook hook : hooks) {
            if (!hook.wants(protocol)) continue;
            byte[] bytes = payload == null ? new byte[0] : payload;
            int length = payload == null ? 0 : Math.min(payloadLength, settings.payloadTruncation());
            try {
                L7Message changed = hook.apply(protocol, message, direction, this, bytes, payloadOffset, length);
                if (changed != null) message = changed;
            } catch (RuntimeException e) {
                // a hook's bug: the message goes on as it was
                counterTotals.counter(protocol.name(), "hook_failures").add(1);
            }
        }
        return message;
    }

    private FlowIdentity identity() {
        if (identity == null) {
            identity = new FlowIdentity(flow.id(), isUdp() ? "UDP" : "TCP", flow.clientAddress(), flow.clientPort(),
                    flow.serverAddress(), flow.serverPort());
        }
        return identity;
    }

    // ---- ParseContext

    @Override public long flowId() { return flow.id(); }
    @Override public boolean isUdp() { return flow.l4Protocol() == DecodedPacket.UDP; }
    @Override public String clientIp() { return flow.clientAddress(); }
    @Override public String serverIp() { return flow.serverAddress(); }
    @Override public int clientPort() { return flow.clientPort(); }
    @Override public int serverPort() { return flow.serverPort(); }
    @Override public long timestampMicros() { return timestampMicros; }
    @Override public ParserSettings settings() { return settings; }

    /** The total of the attached protocol; during inference, when none is attached, nothing is counted. */
    @Override
    public ParserCounter counter(String name) {
        return provider == null ? ParserCounter.NO_OP : counterTotals.counter(provider.protocol().name(), name);
    }

    /** {@link #counter(String)} for the counter named after {@code constant}, found without making its name. */
    ParserCounter counter(Enum<?> constant) {
        return provider == null ? ParserCounter.NO_OP : counterTotals.counter(provider.protocol().name(), constant);
    }
}
