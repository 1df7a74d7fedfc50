package io.wirespan.api;

/**
 * A count a parser keeps of something it met: a malformed frame, bytes skipped to resynchronise,
 * a reply without a request. Obtained from {@link ParseContext#counter}; the engine adds what every
 * parser of a protocol counts under that protocol's name and the counter's, and reports the
 * totals at the end of a run. Called on the parser's thread; cheap enough for every event.
 */
@FunctionalInterface
public interface ParserCounter {

    /** Counts nothing: what a context that keeps no totals hands out. */
    ParserCounter NO_OP = n -> {};

    void add(long n);

    default void increment() {
        add(1);
    }
}
