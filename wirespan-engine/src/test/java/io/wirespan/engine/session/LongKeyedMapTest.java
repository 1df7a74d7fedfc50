package io.wirespan.engine.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongKeyedMapTest {

    @Test
    void agreesWithHashMapOverRandomPutsRemovesAndGrowth() {
        Random random = new Random(11);
        LongKeyedMap<String> map = new LongKeyedMap<>();
        Map<Long, String> oracle = new HashMap<>();
        for (int step = 0; step < 30_000; step++) {
            // few distinct keys, so that probe runs form, wrap and get holes punched in them
            long key = random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(500) * 64L;
            switch (random.nextInt(4)) {
                case 0 -> assertThat(map.put(key, "v" + step)).isEqualTo(oracle.put(key, "v" + step));
                case 1 -> assertThat(map.remove(key)).isEqualTo(oracle.remove(key));
                case 2 -> assertThat(map.computeIfAbsent(key, k -> "c" + k))
                        .isEqualTo(oracle.computeIfAbsent(key, k -> "c" + k));
                default -> assertThat(map.get(key)).isEqualTo(oracle.get(key));
            }
            assertThat(map.size()).isEqualTo(oracle.size());
        }
        assertThat(Arrays.stream(map.keys()).boxed().toList()).containsExactlyInAnyOrderElementsOf(oracle.keySet());
        assertThat(map.values()).containsExactlyInAnyOrderElementsOf(oracle.values());
    }
}
