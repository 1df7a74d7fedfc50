package io.wirespan.wasm;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Interrupts plugin calls that run past their deadline. Chicory's interpreter and compiled code
 * both poll the thread's interrupt flag, so an endless loop ends in a {@code
 * ChicoryInterruptedException}. One thread watches every plugin's {@link Deadline}; a call costs
 * two atomic writes, not a scheduled task.
 */
public final class CallWatchdog implements AutoCloseable {
    private static final long TICK_NANOS = 2_000_000;

    private final Set<Deadline> deadlines = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;

    public CallWatchdog() {
        thread = Thread.ofPlatform().daemon().name("wirespan-plugin-watchdog").start(this::watch);
    }

    Deadline deadline() {
        Deadline d = new Deadline();
        deadlines.add(d);
        return d;
    }

    void forget(Deadline deadline) {
        deadlines.remove(deadline);
    }

    private void watch() {
        while (running) {
            long now = System.nanoTime();
            for (Deadline d : deadlines) d.fireIfDue(now);
            LockSupport.parkNanos(TICK_NANOS);
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
    }

    /**
     * One plugin's call clock. The interrupt is sent only while the call still runs: the caller
     * and the watchdog race through a compare-and-set, and a caller that loses waits for the
     * interrupt to land and then clears it, so it never leaks into the thread's later work.
     */
    static final class Deadline {
        private static final int IDLE = 0, RUNNING = 1, FIRING = 2, FIRED = 3;

        private final AtomicInteger phase = new AtomicInteger(IDLE);
        private volatile Thread thread;
        private volatile long dueNanos;

        void start(long budgetNanos) {
            thread = Thread.currentThread();
            dueNanos = System.nanoTime() + budgetNanos;
            phase.set(RUNNING);
        }

        /** Ends the call; true when the watchdog interrupted it. */
        boolean stop() {
            if (phase.compareAndSet(RUNNING, IDLE)) return false;
            while (phase.get() == FIRING) Thread.onSpinWait();
            Thread.interrupted();
            phase.set(IDLE);
            return true;
        }

        private void fireIfDue(long now) {
            if (phase.get() == RUNNING && now - dueNanos > 0 && phase.compareAndSet(RUNNING, FIRING)) {
                thread.interrupt();
                phase.set(FIRED);
            }
        }
    }
}
