package io.wirespan.api;

/**
 * One application protocol: its identity, how to recognise it and how to parse it. Built-in
 * protocols are registered by the engine; a third-party jar adds one by listing its
 * implementation in {@code META-INF/services/io.wirespan.api.L7ProtocolProvider}, with a public
 * no-argument constructor.
 */
public interface L7ProtocolProvider {

    L7Protocol protocol();

    /** The name used in {@code enabled_protocols} and {@code port_number_prefilters} (DeepFlow's parser name). */
    default String configName() {
        return protocol().name();
    }

    default boolean parsesTcp() {
        return true;
    }

    default boolean parsesUdp() {
        return false;
    }

    /** Server ports tried when the configuration names none, in DeepFlow's syntax ({@code "53,5353"}, {@code "1-65535"}). */
    default String defaultPorts() {
        return "1-65535";
    }

    /**
     * What a first payload of this protocol looks like at fixed positions, in either direction,
     * over UDP or TCP: a necessary condition of {@link #check}, so that inference can skip the
     * check of a payload that fails it. {@link PayloadSignature#ANY} checks every payload.
     */
    default PayloadSignature signature(boolean udp) {
        return PayloadSignature.ANY;
    }

    /**
     * Whether the first payload of a flow is this protocol, and whether it is a request or a
     * response. Cheap and strict: reads the first bytes only, allocates nothing, never throws.
     */
    CheckResult check(Direction direction, byte[] data, int offset, int length, ParseContext context);

    /** A parser for one flow that {@link #check} accepted. */
    L7Parser newParser(ParseContext context);

    /**
     * The provider one pipeline shard uses. Providers are shared by the shards' threads, so
     * {@link #check} and {@link #newParser} must be thread-safe; a provider whose state is confined
     * to a thread (a Wasm plugin's instance) returns a copy of its own here instead, which the
     * engine asks for once per shard and uses only on that shard's thread.
     */
    default L7ProtocolProvider forShard() {
        return this;
    }
}
