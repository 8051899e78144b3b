# reload.sh - broken content: `yordamctl check` names file:line and fails;
# SIGHUP with it keeps the old content serving; fixed content is taken.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

mkdir -p "$T/content"
cp -r "$CONTENT/menus" "$CONTENT/locales" "$T/content/"
chmod -R u+w "$T/content"
CONTENT=$T/content
write_conf

"$CTL" -c "$T/yordam.conf" check > "$T/check.out" 2>&1
ok $? "yordamctl check passes on the shipped content"

start_daemon
wait_until 10 grep -q started "$T/daemon.log"
inject +77040000001 "uzbek" --date 20261124T130000
wait_until 10 sql_is 1 "SELECT count(*) > 0 FROM messages WHERE dir='out' AND number='+77040000001' AND status='sent'"
home_before=$(sql "SELECT text FROM messages WHERE dir='out' AND number='+77040000001' ORDER BY id DESC LIMIT 1")
v1=$(sql "SELECT max(id) FROM content_versions")

# Break a locale the way an editor might: an unclosed quote at the end.
cp "$T/content/locales/uz.conf" "$T/uz.good"
echo 'broken = "no end quote;' >> "$T/content/locales/uz.conf"
"$CTL" -c "$T/yordam.conf" check > "$T/check.out" 2>&1
rc=$?
check "yordamctl check fails on broken content" test $rc -ne 0
check "and names file:line" grep -q "locales/uz.conf:[0-9]*:" "$T/check.out"
sed 's/^/# /' "$T/check.out" | head -n 3

kill -HUP "$PID"
wait_until 10 grep -q "reload refused" "$T/daemon.log"
ok $? "SIGHUP with broken content is refused"
check "the error is logged with file:line" grep -q "uz.conf:[0-9]*:" "$T/daemon.log"
inject +77040000001 "00" --date 20261124T130100
wait_until 10 sql_is 2 "SELECT count(*) FROM messages WHERE dir='out' AND number='+77040000001' AND status='sent'"
ok $? "the daemon keeps answering"
eq "with the old content" \
	"$(sql "SELECT text FROM messages WHERE dir='out' AND number='+77040000001' ORDER BY id DESC LIMIT 1")" "$home_before"

# Fix it with a changed home text, reload, and see the new text served.
cp "$T/uz.good" "$T/content/locales/uz.conf"
sed -i '0,/home = {[^}]*text = "/s//&NEW /' "$T/content/locales/uz.conf"
kill -HUP "$PID"
wait_until 10 sh -c "grep -c 'content .* loaded' '$T/daemon.log' | grep -q 1"
ok $? "fixed content is loaded on SIGHUP"
inject +77040000001 "00" --date 20261124T130200
wait_until 10 sql_is 3 "SELECT count(*) FROM messages WHERE dir='out' AND number='+77040000001' AND status='sent'"
last=$(sql "SELECT text FROM messages WHERE dir='out' AND number='+77040000001' ORDER BY id DESC LIMIT 1")
case "$last" in "NEW "*) r=0 ;; *) r=1 ;; esac
ok $r "the reply uses the new text"
v2=$(sql "SELECT content_version FROM messages WHERE dir='out' ORDER BY id DESC LIMIT 1")
check "and records the new content version" test "$v2" -gt "$v1"

# yordam.conf is re-read too: a placeholder changes the next replies; a
# broken file is refused with its line and the running one stays.
sed -i 's/emergency = "112";/emergency = "999";/' "$T/yordam.conf"
kill -HUP "$PID"
wait_until 10 grep -q "yordam.conf reloaded" "$T/daemon.log"
ok $? "SIGHUP re-reads yordam.conf"
inject +77040000009 "yordam kerak" --date 20261124T130300
wait_until 10 sh -c "sqlite3 '$T/yordam.db' \"SELECT text FROM messages WHERE dir='out' AND number='+77040000009' AND status='sent'\" | grep -q 999"
ok $? "  a changed placeholder is in the next reply"
cp "$T/yordam.conf" "$T/good.conf"
echo 'reply_per_hour = 5;' >> "$T/yordam.conf"
kill -HUP "$PID"
wait_until 10 grep -q "the configuration is not reloaded" "$T/daemon.log"
ok $? "a broken yordam.conf on SIGHUP is refused"
check "  naming its line and the typo" grep -q "yordam.conf:[0-9]*: unknown key 'reply_per_hour'" "$T/daemon.log"
inject +77040000010 "yordam kerak" --date 20261124T130400
wait_until 10 sh -c "sqlite3 '$T/yordam.db' \"SELECT text FROM messages WHERE dir='out' AND number='+77040000010' AND status='sent'\" | grep -q 999"
ok $? "  and the running configuration keeps serving"
cp "$T/good.conf" "$T/yordam.conf"
sed -i "s|^database = .*|database = \"$T/other.db\";|" "$T/yordam.conf"
kill -HUP "$PID"
wait_until 10 grep -q "needs a restart" "$T/daemon.log"
ok $? "a new database path is said to need a restart"
cp "$T/good.conf" "$T/yordam.conf"

stop_daemon
# Broken content at start-up: refuse to start, say where.
echo 'broken = "no end quote;' >> "$T/content/locales/uz.conf"
"$YORDAMD" -c "$T/yordam.conf" 2> "$T/start.err"
rc=$?
check "yordamd refuses to start with broken content" test $rc -ne 0
check "and names file:line" grep -q "uz.conf:[0-9]*:" "$T/start.err"
done_testing
