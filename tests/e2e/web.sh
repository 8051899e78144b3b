# web.sh - the staff console (yordam-web) as attackers and staff meet it:
# the rules every request meets (methods, paths, sizes, security headers,
# sessions, CSRF tokens, lockout, no phone number in URLs or logs) over
# plain HTTP with curl, then the desk in a real browser (headless
# Chromium through Selenium: tests/web/console.py).
. "${top_srcdir:-.}/tests/e2e/lib.sh"

WEB=$BUILD/yordam-web
PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
U="http://127.0.0.1:$PORT"
cat >> "$T/yordam.conf" <<CONF
timezone = "Asia/Almaty";
web = { port = $PORT; lockout_after = 5; lockout_minutes = 15; };
CONF
start_daemon
wait_until 10 test -f "$T/yordam.db"
printf 'correct horse battery\n' | $CTL -c "$T/yordam.conf" user add aigerim --role admin --lang ru --password-stdin --as test > /dev/null
printf 'another good password\n' | $CTL -c "$T/yordam.conf" user add timur --role staff --lang en --password-stdin --as test > /dev/null
"$WEB" -c "$T/yordam.conf" 2>> "$T/web.log" &
WEBPID=$!
trap 'kill $WEBPID 2>/dev/null; cleanup' EXIT
wait_until 10 curl -sf -o /dev/null "$U/login"
ok $? "yordam-web listens on 127.0.0.1"
check "  and only there" sh -c "! ss -ltn | grep -q '0.0.0.0:$PORT'"

C="curl -s -o $T/body -D $T/head"
status() { sed -n '1s/^HTTP\/[0-9.]* \([0-9]*\).*/\1/p' "$T/head"; }
header() { grep -i "^$1:" "$T/head" | head -n 1 | tr -d '\r'; }

$C "$U/login"
eq "the login page" "$(status)" 200
check "  with a Content-Security-Policy without inline script" sh -c "grep -qi \"^content-security-policy: default-src 'none'; script-src 'self';\" '$T/head' && ! grep -qi 'unsafe-inline' '$T/head'"
check "  X-Frame-Options DENY" sh -c "grep -qi '^x-frame-options: DENY' '$T/head'"
check "  nosniff and no-store" sh -c "grep -qi '^x-content-type-options: nosniff' '$T/head' && grep -qi '^cache-control: no-store' '$T/head'"
check "  no inline script in the page" sh -c "! grep -q '<script>' '$T/body' && ! grep -qi ' on[a-z]*=' '$T/body'"
check "  every asset from the program itself" sh -c "! grep -Eq '(src|href)=\"(https?:)?//' '$T/body'"
$C "$U/"
eq "the queue without a session redirects to the login" "$(status) $(header location)" "303 Location: /login"
$C -X POST -d 'text=x' "$U/r/1/reply"
eq "a form without a session is refused" "$(status)" 403
$C --path-as-is "$U/static/../../../../etc/passwd"
eq "a path that climbs out is refused" "$(status)" 400
check "  and shows no file" sh -c "! grep -q 'root:' '$T/body'"
$C --path-as-is "$U/static/%2e%2e/%2e%2e/etc/passwd"
check "  also percent-encoded" sh -c "[ \"\$(sed -n '1s/^HTTP\/[0-9.]* \([0-9]*\).*/\1/p' '$T/head')\" != 200 ] && ! grep -q 'root:' '$T/body'"
$C -X DELETE "$U/"
eq "DELETE is not allowed" "$(status)" 405
head -c 20000 /dev/zero | tr '\0' 'a' > "$T/big"
$C -X POST --data-binary "@$T/big" "$U/login"
eq "a form over 16 KiB is refused" "$(status)" 413

# Log in with curl: the login form's own token, then the session cookie.
J=$T/jar
curl -s -c "$J" -b "$J" "$U/login" > "$T/login.html"
tok=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/login.html" | head -n 1)
curl -s -o /dev/null -D "$T/head" -c "$J" -b "$J" --data-urlencode "name=timur" --data-urlencode "password=another good password" -d "csrf=$tok" "$U/login"
eq "log in: redirected to the queue" "$(header location)" "Location: /"
check "  the session cookie is HttpOnly and SameSite=Strict" sh -c "grep -i '^set-cookie: yordam_session=' '$T/head' | grep -qi 'HttpOnly' && grep -i '^set-cookie: yordam_session=' '$T/head' | grep -qi 'SameSite=Strict'"
curl -s -o /dev/null -D "$T/head" -c "$J" -b "$J" --data-urlencode "name=timur" --data-urlencode "password=another good password" "$U/login"
eq "a login form without its token is refused" "$(sed -n '1s/^HTTP\/[0-9.]* \([0-9]*\).*/\1/p' "$T/head")" 403
curl -s -c "$J" -b "$J" "$U/" > "$T/queue.html"
check "the queue page for a logged-in account" grep -q 'id="queue-rows"' "$T/queue.html"
csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/queue.html" | head -n 1)

