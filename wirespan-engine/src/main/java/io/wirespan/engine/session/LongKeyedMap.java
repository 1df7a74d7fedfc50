package io.wirespan.engine.session;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * A map from long keys to non-null values, open addressing with linear probing: one lookup per
 * message without boxing the key, for the aggregator's per-flow state. Removal shifts the entries
 * after a hole back, so lookups never need tombstones.
 */
final class LongKeyedMap<V> {
    private long[] keys;
    private Object[] values;
    private int size;
    private int mask;

    LongKeyedMap() {
        allocate(64);
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        for (int i = slot(key); ; i = i + 1 & mask) {
            Object v = values[i];
            if (v == null) return null;
            if (keys[i] == key) return (V) v;
        }
    }

    @SuppressWarnings("unchecked")
    V computeIfAbsent(long key, LongFunction<V> make) {
        int i = slot(key);
        for (; values[i] != null; i = i + 1 & mask) {
            if (keys[i] == key) return (V) values[i];
        }
        V value = make.apply(key);
        add(i, key, value);
        return value;
    }

    /** @return the value {@code key} had, or null */
    @SuppressWarnings("unchecked")
    V put(long key, V value) {
        int i = slot(key);
        for (; values[i] != null; i = i + 1 & mask) {
            if (keys[i] == key) {
                V previous = (V) values[i];
                values[i] = value;
                return previous;
            }
        }
        add(i, key, value);
        return null;
    }

    private void add(int free, long key, V value) {
        keys[free] = key;
        values[free] = value;
        if (++size > (mask + 1) * 2 / 3) allocate((mask + 1) * 2);
    }

    @SuppressWarnings("unchecked")
    V remove(long key) {
        int i = slot(key);
        for (; values[i] != null; i = i + 1 & mask) {
            if (keys[i] != key) continue;
            V removed = (V) values[i];
            size--;
            shiftBackInto(i);
            return removed;
        }
        return null;
    }

    /** The values, in no particular order. */
    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> all = new ArrayList<>(size);
        for (Object v : values) {
            if (v != null) all.add((V) v);
        }
        return all;
    }

    /** The keys, in no particular order. */
    long[] keys() {
        long[] all = new long[size];
        int n = 0;
        for (int i = 0; i <= mask; i++) {
            if (values[i] != null) all[n++] = keys[i];
        }
        return all;
    }

    /** Fills the hole at {@code hole} with a later entry of the run that probed past it, repeatedly. */
    private void shiftBackInto(int hole) {
        values[hole] = null;
        for (int i = hole + 1 & mask; values[i] != null; i = i + 1 & mask) {
            int home = slot(keys[i]);
            // the entry may move to the hole only if its home is not in (hole, i], cyclically
            boolean movable = hole <= i ? home <= hole || home > i : home <= hole && home > i;
            if (movable) {
                keys[hole] = keys[i];
                values[hole] = values[i];
                values[i] = null;
                hole = i;
            }
        }
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ h >>> 32) & mask;
    }

    private void allocate(int capacity) {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        if (oldValues == null) return;
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] == null) continue;
            int j = slot(oldKeys[i]);
            while (values[j] != null) j = j + 1 & mask;
            keys[j] = oldKeys[i];
            values[j] = oldValues[i];
        }
    }
}
