package io.wirespan.cli.otlp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * OpenTelemetry ids from the ids a call log found in tracing headers. A trace id in hex of at most
 * 32 digits is kept, left-padded with zeros: W3C's 32 digits as they are, and Jaeger's and Zipkin's
 * 64-bit ids the way their own OpenTelemetry bridges widen them. Any other trace id (SkyWalking's
 * {@code a1b2.35.1690000000000}, a header the user named) is hashed: the first 16 bytes of its
 * SHA-256, so every network span of that trace still lands in one OpenTelemetry trace. A span id
 * is a parent only in hex of at most 16 digits; a made-up parent would point at no real span.
 */
final class TraceIds {
    private static final int TRACE_HEX = 32, SPAN_HEX = 16;

    private TraceIds() {}

    /** The 32-digit trace id for a call log's trace id, or null when it has none (or all zeros, W3C's invalid id). */
    static String traceId(String raw) {
        if (raw == null || raw.isBlank()) return null;
        String text = raw.trim();
        return isHex(text) && text.length() <= TRACE_HEX ? padded(text, TRACE_HEX) : sha256Prefix(text);
    }

    /** The 16-digit span id for a call log's span id, or null when it is not one. */
    static String spanId(String raw) {
        if (raw == null) return null;
        String text = raw.trim();
        return isHex(text) && text.length() <= SPAN_HEX ? padded(text, SPAN_HEX) : null;
    }

    private static boolean isHex(String text) {
        if (text.isEmpty()) return false;
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) return false;
        }
        return true;
    }

    /** Lower-case hex left-padded to {@code width} digits; null for all zeros. */
    private static String padded(String hex, int width) {
        if (hex.chars().allMatch(c -> c == '0')) return null;
        return "0".repeat(width - hex.length()) + hex.toLowerCase(Locale.ROOT);
    }

    private static String sha256Prefix(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, TRACE_HEX / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
