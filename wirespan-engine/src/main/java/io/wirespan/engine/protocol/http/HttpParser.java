package io.wirespan.engine.protocol.http;

import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.L7Parser;
import io.wirespan.api.MessageSink;
import io.wirespan.api.ParseContext;
import io.wirespan.engine.protocol.ParserCounters;
import io.wirespan.engine.tags.HttpEndpoints;
import io.wirespan.engine.tags.TraceHeaders;

/**
 * The HTTP/1 parser of one flow: a {@link HttpFramer} per direction, requests on the client's,
 * responses on the server's. Each message is reported when its head is complete, with the body
 * bytes that came in the same piece of stream; the rest of a body is read past. Requests and
 * responses pair in order (no session id).
 */
final class HttpParser implements L7Parser {
    private final TraceHeaders traceHeaders;
    private final HttpEndpoints endpoints;
    private final ParserCounters<HttpCounter> counters;
    private final PendingMethods pending = new PendingMethods();
    private final RequestSide requestSide = new RequestSide();
    private final ResponseSide responseSide = new ResponseSide();
    private final HttpFramer requestFramer;
    private final HttpFramer responseFramer;
    private boolean switched;

    // Valid during one call only.
    private ParseContext context;
    private MessageSink out;

    HttpParser(TraceHeaders traceHeaders, HttpEndpoints endpoints, ParseContext context) {
        this.traceHeaders = traceHeaders;
        this.endpoints = endpoints;
        this.counters = new ParserCounters<>(HttpCounter.values(), context);
        this.requestFramer = new HttpFramer(true, requestSide, counters);
        this.responseFramer = new HttpFramer(false, responseSide, counters);
    }

    ParserCounters<HttpCounter> counters() {
        return counters;
    }

    @Override
    public int parse(Direction direction, byte[] data, int offset, int length, ParseContext context, MessageSink out) {
        if (switched) return 0; // the bytes belong to the protocol that follows
        boolean request = direction == Direction.CLIENT_TO_SERVER;
        this.context = context;
        this.out = out;
        try {
            return (request ? requestFramer : responseFramer).parse(data, offset, length);
        } finally {
            (request ? requestSide : responseSide).flush();
            this.context = null;
            this.out = null;
        }
    }

    @Override
    public void onGap(Direction direction, int missingBytes, ParseContext context) {
        (direction == Direction.CLIENT_TO_SERVER ? requestFramer : responseFramer).onGap(missingBytes);
    }

    @Override
    public boolean protocolSwitched() {
        return switched;
    }

    /** A head cut by the end of the capture is still reported, with the fields it has. */
    @Override
    public void onFlowEnd(ParseContext context, MessageSink out) {
        this.context = context;
        this.out = out;
        try {
            if (requestFramer.inHead()) requestSide.endOfFlow(requestFramer.headBytes());
            if (responseFramer.inHead()) responseSide.endOfFlow(responseFramer.headBytes());
        } finally {
            this.context = null;
            this.out = null;
        }
    }

    /** One direction's messages: the head being read and the message waiting for its body bytes. */
    private abstract class Side implements HttpFramer.Listener {
        final HttpHead head = new HttpHead();
        private L7Message.Builder ready;
        private long readyBytes;

        @Override
        public void header(byte[] b, int nameFrom, int nameTo, int valueFrom, int valueTo) {
            head.header(b, nameFrom, nameTo, valueFrom, valueTo, this == requestSide);
        }

        @Override
        public void bodyBytes(int count) {
            readyBytes += count;
        }

        @Override
        public void messageEnd() {
            flush();
        }

        @Override
        public void abort() {
            ready = null;
        }

        /** A message is complete up to its head; it goes out at its body's end or this call's. */
        void ready(L7Message.Builder message, int headBytes) {
            ready = message;
            readyBytes = headBytes;
        }

