package io.wirespan.engine.capture.live;

import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.capture.RawPacket;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A live capture that outlives its interface: when the interface goes down or away (a container's
 * veth, a VPN's tun), the handle is closed and the interface opened again every
 * {@code retryMillis} until it is back, and reading goes on as if nothing happened. The pipeline
 * behind it keeps its flows, and its clock keeps ticking meanwhile, so requests still time out.
 * Counts ({@link #stats}, {@link #position}) add up over every handle.
 */
public final class ReopeningCapture implements PacketSource {
    private final String name;
    private final LiveOptions options;
    private final String filter;
    private final long retryMillis;
    private final Consumer<String> events;
    private LongConsumer clock = now -> {};
    /** Replaced by the reading thread; stopped from any thread. */
    private volatile LiveCapture current;
    private volatile boolean stopping;
    /** The counts of the handles closed before {@link #current}. */
    private volatile LiveStats earlierStats = LiveStats.NONE;
    private long earlierBytes;
    private volatile long reopens;

    /**
     * Opens the interface now, so that a mistake (no such interface, a bad filter, no permission)
     * is reported at once.
     *
     * @param events told, on the reading thread, when the interface is lost and when it is back
     */
    public ReopeningCapture(String name, LiveOptions options, String filter, long retryMillis, Consumer<String> events)
            throws LiveCaptureException {
        this.name = name;
        this.options = options;
        this.filter = filter;
        this.retryMillis = retryMillis;
        this.events = events;
        this.current = LiveCapture.open(name, options, filter);
    }

    /** Ticks as {@link LiveCapture#onClock} does, on every handle, and while the interface is away. */
    public void onClock(LongConsumer listener) {
        this.clock = listener;
        current.onClock(listener);
    }

    @Override
    public boolean next(RawPacket packet) throws LiveCaptureException {
        while (!stopping) {
            LiveCapture capture = current;
            if (capture == null) {
                reopen();
                continue;
            }
            try {
                return capture.next(packet);
            } catch (LiveCaptureException e) {
                if (stopping) return false;
                events.accept(e.getMessage() + "; opening it again every " + retryMillis + " ms");
                retire(capture);
            }
        }
        return false;
    }

    private void retire(LiveCapture capture) {
        try {
            earlierStats = earlierStats.plus(capture.stats());
        } catch (LiveCaptureException e) {
            // the interface took its counts with it
        }
        earlierBytes += capture.position();
        current = null;
        capture.close();
    }

    private void reopen() throws LiveCaptureException {
        try {
            Thread.sleep(retryMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LiveCaptureException(LiveCaptureException.Reason.FAILED, name + ": interrupted while waiting for the interface");
        }
        clock.accept(System.currentTimeMillis() * 1000);
        if (stopping) return;
        LiveCapture capture;
        try {
            capture = LiveCapture.open(name, options, filter);
        } catch (LiveCaptureException e) {
            if (e.reason() == LiveCaptureException.Reason.NO_LIBPCAP || e.reason() == LiveCaptureException.Reason.NO_PERMISSION) throw e;
            return; // not back yet, or not up yet
        }
        capture.onClock(clock);
        synchronized (this) {
            current = capture;
            if (stopping) capture.stop();
        }
        reopens++;
        events.accept(name + ": capturing again");
    }

    /** Ends {@link #next} soon, from any thread. */
    public synchronized void stop() {
        stopping = true;
        LiveCapture capture = current;
        if (capture != null) capture.stop();
    }

    /** The kernel's counts over every handle this capture had. */
    public LiveStats stats() throws LiveCaptureException {
        LiveCapture capture = current;
        return capture == null ? earlierStats : earlierStats.plus(capture.stats());
    }

    /** How many times the interface came back after it was lost. */
    public long reopens() {
        return reopens;
    }

    @Override
    public String name() {
        return name;
    }

    /** Frame bytes captured so far, over every handle. */
    @Override
    public long position() {
        LiveCapture capture = current;
        return earlierBytes + (capture == null ? 0 : capture.position());
    }

    @Override
    public long size() {
        return -1;
    }

    @Override
    public void close() {
        LiveCapture capture = current;
        if (capture != null) capture.close();
    }
}
