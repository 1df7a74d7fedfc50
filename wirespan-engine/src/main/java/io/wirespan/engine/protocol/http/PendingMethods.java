package io.wirespan.engine.protocol.http;

/**
 * The methods of requests still waiting for their responses, oldest first: HTTP/1 answers in
 * order (RFC 9112 §9.3.2), and a response's body depends on its request's method (HEAD, CONNECT).
 * A ring of fixed size; when full, the oldest is forgotten and counted.
 */
final class PendingMethods {
    static final int CAPACITY = 32;

    private final HttpMethod[] ring = new HttpMethod[CAPACITY];
    private int head;
    private int size;

    /** Adds a method; false when the oldest had to be dropped to make room. */
    boolean add(HttpMethod method) {
        boolean room = size < CAPACITY;
        if (room) {
            size++;
        } else {
            head = (head + 1) % CAPACITY;
        }
        ring[(head + size - 1) % CAPACITY] = method;
        return room;
    }

    /** The oldest method, removed; null when no request is waiting. */
    HttpMethod poll() {
        if (size == 0) return null;
        HttpMethod method = ring[head];
        ring[head] = null;
        head = (head + 1) % CAPACITY;
        size--;
        return method;
    }

    int size() {
        return size;
    }
}
