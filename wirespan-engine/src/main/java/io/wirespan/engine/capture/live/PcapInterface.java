package io.wirespan.engine.capture.live;

import java.util.List;

/**
 * An interface libpcap can capture on ({@code pcap_findalldevs}).
 *
 * @param description libpcap's description, or null
 * @param addresses its IPv4 and IPv6 addresses, as text
 */
public record PcapInterface(String name, String description, List<String> addresses, boolean loopback, boolean up,
                            boolean running) {
    public PcapInterface {
        addresses = List.copyOf(addresses);
    }
}
