package io.wirespan.engine.protocol;

import io.wirespan.api.ParserCounter;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's totals of parser counters, by protocol name and counter name. Each total is a cell
 * handed out as the {@link ParserCounter} of every parser of its protocol, so counting is one
 * addition; the pipeline runs on one thread, so a plain long does.
 */
final class ParserCounterTotals {
    private static final int MAX_NAME = 64;

    private final Map<String, Map<String, Total>> byProtocol = new HashMap<>();
    /** The same totals by the enum constant a built-in parser counts with: no name to make per flow. */
    private final Map<String, Map<Enum<?>, ParserCounter>> byConstant = new HashMap<>();

    /** The handle of counter {@code name} of {@code protocol}, made on first use. */
    ParserCounter counter(String protocol, String name) {
        Map<String, Total> totals = byProtocol.get(protocol);
        Total total = totals == null ? null : totals.get(name);
        if (total == null) {
            checkName(name);
            total = new Total();
            byProtocol.computeIfAbsent(protocol, p -> new HashMap<>()).put(name, total);
        }
        return total;
    }

    /** The handle of the counter named after {@code constant} ({@link ParserCounters#name}). */
    ParserCounter counter(String protocol, Enum<?> constant) {
        Map<Enum<?>, ParserCounter> totals = byConstant.computeIfAbsent(protocol, p -> new IdentityHashMap<>());
        ParserCounter total = totals.get(constant);
        if (total == null) {
            total = counter(protocol, ParserCounters.name(constant));
            totals.put(constant, total);
        }
        return total;
    }

    /** Every total so far, zeros included, sorted by protocol then counter name. */
    Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> protocols = new TreeMap<>();
        byProtocol.forEach((protocol, totals) -> {
            Map<String, Long> values = new TreeMap<>();
            totals.forEach((name, total) -> values.put(name, total.value));
            protocols.put(protocol, Collections.unmodifiableMap(values));
        });
        return Collections.unmodifiableMap(protocols);
    }

    /** Short snake_case, so that summaries and keys built from it need no quoting. */
    private static void checkName(String name) {
        boolean valid = name != null && !name.isEmpty() && name.length() <= MAX_NAME
                && name.charAt(0) >= 'a' && name.charAt(0) <= 'z';
        for (int i = 1; valid && i < name.length(); i++) {
            char c = name.charAt(i);
            valid = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_';
        }
        if (!valid) throw new IllegalArgumentException("parser counter name must be short snake_case: " + name);
    }

    private static final class Total implements ParserCounter {
        private long value;

        @Override
        public void add(long n) {
            value += n;
        }
    }
}
