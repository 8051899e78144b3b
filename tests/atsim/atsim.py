#!/usr/bin/env python3
"""atsim.py - a simulated GSM modem on a pseudo-terminal, for tests only.

Until issue 20 every test used Gammu's dummy phone, which skips the AT
commands, the PDU encoding and the serial line, where real modems fail.
This program answers the AT commands libgammu's "at" driver really sends
(read from Gammu 1.42's libgammu/phone/at/*.c: echo, CMEE, charsets,
identification, CPIN, PDU-mode SMS listing/reading/deleting/sending,
CNMI/+CMTI, CSQ, CREG/COPS, RING/+CLIP and hang-up, USSD, CSCA) on a
pty whose slave is reachable through a symlink, so yordamd or the gammu
CLI can use it as `device = "DIR/modem"; connection = "at";`.

  atsim.py --link DIR/modem --control DIR/ctl --state DIR/state.json
           [--pin 1234] [--puk 12345678] [--name A] [--trace]

Things happen to it through the control socket (tests/atsim/atsim-ctl):
SMS arriving, calls, faults, a dying device; see CONTROL below.  What
the "network" saw (SMS sent by the DTE, decoded; calls; PIN attempts;
USSD; unknown commands) is rewritten to the state file (JSON) after each
change, for tests to read.  Unknown commands are answered ERROR and
logged to stderr so we learn what is missing.  Standard library only.
"""
import argparse
import errno
import fcntl
import json
import os
import select
import signal
import socket
import sys
import termios
import time
import tty

# --- GSM 03.38 ---------------------------------------------------------------

GSM7_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM7_EXT = {0x0A: "\f", 0x14: "^", 0x28: "{", 0x29: "}", 0x2F: "\\",
            0x3C: "[", 0x3D: "~", 0x3E: "]", 0x40: "|", 0x65: "€"}
GSM7_ENC = {c: i for i, c in enumerate(GSM7_BASIC) if i != 0x1B}
GSM7_EXT_ENC = {c: i for i, c in GSM7_EXT.items()}


def gsm7_ok(text):
    return all(c in GSM7_ENC or c in GSM7_EXT_ENC for c in text)


def gsm7_septets(text):
    out = []
    for c in text:
        if c in GSM7_ENC:
            out.append([GSM7_ENC[c]])
        else:
            out.append([0x1B, GSM7_EXT_ENC[c]])
    return out          # one list per character (1 or 2 septets)


def gsm7_decode(septets):
    out, esc = [], False
    for s in septets:
        if esc:
            out.append(GSM7_EXT.get(s, " "))
            esc = False
        elif s == 0x1B:
            esc = True
        else:
            out.append(GSM7_BASIC[s])
    return "".join(out)