inject +77095000009 "pasportimni olib qo'yishdi" --date 20261124T100000
wait_until 15 sql_is 1 "SELECT count(*) FROM help_requests WHERE number='+77095000009'"
rid=$(sql "SELECT id FROM help_requests WHERE number='+77095000009'")
curl -s -o /dev/null -D "$T/head" -c "$J" -b "$J" -d "text=hello" "$U/r/$rid/note"
eq "a form without its CSRF token is refused" "$(sed -n '1s/^HTTP\/[0-9.]* \([0-9]*\).*/\1/p' "$T/head")" 403
curl -s -o /dev/null -D "$T/head" -c "$J" -b "$J" -d "text=hello" -d "csrf=$(printf '%064d' 0)" "$U/r/$rid/note"
eq "  or with another's" "$(sed -n '1s/^HTTP\/[0-9.]* \([0-9]*\).*/\1/p' "$T/head")" 403
eq "  and nothing was written" "$(sql "SELECT count(*) FROM notes")" 0
curl -s -o /dev/null -D "$T/head" -c "$J" -b "$J" -d "text=checked, calling back" -d "csrf=$csrf" "$U/r/$rid/note"
eq "with it, the note is kept" "$(sql "SELECT who || ': ' || text FROM notes")" "timur: checked, calling back"
check "  and audited under the account's name" sh -c "sqlite3 '$T/yordam.db' \"SELECT who FROM audit WHERE request_id=$rid AND action='note'\" | grep -qx timur"
# Claims hold at every door: the console's claim, refused at the desk.
curl -s -o /dev/null -D "$T/head" -c "$J" -b "$J" -d "csrf=$csrf" "$U/r/$rid/claim"
eq "a claim from the console" "$(sql "SELECT claimed_by FROM help_requests WHERE id=$rid")" timur
$CTL -c "$T/yordam.conf" claim "$rid" --as aigerim > /dev/null 2> "$T/err"
eq "  refused to another staff member at the desk" "$?" 1
check "  naming who has it" grep -q "#$rid is claimed by timur" "$T/err"
curl -s -c "$J" -b "$J" "$U/stats" -o /dev/null -w '%{http_code}' > "$T/code"
eq "statistics are for admins only" "$(cat "$T/code")" 403
curl -s -c "$J" -b "$J" "$U/accounts" -o /dev/null -w '%{http_code}' > "$T/code"
eq "  so are accounts" "$(cat "$T/code")" 403
check "no phone number in the console's log" sh -c "! grep -q '7709500' '$T/web.log'"
check "no phone number in any URL of the pages" sh -c "! grep -Eq 'href=\"[^\"]*7709500' '$T/queue.html'"

# Try a conversation on the content page (staff may: editors are staff):
# the engine in the console's memory; nothing sent, nothing stored.
counts() { sql "SELECT (SELECT count(*) FROM messages) || ' ' || (SELECT count(*) FROM contacts) || ' ' || (SELECT count(*) FROM sessions) || ' ' || (SELECT count(*) FROM help_requests) || ' ' || (SELECT count(*) FROM unmatched)"; }
before=$(counts)
try() {   # try TEXT [CURL ARGS]: send it, then the content page as try.html
	t=$1; shift
	curl -s -o /dev/null -D "$T/head" -c "$J" -b "$J" --data-urlencode "text=$t" -d "do=send" -d "csrf=$csrf" "$@" "$U/content/try"
	curl -s -c "$J" -b "$J" "$U/content" | tr '\n' ' ' > "$T/try.html"
	grep -o '<ol class="thread try-chat".*</ol>' "$T/try.html" > "$T/chat.html"
}
curl -s -o /dev/null -D "$T/head" -c "$J" -b "$J" -d "do=new" -d "lang=" -d "csrf=$csrf" "$U/content/try"
eq "try: a new person, back to the content page" "$(status) $(header location)" "303 Location: /content#try"
try salom
try 1
check "  salom, 1: the Uzbek home menu" sh -c "grep -q 'Raqamni tanlang' '$T/chat.html' && grep -q 'language uz' '$T/chat.html'"
check "  in 1 SMS part" grep -q 'home · 1 SMS part · GSM-7 · [0-9]* characters' "$T/chat.html"
try "меня избили на работе"
check "  a Cyrillic urgent message: the urgent action" sh -c "grep -q 'class=\"badge urgent\">urgent: ' '$T/try.html'"
check "  and a person is asked for" grep -q 'class="badge person"' "$T/try.html"
try "<script>alert(1)</script> \"q\" $(printf '\342\200\256')x"
check "  a <script> is shown escaped" sh -c "grep -q '&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot;' '$T/try.html' && ! grep -q '<script>alert' '$T/try.html'"
check "  a bidi override is shown, not obeyed" sh -c "grep -q 'u202e' '$T/try.html' && ! grep -q \"\$(printf '\342\200\256')\" '$T/try.html'"
eq "  the helpline's database is untouched (messages, contacts, sessions, requests, unmatched)" "$(counts)" "$before"
curl -s -o /dev/null -D "$T/head" -c "$J" -b "$J" --data-urlencode "text=salom" -d "do=send" "$U/content/try"
eq "  a try without the CSRF token is refused" "$(status)" 403
curl -s -o "$T/body" -D "$T/head" --data-urlencode "text=salom" -d "do=send" -d "csrf=$csrf" "$U/content/try"
eq "  a try logged out is refused" "$(status)" 403
curl -s -o /dev/null -D "$T/head" -c "$J" -b "$J" -d "do=new" -d "lang=xx" -d "csrf=$csrf" "$U/content/try"
eq "  a language the content does not have is refused" "$(status)" 400
curl -s -o /dev/null -c "$J" -b "$J" -d "do=new" -d "lang=ru" -d "drafts=1" -d "csrf=$csrf" "$U/content/try"
try 1 -d "lang=ru" -d "drafts=1"
check "  new person, started in Russian, drafts offered" sh -c "grep -q 'drafts offered' '$T/try.html' && grep -q 'language ru' '$T/chat.html' && ! grep -q 'Raqamni' '$T/chat.html'"
eq "  still nothing stored" "$(counts)" "$before"
kill -HUP $WEBPID
wait_until 10 sh -c "[ \$(grep -c 'content .* loaded' '$T/web.log') -ge 2 ]"
try 2 -d "lang=ru" -d "drafts=1"
check "  after a reload (drafts freed), drafts are tried again" sh -c "grep -q 'drafts offered' '$T/try.html' && [ \$(grep -o 'class=\"in try-said\"' '$T/chat.html' | wc -l) -eq 2 ]"
curl -s -o /dev/null -c "$J" -b "$J" -d "csrf=$csrf" "$U/logout"
curl -s -c "$J" -b "$J" "$U/login" > "$T/login.html"
tok=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/login.html" | head -n 1)
curl -s -o /dev/null -c "$J" -b "$J" --data-urlencode "name=timur" --data-urlencode "password=another good password" -d "csrf=$tok" "$U/login"
curl -s -c "$J" -b "$J" "$U/content" > "$T/try.html"
check "  logged out and in again: a new session starts with no try" sh -c "grep -q 'id=\"try-chat\"></ol>' '$T/try.html'"

