package io.wirespan.engine.capture.live;

import java.io.IOException;

/** Live capture could not start or go on: no libpcap, no such interface, no permission, a bad filter. */
public final class LiveCaptureException extends IOException {
    public LiveCaptureException(String message) {
        super(message);
    }
}
