package io.wirespan.engine.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespan.api.ParserCounter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParserCounterTotalsTest {
    private final ParserCounterTotals totals = new ParserCounterTotals();

    @Test
    void handlesOfOneProtocolAndNameAddToOneTotal() {
        ParserCounter first = totals.counter("HTTP", "bad_start_lines");
        ParserCounter second = totals.counter("HTTP", "bad_start_lines");
        first.increment();
        second.add(2);

        assertThat(totals.snapshot()).isEqualTo(Map.of("HTTP", Map.of("bad_start_lines", 3L)));
    }

    @Test
    void keepsProtocolsApartAndSortsBothLevels() {
        totals.counter("Redis", "resync_skipped_bytes").add(10);
        totals.counter("HTTP", "resync_skipped_bytes").add(20);
        totals.counter("HTTP", "bad_chunks");

        Map<String, Map<String, Long>> snapshot = totals.snapshot();
        assertThat(snapshot.keySet()).containsExactly("HTTP", "Redis");
        assertThat(snapshot.get("HTTP")).containsExactly(Map.entry("bad_chunks", 0L), Map.entry("resync_skipped_bytes", 20L));
        assertThat(snapshot.get("Redis")).containsExactly(Map.entry("resync_skipped_bytes", 10L));
    }

    @Test
    void aSnapshotDoesNotMoveWithLaterCounts() {
        ParserCounter counter = totals.counter("DNS", "messages");
        counter.add(1);
        Map<String, Map<String, Long>> before = totals.snapshot();
        counter.add(1);

        assertThat(before.get("DNS").get("messages")).isEqualTo(1);
        assertThat(totals.snapshot().get("DNS").get("messages")).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bad", "bad-name", "bad name", "1st", "_x", "bad.name",
            "a_name_longer_than_sixty_four_characters_which_no_summary_line_wants_"})
    void rejectsNamesThatAreNotShortSnakeCase(String name) {
        assertThatThrownBy(() -> totals.counter("HTTP", name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRejectedNameLeavesNoTrace() {
        assertThatThrownBy(() -> totals.counter("Kv", "Bad")).isInstanceOf(IllegalArgumentException.class);
        assertThat(totals.snapshot()).isEmpty();
    }

    @Test
    void acceptsSnakeCaseWithDigits() {
        for (String name : List.of("x", "bad_start_lines", "http2_frames", "a".repeat(64))) {
            totals.counter("HTTP", name).increment();
        }
        assertThat(totals.snapshot().get("HTTP")).hasSize(4);
    }
}