# TLS: web.tls_cert and web.tls_key make it HTTPS, with HSTS and Secure
# cookies; plain HTTP on that port then gets nothing.
if command -v openssl > /dev/null; then
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/web.key" -out "$T/web.pem" \
		-days 2 -subj "/CN=127.0.0.1" 2> /dev/null
	TPORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	sed "s|^web = .*|web = { port = $TPORT; tls_cert = \"$T/web.pem\"; tls_key = \"$T/web.key\"; };|" "$T/yordam.conf" > "$T/tls.conf"
	"$WEB" -c "$T/tls.conf" 2>> "$T/web.log" &
	TLSPID=$!
	wait_until 10 curl -skf -o /dev/null "https://127.0.0.1:$TPORT/login"
	ok $? "with tls_cert and tls_key it serves HTTPS"
	curl -sk -o /dev/null -D "$T/head" "https://127.0.0.1:$TPORT/login"
	check "  with Strict-Transport-Security" grep -qi '^strict-transport-security: max-age=' "$T/head"
	check "  and Secure cookies" sh -c "grep -i '^set-cookie:' '$T/head' | grep -qi '; Secure'"
	check "  and no plain HTTP" sh -c "! curl -sf -m 3 -o /dev/null 'http://127.0.0.1:$TPORT/login'"
	kill $TLSPID 2> /dev/null
	wait $TLSPID 2> /dev/null
	sed "s|^web = .*|web = { port = $TPORT; tls_cert = \"$T/web.pem\"; };|" "$T/yordam.conf" > "$T/half.conf"
	"$WEB" -c "$T/half.conf" > /dev/null 2> "$T/half.err"
	eq "a certificate without its key is refused at start" "$?" 1
	check "  saying why" grep -q "both tls_cert and tls_key" "$T/half.err"
else
	echo "ok $((n_tests = n_tests + 1)) - # SKIP no openssl to make a test certificate"
fi

# The desk in a real browser.
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && /usr/bin/python3 -c 'import selenium' 2>/dev/null; then
	WEB_URL=$U YORDAM_DB=$T/yordam.db PHONE_DIR=$T/phone INJECT=$INJECT \
	SHOTS=${SHOTS:-} timeout 300 /usr/bin/python3 "$SRC/tests/web/console.py" > "$T/browser.out" 2> "$T/browser.err"
	while read -r verdict rest; do
		case "$verdict" in
		ok) ok 0 "browser: ${rest#* - }" ;;
		not) ok 1 "browser: ${rest#ok * - }" ;;
		esac
	done < "$T/browser.out"
	grep -q '^1\.\.' "$T/browser.out"
	ok $? "the browser test ran to its end"
	[ -s "$T/browser.err" ] && sed 's/^/# /' "$T/browser.err" | tail -n 20
else
	echo "ok $((n_tests = n_tests + 1)) - # SKIP no chromium, chromedriver or python3-selenium (./bootstrap installs them)"
fi
kill $WEBPID 2>/dev/null
wait $WEBPID 2>/dev/null
stop_daemon
done_testing
