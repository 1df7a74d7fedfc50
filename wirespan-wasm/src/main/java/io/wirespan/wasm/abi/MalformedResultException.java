package io.wirespan.wasm.abi;

/** Bytes a plugin handed the host that do not decode: the host call fails, nothing is kept. */
public final class MalformedResultException extends RuntimeException {
    public MalformedResultException(String message) {
        super(message);
    }
}
