package io.wirespan.cli;

import io.wirespan.api.Direction;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.sink.JsonObjectWriter;
import io.wirespan.engine.sink.JsonOutput;
import io.wirespan.wasm.CallWatchdog;
import io.wirespan.wasm.Hook;
import io.wirespan.wasm.HookCall;
import io.wirespan.wasm.HookResult;
import io.wirespan.wasm.PluginCallException;
import io.wirespan.wasm.PluginLimits;
import io.wirespan.wasm.PluginLoadException;
import io.wirespan.wasm.PluginLog;
import io.wirespan.wasm.WasmPlugin;
import io.wirespan.wasm.abi.BaseContext;
import io.wirespan.wasm.abi.HookPart;
import io.wirespan.wasm.abi.PluginRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code wirespan plugin exec}: runs one hook of a Wasm plugin on a payload and a context set by
 * flags, and prints what came back as one JSON object (shared/spec/cli.md): for plugin authors,
 * who otherwise debug blind.
 */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = "Run one hook of a Wasm plugin and print its return value, result records and log lines as JSON.")
final class PluginExecCommand implements Callable<Integer> {
    enum HookName {
        check_payload(Hook.CHECK_PAYLOAD), parse_payload(Hook.PARSE_PAYLOAD), http_req(Hook.HTTP_REQ),
        http_resp(Hook.HTTP_RESP), custom_message(Hook.CUSTOM_MESSAGE);

        final Hook hook;

        HookName(Hook hook) {
            this.hook = hook;
        }
    }

    enum L4 { tcp, udp }

    enum WhichWay { request, response }

    enum Status { ok, client_error, server_error, timeout, unknown }

    @Spec
    CommandSpec spec;

    @Option(names = "--plugin", required = true, paramLabel = "FILE.wasm", description = "The plugin.")
    Path plugin;

    @Option(names = "--hook", required = true, paramLabel = "HOOK",
            description = "check_payload, parse_payload, http_req, http_resp or custom_message.")
    HookName hook;

    static final class PayloadSource {
        @Option(names = "--payload", paramLabel = "FILE", description = "The payload's bytes, from a file.")
        Path file;

        @Option(names = "--payload-hex", paramLabel = "HEX", description = "The payload's bytes, in hex.")
        String hex;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    PayloadSource payload;

    @Option(names = "--src", defaultValue = "10.0.0.1:40000", paramLabel = "IP:PORT", description = "Source (default ${DEFAULT-VALUE}; [v6]:port for IPv6).")
    String src;

    @Option(names = "--dst", defaultValue = "10.0.0.2:80", paramLabel = "IP:PORT", description = "Destination (default ${DEFAULT-VALUE}).")
    String dst;

    @Option(names = "--l4", defaultValue = "tcp", description = "tcp or udp (default ${DEFAULT-VALUE}).")
    L4 l4;

    @Option(names = "--l7", defaultValue = "0", paramLabel = "N",
            description = "The L7 protocol number in the context: 0 for check, the plugin's number for parse, 20/21/41 for HTTP hooks.")
    int l7;

    @Option(names = "--direction", defaultValue = "request", description = "request or response (default ${DEFAULT-VALUE}).")
    WhichWay direction;

    @Option(names = "--ebpf-type", defaultValue = "255", paramLabel = "N", description = "eBPF type; 255 is packet capture.")
    int ebpfType;

    @Option(names = "--proc-name", defaultValue = "", paramLabel = "S", description = "Process name.")
    String processName;

    @Option(names = "--time-us", paramLabel = "N", description = "Packet time in µs since the epoch (default now).")
    Long timeMicros;

    @Option(names = "--flow-id", defaultValue = "1", paramLabel = "N")
    long flowId;

    @Option(names = "--buf-size", defaultValue = "1024", paramLabel = "N",
            description = "The payload truncation; the payload is cut to it (default ${DEFAULT-VALUE}).")
    int bufferSize;

