package io.wirespan.wasm;

/** The u128 a plugin's {@code get_hook_bitmap} points at: which hooks it wants called. */
public record HookBitmap(long high, long low) {
    public static final HookBitmap NONE = new HookBitmap(0, 0);

    public boolean has(Hook hook) {
        int bit = hook.bit();
        return bit >= 64 ? (high >>> (bit - 64) & 1) != 0 : (low >>> bit & 1) != 0;
    }
}
