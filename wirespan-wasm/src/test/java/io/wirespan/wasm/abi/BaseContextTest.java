package io.wirespan.wasm.abi;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.Direction;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The context layout of ABI §3.1, offset by offset. */
class BaseContextTest {

    @Test
    void ipv4LayoutMatchesTheAbiOffsets() {
        BaseContext ctx = new BaseContext(new byte[] {1, 2, 3, 4}, new byte[] {5, 6, 7, 8}, 12345, 8080, BaseContext.TCP, 20,
                0, 12_345_678L, Direction.SERVER_TO_CLIENT, "test_wasm", 1_234_567L, 999);
        ByteBuffer b = ByteBuffer.wrap(ctx.serialize());

        assertThat(b.capacity()).isEqualTo(36 + 9).isEqualTo(ctx.size());
        assertThat(b.get(0)).isEqualTo((byte) 4);
        assertThat(b.getInt(1)).isEqualTo(0x01020304);
        assertThat(b.getInt(5)).isEqualTo(0x05060708);
        assertThat(b.getShort(9) & 0xFFFF).isEqualTo(12345);
        assertThat(b.getShort(11) & 0xFFFF).isEqualTo(8080);
        assertThat(b.get(13)).isEqualTo((byte) 6);
        assertThat(b.get(14)).isEqualTo((byte) 20);
        assertThat(b.get(15)).isEqualTo((byte) 0);
        assertThat(b.getLong(16)).isEqualTo(12_345_678L);
        assertThat(b.get(24)).isEqualTo((byte) 1);
        assertThat(b.get(25)).isEqualTo((byte) 9);
        assertThat(new String(b.array(), 26, 9)).isEqualTo("test_wasm");
        assertThat(b.getLong(26 + 9)).isEqualTo(1_234_567L);
        assertThat(b.getShort(34 + 9) & 0xFFFF).isEqualTo(999);
    }

    @Test
    void ipv6LayoutMatchesTheAbiOffsetsAndTheBufferSizeSaturates() {
        byte[] src = new byte[16], dst = new byte[16];
        src[15] = 1;
        dst[15] = 2;
        BaseContext ctx = new BaseContext(src, dst, 1, 2, BaseContext.UDP, 0, BaseContext.EBPF_NONE, 7,
                Direction.CLIENT_TO_SERVER, "", 9, 100_000);
        ByteBuffer b = ByteBuffer.wrap(ctx.serialize());

        assertThat(b.capacity()).isEqualTo(60);
        assertThat(b.get(0)).isEqualTo((byte) 6);
        assertThat(b.get(16)).isEqualTo((byte) 1);
        assertThat(b.get(32)).isEqualTo((byte) 2);
        assertThat(b.get(37)).isEqualTo((byte) 17);
        assertThat(b.get(39)).isEqualTo((byte) 255);
        assertThat(b.getLong(40)).isEqualTo(7);
        assertThat(b.get(48)).isEqualTo((byte) 0);
        assertThat(b.get(49)).isEqualTo((byte) 0);
        assertThat(b.getLong(50)).isEqualTo(9);
        assertThat(b.getShort(58) & 0xFFFF).isEqualTo(65535);
    }
}
