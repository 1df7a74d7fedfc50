package io.wirespan.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.cli.plugin.PluginJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java counterpart of the Wasm examples: a plugin jar (KvPluginProtocol, a key-value text
 * protocol written against wirespan-api alone) loaded from a plugins directory at run time, on real
 * memcached traffic. Plugins are tried first, so it claims the flow from the built-in parser, and
 * every command the client sent is one call log of the plugin's protocol with the reply it got.
 */
class JavaPluginLiveTrafficTest {
    @TempDir
    Path temp;

    @Test
    void aPluginJarFromTheDirectoryParsesRealTraffic() throws Exception {
        List<MemcachedClient.Exchange> exchanges;
        Path capture;
        try (Memcached memcached = Memcached.start();
             LoopbackCapture tcpdump = LoopbackCapture.start(temp.resolve("kv.pcap"), "tcp port " + memcached.port());
             MemcachedClient client = MemcachedClient.connect(memcached.port())) {
            exchanges = List.of(
                    client.send(MemcachedClient.Command.store("set colour 0 0 4", "blue")),
                    client.send(MemcachedClient.Command.of("get colour")),
                    client.send(MemcachedClient.Command.of("delete colour")),
                    client.send(MemcachedClient.Command.of("delete colour")),
                    client.send(MemcachedClient.Command.of("incr visits 1")));
            capture = tcpdump.stop();
        }
        assertThat(exchanges).extracting(MemcachedClient.Exchange::replyLine)
                .containsExactly("STORED", "VALUE colour 0 4", "DELETED", "NOT_FOUND", "NOT_FOUND");
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        PluginJars.writeKv(plugins.resolve("kv-plugin.jar"));

        CallLogs logs = CallLogs.parse(capture, temp, null, 2, List.of("--plugin-dir", plugins.toString()));

        assertThat(logs.all()).as(logs.dump()).hasSameSizeAs(exchanges);
        for (int i = 0; i < exchanges.size(); i++) {
            MemcachedClient.Exchange x = exchanges.get(i);
            CallLogs.Log log = logs.all().get(i);
            String reply = x.replyLine().split(" ", 2)[0];
            assertThat(log.fields(List.of("type", "l7_protocol", "l7_protocol_str", "request_type", "request_resource",
                            "response_result", "response_status", "client_port")))
                    .as(x + "\n" + log.line())
                    .isEqualTo(new Expected().put("type", "session").put("l7_protocol", 127).put("l7_protocol_str", "Kv")
                            .put("request_type", x.verb()).put("request_resource", x.command().line())
                            // a VALUE reply ends with END, the line the plugin reports
                            .put("response_result", reply.equals("VALUE") ? "END" : reply).put("response_status", "ok")
                            .put("client_port", x.localPort()).fields());
            assertThat(log.get("response_duration")).isNotNull();
        }
    }
}