        void flush() {
            if (ready != null && out != null) out.emit(ready.capturedBytes(readyBytes).build());
            ready = null;
        }

        abstract void endOfFlow(int headBytes);
    }

    private final class RequestSide extends Side {
        /** The head in progress was already reported, because its response began first. */
        private boolean reported;

        @Override
        public boolean startLine(byte[] b, int from, int to) {
            reported = false;
            return head.requestLine(b, from, to, traceHeaders.newMessage());
        }

        @Override
        public long headEnd(int headBytes) {
            if (!reported) {
                if (!pending.add(head.method)) counters.increment(HttpCounter.PENDING_OVERFLOWS);
                ready(head.request(context.settings(), endpoints), headBytes);
            }
            reported = false;
            // RFC 9112 §6.3: chunked wins over Content-Length; another coding, or a bad length,
            // leaves the body unknown: the framer then resynchronises on the next request line.
            if (head.transferEncoding) {
                if (head.chunked) return HttpFramer.CHUNKED;
                counters.increment(HttpCounter.BAD_TRANSFER_ENCODINGS);
                return 0;
            }
            if (head.badContentLength) {
                counters.increment(HttpCounter.BAD_CONTENT_LENGTHS);
                return 0;
            }
            return Math.max(head.contentLength, 0);
        }

        /**
         * A response began while this head is still incomplete: the server has the request, the
         * capture lacks its end (or has it later). It is reported now, with the fields it has, so
         * that it pairs with that response.
         */
        void reportEarly(int headBytes) {
            counters.increment(HttpCounter.EARLY_HEADS);
            if (!pending.add(head.method)) counters.increment(HttpCounter.PENDING_OVERFLOWS);
            out.emit(head.request(context.settings(), endpoints).capturedBytes(headBytes).build());
            reported = true;
        }

        @Override
        void endOfFlow(int headBytes) {
            if (reported) return;
            counters.increment(HttpCounter.PARTIAL_HEADS_AT_END);
            out.emit(head.request(context.settings(), endpoints).capturedBytes(headBytes).build());
        }
    }

    private final class ResponseSide extends Side {
        @Override
        public boolean startLine(byte[] b, int from, int to) {
            if (!head.statusLine(b, from, to, traceHeaders.newMessage())) return false;
            // A response with no request waiting answers the one whose head is still coming.
            if (requestFramer.inHead() && pending.size() == 0) requestSide.reportEarly(requestFramer.headBytes());
            return true;
        }

        @Override
        public long headEnd(int headBytes) {
            int status = head.status;
            if (status < 200 && status != 101) {
                counters.increment(HttpCounter.INTERIM_RESPONSES); // 100 Continue, 103 Early Hints: the final one follows
                return 0;
            }
            HttpMethod method = pending.poll();
            ready(head.response(context.settings()), headBytes);
            // RFC 9112 §6.3 rules 1-2: no body after HEAD, 1xx, 204, 304; a tunnel after CONNECT 2xx.
            if (status == 101 || (method == HttpMethod.CONNECT && status / 100 == 2)) {
                switched = true;
                return HttpFramer.SWITCH;
            }
            if (method == HttpMethod.HEAD || status == 204 || status == 304) return 0;
            if (head.transferEncoding) return head.chunked ? HttpFramer.CHUNKED : HttpFramer.UNTIL_CLOSE;
            if (head.badContentLength) {
                counters.increment(HttpCounter.BAD_CONTENT_LENGTHS);
                return HttpFramer.UNTIL_CLOSE;
            }
            return head.contentLength >= 0 ? head.contentLength : HttpFramer.UNTIL_CLOSE;
        }

        @Override
        void endOfFlow(int headBytes) {
            if (head.status < 200 && head.status != 101) return;
            counters.increment(HttpCounter.PARTIAL_HEADS_AT_END);
            pending.poll();
            out.emit(head.response(context.settings()).capturedBytes(headBytes).build());
        }
    }
}
