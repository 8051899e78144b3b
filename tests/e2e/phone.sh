# phone.sh - `yordamctl phone`, what `make demo` opens: typed lines go in as
# real SMS files, replies come back on the screen.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

start_daemon
printf 'hello\n1\n1\n' | "$CTL" -c "$T/yordam.conf" phone --from +77060000001 --wait 10 > "$T/phone.out" 2>&1
ok $? "yordamctl phone runs a conversation"
sed 's/^/# /' "$T/phone.out" | head -n 20
check "the first SMS gets the language choice" grep -q "^1 O'zbekcha" "$T/phone.out"
check "choosing 1 confirms Uzbek" grep -q "^Til: o'zbekcha" "$T/phone.out"
check "and a digit walks the menu" grep -q "^Tanlang:" "$T/phone.out"
eq "three SMS went in" "$(sql "SELECT count(*) FROM messages WHERE dir='in' AND number='+77060000001'")" 3
stop_daemon
done_testing