    @Option(names = "--http-path", defaultValue = "", paramLabel = "S")
    String httpPath;

    @Option(names = "--http-host", defaultValue = "", paramLabel = "S")
    String httpHost;

    @Option(names = "--http-user-agent", defaultValue = "", paramLabel = "S")
    String httpUserAgent;

    @Option(names = "--http-referer", defaultValue = "", paramLabel = "S")
    String httpReferer;

    @Option(names = "--http-status-code", defaultValue = "0", paramLabel = "N")
    int httpStatusCode;

    @Option(names = "--http-status", defaultValue = "ok", description = "ok, client_error, server_error, timeout or unknown.")
    Status httpStatus;

    @Option(names = "--http-endpoint", defaultValue = "", paramLabel = "S")
    String httpEndpoint;

    @Option(names = "--custom-hook-point", defaultValue = "0", paramLabel = "N")
    int customHookPoint;

    @Option(names = "--custom-type", defaultValue = "0", paramLabel = "N",
            description = "The protocol id of the parser that raised the message (40 Dubbo, 104 NATS, 106 ZMTP, 107 RocketMQ).")
    long customType;

    @Option(names = "--custom-payload-hex", defaultValue = "", paramLabel = "HEX", description = "The message's protobuf, in hex.")
    String customPayloadHex;

    @Override
    public Integer call() throws Exception {
        HookCall call = new HookCall(hook.hook, context(), payload(), part());
        byte[] wasm;
        try {
            wasm = Files.readAllBytes(plugin);
        } catch (IOException e) {
            throw new BadInputException(plugin + ": cannot read: " + e.getMessage());
        }
        try (CallWatchdog watchdog = new CallWatchdog()) {
            WasmPlugin loaded;
            try {
                loaded = WasmPlugin.load(plugin.getFileName().toString(), wasm, PluginLimits.DEFAULTS, watchdog);
            } catch (PluginLoadException e) {
                throw new BadInputException(e.getMessage());
            }
            try (loaded) {
                if (!loaded.wants(hook.hook)) {
                    System.err.println("wirespan: note: the plugin's hook bitmap does not ask for " + hook + "; called anyway");
                }
                HookResult result;
                try {
                    result = loaded.call(call);
                } catch (PluginCallException e) {
                    print(loaded.name(), null, e.getMessage());
                    return WirespanCommand.EXIT_FAILURE;
                }
                print(loaded.name(), result, null);
                return WirespanCommand.EXIT_OK;
            }
        }
    }

    private BaseContext context() {
        Endpoint from = Endpoint.parse(src, "--src", spec), to = Endpoint.parse(dst, "--dst", spec);
        if (from.address.length != to.address.length) {
            throw new ParameterException(spec.commandLine(), "--src and --dst must both be IPv4 or both IPv6");
        }
        long time = timeMicros != null ? timeMicros : System.currentTimeMillis() * 1000;
        return new BaseContext(from.address, to.address, from.port, to.port, l4 == L4.tcp ? BaseContext.TCP : BaseContext.UDP,
                l7, ebpfType, time, direction == WhichWay.request ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT,
                processName, flowId, bufferSize);
    }

    private byte[] payload() throws BadInputException {
        byte[] bytes;
        if (payload.file != null) {
            try {
                bytes = Files.readAllBytes(payload.file);
            } catch (IOException e) {
                throw new BadInputException(payload.file + ": cannot read: " + e.getMessage());
            }
        } else {
            bytes = hex(payload.hex, "--payload-hex");
        }
        return bytes.length > bufferSize ? Arrays.copyOf(bytes, Math.max(bufferSize, 0)) : bytes;
    }

