#!/usr/bin/python3
# webload.py - the console under 50 staff sessions polling (issue 19).
#
#   webload.py URL NAME PASSWORD PID [SESSIONS] [SECONDS]
#
# Logs SESSIONS browsers in (each its own session cookie), then each
# polls the queue's rows (/queue/rows, what an open queue page fetches
# every 5 s) as fast as one request after another for SECONDS, on its own
# keep-alive connection: a load far above 50 people each polling every 5
# seconds.  Prints the requests served, their latency (median, p90, p99,
# max) and yordam-web's memory (VmRSS now, VmHWM: its peak) from /proc.
import http.client
import re
import sys
import threading
import time
import urllib.parse

url, name, password, pid = sys.argv[1:5]
sessions = int(sys.argv[5]) if len(sys.argv) > 5 else 50
seconds = float(sys.argv[6]) if len(sys.argv) > 6 else 20
host = urllib.parse.urlparse(url)


def conn():
    return http.client.HTTPConnection(host.hostname, host.port, timeout=30)


def log_in():
    c = conn()
    c.request("GET", "/login")
    r = c.getresponse()
    page = r.read().decode()
    jar = r.getheader("Set-Cookie").split(";")[0]
    tok = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
    body = urllib.parse.urlencode({"name": name, "password": password, "csrf": tok})
    c.request("POST", "/login", body, {"Cookie": jar,
              "Content-Type": "application/x-www-form-urlencoded"})
    r = c.getresponse()
    r.read()
    cookie = r.getheader("Set-Cookie").split(";")[0]
    c.close()
    return cookie


def memory():
    out = {}
    with open("/proc/%s/status" % pid) as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmRSS", "VmHWM"):
                out[k] = v.strip()
    return out


cookies = [log_in() for _ in range(sessions)]
before = memory()
lat = []
errors = [0]
lock = threading.Lock()
stop = time.time() + seconds


def poll(cookie):
    c = conn()
    mine = []
    while time.time() < stop:
        t0 = time.perf_counter()
        try:
            c.request("GET", "/queue/rows", headers={"Cookie": cookie})
            r = c.getresponse()
            r.read()
            if r.status != 200:
                errors[0] += 1
        except Exception:
            errors[0] += 1
            c.close()
            c = conn()
            continue
        mine.append(time.perf_counter() - t0)
    with lock:
        lat.extend(mine)


threads = [threading.Thread(target=poll, args=(ck,)) for ck in cookies]
for t in threads:
    t.start()
for t in threads:
    t.join()
after = memory()
lat.sort()


def pct(p):
    return lat[min(len(lat) - 1, int(p / 100.0 * len(lat)))] * 1000


print("sessions %d, %.0f s: %d requests (%.0f/s), %d errors" %
      (sessions, seconds, len(lat), len(lat) / seconds, errors[0]))
print("latency ms: median %.2f, p90 %.2f, p99 %.2f, max %.2f" %
      (pct(50), pct(90), pct(99), lat[-1] * 1000))
print("yordam-web memory: before load %s, after %s; peak (VmHWM) %s" %
      (before.get("VmRSS"), after.get("VmRSS"), after.get("VmHWM")))
