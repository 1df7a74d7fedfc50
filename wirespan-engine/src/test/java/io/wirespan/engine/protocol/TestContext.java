package io.wirespan.engine.protocol;

import io.wirespan.api.ParseContext;
import io.wirespan.api.ParserCounter;
import io.wirespan.api.ParserSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A parse context for feeding parsers directly in tests; it sums their counters by name, as the engine does per protocol. */
public final class TestContext implements ParseContext {
    private final boolean udp;
    private final ParserSettings settings;
    private final Map<String, long[]> counters = new TreeMap<>();
    private final List<String> countersAskedFor = new ArrayList<>();
    private long timestampMicros = 1_700_000_000_000_000L;

    public TestContext(boolean udp, ParserSettings settings) {
        this.udp = udp;
        this.settings = settings;
    }

    public static TestContext tcp() {
        return new TestContext(false, ParserSettings.DEFAULTS);
    }

    public static TestContext udp() {
        return new TestContext(true, ParserSettings.DEFAULTS);
    }

    public TestContext at(long micros) {
        timestampMicros = micros;
        return this;
    }

    @Override public long flowId() { return 1; }
    @Override public boolean isUdp() { return udp; }
    @Override public String clientIp() { return "10.0.0.1"; }
    @Override public String serverIp() { return "10.0.0.2"; }
    @Override public int clientPort() { return 40000; }
    @Override public int serverPort() { return 80; }
    @Override public long timestampMicros() { return timestampMicros; }
    @Override public ParserSettings settings() { return settings; }

    @Override
    public ParserCounter counter(String name) {
        countersAskedFor.add(name);
        long[] total = counters.computeIfAbsent(name, n -> new long[1]);
        return n -> total[0] += n;
    }

    /** Every name {@link #counter} was asked for, in order, as often as it was. */
    public List<String> countersAskedFor() {
        return List.copyOf(countersAskedFor);
    }

    /** What the parsers made with this context counted under {@code name}; 0 when none asked for it. */
    public long counted(String name) {
        long[] total = counters.get(name);
        return total == null ? 0 : total[0];
    }
}
