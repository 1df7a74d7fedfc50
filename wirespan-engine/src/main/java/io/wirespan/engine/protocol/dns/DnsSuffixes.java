package io.wirespan.engine.protocol.dns;

import java.util.List;
import java.util.Locale;

/**
 * The unconcerned NXDOMAIN suffixes, matched on label boundaries and ignoring ASCII case. DeepFlow
 * documents them as domain suffixes; its corpus case {@code nxdomain} shows that {@code node.net}
 * does not cover {@code int.frontnode.net}, which a plain string suffix would.
 */
final class DnsSuffixes {
    private final String[] suffixes;

    DnsSuffixes(List<String> suffixes) {
        this.suffixes = suffixes.stream().map(DnsSuffixes::normalise).distinct().toArray(String[]::new);
    }

    /** Lower case, without surrounding white space and leading or trailing dots. */
    static String normalise(String suffix) {
        String s = suffix.strip().toLowerCase(Locale.ROOT);
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == '.') from++;
        while (to > from && s.charAt(to - 1) == '.') to--;
        return s.substring(from, to);
    }

    boolean isEmpty() {
        return suffixes.length == 0;
    }

    /** Whether {@code name} is one of the suffixes or lies under one. */
    boolean matches(String name) {
        if (name == null) return false;
        int length = name.length();
        if (length > 0 && name.charAt(length - 1) == '.') length--;
        for (String suffix : suffixes) {
            int at = length - suffix.length();
            if (at < 0 || !name.regionMatches(true, at, suffix, 0, suffix.length())) continue;
            if (at == 0 || name.charAt(at - 1) == '.') return true;
        }
        return false;
    }
}
