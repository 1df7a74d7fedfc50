package io.wirespan.engine.protocol.http;

import io.wirespan.api.L7Message;
import io.wirespan.api.ParserSettings;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.tags.HeaderTags;
import io.wirespan.engine.tags.HttpEndpoints;

/**
 * The head of one message as it is read: the start line, the fields that frame the body, the host
 * and the tags. Reused for every message of one direction; strings are made only for what reaches
 * a call log.
 */
final class HttpHead {
    private static final String[] VERSIONS = {"1.0", "1.1"};

    HttpMethod method;
    String target;
    String version;
    int status;
    String reason;
    String host;
    /** -1 when absent. */
    long contentLength;
    boolean badContentLength;
    boolean transferEncoding;
    /** Transfer-Encoding ends in chunked (RFC 9112 §6.3 rule 4). */
    boolean chunked;
    HeaderTags tags;

    private void reset(HeaderTags tags) {
        method = null;
        target = null;
        version = null;
        status = 0;
        reason = null;
        host = null;
        contentLength = -1;
        badContentLength = false;
        transferEncoding = false;
        chunked = false;
        this.tags = tags;
    }

    /**
     * request-line = method SP request-target SP HTTP-version (RFC 9112 §3); runs of spaces or
     * tabs between the parts are accepted (§3, lenient whitespace).
     */
    boolean requestLine(byte[] b, int from, int to, HeaderTags tags) {
        reset(tags);
        int m = HttpMethod.prefix(b, from, to);
        if (m < 0) return false;
        HttpMethod parsed = HttpMethod.of(m);
        int targetFrom = HttpSyntax.skipWhitespace(b, from + parsed.text.length(), to);
        int targetTo = targetFrom;
        while (targetTo < to && HttpSyntax.isTargetByte(b[targetTo])) targetTo++;
        if (targetTo == targetFrom || targetTo == to || !HttpSyntax.isWhitespace(b[targetTo])) return false;
        int versionFrom = HttpSyntax.skipWhitespace(b, targetTo, to);
        int minor = HttpSyntax.httpVersion(b, versionFrom, HttpSyntax.trimEnd(b, versionFrom, to));
        if (minor < 0) return false;
        method = parsed;
        target = HttpSyntax.text(b, targetFrom, targetTo);
        version = VERSIONS[minor];
        return true;
    }

    /** status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC 9112 §4); the last space may be missing. */
    boolean statusLine(byte[] b, int from, int to, HeaderTags tags) {
        reset(tags);
        int versionTo = from + HttpSyntax.STATUS_PREFIX_LENGTH - 1;
        if (to - from < HttpSyntax.STATUS_PREFIX_LENGTH + 3) return false;
        int minor = HttpSyntax.httpVersion(b, from, versionTo);
        if (minor < 0 || b[versionTo] != HttpSyntax.SP) return false;
        int codeFrom = versionTo + 1;
        int code = HttpSyntax.statusCode(b, codeFrom, to);
        if (code < 100 || (codeFrom + 3 < to && !HttpSyntax.isWhitespace(b[codeFrom + 3]))) return false;
        version = VERSIONS[minor];
        status = code;
        if (code >= 400 && code <= 599) { // the reason of an error is its exception
            int reasonFrom = HttpSyntax.skipWhitespace(b, codeFrom + 3, to);
            int reasonTo = HttpSyntax.trimEnd(b, reasonFrom, to);
            reason = reasonTo > reasonFrom ? HttpSyntax.text(b, reasonFrom, reasonTo) : null;
        }
        return true;
    }

    /** One field line: the framing fields are read from the bytes; every field goes to the tags. */
    void header(byte[] b, int nameFrom, int nameTo, int valueFrom, int valueTo, boolean request) {
        int length = nameTo - nameFrom;
        if (length == 14 && HttpSyntax.equalsIgnoreCase(b, nameFrom, nameTo, "content-length")) {
            long value = HttpSyntax.contentLength(b, valueFrom, valueTo);
            if (value < 0 || (contentLength >= 0 && value != contentLength)) {
                badContentLength = true;
            } else {
                contentLength = value;
            }
        } else if (length == 17 && HttpSyntax.equalsIgnoreCase(b, nameFrom, nameTo, "transfer-encoding")) {
            transferEncoding = true;
            chunked = HttpSyntax.lastTokenIs(b, valueFrom, valueTo, "chunked");
        } else if (request && host == null && length == 4 && HttpSyntax.equalsIgnoreCase(b, nameFrom, nameTo, "host")) {
            host = HttpSyntax.text(b, valueFrom, valueTo);
        }
        tags.header(HttpSyntax.ascii(b, nameFrom, nameTo), HttpSyntax.text(b, valueFrom, valueTo));
    }

    /** The request, every field but the captured bytes. */
    L7Message.Builder request(ParserSettings settings, HttpEndpoints endpoints) {
        String resource = target;
        if (settings.obfuscate()) {
            int query = target.indexOf('?');
            if (query >= 0) resource = target.substring(0, query + 1); // the query's values are masked, '?' kept
        }
        L7Message.Builder message = L7Message.request()
                .version(version)
                .requestType(method.text)
                .requestDomain(settings.truncate(host))
                .requestResource(settings.truncate(resource))
                .endpoint(endpoints.of(target))
                .requestLength(length());
        return tags.applyTo(message);
    }

    /** The response, every field but the captured bytes. */
    L7Message.Builder response(ParserSettings settings) {
        L7Message.Builder message = L7Message.response()
                .version(version)
                .responseCode(HttpSyntax.statusCode(status))
                .responseStatus(status >= 500 && status <= 599 ? ResponseStatus.SERVER_ERROR
                        : status >= 400 && status <= 499 ? ResponseStatus.CLIENT_ERROR : ResponseStatus.OK)
                .responseException(settings.truncate(reason))
                .responseLength(length());
        // The real client is a request header: a proxy's X-Forwarded-For on a response says nothing about the client.
        return tags.applyTo(message).httpProxyClient(null);
    }

    private Long length() {
        return contentLength >= 0 && !badContentLength ? contentLength : null;
    }
}
