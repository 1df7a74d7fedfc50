package io.wirespan.server;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The write endpoints' guard: {@code Authorization: Bearer <token>}. Compared in constant time,
 * so the time a refusal takes tells nothing about the token.
 */
final class Auth {
    private final byte[] token;
    private final ServerCounters counters;

    Auth(String token, ServerCounters counters) {
        if (token == null || token.isBlank()) throw new IllegalArgumentException("the server needs a token for its write endpoints");
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.counters = counters;
    }

    void require(Context ctx) {
        String header = ctx.header("Authorization");
        String offered = header != null && header.startsWith("Bearer ") ? header.substring("Bearer ".length()).trim() : null;
        if (offered == null || !MessageDigest.isEqual(token, offered.getBytes(StandardCharsets.UTF_8))) {
            counters.unauthorizedRequests.increment();
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, offered == null ? "this endpoint needs 'Authorization: Bearer <token>'" : "the token is not valid");
        }
    }
}
