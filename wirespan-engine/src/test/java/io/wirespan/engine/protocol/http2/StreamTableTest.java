package io.wirespan.engine.protocol.http2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamTableTest {

    @Test
    void behavesAsAMapUnderRandomAddsAndRemovesAndStaysBounded() {
        Random random = new Random(5);
        StreamTable table = new StreamTable(64);
        Map<Integer, Http2Stream> model = new HashMap<>();
        for (int step = 0; step < 50_000; step++) {
            int id = 1 + 2 * random.nextInt(200);
            Http2Stream present = table.get(id);
            assertThat(present).isSameAs(model.get(id));
            if (present != null && random.nextBoolean()) {
                table.remove(present, true);
                model.remove(id);
            } else if (present == null) {
                Http2Stream oldest = table.oldestIfFull();
                if (oldest != null) {
                    assertThat(oldest.order).isEqualTo(model.values().stream().mapToLong(s -> s.order).min().orElseThrow());
                    table.remove(oldest, false);
                    model.remove(oldest.id);
                }
                model.put(id, table.add(id));
            }
            assertThat(table.size()).isEqualTo(model.size()).isLessThanOrEqualTo(64);
        }
        List<Integer> seen = new ArrayList<>();
        table.forEachOldestFirst(s -> seen.add(s.id));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(model.keySet());
    }
}
