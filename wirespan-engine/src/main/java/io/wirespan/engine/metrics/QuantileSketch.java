package io.wirespan.engine.metrics;

import java.util.NoSuchElementException;

/**
 * A mergeable quantile sketch for latencies in microseconds whose answers have a bounded relative
 * error, after DDSketch (Masson, Rim, Lee: "DDSketch: A Fast and Fully-Mergeable Quantile Sketch
 * with Relative-Error Guarantees", VLDB 2019).
 *
 * <p><b>The math.</b> For a relative accuracy α let γ = (1 + α) / (1 − α). A value x &gt; 0 is
 * counted in bucket i = ⌈log_γ x⌉, which holds exactly the values in (γ^(i−1), γ^i]. The bucket
 * answers with v_i = 2γ^i / (γ + 1): for every x in the bucket, v_i / x lies in
 * [2 / (γ + 1), 2γ / (γ + 1)] = [1 − α, 1 + α], so |v_i − x| ≤ α·x. The q-quantile is the
 * nearest-rank one: the value of 0-based rank ⌈q·n⌉ − 1 in sorted order, the smallest value with at
 * least q·n values at or below it (so a p99 of 3 calls is the slowest). Walking the bucket counts up
 * to that rank lands in the bucket holding the exact rank value, so the answer is within α of it.
 * Merging adds counts index by index, which gives exactly the sketch of the union. Answers are
 * finally clamped to the exact [min, max], which keeps the bound and makes a constant series exact.
 *
 * <p><b>Memory.</b> The counts sit in one {@code long[]} over a contiguous index range, grown on
 * demand up to {@code maxBuckets}. When a value would widen the range past that, the lowest buckets
 * are folded into the lowest kept one (DDSketch's collapsing-lowest store): high quantiles, the
 * ones latency dashboards show, keep the guarantee, while a rank falling into folded buckets is
 * over-estimated. At α = 1 % a bucket is about 2 % wide, so the default 2048 buckets span a ratio
 * of e^40 (1 µs to thousands of years) and never fold for real latencies. Values ≤ 0 are counted
 * apart and answered as 0. Not thread-safe.
 */
public final class QuantileSketch {
    public static final double DEFAULT_RELATIVE_ACCURACY = 0.01;
    public static final int DEFAULT_MAX_BUCKETS = 2048;
    /** Below this the folding would make even a p50 meaningless for ordinary latency spreads. */
    public static final int MIN_MAX_BUCKETS = 16;
    private static final int INITIAL_BUCKETS = 32;
    private static final long[] NO_COUNTS = new long[0];

    private final double relativeAccuracy;
    private final double gamma;
    private final double logGamma;
    private final int maxBuckets;

    /** {@code counts[k]} is the count of bucket index {@code offset + k}. */
    private long[] counts = NO_COUNTS;
    private int offset;
    /** Lowest and highest bucket index in use; meaningful when {@code positiveCount > 0}. */
    private int lo;
    private int hi;
    private long positiveCount;
    private long zeroCount;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private boolean collapsed;

    /** α = 1 %, at most 2048 buckets (16 KiB). */
    public QuantileSketch() {
        this(DEFAULT_RELATIVE_ACCURACY, DEFAULT_MAX_BUCKETS);
    }

