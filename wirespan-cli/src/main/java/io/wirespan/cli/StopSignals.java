package io.wirespan.cli;

import sun.misc.Signal;

/**
 * SIGINT and SIGTERM as a request to stop rather than the JVM's shutdown: a long-running command
 * ends its work, stores what it holds and returns normally (exit code 0), where the JVM's own
 * handling would exit with 130 or 143 whatever the command still had to do.
 */
final class StopSignals {
    private StopSignals() {}

    /** Runs {@code stop} on the JVM's signal thread at each SIGINT or SIGTERM from now on. */
    static void onStop(Runnable stop) {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> stop.run());
        }
    }
}
