package io.wirespan.engine.capture.live;

/**
 * The kernel's counts for a live handle ({@code pcap_stats}), since it was opened.
 *
 * @param received frames that passed the filter
 * @param dropped frames dropped because the capture buffer was full
 * @param interfaceDropped frames the interface or its driver dropped
 */
public record LiveStats(long received, long dropped, long interfaceDropped) {
    public static final LiveStats NONE = new LiveStats(0, 0, 0);

    public LiveStats plus(LiveStats other) {
        return new LiveStats(received + other.received, dropped + other.dropped, interfaceDropped + other.interfaceDropped);
    }
}
