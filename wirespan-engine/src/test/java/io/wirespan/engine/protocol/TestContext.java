package io.wirespan.engine.protocol;

import io.wirespan.api.ParseContext;
import io.wirespan.api.ParserSettings;

/** A parse context for feeding parsers directly in tests. */
public final class TestContext implements ParseContext {
    private final boolean udp;
    private final ParserSettings settings;
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
}
