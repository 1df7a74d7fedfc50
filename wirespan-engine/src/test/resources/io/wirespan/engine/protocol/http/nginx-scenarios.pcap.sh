#!/usr/bin/env bash
# Regenerates nginx-scenarios.pcap beside this script: HTTP/1 exchanges between curl (or a raw
# socket) and a local nginx, captured on loopback. HttpOracleTest compares what the parser makes
# of it with tshark's HTTP dissector. Needs root (tcpdump), nginx (with the dav module), curl, python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
port=18080
base=http://127.0.0.1:$port
mkdir -p "$work/www/dav" "$work/tmp"
head -c 9000 /dev/urandom | base64 > "$work/www/big.txt"
printf 'hello\n' > "$work/www/small.txt"
cat > "$work/nginx.conf" <<EOF
daemon off; master_process off; worker_processes 1; pid $work/nginx.pid; error_log $work/error.log;
events {}
http {
  access_log off;
  server {
    listen 127.0.0.1:$port;
    root $work/www;
    sendfile off; output_buffers 1 2k; postpone_output 0;  # bodies leave in 2 KiB writes: many segments
    location /gz/ { alias $work/www/; gzip on; gzip_min_length 1; gzip_types text/plain; }
    location = /empty { return 204; }
    location = /redirect { return 302 /small.txt; }
    location /dav/ { dav_methods PUT DELETE; create_full_put_path on; client_body_temp_path $work/tmp; }
  }
}
EOF
nginx -c "$work/nginx.conf" -p "$work" &
ngx=$!
tcpdump -i lo -s 0 -U -w "$here/nginx-scenarios.pcap" "tcp port $port" 2>/dev/null &
dump=$!
sleep 1
c() { curl -s "$@" > /dev/null; }
c "$base/small.txt" "$base/big.txt" "$base/missing" "$base/redirect"     # keep-alive, 404, 302
c -I "$base/big.txt"                                                      # HEAD: length, no body
c -H 'Accept-Encoding: gzip' "$base/gz/big.txt"                           # chunked response
c -z "$work/www/small.txt" "$base/small.txt"                              # 304
c "$base/empty"                                                           # 204
c -0 "$base/small.txt?v=1.0"                                              # HTTP/1.0
c -T "$work/www/small.txt" -H 'Expect: 100-continue' "$base/dav/up.txt"  # 100 Continue, 201
c -T - "$base/dav/chunked.txt" < "$work/www/big.txt"                      # chunked request
c -X DELETE "$base/dav/up.txt"                                            # 204
c --http2 "$base/small.txt?h2c"                                           # Upgrade: h2c, ignored
python3 - "$port" <<'PY'
import socket, sys, time
port = int(sys.argv[1])
def exchange(*pieces):
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    for piece in pieces:   # one segment each: loopback does not split what one write sends
        s.sendall(piece)
        time.sleep(0.02)
    while s.recv(65536): pass
    s.close()
h = b"Host: pipelined\r\n"
# Three requests in one segment, a HEAD in the middle.
exchange(b"GET /small.txt HTTP/1.1\r\n" + h + b"X-Request-ID: one\r\n\r\n"
         b"HEAD /big.txt HTTP/1.1\r\n" + h + b"\r\n"
         b"GET /big.txt?seg HTTP/1.1\r\n" + h + b"Connection: close\r\n\r\n")
# A head split mid-line and a body in pieces.
exchange(b"PUT /dav/body.txt HTT", b"P/1.1\r\n" + h + b"Content-Le", b"ngth: 3000\r\nConnection: close\r\n\r",
         b"\n" + b"b" * 1000, b"b" * 1000, b"b" * 1000)
PY
sleep 1
kill "$dump" "$ngx"
wait || true
rm -rf "$work"