    public QuantileSketch(double relativeAccuracy, int maxBuckets) {
        if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
            throw new IllegalArgumentException("relativeAccuracy: " + relativeAccuracy + " (expected: 0 < α < 1)");
        }
        if (maxBuckets < MIN_MAX_BUCKETS) {
            throw new IllegalArgumentException("maxBuckets: " + maxBuckets + " (expected: >= " + MIN_MAX_BUCKETS + ")");
        }
        this.relativeAccuracy = relativeAccuracy;
        this.gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
        this.logGamma = Math.log(gamma);
        this.maxBuckets = maxBuckets;
    }

    public void add(long valueMicros) {
        if (valueMicros < min) min = valueMicros;
        if (valueMicros > max) max = valueMicros;
        if (valueMicros <= 0) {
            zeroCount++;
        } else {
            addToBucket((int) Math.ceil(Math.log(valueMicros) / logGamma), 1);
        }
    }

    /** Adds every value of {@code other} to this sketch; both must have the same relative accuracy. */
    public void merge(QuantileSketch other) {
        if (other.gamma != gamma) {
            throw new IllegalArgumentException("relative accuracy: " + other.relativeAccuracy
                    + " (expected: " + relativeAccuracy + ", the accuracy of this sketch)");
        }
        if (other.count() == 0) return;
        QuantileSketch source = other == this ? copy() : other;
        min = Math.min(min, source.min);
        max = Math.max(max, source.max);
        zeroCount += source.zeroCount;
        collapsed |= source.collapsed;
        if (source.positiveCount == 0) return;
        // Highest first: the range is then settled at the top and grows (or folds) downwards only.
        for (int index = source.hi; index >= source.lo; index--) {
            long c = source.counts[index - source.offset];
            if (c != 0) addToBucket(index, c);
        }
    }

    /**
     * The nearest-rank q-quantile (0-based rank ⌈q·count⌉ − 1), within the relative accuracy of the exact one
     * (unless that rank fell into folded low buckets, see {@link #isCollapsed()}); NaN when empty.
     */
    public double quantile(double q) {
        if (!(q >= 0 && q <= 1)) throw new IllegalArgumentException("q: " + q + " (expected: 0..1)");
        long n = count();
        if (n == 0) return Double.NaN;
        double target = q * n;
        // A few ulps off so that 0.07 · 100 = 7.000000000000001 still means rank 6.
        long rank = Math.clamp((long) Math.ceil(target - 4 * Math.ulp(target)) - 1, 0, n - 1);
        double value = 0;
        if (rank >= zeroCount) {
            long seen = zeroCount;
            int index = lo;
            for (; index < hi; index++) {
                seen += counts[index - offset];
                if (seen > rank) break;
            }
            value = 2 * Math.exp(index * logGamma) / (gamma + 1);
        }
        return Math.clamp(value, (double) min, (double) max);
    }

    public long count() {
        return zeroCount + positiveCount;
    }

    /** The exact smallest value added. */
    public long min() {
        requireValues();
        return min;
    }

    /** The exact largest value added. */
    public long max() {
        requireValues();
        return max;
    }

    public double relativeAccuracy() {
        return relativeAccuracy;
    }

    /** Buckets currently allocated: the memory in use is about 8 bytes each, never above {@code maxBuckets}. */
    public int bucketCapacity() {
        return counts.length;
    }

    /** Whether low buckets were ever folded to stay within {@code maxBuckets}. */
    public boolean isCollapsed() {
        return collapsed;
    }

    private void addToBucket(int index, long count) {
        int newLo = index;
        int newHi = index;
        if (positiveCount > 0) {
            newLo = Math.min(lo, index);
            newHi = Math.max(hi, index);
        }
        if (newHi - newLo >= maxBuckets) {
            // Keep the top maxBuckets indexes; everything below goes to the lowest kept bucket.
            int floor = newHi - maxBuckets + 1;
            long folded = 0;
            for (int k = lo; k < floor && k <= hi; k++) {
                folded += counts[k - offset];
                counts[k - offset] = 0;
            }
            if (index < floor) index = floor;
            newLo = floor;
            cover(newLo, newHi);
            counts[floor - offset] += folded;
            collapsed = true;
        } else {
            cover(newLo, newHi);
        }
        lo = newLo;
        hi = newHi;
        counts[index - offset] += count;
        positiveCount += count;
    }

    /** Makes the array span the indexes from..to (at most maxBuckets of them), keeping the counts in it. */
    private void cover(int from, int to) {
        if (from >= offset && to < offset + counts.length) return;
        int span = to - from + 1;
        int length = counts.length;
        if (span > length) length = Math.min(maxBuckets, Math.max(span, Math.max(2 * length, INITIAL_BUCKETS)));
        // Leave the spare room on the side the range is growing towards.
        int newOffset = counts.length > 0 && from < offset ? to - length + 1 : from;
        long[] next = new long[length];
        int copyFrom = Math.max(from, offset);
        int copyTo = Math.min(to, offset + counts.length - 1);
        if (copyFrom <= copyTo) {
            System.arraycopy(counts, copyFrom - offset, next, copyFrom - newOffset, copyTo - copyFrom + 1);
        }
        counts = next;
        offset = newOffset;
    }

    private QuantileSketch copy() {
        QuantileSketch c = new QuantileSketch(relativeAccuracy, maxBuckets);
        c.counts = counts.clone();
        c.offset = offset;
        c.lo = lo;
        c.hi = hi;
        c.positiveCount = positiveCount;
        c.zeroCount = zeroCount;
        c.min = min;
        c.max = max;
        c.collapsed = collapsed;
        return c;
    }

    private void requireValues() {
        if (count() == 0) throw new NoSuchElementException("empty sketch");
    }
}
