package io.wirespan.engine.protocol;

import io.wirespan.api.ParseContext;
import io.wirespan.api.ParserCounter;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * One parser's counts of what it met, by the constants of its protocol's counter enum. The counts
 * serve the parser's own logic and its tests; each is also added to the engine's total for the
 * protocol through a {@link ParseContext#counter} handle named after the constant in snake_case
 * ({@code BAD_START_LINES} is {@code bad_start_lines}), looked up on the constant's first count:
 * a parser is made for every flow, and most of its counters never move.
 */
public final class ParserCounters<E extends Enum<E>> {
    private final E[] constants;
    private final long[] counts;
    private final ParserCounter[] totals;
    private final ParseContext context;

    /**
     * @param constants every constant of the enum, in declaration order: {@code XxxCounter.values()},
     *     a fresh array, kept as it is
     * @param context the context the parser is made with, which outlives it
     */
    public ParserCounters(E[] constants, ParseContext context) {
        for (int i = 0; i < constants.length; i++) {
            if (constants[i].ordinal() != i) throw new IllegalArgumentException("not in declaration order: " + constants[i]);
        }
        this.constants = constants;
        this.counts = new long[constants.length];
        this.totals = new ParserCounter[constants.length];
        this.context = context;
    }

    /** The counter name of a constant: its name in lower case. */
    public static String name(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    public void increment(E counter) {
        add(counter, 1);
    }

    public void add(E counter, long n) {
        int i = counter.ordinal();
        counts[i] += n;
        ParserCounter total = totals[i];
        if (total == null) {
            // the engine's own context finds the total by the constant: no name is made for every flow
            total = totals[i] = context instanceof FlowParsing flow ? flow.counter(counter) : context.counter(name(counter));
        }
        total.add(n);
    }

    public long count(E counter) {
        return counts[counter.ordinal()];
    }

    /** The sum of the counts of the constants {@code which} accepts, e.g. {@code RedisCounter::malformed}. */
    public long total(Predicate<? super E> which) {
        long sum = 0;
        for (E constant : constants) {
            if (which.test(constant)) sum += counts[constant.ordinal()];
        }
        return sum;
    }

    /** The counts that are not zero, for assertion messages: {@code {bad_start_lines=2, resyncs=1}}. */
    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", "{", "}");
        for (E constant : constants) {
            if (counts[constant.ordinal()] != 0) text.add(name(constant) + "=" + counts[constant.ordinal()]);
        }
        return text.toString();
    }
}
