package io.wirespan.engine.protocol;

import java.util.BitSet;

/** A set of ports in DeepFlow's syntax: {@code "80,8080,1000-2000"}. */
final class PortSet {
    static final PortSet ALL = parse("1-65535");

    private final BitSet ports;

    private PortSet(BitSet ports) {
        this.ports = ports;
    }

    static PortSet parse(String text) {
        BitSet ports = new BitSet(65536);
        for (String part : text.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) continue;
            int dash = item.indexOf('-');
            int from = port(dash < 0 ? item : item.substring(0, dash), text);
            int to = dash < 0 ? from : port(item.substring(dash + 1), text);
            if (to < from) throw new IllegalArgumentException("range " + item + " runs backwards in \"" + text + "\"");
            ports.set(from, to + 1);
        }
        if (ports.isEmpty()) throw new IllegalArgumentException("no ports in \"" + text + "\"");
        return new PortSet(ports);
    }

    boolean contains(int port) {
        return ports.get(port);
    }

    private static int port(String digits, String text) {
        try {
            int port = Integer.parseInt(digits.trim());
            if (port >= 0 && port <= 65535) return port;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("not a port: \"" + digits.trim() + "\" in \"" + text + "\"");
    }
}
