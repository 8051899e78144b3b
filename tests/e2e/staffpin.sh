# staffpin.sh - `yordamctl staff pin`: the argon2id hash of a staff PIN
# for yordam.conf.  It refuses short or non-digit PINs, needs no working
# configuration (it is how one is made), asks twice without echo on a
# terminal, and the line it prints works: the configuration loads without
# a plain-PIN warning and the staff phone works by SMS with that PIN.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

A=+77080000100

printf '582913\n' | "$CTL" -c /nonexistent/yordam.conf staff pin > "$T/pin.out" 2> "$T/pin.err"
eq "a PIN from standard input is hashed (no configuration needed)" "$?" 0
check "  printed as the line for yordam.conf" grep -qx 'pin = "\$argon2id\$v=19\$m=[0-9]*,t=[0-9]*,p=[0-9]*\$[^"]*";' "$T/pin.out"
eq "  and nothing else on standard output" "$(wc -l < "$T/pin.out")" 1
check "  never the PIN itself" sh -c "! grep -q 582913 '$T/pin.out' '$T/pin.err'"
printf '582913\n' | "$CTL" staff pin > "$T/pin2.out" 2>/dev/null
check "  salted: the same PIN twice gives two hashes" sh -c "! cmp -s '$T/pin.out' '$T/pin2.out'"

for bad in 4821 12345 12a456 "123 456" "" +582913 582913x; do
	printf '%s\n' "$bad" | "$CTL" staff pin > "$T/bad.out" 2> "$T/bad.err"
	rc=$?
	eq "the PIN '$bad' is refused" "$rc" 1
	check "  with the reason" grep -q "yordamctl: staff pin: a PIN is 6 or more digits" "$T/bad.err"
	check "  and no hash" test ! -s "$T/bad.out"
done
"$CTL" staff pin < /dev/null > /dev/null 2> "$T/bad.err"
eq "no PIN at all is refused" "$?" 1
"$CTL" staff > /dev/null 2>&1
eq "'staff' without 'pin' prints the usage" "$?" 2

# On a terminal: asked twice, without echo.
if command -v script >/dev/null 2>&1; then
	(sleep 1; printf '582913\n'; sleep 1; printf '582913\n'; sleep 1) |
		script -qec "'$CTL' staff pin" /dev/null > "$T/tty.out" 2>&1
	check "on a terminal: asked for the PIN" grep -q "PIN" "$T/tty.out"
	check "  twice" grep -q "again" "$T/tty.out"
	check "  not echoed" sh -c "! grep -q 582913 '$T/tty.out'"
	check "  and hashed" grep -q 'pin = "\$argon2id\$' "$T/tty.out"
	(sleep 1; printf '582913\n'; sleep 1; printf '582914\n'; sleep 1) |
		script -qec "'$CTL' staff pin" /dev/null > "$T/tty.out" 2>&1
	check "  two different PINs are refused" grep -q "the two PINs differ" "$T/tty.out"
	check "  with no hash" sh -c "! grep -q 'argon2id' '$T/tty.out'"
else
	ok 0 "# SKIP script(1) is not installed: no terminal to test with"
fi

# The line works: in a staff entry, the PIN opens the staff commands.
cat >> "$T/yordam.conf" <<CONF
staff = (
  { name = "Aigerim"; phone = "$A"; $(cat "$T/pin.out") on_call = "always"; }
);
CONF
chmod 600 "$T/yordam.conf"
"$CTL" -c "$T/yordam.conf" check > "$T/check.out" 2>&1
eq "the configuration with the hash passes yordamctl check" "$?" 0
check "  without a warning" sh -c "! grep -q warning '$T/check.out'"
start_daemon
wait_until 10 grep -q started "$T/daemon.log"
inject $A "582913 NEXT" --date 20261124T100000
wait_until 15 sql_is 1 "SELECT count(*) FROM messages WHERE dir='out' AND number='$A' AND text='No open requests.'"
ok $? "the staff phone works with that PIN"
inject $A "582914 NEXT" --date 20261124T100100
wait_until 15 grep -q "wrong or missing PIN" "$T/daemon.log"
ok $? "and a wrong PIN is refused"
stop_daemon

# The sample yordam.conf's staff block, uncommented, with the hash pasted
# where it says: it loads, and only the sample's placeholders are warned of.
# (Its zone becomes a POSIX one: the build machine may lack tzdata.)
hash=$(sed 's/^pin = "\(.*\)";$/\1/' "$T/pin.out")
sed -e '/^#staff = (/,/^#);/s/^#//' \
	-e "s|\\\$argon2id\\\$\.\.\.paste the line from yordamctl staff pin\.\.\.|$hash|" \
	-e "s|^content = .*|content = \"$CONTENT\";|" \
	-e "s|^database = .*|database = \"$T/sample.db\";|" \
	-e 's|^timezone = .*|timezone = "<+05>-5";|' \
	"$BUILD/etc/yordam.conf" > "$T/sample.conf"
chmod 600 "$T/sample.conf"
"$CTL" -c "$T/sample.conf" check > "$T/sample.out" 2>&1
eq "the sample's staff entries with pasted hashes load" "$?" 0
eq "  two staff, no plain PIN" "$(grep -c 'pin = "\$argon2id\$v=19' "$T/sample.conf")" 2
check "  no warning but the sample's placeholders" sh -c "! grep warning '$T/sample.out' | grep -vq \"placeholder '[a-z_]*' is still the sample's\""
done_testing