def pack7(septets, fill):
    value = 0
    for i, s in enumerate(septets):
        value |= s << (7 * i)
    value <<= fill
    nbits = fill + 7 * len(septets)
    return value.to_bytes((nbits + 7) // 8, "little")


def unpack7(data, fill, count):
    value = int.from_bytes(data, "little") >> fill
    return [(value >> (7 * i)) & 0x7F for i in range(count)]


def semi_octets(digits):
    if len(digits) % 2:
        digits += "F"
    return bytes(int(digits[i + 1] + digits[i], 16)
                 for i in range(0, len(digits), 2))


def from_semi_octets(data, ndigits):
    s = "".join("%X%X" % (b & 15, b >> 4) for b in data)
    return s[:ndigits]


def encode_address(number):
    """A TP address: digit count, type, semi-octets."""
    intl = number.startswith("+")
    digits = number.lstrip("+")
    return bytes([len(digits), 0x91 if intl else 0x81]) + semi_octets(digits)


def encode_smsc(number):
    digits = number.lstrip("+")
    body = bytes([0x91]) + semi_octets(digits)
    return bytes([len(body)]) + body


def scts(t):
    lt = time.gmtime(t + 5 * 3600)          # Kazakhstan, UTC+5
    digits = "%02d%02d%02d%02d%02d%02d" % (
        lt.tm_year % 100, lt.tm_mon, lt.tm_mday, lt.tm_hour, lt.tm_min,
        lt.tm_sec)
    return semi_octets(digits) + semi_octets("20")   # +20 quarters


def split_text(text, coding):
    """Parts of a long text, never cutting an escape or a surrogate pair."""
    if coding == "gsm7":
        chars = gsm7_septets(text)
        if sum(len(c) for c in chars) <= 160:
            return [text]
        parts, cur, n = [], "", 0
        for ch, sep in zip(text, chars):
            if n + len(sep) > 153:
                parts.append(cur)
                cur, n = "", 0
            cur += ch
            n += len(sep)
        return parts + [cur]
    units = len(text.encode("utf-16-be")) // 2
    if units <= 70:
        return [text]
    parts, cur, n = [], "", 0
    for ch in text:
        w = len(ch.encode("utf-16-be")) // 2
        if n + w > 67:
            parts.append(cur)
            cur, n = "", 0
        cur += ch
        n += w
    return parts + [cur]


def deliver_pdus(smsc, sender, text, coding=None, ref=None, force_parts=0):
    """SMS-DELIVER TPDUs (hex, with SCA) and the TPDU length of each."""
    coding = coding or ("gsm7" if gsm7_ok(text) else "ucs2")
    parts = split_text(text, coding)
    if force_parts and len(parts) < force_parts:
        # a short text still split into force_parts pieces
        step = max(1, -(-len(text) // force_parts))
        parts = [text[i:i + step] for i in range(0, len(text), step)]
    multi = len(parts) > 1
    out = []
    for seq, part in enumerate(parts, 1):
        udh = bytes([5, 0, 3, ref & 0xFF, len(parts), seq]) if multi else b""
        if coding == "gsm7":
            sept = [s for c in gsm7_septets(part) for s in c]
            fill = (7 - (len(udh) * 8) % 7) % 7 if udh else 0
            udl = (len(udh) * 8 + fill) // 7 + len(sept) if udh else len(sept)
            ud = udh + pack7(sept, fill)
            dcs = 0x00
        else:
            ud = udh + part.encode("utf-16-be")
            udl = len(ud)
            dcs = 0x08
        first = 0x04 | (0x40 if udh else 0)
        tpdu = (bytes([first]) + encode_address(sender) + bytes([0, dcs]) +
                scts(time.time()) + bytes([udl]) + ud)
        out.append(((encode_smsc(smsc) + tpdu).hex().upper(), len(tpdu),
                    part, seq, len(parts)))
    return coding, out


def decode_submit(pdu_hex):
    """An SMS-SUBMIT as the DTE sent it: number, text, coding, UDH."""
    b = bytes.fromhex(pdu_hex)
    i = b[0] + 1                              # skip the SCA
    sca = from_semi_octets(b[2:i], (b[0] - 1) * 2) if b[0] else ""
    tpdu_len = len(b) - i
    first = b[i]
    if first & 0x03 != 0x01:
        raise ValueError("not an SMS-SUBMIT (first octet %02X)" % first)
    mr = b[i + 1]
    ndig, toa = b[i + 2], b[i + 3]
    j = i + 4 + (ndig + 1) // 2
    number = from_semi_octets(b[i + 4:j], ndig)
    if toa & 0x70 == 0x10:
        number = "+" + number
    pid, dcs = b[j], b[j + 1]
    j += 2
    vpf = (first >> 3) & 3
    j += {0: 0, 2: 1, 1: 7, 3: 7}[vpf]
    udl = b[j]
    ud = b[j + 1:]
    udhi = bool(first & 0x40)
    if dcs & 0xC0 == 0:
        alpha = (dcs >> 2) & 3
    elif dcs & 0xF0 == 0xF0:
        alpha = 1 if dcs & 4 else 0
    else:
        alpha = 0
    coding = {0: "gsm7", 1: "8bit", 2: "ucs2"}.get(alpha, "gsm7")
    udh = b""
    if udhi:
        udh = ud[:ud[0] + 1]
    concat = None
    k = 1
    while k < len(udh):
        iei, ln = udh[k], udh[k + 1]
        data = udh[k + 2:k + 2 + ln]
        if iei == 0 and ln == 3:
            concat = (data[0], data[1], data[2])
        elif iei == 8 and ln == 4:
            concat = ((data[0] << 8) | data[1], data[2], data[3])
        k += 2 + ln
    if coding == "gsm7":
        fill = (7 - (len(udh) * 8) % 7) % 7 if udh else 0
        hdr = (len(udh) * 8 + fill) // 7 if udh else 0
        text = gsm7_decode(unpack7(ud[len(udh):], fill, udl - hdr))
        if len(ud) != (udl * 7 + 7) // 8:
            raise ValueError("UDL %d septets but %d octets" % (udl, len(ud)))
    elif coding == "ucs2":
        text = ud[len(udh):udl].decode("utf-16-be", "replace")
    else:
        text = ud[len(udh):udl].hex()
    return {"number": number, "text": text, "coding": coding, "mr": mr,
            "smsc": ("+" + sca) if sca else "", "pid": pid, "dcs": dcs,
            "udh": udh.hex().upper(),
            "ref": concat[0] if concat else None,
            "total": concat[1] if concat else 1,
            "seq": concat[2] if concat else 1}, tpdu_len


# --- the modem ---------------------------------------------------------------

CME_TEXT = {3: "operation not allowed", 4: "operation not supported",
            10: "SIM not inserted", 11: "SIM PIN required",
            12: "SIM PUK required", 13: "SIM failure", 14: "SIM busy",
            16: "incorrect password", 20: "memory full", 21: "invalid index",
            30: "no network service", 100: "unknown"}
# Probes the driver sends expecting ERROR from most modems: not "unknown".
PROBES = ("AT+MODE=", "AT+CPROT=?", "AT+SYNCML=?", "AT$TSSPCSW=?",
          "AT^SQWE?", "AT+CGREG=2", "AT*")
SMSC = "+77059000000"
OPERATOR = ("Beeline KZ", "40101")


class Modem:
    def __init__(self, args):
        self.args = args
        self.name = args.name
        self.master = self.slave_keep = None
        self.alive = False
        self.inbuf = b""
        self.edit = None            # (tpdu length) while in "> " mode
        self.echo = True
        self.cmee = 0
        self.charset = "GSM"
        self.cmgf = 0
        self.cnmi = [0, 0, 0, 0, 0]
        self.creg_mode = 0
        self.cops_format = 0
        self.clip = self.crc = self.ussd_enabled = False
        self.smsc = SMSC
        self.mem = ["SM", "SM", "SM"]          # read/delete, write, receive
        self.store = {"SM": {}, "ME": {}}
        self.total = {"SM": 30, "ME": 20}
        self.pending = []                    # SMS the network holds back
        self.sim = "SIM PIN" if args.pin else "READY"
        self.pin, self.puk = args.pin, args.puk
        self.pin_left, self.puk_left = 3, 10
        self.network = True
        self.signal = 20
        self.ussd_text = "Balans: 1500.00 tg. Beeline"
        self.faults = {"cms": None}          # (code, mode)
        self.timeouts = 0
        self.timeout_prefix = ""
        self.simbusy = 0
        self.mr = 0
        self.ref = 0x40
        self.call = None
        self.timers = []                     # (when, function)
        self.st = {"name": self.name, "pid": os.getpid(), "alive": False,
                   "sent_parts": [], "sent": [], "refused": [],
                   "received": [], "deleted": [], "calls": [],
                   "pin_entries": [], "ussd": [], "unknown": [],
                   "commands": {}, "reopened": 0, "control": 0}
        self.partial = {}

    # -- the device ----------------------------------------------------------
    def open_pty(self):
        self.master, slave = os.openpty()
        tty.setraw(slave)
        attrs = termios.tcgetattr(slave)
        attrs[3] &= ~termios.ECHO
        termios.tcsetattr(slave, termios.TCSANOW, attrs)
        self.slave_keep = slave   # held open: libgammu may close and reopen
        path = os.ttyname(slave)
        fl = fcntl.fcntl(self.master, fcntl.F_GETFL)
        fcntl.fcntl(self.master, fcntl.F_SETFL, fl | os.O_NONBLOCK)
        tmp = self.args.link + ".new"
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        os.symlink(path, tmp)
        os.rename(tmp, self.args.link)
        self.alive = True
        self.inbuf, self.edit = b"", None
        self.st["device"] = path
        log("device %s -> %s" % (self.args.link, path))

    def close_pty(self):
        for fd in (self.master, self.slave_keep):
            if fd is not None:
                os.close(fd)
        self.master = self.slave_keep = None
        self.alive = False
        try:
            os.unlink(self.args.link)
        except FileNotFoundError:
            pass

    def write(self, text):
        if not self.alive:
            return
        data = text.encode("latin-1") if isinstance(text, str) else text
        while data:
            try:
                n = os.write(self.master, data)
                data = data[n:]
            except BlockingIOError:
                select.select([], [self.master], [], 1)
            except OSError:
                return

    def unsolicited(self, line):
        if self.edit is None:
            self.write("\r\n%s\r\n" % line)

    # -- charsets (texts in replies and commands follow AT+CSCS) -------------
    def enc(self, text):
        if self.charset in ("UCS2", "UCS-2"):
            return text.encode("utf-16-be").hex().upper()
        if self.charset == "HEX":
            return text.encode("latin-1", "replace").hex().upper()
        return text

    def dec(self, text):
        if self.charset in ("UCS2", "UCS-2"):
            try:
                return bytes.fromhex(text).decode("utf-16-be")
            except ValueError:
                return text
        return text

    def err(self, code):
        if self.cmee == 1:
            return "+CME ERROR: %d" % code
        if self.cmee == 2:
            return "+CME ERROR: %s" % CME_TEXT.get(code, "unknown")
        return "ERROR"

    # -- input ---------------------------------------------------------------
    def on_input(self):
        try:
            data = os.read(self.master, 4096)
        except BlockingIOError:
            return
        except OSError:
            return
        self.inbuf += data
        while self.inbuf:
            if self.edit is not None:
                if not self.edit_input():
                    return
                continue
            k = -1
            for i, c in enumerate(self.inbuf):
                if c in (13, 27):
                    k = i
                    break
            if k < 0:
                return
            line, term = self.inbuf[:k], self.inbuf[k]
            self.inbuf = self.inbuf[k + 1:]
            if term == 27:            # ESC cancels the line typed so far
                continue
            line = line.lstrip(b"\n").decode("latin-1")
            if line.strip():
                self.command(line.strip())

    def edit_input(self):
        for i, c in enumerate(self.inbuf):
            if c in (26, 27):
                body = self.inbuf[:i].decode("latin-1").strip()
                self.inbuf = self.inbuf[i + 1:]
                length, self.edit = self.edit, None
                if self.echo:
                    self.write(body)
                if c == 27:
                    self.write("\r\nOK\r\n")
                else:
                    self.submit(body, length)
                return True
        return False

    def count(self, key):
        self.st["commands"][key] = self.st["commands"].get(key, 0) + 1

    def command(self, line):
        up = line.upper()
        if self.args.trace:
            log("<< " + line)
        if self.timeouts and up.startswith(self.timeout_prefix):
            self.timeouts -= 1
            log("timeout fault: no answer to " + line)
            self.save()
            return
        if self.echo:
            self.write(line + "\r")
        lines, final = self.dispatch(line, up)
        if final is None:          # edit prompt or deferred
            self.save()
            return
        out = "".join("\r\n%s\r\n" % l for l in lines) + "\r\n%s\r\n" % final
        if self.args.trace:
            log(">> " + out.strip().replace("\r\n", " | "))
        self.write(out)
        self.save()

    # -- the commands --------------------------------------------------------
    def dispatch(self, line, up):
        if not up.startswith("AT"):
            return self.unknown(line)
        cmd = up[2:]
        key = "AT" + cmd.split("=")[0].split("?")[0]
        if "=?" in cmd:
            key += "=?"
        elif cmd.endswith("?"):
            key += "?"
        elif "=" in cmd:
            key += "="
        self.count(key)
        arg = line[line.find("=") + 1:] if "=" in line else ""
        if cmd == "":
            return [], "OK"
        for name, fn in HANDLERS:
            if not cmd.startswith(name):
                continue
            rest = cmd[len(name):]
            if name[0] in "+&":
                if rest == "" or rest[0] in "=?":
                    return fn(self, rest, arg)
            elif rest == "" or rest.isdigit():
                return fn(self, rest, arg)
        for p in PROBES:
            if ("AT" + cmd).startswith(p):
                return [], "ERROR"
        return self.unknown(line)

    def unknown(self, line):
        log("unknown command: %r" % line)
        if line not in self.st["unknown"]:
            self.st["unknown"].append(line)
        return [], "ERROR"

    def sim_blocked(self, sms=False):
        """The SIM's answer before a SIM command, or None when it may go."""
        if self.simbusy:
            self.simbusy -= 1
            return [], self.err(14)
        if self.sim == "SIM PIN":
            return [], ("+CMS ERROR: 311" if sms else self.err(11))
        if self.sim == "SIM PUK":
            return [], ("+CMS ERROR: 316" if sms else self.err(12))
        if self.sim == "BLOCKED":
            return [], self.err(13)
        return None

    def h_echo(self, rest, arg):
        self.echo = rest == "1"
        return [], "OK"

    def h_reset(self, rest, arg):
        self.echo, self.cmee, self.charset = True, 0, "GSM"
        return [], "OK"

    def h_ok(self, rest, arg):
        return [], "OK"

    def h_cmee(self, rest, arg):
        if rest.startswith("="):
            self.cmee = int(arg or 0)
            return [], "OK"
        return ["+CMEE: %d" % self.cmee], "OK"

    def h_ati(self, rest, arg):
        return {"": ["Yordam ATSIM %s" % self.name],
                "3": ["Yordam"], "4": ["ATSIM-%s" % self.name],
                "5": ["atsim 1.0"]}.get(rest, ["Yordam ATSIM"]), "OK"

    def h_cgmi(self, rest, arg):
        return ["Yordam"], "OK"

    def h_cgmm(self, rest, arg):
        return ["ATSIM-%s" % self.name], "OK"

    def h_cgmr(self, rest, arg):
        return ["atsim 1.0"], "OK"

    def h_cgsn(self, rest, arg):
        return [imei(self.name)], "OK"

    def h_cimi(self, rest, arg):
        b = self.sim_blocked()
        if b:
            return b
        return ["40101%010d" % (sum(map(ord, self.name)) * 7919 % 10 ** 10)], "OK"

    def h_cscs(self, rest, arg):
        if rest == "=?":
            return ['+CSCS: ("GSM","IRA","UCS2")'], "OK"
        if rest == "?":
            return ['+CSCS: "%s"' % self.charset], "OK"
        want = arg.strip().strip('"').upper()
        if self.charset in ("UCS2",) and len(want) > 5:
            try:
                want = bytes.fromhex(want).decode("utf-16-be").upper()
            except ValueError:
                pass
        if want not in ("GSM", "IRA", "UCS2"):
            return [], self.err(4)
        self.charset = want
        return [], "OK"

    def h_cpin(self, rest, arg):
        if rest == "?":
            if self.simbusy:
                self.simbusy -= 1
                return [], self.err(14)
            if self.sim == "BLOCKED":
                return [], self.err(13)
            return ["+CPIN: %s" % self.sim], "OK"
        if rest == "=?":
            return [], "OK"
        vals = [v.strip().strip('"') for v in arg.split(",")]
        entry = {"state": self.sim, "code": vals[0], "time": time.time()}
        self.st["pin_entries"].append(entry)
        if self.sim == "SIM PIN":
            if vals[0] == self.pin:
                self.sim, self.pin_left = "READY", 3
                entry["ok"] = True
                self.after_unlock()
                return [], "OK"
            self.pin_left -= 1
            entry["ok"] = False
            if self.pin_left <= 0:
                self.sim = "SIM PUK"
                return [], self.err(12)
            return [], self.err(16)
        if self.sim == "SIM PUK":
            if len(vals) < 2:
                entry["ok"] = False
                return [], self.err(12)
            if vals[0] == self.puk:
                self.sim, self.pin, self.pin_left = "READY", vals[1], 3
                self.puk_left = 10
                entry["ok"] = True
                self.after_unlock()
                return [], "OK"
            self.puk_left -= 1
            entry["ok"] = False
            if self.puk_left <= 0:
                self.sim = "BLOCKED"
                return [], self.err(13)
            return [], self.err(16)
        entry["ok"] = False
        return [], self.err(3)

    def after_unlock(self):
        self.later(0.2, self.flush_pending)

    def h_cpms(self, rest, arg):
        if rest == "=?":
            return ['+CPMS: ("SM","ME"),("SM","ME"),("SM","ME")'], "OK"
        b = self.sim_blocked()
        if b:
            return b
        if rest == "?":
            return ['+CPMS: ' + ",".join('"%s",%d,%d' % (m, len(self.store[m]),
                    self.total[m]) for m in self.mem)], "OK"
        names = [v.strip().strip('"').upper() for v in arg.split(",")]
        if any(n not in self.store for n in names if n):
            return [], "+CMS ERROR: 302"
        for i, n in enumerate(names[:3]):
            if n:
                self.mem[i] = n
        return ["+CPMS: " + ",".join("%d,%d" % (len(self.store[m]),
                self.total[m]) for m in self.mem)], "OK"

    def h_cmgf(self, rest, arg):
        if rest == "?":
            return ["+CMGF: %d" % self.cmgf], "OK"
        if rest == "=?":
            return ["+CMGF: (0)"], "OK"
        if arg.strip() != "0":      # PDU mode only, like many USB sticks
            return [], "+CMS ERROR: 303"
        self.cmgf = 0
        return [], "OK"

    def h_csdh(self, rest, arg):
        return [], "OK"

    def h_cnmi(self, rest, arg):
        if rest == "=?":
            return ["+CNMI: (0-2),(0-1),(0,2),(0-1),(0-1)"], "OK"
        if rest == "?":
            return ["+CNMI: " + ",".join(map(str, self.cnmi))], "OK"
        vals = [v.strip() for v in arg.split(",")]
        for i, v in enumerate(vals[:5]):
            if v:
                self.cnmi[i] = int(v)
        return [], "OK"

    def h_cmgl(self, rest, arg):
        b = self.sim_blocked(sms=True)
        if b:
            return b
        want = arg.strip().strip('"')
        m = self.mem[0]
        out = []
        for idx in sorted(self.store[m]):
            e = self.store[m][idx]
            if want not in ("", "4", "ALL") and str(e["stat"]) != want:
                continue
            out.append("+CMGL: %d,%d,,%d" % (idx, e["stat"], e["len"]))
            out.append(e["pdu"])
            if e["stat"] == 0:
                e["stat"] = 1
        return out, "OK"

    def h_cmgr(self, rest, arg):
        b = self.sim_blocked(sms=True)
        if b:
            return b
        try:
            idx = int(arg)
        except ValueError:
            return [], "+CMS ERROR: 321"
        m = self.mem[0]
        if idx < 1 or idx > self.total[m] and idx not in self.store[m]:
            return [], "+CMS ERROR: 321"
        e = self.store[m].get(idx)
        if e is None:
            return [], "OK"
        lines = ["+CMGR: %d,,%d" % (e["stat"], e["len"]), e["pdu"]]
        if e["stat"] == 0:
            e["stat"] = 1
        return lines, "OK"

    def h_cmgd(self, rest, arg):
        b = self.sim_blocked(sms=True)
        if b:
            return b
        vals = [v.strip() for v in arg.split(",")]
        m = self.mem[0]
        try:
            idx = int(vals[0])
        except ValueError:
            return [], "+CMS ERROR: 321"
        flag = int(vals[1]) if len(vals) > 1 and vals[1] else 0
        victims = [idx] if flag == 0 else list(self.store[m])
        for i in victims:
            e = self.store[m].pop(i, None)
            if e:
                self.st["deleted"].append({"mem": m, "index": i,
                                           "number": e["number"],
                                           "text": e["text"]})
        self.later(0.05, self.flush_pending)
        return [], "OK"

    def h_cmgs(self, rest, arg):
        b = self.sim_blocked(sms=True)
        if b:
            return b
        try:
            self.edit = int(arg)
        except ValueError:
            return [], "+CMS ERROR: 304"
        self.write("\r\n> ")
        return [], None

    def submit(self, body, length):
        try:
            part, tpdu_len = decode_submit(body)
        except (ValueError, IndexError) as e:
            log("bad SMS-SUBMIT PDU %r: %s" % (body, e))
            self.write("\r\n+CMS ERROR: 304\r\n")
            self.st["unknown"].append("bad PDU: " + body)
            self.save()
            return
        if tpdu_len != length:
            log("AT+CMGS=%d but the TPDU has %d octets" % (length, tpdu_len))
            self.write("\r\n+CMS ERROR: 304\r\n")
            self.save()
            return
        fault = self.faults["cms"]
        if fault or not self.network:
            code = fault[0] if fault else 331
            if fault and fault[1] == "next":
                self.faults["cms"] = None
            part["error"] = code
            self.st["refused"].append(part)
            log("refusing a part to %s with +CMS ERROR: %d" %
                (part["number"], code))
            self.write("\r\n+CMS ERROR: %d\r\n" % code)
            self.save()
            return
        self.mr = (self.mr + 1) % 256
        part["mr"] = self.mr
        part["time"] = time.time()
        self.st["sent_parts"].append(part)
        self.assemble(part)
        self.write("\r\n+CMGS: %d\r\n\r\nOK\r\n" % self.mr)
        self.save()

    def assemble(self, part):
        if part["total"] == 1:
            self.st["sent"].append({"number": part["number"],
                                    "text": part["text"],
                                    "chars": len(part["text"]),
                                    "coding": part["coding"], "parts": 1,
                                    "ref": None})
            return
        key = (part["number"], part["ref"])
        got = self.partial.setdefault(key, {})
        got[part["seq"]] = part
        if len(got) == part["total"]:
            del self.partial[key]
            text = "".join(got[i]["text"] for i in sorted(got))
            codings = sorted(set(p["coding"] for p in got.values()))
            self.st["sent"].append({"number": part["number"], "text": text,
                                    "chars": len(text),
                                    "coding": "+".join(codings),
                                    "parts": part["total"],
                                    "ref": part["ref"]})

    def h_csca(self, rest, arg):
        if rest == "?":
            return ['+CSCA: "%s",145' % self.enc(self.smsc)], "OK"
        self.smsc = self.dec(arg.split(",")[0].strip().strip('"'))
        return [], "OK"

    def h_csmp(self, rest, arg):
        return [], "OK"

    def h_csq(self, rest, arg):
        if rest == "=?":
            return ["+CSQ: (0-31,99),(0-7,99)"], "OK"
        return ["+CSQ: %d,99" % (self.signal if self.network else 99)], "OK"

    def h_creg(self, rest, arg):
        if rest == "?":
            stat = 1 if self.network and self.sim == "READY" else 0
            if self.creg_mode == 2 and stat:
                return ['+CREG: 2,%d,"0A1B","1C2D"' % stat], "OK"
            return ["+CREG: %d,%d" % (self.creg_mode, stat)], "OK"
        if rest == "=?":
            return ["+CREG: (0-2)"], "OK"
        self.creg_mode = int(arg or 0)
        return [], "OK"

    def h_cgreg(self, rest, arg):
        if rest == "?":
            return ["+CGREG: 0,%d" % (1 if self.network else 0)], "OK"
        return [], "OK"

    def h_cgatt(self, rest, arg):
        return ["+CGATT: %d" % (1 if self.network else 0)], "OK"

    def h_cops(self, rest, arg):
        if rest == "?":
            if not (self.network and self.sim == "READY"):
                return ["+COPS: 0"], "OK"
            if self.cops_format == 2:
                return ['+COPS: 0,2,"%s",0' % OPERATOR[1]], "OK"
            return ['+COPS: 0,%d,"%s",0' % (self.cops_format,
                                            self.enc(OPERATOR[0]))], "OK"
        if rest == "=?":
            return ['+COPS: (2,"%s","Beeline","%s"),,(0-4),(0-2)'
                    % (OPERATOR[0], OPERATOR[1])], "OK"
        vals = arg.split(",")
        if len(vals) > 1 and vals[1].strip():
            self.cops_format = int(vals[1])
        return [], "OK"

    def h_cbc(self, rest, arg):
        return ["+CBC: 0,100"], "OK"

    def h_cclk(self, rest, arg):
        lt = time.gmtime(time.time() + 5 * 3600)
        return [time.strftime('+CCLK: "%y/%m/%d,%H:%M:%S+20"', lt)], "OK"

    def h_cfun(self, rest, arg):
        if rest == "?":
            return ["+CFUN: 1"], "OK"
        return [], "OK"

    def h_chup(self, rest, arg):
        if rest == "=?":
            return [], "OK"
        return self.hangup("AT+CHUP")

    def h_ath(self, rest, arg):
        return self.hangup("ATH")

    def hangup(self, how):
        if self.call:
            self.call["state"] = "hung-up-by-dte"
            self.call["how"] = how
            self.call["ended"] = time.time()
            self.call = None
        return [], "OK"

    def h_ata(self, rest, arg):
        if not self.call:
            return [], "NO CARRIER"
        self.call["state"] = "answered-by-dte"
        return [], "OK"

    def h_clcc(self, rest, arg):
        if self.call:
            return ['+CLCC: 1,1,4,0,0,"%s",145' % self.call["number"]], "OK"
        return [], "OK"

    def h_clip(self, rest, arg):
        if rest == "?":
            return ["+CLIP: %d,1" % self.clip], "OK"
        self.clip = arg.strip() == "1"
        return [], "OK"

    def h_crc(self, rest, arg):
        self.crc = arg.strip() == "1"
        return [], "OK"

    def h_cusd(self, rest, arg):
        if rest == "?":
            return ["+CUSD: %d" % self.ussd_enabled], "OK"
        if rest == "=?":
            return ["+CUSD: (0-2)"], "OK"
        vals = [v.strip() for v in arg.split(",")]
        n = int(vals[0] or 0)
        if len(vals) == 1:
            if n == 2:
                return [], "OK"
            self.ussd_enabled = n == 1
            return [], "OK"
        b = self.sim_blocked()
        if b:
            return b
        code = self.dec(vals[1].strip('"'))
        entry = {"code": code, "dcs": vals[2] if len(vals) > 2 else None,
                 "charset": self.charset, "time": time.time()}
        self.st["ussd"].append(entry)
        self.st["last_ussd"] = code
        if not self.network:
            return [], self.err(30)
        self.ussd_enabled = self.ussd_enabled or n == 1
        text = self.ussd_text
        if gsm7_ok(text):
            reply = '+CUSD: 0,"%s",15' % self.enc(text)
        else:
            reply = '+CUSD: 0,"%s",72' % text.encode("utf-16-be").hex().upper()
        entry["reply"] = text
        self.later(0.3, lambda: self.unsolicited(reply))
        return [], "OK"

    # -- what the network does -----------------------------------------------
    def later(self, delay, fn):
        self.timers.append((time.time() + delay, fn))

    def run_timers(self):
        now = time.time()
        due = [t for t in self.timers if t[0] <= now]
        self.timers = [t for t in self.timers if t[0] > now]
        for _, fn in due:
            fn()
        if due:
            self.save()

    def room(self, m):
        return len(self.store[m]) < self.total[m]

    def flush_pending(self):
        while self.pending and self.can_receive():
            self.receive_now(*self.pending.pop(0))
        self.st["pending"] = len(self.pending)

    def can_receive(self):
        return self.network and self.sim == "READY" and self.room(self.mem[2])

    def inject(self, sender, text, force_parts=0):
        self.ref = (self.ref + 1) % 256
        coding, pdus = deliver_pdus(SMSC, sender, text, ref=self.ref,
                                    force_parts=force_parts)
        for p in pdus:
            self.pending.append((sender, p, coding))
        self.flush_pending()
        return coding, len(pdus)

    def receive_now(self, sender, p, coding):
        pdu, length, text, seq, total = p
        m = self.mem[2]
        if self.cnmi[1] == 2:                 # routed to the DTE directly
            self.unsolicited("+CMT: ,%d\r\n%s" % (length, pdu))
        else:
            idx = next(i for i in range(1, self.total[m] + 1)
                       if i not in self.store[m])
            self.store[m][idx] = {"stat": 0, "len": length, "pdu": pdu,
                                  "number": sender, "text": text}
            if self.cnmi[0] and self.cnmi[1] == 1:
                self.unsolicited('+CMTI: "%s",%d' % (m, idx))
        self.st["received"].append({"number": sender, "text": text,
                                    "coding": coding, "seq": seq,
                                    "total": total, "mem": m})

    def ring(self):
        c = self.call
        if not c or not self.alive:
            return
        if c["rings"] >= c["max"]:
            c["state"] = "missed"
            c["ended"] = time.time()
            self.call = None
            self.unsolicited("NO CARRIER")
            self.save()
            return
        c["rings"] += 1
        self.unsolicited("+CRING: VOICE" if self.crc else "RING")
        if self.clip:
            self.unsolicited('+CLIP: "%s",145,"",,"",0' % c["number"])
        self.later(1.0, self.ring)

    # -- control ---------------------------------------------------------------
    def control(self, line):
        words = line.split(" ")
        cmd, rest = words[0], words[1:]
        self.st["control"] += 1
        if cmd == "sms" or cmd == "multipart":
            if len(rest) < 2:
                return "error: %s NUMBER TEXT" % cmd
            text = " ".join(rest[1:]).replace("\\n", "\n")
            coding, n = self.inject(rest[0], text,
                                    force_parts=3 if cmd == "multipart" else 0)
            return "ok %s %d part%s%s" % (coding, n, "s" if n > 1 else "",
                                          "" if not self.pending else
                                          " (%d held by the network)" %
                                          len(self.pending))
        if cmd == "call":
            if not rest:
                return "error: call NUMBER [RINGS]"
            self.call = {"number": rest[0], "state": "ringing", "rings": 0,
                         "max": int(rest[1]) if len(rest) > 1 else 10,
                         "time": time.time()}
            self.st["calls"].append(self.call)
            self.ring()
            return "ok ringing"
        if cmd == "fault" and len(rest) >= 2 and rest[0] == "cms":
            if rest[1] == "off":
                self.faults["cms"] = None
            else:
                mode = rest[2] if len(rest) > 2 else "next"
                if mode not in ("next", "always", "off"):
                    return "error: fault cms CODE [next|always|off]"
                self.faults["cms"] = None if mode == "off" else \
                    (int(rest[1]), mode)
            return "ok"
        if cmd == "timeout":
            # timeout [next|N|off] [PREFIX]: the next N commands (starting
            # with PREFIX) get no answer at all, not even their echo.
            # libgammu waits a command's whole timeout, in seconds (its
            # GSM_ReadDevice waits up to a second a turn): AT+CPMS 200,
            # AT+CMGL 500, AT+CMGS 30, AT+CMGD 5.
            n = rest[0] if rest else "next"
            self.timeouts = 0 if n == "off" else \
                (1 if n == "next" else int(n))
            self.timeout_prefix = rest[1].upper() if len(rest) > 1 else ""
            return "ok"
        if cmd == "simbusy":
            self.simbusy = 0 if rest[:1] == ["off"] else \
                (int(rest[0]) if rest else 3)
            return "ok"
        if cmd == "simfull":
            m = self.mem[2]
            self.total[m] = 30 if rest[:1] == ["off"] else len(self.store[m])
            self.flush_pending()
            return "ok %s %d/%d" % (m, len(self.store[m]), self.total[m])
        if cmd == "network":
            self.network = rest[:1] != ["off"]
            self.flush_pending()
            return "ok"
        if cmd == "signal" and rest:
            self.signal = int(rest[0])
            return "ok"
        if cmd == "pin-locked":
            if not self.pin:
                self.pin = "1234"
            self.sim = "SIM PIN"
            return "ok"
        if cmd == "ussd":
            self.ussd_text = " ".join(rest)
            return "ok"
        if cmd == "die":
            # "die" between two commands: what the DTE already wrote is
            # answered first.  "die now" may swallow a command half-way,
            # and libgammu then waits that command's whole timeout.
            if self.alive:
                if rest[:1] != ["now"]:
                    self.on_input()
                self.close_pty()
            return "ok"
        if cmd == "revive":
            if not self.alive:
                self.open_pty()
            return "ok"
        if cmd == "state":
            return json.dumps(self.snapshot(), ensure_ascii=False)
        if cmd == "quit":
            raise SystemExit(0)
        self.st["control"] -= 1
        return "error: unknown control command %r" % cmd

    def snapshot(self):
        st = dict(self.st)
        st["alive"] = self.alive
        st["sim"] = {"state": self.sim, "pin": self.pin, "puk": self.puk,
                     "pin_attempts_left": self.pin_left,
                     "puk_attempts_left": self.puk_left,
                     "wrong_pins": sum(1 for e in self.st["pin_entries"]
                                       if not e.get("ok"))}
        st["network"] = {"registered": self.network, "signal": self.signal,
                         "operator": OPERATOR[0], "code": OPERATOR[1]}
        st["storage"] = {m: {"used": len(self.store[m]),
                             "total": self.total[m]} for m in self.store}
        st["stored"] = [{"mem": m, "index": i, "number": e["number"],
                         "text": e["text"], "stat": e["stat"]}
                        for m in self.store for i, e in
                        sorted(self.store[m].items())]
        st["pending"] = len(self.pending)
        st["settings"] = {"echo": self.echo, "cmee": self.cmee,
                          "charset": self.charset, "cmgf": self.cmgf,
                          "cnmi": self.cnmi, "clip": self.clip,
                          "crc": self.crc, "ussd": self.ussd_enabled,
                          "mem": self.mem, "smsc": self.smsc}
        return st

    def save(self):
        tmp = self.args.state + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(self.snapshot(), f, ensure_ascii=False, indent=1)
        os.rename(tmp, self.args.state)


HANDLERS = [
    ("E", Modem.h_echo),
    ("Z", Modem.h_reset), ("&F", Modem.h_reset), ("I", Modem.h_ati),
    ("+CMEE", Modem.h_cmee), ("+CGMI", Modem.h_cgmi),
    ("+CGMM", Modem.h_cgmm), ("+CGMR", Modem.h_cgmr),
    ("+CGSN", Modem.h_cgsn), ("+CIMI", Modem.h_cimi),
    ("+CSCS", Modem.h_cscs), ("+CPIN", Modem.h_cpin),
    ("+CPMS", Modem.h_cpms), ("+CMGF", Modem.h_cmgf),
    ("+CSDH", Modem.h_csdh), ("+CNMI", Modem.h_cnmi),
    ("+CMGL", Modem.h_cmgl), ("+CMGR", Modem.h_cmgr),
    ("+CMGD", Modem.h_cmgd), ("+CMGS", Modem.h_cmgs),
    ("+CSCA", Modem.h_csca), ("+CSMP", Modem.h_csmp),
    ("+CSQ", Modem.h_csq), ("+CREG", Modem.h_creg),
    ("+CGREG", Modem.h_cgreg), ("+CGATT", Modem.h_cgatt),
    ("+COPS", Modem.h_cops), ("+CBC", Modem.h_cbc),
    ("+CCLK", Modem.h_cclk), ("+CFUN", Modem.h_cfun),
    ("+CHUP", Modem.h_chup), ("H", Modem.h_ath), ("A", Modem.h_ata),
    ("+CLCC", Modem.h_clcc), ("+CLIP", Modem.h_clip),
    ("+CRC", Modem.h_crc), ("+CCWA", Modem.h_ok),
    ("+CUSD", Modem.h_cusd), ("+CMMS", Modem.h_ok),
]
# Longest names first, so "+CGREG" wins over "+CREG" and "+CMGS" over "+CMGL".
HANDLERS.sort(key=lambda h: -len(h[0]))


def imei(name):
    body = "35%012d" % (sum(map(ord, name)) * 104729 % 10 ** 12)
    total = 0
    for i, c in enumerate(body):
        d = int(c) * (2 if i % 2 else 1)
        total += d // 10 + d % 10
    return body + str((10 - total % 10) % 10)


def log(msg):
    sys.stderr.write("atsim: %s\n" % msg)
    sys.stderr.flush()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--link", required=True)
    ap.add_argument("--control", required=True)
    ap.add_argument("--state", required=True)
    ap.add_argument("--pin")
    ap.add_argument("--puk", default="12345678")
    ap.add_argument("--name", default="A")
    ap.add_argument("--trace", action="store_true",
                    help="log every command and answer to stderr")
    args = ap.parse_args()
    m = Modem(args)
    m.open_pty()
    try:
        os.unlink(args.control)
    except FileNotFoundError:
        pass
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(args.control)
    srv.listen(8)
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    m.save()
    try:
        while True:
            fds = [srv] + ([m.master] if m.alive else [])
            r, _, _ = select.select(fds, [], [], 0.05)
            if m.alive and m.master in r:
                m.on_input()
            if srv in r:
                conn, _ = srv.accept()
                with conn:
                    conn.settimeout(5)
                    data = b""
                    while not data.endswith(b"\n"):
                        chunk = conn.recv(65536)
                        if not chunk:
                            break
                        data += chunk
                    for line in data.decode("utf-8").splitlines():
                        if line.strip():
                            try:
                                reply = m.control(line.strip())
                            except SystemExit:
                                conn.sendall(b"ok bye\n")
                                raise
                            except (ValueError, IndexError) as e:
                                reply = "error: %s" % e
                            log("control: %s -> %s" % (line.strip(),
                                                       reply[:80]))
                            conn.sendall((reply + "\n").encode("utf-8"))
                    m.save()
            m.run_timers()
            if m.alive and hasattr(termios, "TIOCNXCL"):
                # libgammu sets TIOCEXCL; clear it so that it (not being
                # root) can open the device again after closing it.
                try:
                    fcntl.ioctl(m.slave_keep, termios.TIOCNXCL)
                except OSError:
                    pass
    finally:
        m.close_pty()
        try:
            os.unlink(args.control)
        except OSError:
            pass


if __name__ == "__main__":
    main()
