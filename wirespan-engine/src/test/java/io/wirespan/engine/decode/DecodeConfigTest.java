package io.wirespan.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecodeConfigTest {

    @Test
    void defaultsFollowDeepflowAndLinux() {
        DecodeConfig d = DecodeConfig.DEFAULTS;
        assertThat(d.tunnelDecap()).containsExactlyInAnyOrder(TunnelProtocol.VXLAN, TunnelProtocol.IPIP);
        assertThat(d.vxlanPorts()).containsExactlyInAnyOrder(4789, 8472);
        assertThat(d.maxTunnelDepth()).isEqualTo(3);
        assertThat(d.fragmentMaxDatagrams()).isEqualTo(1024);
        assertThat(d.fragmentMaxBytes()).isEqualTo(4 << 20);
        assertThat(d.fragmentTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void mapsDeepflowTunnelCodes() {
        assertThat(TunnelProtocol.fromCode(1)).isEqualTo(TunnelProtocol.VXLAN);
        assertThat(TunnelProtocol.fromCode(2)).isEqualTo(TunnelProtocol.IPIP);
        assertThat(TunnelProtocol.fromCode(3)).isEqualTo(TunnelProtocol.GRE);
        assertThat(TunnelProtocol.GRE.code()).isEqualTo(3);
        assertThatThrownBy(() -> TunnelProtocol.fromCode(4)).hasMessageContaining("tunnel_decap_protocols");
    }

    @Test
    void copiesItsSets() {
        Set<Integer> ports = new HashSet<>(Set.of(4789));
        DecodeConfig c = new DecodeConfig(EnumSet.noneOf(TunnelProtocol.class), ports, 0, 1, 65535, Duration.ofMillis(1));
        ports.add(1);
        assertThat(c.vxlanPorts()).containsExactly(4789);
        assertThat(c.tunnelDecap()).isEmpty();
    }

    @Test
    void rejectsValuesOutOfRangeNamingTheKey() {
        Set<TunnelProtocol> t = Set.of();
        Duration s = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new DecodeConfig(t, Set.of(0), 3, 1, 65535, s)).hasMessageContaining("vxlan_ports");
        assertThatThrownBy(() -> new DecodeConfig(t, Set.of(65536), 3, 1, 65535, s)).hasMessageContaining("vxlan_ports");
        assertThatThrownBy(() -> new DecodeConfig(t, Set.of(), -1, 1, 65535, s)).hasMessageContaining("max_tunnel_depth");
        assertThatThrownBy(() -> new DecodeConfig(t, Set.of(), 9, 1, 65535, s)).hasMessageContaining("max_tunnel_depth");
        assertThatThrownBy(() -> new DecodeConfig(t, Set.of(), 3, 0, 65535, s)).hasMessageContaining("max_datagrams");
        assertThatThrownBy(() -> new DecodeConfig(t, Set.of(), 3, 1, 65534, s)).hasMessageContaining("max_bytes");
        assertThatThrownBy(() -> new DecodeConfig(t, Set.of(), 3, 1, 65535, Duration.ZERO)).hasMessageContaining("timeout");
        assertThatThrownBy(() -> new DecodeConfig(null, Set.of(), 3, 1, 65535, s)).hasMessageContaining("tunnel_decap_protocols");
    }
}
