#!/usr/bin/env python3
"""Test HTTP server for SyncClientTests (Python 3 stdlib only). Listens on 127.0.0.1, port 0,
prints the chosen port as the first line on stdout, and exits when stdin closes (so it never
outlives the test process that started it).

    test_http_server.py [--proxy] [--tls CERT KEY]

Origin mode (default) routes, by path (query parameters after '?'):
  /echo            any method: JSON {method, path, headers, body_length, body_gzip,
                   inflated_length, body_b64 (inflated, if gzip)}
  /gzip?text=T&repeat=N  gzip body of T*N with Content-Encoding: gzip
  /plain?size=N    N bytes of 'a', uncompressed
  /bomb?mb=N       gzip of N MiB of zeros (Content-Encoding: gzip)
  /status/CODE     that status, body "status CODE" (and Retry-After if ?retry_after=S)
  /sequence?key=K&codes=503,503,200   per key, the next code each call (the last one repeats)
  /sleep?seconds=S sleeps S seconds before answering
  /stall?seconds=S sends headers and part of the body, then sleeps S seconds
  /trickle?bytes=N&pieces=P&seconds=S  N bytes of 'z' in P equal pieces, S seconds apart in all
  /truncate        promises 1000 bytes, sends 100, closes the connection
  /headers         repeated and mixed-case header fields
  /encoding?name=E a body labelled with Content-Encoding E
Proxy mode (--proxy): answers every absolute-form request itself (never connects anywhere) with
JSON {proxied, request_line, headers, body_length}; refuses CONNECT with 403; GET /_log returns
the request lines seen so far.
"""
import base64, gzip, json, signal, ssl, sys, threading, time, zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit, parse_qs

PROXY = "--proxy" in sys.argv
SEQUENCES = {}
LOG = []
LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def reply_json(self, obj, status=200):
        self.reply(status, json.dumps(obj).encode(), [("Content-Type", "application/json")])

    def handle_any(self):
        with LOCK:
            LOG.append(self.requestline)
        if PROXY:
            return self.proxy()
        url = urlsplit(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        path = url.path
        body = self.read_body()
        if path == "/echo":
            gz = body[:2] == b"\x1f\x8b"
            inflated = gzip.decompress(body) if gz else body
            self.reply_json({
                "method": self.command, "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body_length": len(body), "body_gzip": gz, "inflated_length": len(inflated),
                "body_b64": base64.b64encode(inflated).decode() if len(inflated) <= 1 << 20 else None,
            })
        elif path == "/gzip":
            data = (q.get("text", "") * int(q.get("repeat", "1"))).encode()
            self.reply(200, gzip.compress(data), [("Content-Encoding", "gzip"), ("Content-Type", "text/plain; charset=utf-8")])
        elif path == "/plain":
            self.reply(200, b"a" * int(q.get("size", "0")))
        elif path == "/bomb":
            c = zlib.compressobj(9, zlib.DEFLATED, 31)
            chunk = b"\0" * (1 << 20)
            out = b"".join(c.compress(chunk) for _ in range(int(q.get("mb", "64")))) + c.flush()
            self.reply(200, out, [("Content-Encoding", "gzip")])
        elif path.startswith("/status/"):
            code = int(path.rsplit("/", 1)[1])
            extra = [("Retry-After", q["retry_after"])] if "retry_after" in q else []
            self.reply(code, f"status {code}".encode(), extra)
        elif path == "/sequence":
            codes = [int(c) for c in q["codes"].split(",")]
            with LOCK:
                i = SEQUENCES.get(q["key"], 0)
                SEQUENCES[q["key"]] = i + 1
            code = codes[min(i, len(codes) - 1)]
            self.reply(code, f"call {i + 1} status {code}".encode())
        elif path == "/sleep":
            time.sleep(float(q.get("seconds", "5")))
            self.reply(200, b"late")
        elif path == "/stall":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"x" * 10)
            self.wfile.flush()
            time.sleep(float(q.get("seconds", "5")))
            self.close_connection = True
        elif path == "/trickle":
            n, pieces, seconds = int(q["bytes"]), int(q["pieces"]), float(q["seconds"])
            self.send_response(200)
            self.send_header("Content-Length", str(n))
            self.end_headers()
            for i in range(pieces):
                if i:
                    time.sleep(seconds / (pieces - 1))
                self.wfile.write(b"z" * (n * (i + 1) // pieces - n * i // pieces))
                self.wfile.flush()
        elif path == "/truncate":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"y" * 100)
            self.wfile.flush()
            self.close_connection = True
        elif path == "/headers":
            self.reply(200, b"ok", [("X-Dup", "one"), ("X-DUP", "two"), ("X-Mixed-Case", "  spaced value  ")])
        elif path == "/encoding":
            self.reply(200, b"whatever", [("Content-Encoding", q.get("name", "br"))])
        else:
            self.reply(404, b"no such route")

    def proxy(self):
        if self.command == "CONNECT":
            return self.reply(403, b"no tunnels here", [("Connection", "close")])
        if self.path == "/_log":
            with LOCK:
                return self.reply_json({"lines": list(LOG)})
        body = self.read_body()
        self.reply_json({
            "proxied": True, "request_line": self.requestline,
            "headers": {k.lower(): v for k, v in self.headers.items()}, "body_length": len(body),
        })

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_CONNECT = handle_any


def main():
    # A child of a libdispatch worker thread starts with most signals blocked; undo that.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if "--tls" in sys.argv:
        i = sys.argv.index("--tls")
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(sys.argv[i + 1], sys.argv[i + 2])
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    sys.stdin.read()  # returns at EOF: the test process closed the pipe or died
    server.shutdown()


if __name__ == "__main__":
    main()
