package io.wirespan.engine.capture.live;

import java.io.IOException;

/** Live capture could not start or go on; {@link #reason} tells the caller's mistakes from the host's. */
public final class LiveCaptureException extends IOException {
    public enum Reason {
        /** libpcap is not installed. */
        NO_LIBPCAP,
        /** Neither root nor CAP_NET_RAW. */
        NO_PERMISSION,
        NO_SUCH_INTERFACE,
        INTERFACE_DOWN,
        /** The BPF filter does not compile. */
        BAD_FILTER,
        /** Anything else libpcap reports. */
        FAILED
    }

    private final Reason reason;

    public LiveCaptureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
