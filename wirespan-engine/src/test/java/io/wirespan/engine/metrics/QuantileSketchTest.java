package io.wirespan.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class QuantileSketchTest {
    private static final double ALPHA = QuantileSketch.DEFAULT_RELATIVE_ACCURACY;
    /** Floating-point slack on top of α at bucket boundaries. */
    private static final double SLACK = 1e-9;
    private static final double[] QUANTILES = {0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1};

    @Test
    void uniformQuantilesAreWithinRelativeAccuracy() {
        Random random = new Random(1);
        assertAccurate(100_000, () -> 1 + random.nextLong(1_000_000));
    }

    @Test
    void lognormalQuantilesAreWithinRelativeAccuracy() {
        Random random = new Random(2);
        assertAccurate(100_000, () -> Math.max(1, Math.round(Math.exp(7 + 1.5 * random.nextGaussian()))));
    }

    @Test
    void constantSeriesIsAnsweredExactly() {
        QuantileSketch sketch = new QuantileSketch();
        for (int i = 0; i < 1000; i++) sketch.add(4321);
        for (double q : QUANTILES) assertThat(sketch.quantile(q)).isEqualTo(4321.0);
    }

    @Test
    void twoModeQuantilesAreWithinRelativeAccuracy() {
        Random random = new Random(3);
        // 90 % cache hits around 200 µs, 10 % slow calls around 2 s.
        assertAccurate(100_000, () -> random.nextInt(10) == 0
                ? 2_000_000 + random.nextLong(200_000) : 150 + random.nextLong(100));
    }

    @Test
    void smallIntegersAreWithinRelativeAccuracy() {
        Random random = new Random(4);
        assertAccurate(10_000, () -> 1 + random.nextLong(20));
    }

    @Test
    void mergeOfTwoSketchesAnswersLikeASketchOfTheUnion() {
        Random random = new Random(5);
        QuantileSketch fast = new QuantileSketch();
        QuantileSketch slow = new QuantileSketch();
        QuantileSketch union = new QuantileSketch();
        long[] all = new long[60_000];
        for (int i = 0; i < all.length; i++) {
            boolean isFast = i % 3 != 0;
            long v = isFast ? 1 + random.nextLong(5_000) : Math.round(Math.exp(12 + random.nextGaussian()));
            (isFast ? fast : slow).add(v);
            union.add(v);
            all[i] = v;
        }
        fast.merge(slow);
        Arrays.sort(all);
        assertThat(fast.count()).isEqualTo(all.length);
        assertThat(fast.min()).isEqualTo(all[0]);
        assertThat(fast.max()).isEqualTo(all[all.length - 1]);
        for (double q : QUANTILES) {
            assertThat(fast.quantile(q)).as("q=%s", q).isEqualTo(union.quantile(q));
            assertWithin(fast.quantile(q), exact(all, q), q);
        }
    }

    @Test
    void mergeIntoItselfDoublesEveryCount() {
        QuantileSketch sketch = new QuantileSketch();
        for (long v = 1; v <= 1000; v++) sketch.add(v);
        sketch.merge(sketch);
        assertThat(sketch.count()).isEqualTo(2000);
        assertWithin(sketch.quantile(0.5), 500, 0.5);
    }

    @Test
    void mergeRejectsADifferentRelativeAccuracy() {
        assertThatThrownBy(() -> new QuantileSketch().merge(new QuantileSketch(0.02, 2048)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relative accuracy");
    }

    @Test
    void memoryStaysBoundedForAMillionValuesFromOneMicrosecondToOneHour() {
        Random random = new Random(6);
        long hour = 3_600_000_000L;
        double logSpan = Math.log(hour);
        QuantileSketch sketch = new QuantileSketch();
        long[] all = new long[1_000_000];
        for (int i = 0; i < all.length; i++) {
            all[i] = Math.max(1, Math.round(Math.exp(random.nextDouble() * logSpan)));
            sketch.add(all[i]);
        }
        // ln(3.6e9) / ln(γ) ≈ 1100 buckets: the whole range fits without folding.
        assertThat(sketch.bucketCapacity()).isLessThanOrEqualTo(QuantileSketch.DEFAULT_MAX_BUCKETS);
        assertThat(sketch.isCollapsed()).isFalse();
        Arrays.sort(all);
        for (double q : QUANTILES) assertWithin(sketch.quantile(q), exact(all, q), q);
    }

    @Test
    void cappedSketchFoldsLowestBucketsAndKeepsHighQuantilesAccurate() {
        Random random = new Random(7);
        QuantileSketch sketch = new QuantileSketch(ALPHA, 256);
        long[] all = new long[200_000];
        for (int i = 0; i < all.length; i++) {
            all[i] = Math.max(1, Math.round(Math.exp(random.nextDouble() * Math.log(3_600_000_000L))));
            sketch.add(all[i]);
        }
        assertThat(sketch.bucketCapacity()).isLessThanOrEqualTo(256);
        assertThat(sketch.isCollapsed()).isTrue();
        assertThat(sketch.count()).isEqualTo(all.length);
        Arrays.sort(all);
        // 256 buckets of ~2 % keep the top factor e^5 of the range, the top ~23 % of these values:
        // p90 and above keep the guarantee, low ranks are over-estimated.
        for (double q : new double[] {0.9, 0.99, 0.999, 1}) assertWithin(sketch.quantile(q), exact(all, q), q);
        assertThat(sketch.quantile(0.01)).isGreaterThan(exact(all, 0.01));
        assertThat(sketch.min()).isEqualTo(all[0]);
    }

    @Test
    void mergingCappedSketchesStaysWithinTheCap() {
        QuantileSketch low = new QuantileSketch(ALPHA, 64);
        QuantileSketch high = new QuantileSketch(ALPHA, 64);
        for (long v = 1; v <= 100; v++) low.add(v);
        for (long v = 1_000_000; v <= 1_000_100; v++) high.add(v);
        low.merge(high);
        assertThat(low.bucketCapacity()).isLessThanOrEqualTo(64);
        assertThat(low.count()).isEqualTo(201);
        assertWithin(low.quantile(0.9), 1_000_080, 0.9);
        assertThat(low.min()).isEqualTo(1);
    }

    @Test
    void answersDoNotDependOnArrivalOrderEvenWhenFolding() {
        Random random = new Random(8);
        for (int round = 0; round < 50; round++) {
            int cap = 16 + random.nextInt(100);
            long[] values = new long[1 + random.nextInt(2_000)];
            for (int i = 0; i < values.length; i++) values[i] = 1 + (long) Math.exp(random.nextDouble() * 20);
            QuantileSketch shuffled = new QuantileSketch(ALPHA, cap);
            for (long v : values) shuffled.add(v);
            Arrays.sort(values);
            QuantileSketch ascending = new QuantileSketch(ALPHA, cap);
            QuantileSketch descending = new QuantileSketch(ALPHA, cap);
            for (int i = 0; i < values.length; i++) {
                ascending.add(values[i]);
                descending.add(values[values.length - 1 - i]);
            }
            assertThat(shuffled.bucketCapacity()).isLessThanOrEqualTo(cap);
            for (double q : QUANTILES) {
                assertThat(ascending.quantile(q)).as("cap=%s q=%s", cap, q).isEqualTo(shuffled.quantile(q))
                        .isEqualTo(descending.quantile(q));
            }
            assertWithin(shuffled.quantile(1), values[values.length - 1], 1);
        }
    }

    @Test
    void zeroAndNegativeValuesAreCountedApartAndAnsweredAsZero() {
        QuantileSketch sketch = new QuantileSketch();
        sketch.add(0);
        sketch.add(-5);
        sketch.add(0);
        sketch.add(100);
        assertThat(sketch.count()).isEqualTo(4);
        assertThat(sketch.min()).isEqualTo(-5);
        assertThat(sketch.max()).isEqualTo(100);
        assertThat(sketch.quantile(0.5)).isEqualTo(0.0);
        assertWithin(sketch.quantile(1), 100, 1);
    }

    @Test
    void emptySketchHasNoQuantileAndNoMinimum() {
        QuantileSketch sketch = new QuantileSketch();
        assertThat(sketch.count()).isZero();
        assertThat(sketch.quantile(0.5)).isNaN();
        assertThatThrownBy(sketch::min).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> sketch.quantile(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void spanOfTheWholeLongRangeFoldsTheBottomAndKeepsTheTop() {
        QuantileSketch sketch = new QuantileSketch();
        sketch.add(Long.MAX_VALUE);
        sketch.add(1);
        assertThat(sketch.isCollapsed()).isTrue();
        assertThat(sketch.bucketCapacity()).isLessThanOrEqualTo(QuantileSketch.DEFAULT_MAX_BUCKETS);
        assertThat(sketch.quantile(1)).isEqualTo((double) Long.MAX_VALUE);
        assertThat(sketch.min()).isEqualTo(1);
    }

    private static void assertAccurate(int n, LongSupplier values) {
        QuantileSketch sketch = new QuantileSketch();
        long[] all = new long[n];
        for (int i = 0; i < n; i++) {
            all[i] = values.getAsLong();
            sketch.add(all[i]);
        }
        Arrays.sort(all);
        assertThat(sketch.count()).isEqualTo(n);
        assertThat(sketch.min()).isEqualTo(all[0]);
        assertThat(sketch.max()).isEqualTo(all[n - 1]);
        for (double q : QUANTILES) assertWithin(sketch.quantile(q), exact(all, q), q);
    }

    /** The nearest-rank quantile: the smallest value with at least q·n values at or below it. */
    private static long exact(long[] sorted, double q) {
        long atOrBelow = BigDecimal.valueOf(q).multiply(BigDecimal.valueOf(sorted.length))
                .setScale(0, RoundingMode.CEILING).longValueExact();
        return sorted[(int) Math.max(0, atOrBelow - 1)];
    }

    private static void assertWithin(double estimate, long exact, double q) {
        assertThat(Math.abs(estimate - exact)).as("q=%s estimate=%s exact=%s", q, estimate, exact)
                .isLessThanOrEqualTo((ALPHA + SLACK) * exact);
    }
}
