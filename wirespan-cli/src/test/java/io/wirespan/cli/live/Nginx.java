package io.wirespan.cli.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A real nginx on two free loopback ports: {@link #http1Port()} speaks HTTP/1.1, {@link #h2cPort()}
 * HTTP/2 in clear text with prior knowledge (nginx 1.22: {@code listen ... http2;} without ssl).
 * Both serve the same fixed answers:
 * <pre>
 *   /api/users   200 {"users":[1,2,3]}
 *   /api/orders  201 {"id":7}
 *   /old         301 to /api/users
 *   /boom        503 maintenance
 *   /uploads/*   PUT stores the body: 201 (WebDAV module; the body is read, unlike with return)
 *   anything else 404
 * </pre>
 * A request body sent to a {@code return} location over HTTP/2 makes nginx reset the stream while
 * curl 7.88 is sending it (curl exit 92, now and then): bodies over h2c go to {@code /uploads/}.
 */
final class Nginx implements AutoCloseable {
    static final String USERS_BODY = "{\"users\":[1,2,3]}";

    private final Path prefix;
    private final int http1Port;
    private final int h2cPort;
    private final Process process;

    private Nginx(Path prefix, int http1Port, int h2cPort, Process process) {
        this.prefix = prefix;
        this.http1Port = http1Port;
        this.h2cPort = h2cPort;
        this.process = process;
    }

    static Nginx start() {
        return start("");
    }

    /** With more {@code location} blocks, tried before the fixed ones. */
    static Nginx start(String extraLocations) {
        String binary = Binaries.require("nginx", "nginx-light");
        Path prefix;
        try {
            prefix = Files.createTempDirectory("wirespan-nginx");
            // the workers run as an unprivileged user and must reach the prefix
            Files.setPosixFilePermissions(prefix, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path uploads = Files.createDirectories(prefix.resolve("html/uploads"));
            Files.setPosixFilePermissions(prefix.resolve("html"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(uploads, PosixFilePermissions.fromString("rwxrwxrwx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int http1 = Loopback.freePort();
        int h2c = Loopback.freePort();
        while (h2c == http1) h2c = Loopback.freePort();
        Path conf = prefix.resolve("nginx.conf");
        try {
            Files.writeString(conf, config(prefix, http1, h2c, extraLocations));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = prefix.resolve("nginx.out");
        Process p = Programs.start(List.of(binary, "-e", prefix.resolve("error.log").toString(), "-c", conf.toString(),
                "-p", prefix.toString(), "-g", "daemon off;"), log);
        Nginx nginx = new Nginx(prefix, http1, h2c, p);
        try {
            Loopback.awaitListening(http1, Loopback.Transport.TCP, p, nginx::logs);
            Loopback.awaitListening(h2c, Loopback.Transport.TCP, p, nginx::logs);
        } catch (AssertionError e) {
            nginx.close();
            throw e;
        }
        return nginx;
    }

    static String config(Path prefix, int http1Port, int h2cPort, String extraLocations) {
        String locations = extraLocations + """
                    location = /api/users { default_type application/json; return 200 '%s'; }
                    location = /api/orders { default_type application/json; return 201 '{"id":7}'; }
                    location = /old { return 301 /api/users; }
                    location = /boom { return 503 'maintenance'; }
                    location /uploads/ { dav_methods PUT; }
                    location / { return 404; }
                """.formatted(USERS_BODY);
        return """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 64; }
                http {
                  access_log off;
                  default_type text/plain;
                  root %1$s/html;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  server {
                    listen 127.0.0.1:%2$d;
                %4$s  }
                  server {
                    listen 127.0.0.1:%3$d http2;
                %4$s  }
                }
                """.formatted(prefix, http1Port, h2cPort, locations);
    }

    int http1Port() {
        return http1Port;
    }

    int h2cPort() {
        return h2cPort;
    }

    String logs() {
        return Programs.read(prefix.resolve("nginx.out")) + Programs.read(prefix.resolve("error.log"));
    }

    @Override
    public void close() {
        Programs.stop(process);
        Programs.deleteTree(prefix);
    }
}
