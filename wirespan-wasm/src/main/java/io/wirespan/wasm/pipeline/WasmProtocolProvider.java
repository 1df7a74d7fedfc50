package io.wirespan.wasm.pipeline;

import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Parser;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.ParseContext;
import io.wirespan.wasm.PluginChain;
import java.util.function.Supplier;

/**
 * The Wasm plugins as one protocol of the engine, DeepFlow's {@code Custom}: inference offers a
 * flow's first payloads to the plugins' {@code check_payload} (first in inference, as {@code
 * Custom} is first in DeepFlow's list), and a flow one of them claims is parsed by their {@code
 * parse_payload}. Each pipeline shard gets a copy with plugin instances of its own.
 */
final class WasmProtocolProvider implements L7ProtocolProvider {
    private final Supplier<ShardChain> chains;
    private ShardChain chain;
    private final PluginContexts contexts = new PluginContexts();
    /** The claim of the last check, for the parser made right after it on the same thread. */
    private long claimedFlow = -1;
    private PluginChain.Claim claim;

    WasmProtocolProvider(Supplier<ShardChain> chains) {
        this.chains = chains;
    }

    @Override
    public L7Protocol protocol() {
        return L7Protocol.CUSTOM;
    }

    @Override
    public boolean parsesUdp() {
        return true;
    }

    @Override
    public CheckResult check(Direction direction, byte[] data, int offset, int length, ParseContext context) {
        if (length < 2) return CheckResult.NOT_MINE; // as the agent: a payload of at least 2 bytes
        PluginChain.Claim found = chain().current().check(contexts.of(context, direction, 0),
                PluginContexts.payload(context, data, offset, length));
        if (found == null) return CheckResult.NOT_MINE;
        claimedFlow = context.flowId();
        claim = found;
        return found.response() ? CheckResult.RESPONSE : CheckResult.REQUEST;
    }

    @Override
    public L7Parser newParser(ParseContext context) {
        // a flow identified from what an earlier flow to its server taught has no claim of its own
        PluginChain.Claim known = claimedFlow == context.flowId() ? claim : null;
        claim = null;
        claimedFlow = -1;
        return new WasmParser(chain(), known);
    }

    @Override
    public L7ProtocolProvider forShard() {
        return new WasmProtocolProvider(chains);
    }

    private ShardChain chain() {
        if (chain == null) chain = chains.get();
        return chain;
    }
}
