package io.wirespan.engine.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParserCountersTest {

    enum Sample {
        BAD_START_LINES(true),
        BAD_CHUNKS(true),
        RESYNC_SKIPPED_BYTES(false);

        final boolean malformed;

        Sample(boolean malformed) {
            this.malformed = malformed;
        }
    }

    private final TestContext context = TestContext.tcp();
    private final ParserCounters<Sample> counters = new ParserCounters<>(Sample.values(), context);

    @Test
    void countsEachConstantApart() {
        counters.increment(Sample.BAD_START_LINES);
        counters.increment(Sample.BAD_START_LINES);
        counters.add(Sample.RESYNC_SKIPPED_BYTES, 1200);

        assertThat(counters.count(Sample.BAD_START_LINES)).isEqualTo(2);
        assertThat(counters.count(Sample.BAD_CHUNKS)).isZero();
        assertThat(counters.count(Sample.RESYNC_SKIPPED_BYTES)).isEqualTo(1200);
    }

    @Test
    void forwardsEveryCountToTheContextsCounterOfTheConstantsSnakeCaseName() {
        counters.increment(Sample.BAD_START_LINES);
        counters.add(Sample.RESYNC_SKIPPED_BYTES, 7);
        counters.add(Sample.RESYNC_SKIPPED_BYTES, 5);

        assertThat(context.counted("bad_start_lines")).isEqualTo(1);
        assertThat(context.counted("resync_skipped_bytes")).isEqualTo(12);
        assertThat(context.counted("bad_chunks")).isZero();
    }

    @Test
    void parsersOfOneContextShareItsTotalsButKeepTheirOwnCounts() {
        ParserCounters<Sample> other = new ParserCounters<>(Sample.values(), context);
        counters.increment(Sample.BAD_CHUNKS);
        other.add(Sample.BAD_CHUNKS, 2);

        assertThat(counters.count(Sample.BAD_CHUNKS)).isEqualTo(1);
        assertThat(other.count(Sample.BAD_CHUNKS)).isEqualTo(2);
        assertThat(context.counted("bad_chunks")).isEqualTo(3);
    }

    @Test
    void asksTheContextForAHandleOnItsFirstCountOnly() {
        assertThat(context.countersAskedFor()).isEmpty();

        for (int i = 0; i < 100; i++) counters.increment(Sample.BAD_CHUNKS);

        assertThat(context.countersAskedFor()).containsExactly("bad_chunks");
        assertThat(context.counted("bad_chunks")).isEqualTo(100);
    }

    @Test
    void totalSumsTheConstantsAPredicateAccepts() {
        counters.increment(Sample.BAD_START_LINES);
        counters.add(Sample.BAD_CHUNKS, 3);
        counters.add(Sample.RESYNC_SKIPPED_BYTES, 40);

        assertThat(counters.total(c -> c.malformed)).isEqualTo(4);
        assertThat(counters.total(c -> true)).isEqualTo(44);
    }

    @Test
    void rejectsConstantsOutOfDeclarationOrder() {
        Sample[] shuffled = {Sample.BAD_CHUNKS, Sample.BAD_START_LINES, Sample.RESYNC_SKIPPED_BYTES};
        assertThatThrownBy(() -> new ParserCounters<>(shuffled, context))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BAD_CHUNKS");
    }

    @Test
    void showsTheCountsThatAreNotZero() {
        counters.add(Sample.RESYNC_SKIPPED_BYTES, 9);
        counters.increment(Sample.BAD_START_LINES);

        assertThat(counters).hasToString("{bad_start_lines=1, resync_skipped_bytes=9}");
    }
}
