/**
 * Reading captured frames: {@link io.wirespan.engine.capture.CaptureFiles} opens a file or a
 * stream, tells the classic libpcap format (<a
 * href="https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/">draft-ietf-opsawg-pcap</a>)
 * from pcapng (<a href="https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcapng/">draft-ietf-opsawg-pcapng</a>)
 * by its first four bytes, and returns a {@link io.wirespan.engine.capture.PacketSource} that
 * streams the frames through one reusable buffer: each {@link io.wirespan.engine.capture.RawPacket}
 * is a view into it, valid until the next call, so files larger than memory and pipes read the
 * same way and no frame is copied. Every length in a file is checked before it is believed;
 * truncation or corruption ends the stream with a
 * {@link io.wirespan.engine.capture.CaptureFormatException} naming the byte offset of the
 * damaged record, after every complete frame before it has been returned.
 */
package io.wirespan.engine.capture;
