package io.wirespan.wasm;

import io.wirespan.wasm.abi.BaseContext;
import io.wirespan.wasm.abi.HookPart;

/**
 * One event offered to plugins: the hook, its packet's context, the payload (already cut to the
 * payload truncation) and the hook's own part (null for check and parse).
 */
public record HookCall(Hook hook, BaseContext context, byte[] payload, HookPart part) {
    public HookCall {
        boolean partFits = switch (hook) {
            case CHECK_PAYLOAD, PARSE_PAYLOAD -> part == null;
            case HTTP_REQ -> part instanceof HookPart.HttpRequest;
            case HTTP_RESP -> part instanceof HookPart.HttpResponse;
            case CUSTOM_MESSAGE -> part instanceof HookPart.CustomMessage;
        };
        if (!partFits) throw new IllegalArgumentException(hook + " cannot carry " + part);
    }
}