    private HookPart part() {
        return switch (hook.hook) {
            case CHECK_PAYLOAD, PARSE_PAYLOAD -> null;
            case HTTP_REQ -> new HookPart.HttpRequest(httpPath, httpHost, httpUserAgent, httpReferer);
            case HTTP_RESP -> new HookPart.HttpResponse(httpStatusCode,
                    ResponseStatus.valueOf(httpStatus.name().toUpperCase(Locale.ROOT)), httpEndpoint);
            case CUSTOM_MESSAGE -> new HookPart.CustomMessage(customHookPoint, customType,
                    hex(customPayloadHex, "--custom-payload-hex"));
        };
    }

    private byte[] hex(String text, String option) {
        try {
            return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": not hex: " + e.getMessage());
        }
    }

    private void print(String pluginName, HookResult result, String error) {
        JsonOutput out = new JsonOutput(1024);
        JsonObjectWriter json = new JsonObjectWriter(out).field("hook", hook.name());
        if (result != null) json.field("returned", (long) result.returned());
        json.field("plugin", pluginName);
        if (result != null && hook.hook == Hook.CHECK_PAYLOAD && (result.returned() & 0xFF) != 0) {
            int value = result.returned();
            json.object("protocol", p -> p.field("number", (long) (value & 0xFF))
                    .field("name", result.stringResult() == null ? "" : result.stringResult())
                    .field("direction", value >>> 8 == 2 ? "response" : "request"));
        }
        json.objects("records", result == null ? List.of() : result.records(), PluginExecCommand::record);
        json.objects("logs", result == null ? List.of() : result.logs(), (w, log) ->
                w.field("level", log.level().name().toLowerCase(Locale.ROOT)).field("message", log.message()));
        json.fieldOrNull("error", error);
        json.end();
        System.out.println(out);
    }

    /** A result record with the key names of call-log.md; absent and empty values are left out. */
    private static void record(JsonObjectWriter w, PluginRecord r) {
        PluginRecord.Request q = r.request();
        PluginRecord.Response s = r.response();
        PluginRecord.Trace t = r.trace();
        w.field("request_type", text(q != null ? q.type() : s != null ? s.type() : null))
                .field("request_domain", text(q == null ? null : q.domain()))
                .field("request_resource", text(q == null ? null : q.resource()))
                .field("endpoint", text(q != null ? q.endpoint() : s != null ? s.endpoint() : null))
                .field("version", text(q == null ? null : q.version()))
                .field("request_id", r.requestId())
                .field("response_status", s == null ? null : s.status().wireName())
                .field("response_code", s == null ? null : s.code())
                .field("response_exception", text(s == null ? null : s.exception()))
                .field("response_result", text(s == null ? null : s.result()))
                .field("trace_id", text(t == null ? null : t.traceId()))
                .field("span_id", text(t == null ? null : t.spanId()))
                .field("parent_span_id", text(t == null ? null : t.parentSpanId()))
                .field("x_request_id", text(t == null ? null : t.xRequestId()))
                .field("request_length", r.requestLength())
                .field("response_length", r.responseLength())
                .field("protocol_str", text(r.protocolName()))
                .field("is_async", r.isAsync())
                .field("is_reversed", r.isReversed());
        Map<String, String> attributes = new LinkedHashMap<>();
        for (PluginRecord.KeyValue kv : r.attributes()) attributes.put(kv.key(), kv.value());
        if (!attributes.isEmpty()) w.object("attributes", a -> attributes.forEach(a::field));
    }

    private static String text(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** An address literal and port: {@code 10.0.0.1:80} or {@code [2001:db8::1]:80}. */
    private record Endpoint(byte[] address, int port) {
        static Endpoint parse(String text, String option, CommandSpec spec) {
            int colon = text.lastIndexOf(':');
            try {
                if (colon < 0) throw new IllegalArgumentException("no port");
                String host = text.substring(0, colon);
                if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
                int port = Integer.parseInt(text.substring(colon + 1));
                if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range");
                return new Endpoint(InetAddress.ofLiteral(host).getAddress(), port);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), option + ": " + text + " is not IP:PORT (" + e.getMessage() + ")");
            }
        }
    }
}
