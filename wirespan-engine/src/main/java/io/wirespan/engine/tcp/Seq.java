package io.wirespan.engine.tcp;

/**
 * TCP sequence-number comparisons modulo 2^32 (RFC 9293 §3.4): {@code a} is before {@code b} when
 * the signed 32-bit difference is negative, so comparisons stay right across the wrap.
 */
final class Seq {
    private Seq() {}

    static boolean lt(int a, int b) { return a - b < 0; }

    static boolean le(int a, int b) { return a - b <= 0; }

    static boolean gt(int a, int b) { return a - b > 0; }

    static boolean ge(int a, int b) { return a - b >= 0; }
}
