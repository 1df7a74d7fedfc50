package io.wirespan.engine.protocol.mqtt;

import java.util.concurrent.atomic.LongAdder;

/** What the MQTT parsers of one {@link MqttProtocol} saw: packets decoded and packets that contradicted their lengths. */
public final class MqttCounters {
    private final LongAdder packets = new LongAdder();
    private final LongAdder malformed = new LongAdder();

    void packet() { packets.increment(); }
    void malformed() { malformed.increment(); }

    public long packets() { return packets.sum(); }
    public long malformedPackets() { return malformed.sum(); }
}
