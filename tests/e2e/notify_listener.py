# notify_listener.py SOCKET LOG - stands in for systemd's notify socket:
# binds SOCKET (AF_UNIX datagram, SO_PASSCRED so each message carries its
# sender's pid, as systemd checks NotifyAccess=main) and appends one line
# per message to LOG: "MONOTONIC PID MESSAGE", newlines as '|'.  Shared by
# tests/e2e/notify.sh and workerdog.sh.
import socket, struct, sys, time

s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
s.bind(sys.argv[1])
out = open(sys.argv[2], "a", buffering=1)
while True:
    msg, anc, flags, addr = s.recvmsg(4096, socket.CMSG_SPACE(12))
    pid = 0
    for level, kind, data in anc:
        if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
            pid = struct.unpack("iII", data[:12])[0]
    out.write("%.3f %d %s\n" % (time.monotonic(), pid,
        msg.decode(errors="replace").replace("\n", "|")))
