package io.wirespan.engine.protocol.http;

import io.wirespan.api.L7Message;
import io.wirespan.engine.protocol.http.CaptureRun.Exchange;
import io.wirespan.engine.testing.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP messages as tshark's dissector finds them, and the parser's in the same shape, one string
 * per message: {@code "request <client port> <method> <target> <content-length>"} or
 * {@code "response <client port> <status> <content-length>"}. Interim (1xx) responses are left out.
 */
final class TsharkHttp {
    private TsharkHttp() {}

    static List<String> tshark(Path capture, boolean requestsOnly) {
        String fields = Tools.tshark("-r", capture.toString(), "-d", "tcp.port==8080,http", "-d", "tcp.port==9080,http",
                "-d", "tcp.port==18080,http", "-Y", requestsOnly ? "http.request" : "http", "-T", "fields",
                "-E", "aggregator=|", "-e", "tcp.srcport", "-e", "tcp.dstport", "-e", "http.request.method",
                "-e", "http.request.uri", "-e", "http.response.code", "-e", "http.content_length_header");
        List<String> messages = new ArrayList<>();
        for (String line : fields.split("\n")) { // not strip(): trailing empty fields are tabs
            if (line.isBlank()) continue;
            String[] f = line.split("\t", -1);
            if (!f[2].isEmpty()) {
                String[] methods = f[2].split("\\|");
                String[] uris = f[3].split("\\|");
                // Content-Length of pipelined requests cannot be told apart: kept for single ones.
                String length = methods.length == 1 ? f[5] : "?";
                for (int i = 0; i < methods.length; i++) {
                    messages.add("request " + f[0] + " " + methods[i] + " " + uris[i] + " " + length);
                }
            } else if (!f[4].isEmpty() && !f[4].startsWith("1") && !requestsOnly) {
                messages.add("response " + f[1] + " " + f[4] + " " + f[5]);
            }
        }
        return messages;
    }

    static List<String> ours(List<Exchange> exchanges, boolean requestsOnly, boolean requestLengths) {
        List<String> messages = new ArrayList<>();
        for (Exchange e : exchanges) {
            if (e.request() != null) {
                L7Message m = e.request().message();
                String length = !requestLengths ? "?" : m.requestLength() == null ? "" : m.requestLength().toString();
                messages.add("request " + e.clientPort() + " " + m.requestType() + " " + m.requestResource() + " " + length);
            }
            if (e.response() != null && !requestsOnly) {
                L7Message m = e.response().message();
                messages.add("response " + e.clientPort() + " " + m.responseCode() + " "
                        + (m.responseLength() == null ? "" : m.responseLength()));
            }
        }
        return messages;
    }
}
