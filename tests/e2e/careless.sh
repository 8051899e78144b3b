# careless.sh - yordam.conf as a careless hand (or an attacker with write
# access to a template) leaves it: a typo in a staff entry, a phone with
# spaces, a zone that does not exist, a misspelt modem connection.  Both
# yordamctl check and yordamd refuse each with the exact file:line; what
# loads but should not stay (the sample's +7XXXXXXXXXX, a plain PIN, a
# file every user may read) is warned about, and does not stop anything.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

cp "$T/yordam.conf" "$T/base.conf"
chmod 600 "$T/yordam.conf"

# refused DESCRIPTION EXPECTED-MESSAGE: both tools, the same message.
refused() {
	"$CTL" -c "$T/yordam.conf" check > "$T/check.out" 2>&1
	eq "$1: yordamctl check fails" "$?" 1
	check "  naming the line: $2" grep -qF "$T/yordam.conf:$2" "$T/check.out"
	: > "$T/daemon.log"
	timeout 10 "$YORDAMD" -c "$T/yordam.conf" 2>>"$T/daemon.log"
	eq "  yordamd refuses to start" "$?" 1
	check "  and logs the same line" grep -qF "error: $T/yordam.conf:$2" "$T/daemon.log"
	cp "$T/base.conf" "$T/yordam.conf"
}

line=$(($(wc -l < "$T/base.conf") + 3))
cat >> "$T/yordam.conf" <<CONF
staff = (
  { name = "Aigerim"; phone = "+77001234567"; pin = "482913";
    on_cal = "09:00-18:00"; }
);
CONF
refused "a typo in a staff entry" "$line: unknown key 'on_cal' in staff entry 'Aigerim'"

line=$(($(wc -l < "$T/base.conf") + 2))
cat >> "$T/yordam.conf" <<CONF
staff = (
  { name = "Aigerim"; phone = "+7 700 123 45 67"; pin = "482913"; }
);
CONF
refused "a staff phone with spaces" "$line: staff 'Aigerim': phone '+7 700 123 45 67' must be + and 8 to 15 digits"

line=$(($(wc -l < "$T/base.conf") + 1))
echo 'timezone = "Mars/Olympus_Mons";' >> "$T/yordam.conf"
refused "a time zone tzdata does not have" "$line: timezone 'Mars/Olympus_Mons': not a zone of tzdata"

sed -i 's/connection = "none"/connection = "att"/' "$T/yordam.conf"
refused "a modem connection Gammu does not know" "1: connection 'att' in modem is not one Gammu knows"

# Loads, with warnings: the sample's placeholder, a plain PIN, mode 0644.
sed -i 's/hotline = "+70000000001"/hotline = "+7XXXXXXXXXX"/' "$T/yordam.conf"
hot=$(grep -n 'hotline =' "$T/yordam.conf" | cut -d: -f1)
line=$(($(wc -l < "$T/base.conf") + 2))
cat >> "$T/yordam.conf" <<CONF
staff = (
  { name = "Aigerim"; phone = "+77001234567"; pin = "482913"; on_call = "always"; }
);
CONF
chmod 644 "$T/yordam.conf"
"$CTL" -c "$T/yordam.conf" check > "$T/check.out" 2>&1
eq "warnings only: yordamctl check passes" "$?" 0
check "  warning of the sample's placeholder, at its line" grep -qF "$T/yordam.conf:$hot: warning: placeholder 'hotline' is still the sample's \"+7XXXXXXXXXX\"" "$T/check.out"
check "  of the plain PIN, at its line, with the way out" grep -qF "$T/yordam.conf:$line: warning: staff 'Aigerim': the PIN is written in plain digits" "$T/check.out"
check "  (yordamctl staff pin)" grep -qF '`yordamctl staff pin`' "$T/check.out"
check "  of the file every user may read" grep -qF "$T/yordam.conf:0: warning: every user of this machine may read it (mode 0644)" "$T/check.out"
check "  and says the configuration is OK" grep -q "configuration OK" "$T/check.out"
sed 's/^/# /' "$T/check.out" | head -n 4

chmod 640 "$T/yordam.conf"
"$CTL" -c "$T/yordam.conf" check > "$T/check.out" 2>&1
check "mode 0640: no warning about the mode" sh -c "! grep -q 'may read it' '$T/check.out'"

: > "$T/daemon.log"
start_daemon
wait_until 10 grep -q started "$T/daemon.log"
ok $? "yordamd starts with warnings"
check "  and logs each, one line each" test "$(grep -c "^yordamd: warning: $T/yordam.conf:[0-9]*: warning: " "$T/daemon.log")" -eq 2
stop_daemon
done_testing
