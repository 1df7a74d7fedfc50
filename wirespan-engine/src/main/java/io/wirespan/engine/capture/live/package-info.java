/**
 * Live capture through libpcap ({@code libpcap.so.0.8}, Debian's {@code libpcap0.8}), bound with
 * {@code java.lang.foreign}: interfaces listed and chosen by name or regex, a handle opened with
 * snap length, promiscuous and immediate mode, buffer size and a BPF filter, frames read as a
 * {@link io.wirespan.engine.capture.PacketSource} and the kernel's drop counts.
 */
package io.wirespan.engine.capture.live;
