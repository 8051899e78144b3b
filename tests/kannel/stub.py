#!/usr/bin/env python3
# stub.py - stands in for Yordam's MO endpoint in the Kannel tests: the
# HTTP server that Kannel's smsbox calls (sms-service get-url/post-url).
# It records every request as one JSON line, so a test can see exactly
# what Kannel sent, and answers the way the mode file says, so a test can
# play a Yordam that is up, failing, or hung.
#
#   stub.py PORTFILE LOG [MODEFILE [PORT]]
#
# Listens on a free 127.0.0.1 port (chosen by the kernel: tests run in
# parallel), or on PORT to come back where a killed stub was, and writes
# it to PORTFILE once it accepts connections.
# MODEFILE, read on every request, holds one word (missing: 200):
#   200, 202, 503, ...  answer with that status, empty text/plain body
#   hang                read the request, never answer (until killed)
#   close               read the request, close the socket unanswered
#   reply               answer 200, then send "ok" back to the sender
#                       through $STUB_SENDSMS (sendsms URL with username
#                       and password), as Yordam does: for benchmarks
# Each LOG line: {"t": unix time, "method", "path", "q": {name: value},
# "body", "text"}; values are URL-decoded bytes shown as latin-1 so no
# byte is lost, and "text" is the message decoded by the "charset"
# parameter (UTF-8, UTF-16BE, or 8-BIT taken as UTF-8, which is what a
# fakesmsc "udh" MO carries).
import json, os, socket, sys, time, urllib.parse, urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

portfile, log = sys.argv[1], sys.argv[2]
modefile = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else None
port = int(sys.argv[4]) if len(sys.argv) > 4 else 0


def decode(raw, charset):
    cs = (charset or "UTF-8").upper()
    if cs in ("UTF-16BE", "UCS-2", "UTF-16"):
        return raw.decode("utf-16-be", "replace")
    return raw.decode("utf-8", "replace")


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):  # keep stderr for real errors
        pass

    def handle_any(self):
        u = urllib.parse.urlsplit(self.path)
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        # By hand: parse_qs would decode the bytes as UTF-8 and the
        # point is to see the bytes Kannel sent.
        q = {}
        for kv in u.query.split("&"):
            k, _, v = kv.partition("=")
            q[k] = urllib.parse.unquote_to_bytes(
                v.replace("+", " ")).decode("latin-1")
        raw = q.get("text", "").encode("latin-1")
        rec = {"t": time.time(), "method": self.command, "path": u.path,
               "q": q, "body": body.decode("latin-1"),
               "text": decode(raw, q.get("charset"))}
        mode = "200"
        if modefile and os.path.exists(modefile):
            mode = open(modefile).read().strip() or "200"
        rec["answer"] = mode
        with open(log, "a", encoding="utf-8") as f:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        if mode == "hang":
            time.sleep(3600)
            return
        if mode == "close":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if mode == "reply":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "0")
            self.end_headers()
            self.wfile.flush()
            url = os.environ["STUB_SENDSMS"] + "&" + urllib.parse.urlencode(
                {"from": q.get("to", "1000"), "to": q.get("from", ""),
                 "text": "ok"})
            try:
                urllib.request.urlopen(url, timeout=30).read()
            except OSError as e:  # Kannel going away at the end of a run
                sys.stderr.write("stub: sendsms: %s\n" % e)
            return
        self.send_response(int(mode))
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = handle_any


class S(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # smsbox opens up to max-pending-requests (512) connections at once;
    # with the default backlog of 5 the kernel drops SYNs and each drop
    # costs a 1 s+ retransmission.
    request_queue_size = 1024


srv = S(("127.0.0.1", port), H)
tmp = portfile + ".tmp"
with open(tmp, "w") as f:
    f.write("%d\n" % srv.server_address[1])
os.rename(tmp, portfile)  # whole or absent: the reader never sees half
srv.serve_forever()
