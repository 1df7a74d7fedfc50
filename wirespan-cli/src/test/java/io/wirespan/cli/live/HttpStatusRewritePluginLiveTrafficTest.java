package io.wirespan.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.wasm.CPlugins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plugins/examples/http-status-rewrite, built from source with the C SDK, on real traffic: nginx
 * answers business errors with JSON bodies, curl asks, tcpdump captures, and the plugin's
 * {@code on_http_resp} rewrites what the HTTP parser saw.
 */
class HttpStatusRewritePluginLiveTrafficTest {
    private static final String OK_BODY = "{\"OPT_STATUS\":\"SUCCESS\",\"DATA\":{\"id\":1}}";
    private static final String FAIL_BODY = "{\"OPT_STATUS\":\"FAIL\",\"DESCRIPTION\":\"card declined\"}";
    private static final String DENIED_BODY = "{\"OPT_STATUS\":\"DENIED\",\"DESCRIPTION\":\"token expired\"}";

    @TempDir
    Path temp;

    @Test
    void businessErrorsInJsonBodiesBecomeTheCallLogsStatus() {
        String locations = """
                    location = /pay/ok { default_type application/json; return 200 '%s'; }
                    location = /pay/fail { default_type application/json; return 200 '%s'; }
                    location = /pay/denied { default_type application/json; return 401 '%s'; }
                """.formatted(OK_BODY, FAIL_BODY, DENIED_BODY);
        List<Curl.Exchange> exchanges = new ArrayList<>();
        Path capture;
        try (Nginx nginx = Nginx.start(locations);
             LoopbackCapture tcpdump = LoopbackCapture.start(temp.resolve("pay.pcap"), "tcp port " + nginx.http1Port())) {
            String base = "http://127.0.0.1:" + nginx.http1Port();
            exchanges.addAll(Curl.run("GET", List.of(), Map.of(), base + "/pay/ok"));
            exchanges.addAll(Curl.run("GET", List.of(), Map.of(), base + "/pay/fail"));
            exchanges.addAll(Curl.run("GET", List.of(), Map.of(), base + "/pay/denied"));
            capture = tcpdump.stop();
        }
        assertThat(exchanges).extracting(Curl.Exchange::code).containsExactly(200, 200, 401);
        Path plugin = CPlugins.compile("http-status-rewrite");

        CallLogs without = CallLogs.parse(capture, temp, null);
        CallLogs with = CallLogs.parse(capture, temp, null, 2, List.of("--wasm-plugin", plugin.toString()));

        assertThat(status(without, "/pay/fail")).isEqualTo(Map.of("response_code", 200L, "response_status", "ok"));
        CallLogs.Log ok = only(with, "/pay/ok");
        assertThat(ok.fields(List.of("response_code", "response_status", "response_result")))
                .isEqualTo(map("response_code", 200L, "response_status", "ok", "response_result", null));
        CallLogs.Log fail = only(with, "/pay/fail");
        assertThat(fail.fields(List.of("response_code", "response_status", "response_exception", "response_result")))
                .isEqualTo(map("response_code", 500L, "response_status", "server_error", "response_exception", "card declined",
                        "response_result", FAIL_BODY));
        CallLogs.Log denied = only(with, "/pay/denied");
        assertThat(denied.fields(List.of("response_code", "response_status", "response_result")))
                .isEqualTo(map("response_code", 401L, "response_status", "client_error", "response_result", DENIED_BODY));
        assertThat(with.all()).hasSize(3);
        for (CallLogs.Log log : with.all()) {
            assertThat(log.get("l7_protocol_str")).as(log.line()).isEqualTo("HTTP");
            assertThat(log.get("response_duration")).as(log.line()).isNotNull();
        }
    }

    private static CallLogs.Log only(CallLogs logs, String path) {
        return logs.only(path, l -> path.equals(l.get("request_resource")));
    }

    private static Map<String, Object> status(CallLogs logs, String path) {
        return only(logs, path).fields(List.of("response_code", "response_status"));
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }
}
