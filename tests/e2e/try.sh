# try.sh - `yordamctl try`: an editor tries changed content in the
# terminal before reloading it, on the box where the helpline runs.
# Nothing is sent and nothing is written to the live database (its rows
# and its file are the same after); --from starts where a person is; a
# draft node is offered only with --drafts; a broken draft is refused
# with file:line and nothing else happens; a person's text or a reply
# that carries terminal escapes cannot drive the terminal.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

start_daemon
wait_until 10 test -f "$T/yordam.db"
says +77090000001 "Здравствуйте" >/dev/null
says +77090000001 "3" >/dev/null
stop_daemon
rows() { sql "SELECT count(*) FROM messages"; }
before_rows=$(rows)
before_sum=$(cat "$T/yordam.db" "$T/yordam.db-wal" 2>/dev/null | sha256sum)

# The editor's draft: the Russian wages answer changed, in a copy of one
# locale file (content_site's way: it replaces the shipped one).
mkdir -p "$T/draft/locales"
perl -0pe 's/(\n  wages = \{ label = "[^"]*";\s*text = ")[^"]*"/$1ЧЕРНОВИК: не платят зарплату? Запишите дни и часы. Напишите ПОМОЩЬ"/' \
	"$SRC/locales/ru.conf" > "$T/draft/locales/ru.conf"
grep -q "ЧЕРНОВИК" "$T/draft/locales/ru.conf"
ok $? "(the draft changes the Russian wages answer)"

printf 'здравствуйте\n3\n2\n' | "$CTL" -c "$T/yordam.conf" try --content "$T/draft" > "$T/try.out" 2>&1
eq "try ends well at the end of input" "$?" 0
check "the draft's text is what the person would get" grep -q "ЧЕРНОВИК: не платят" "$T/try.out"
check "  with its SMS parts and coding" grep -q "(wages; [12] SMS parts*, [0-9]* ucs2)" "$T/try.out"
check "  each message echoed as the person's" grep -q "^> 3" "$T/try.out"
check "it says nothing is sent or stored" grep -q "nothing is sent or stored" "$T/try.out"
printf 'здравствуйте\n3\n2\n' | "$CTL" -c "$T/yordam.conf" try > "$T/live.out" 2>&1
check "without --content: the live text, not the draft's" sh -c "! grep -q ЧЕРНОВИК '$T/live.out' && grep -q '(wages;' '$T/live.out'"

eq "the live database has the same rows" "$(rows)" "$before_rows"
eq "  and the same bytes" "$(cat "$T/yordam.db" "$T/yordam.db-wal" 2>/dev/null | sha256sum)" "$before_sum"

# --from: where that person is (Russian, in the work menu), read only.
printf '2\n' | "$CTL" -c "$T/yordam.conf" try --from +77090000001 --content "$T/draft" > "$T/from.out" 2>&1
check "--from starts in the person's menu: 2 is wages there" grep -q "ЧЕРНОВИК" "$T/from.out"
printf '00\n' | "$CTL" -c "$T/yordam.conf" try --from +77099999999 > "$T/nobody.out" 2>&1
check "--from an unknown number starts as a new person, and says so" grep -q "no session for that number" "$T/nobody.out"
eq "  still nothing written" "$(rows)" "$before_rows"

# --lang: the session starts in that language.
printf '00\n' | "$CTL" -c "$T/yordam.conf" try --lang tg > "$T/tg.out" 2>&1
check "--lang tg starts in Tajik (its home, in Latin letters: one part)" grep -q "(home; 1 SMS part, [0-9]* gsm7)" "$T/tg.out"
"$CTL" -c "$T/yordam.conf" try --lang xx < /dev/null > "$T/xx.out" 2>&1
eq "--lang that is no language is refused" "$?" 1
check "  saying why" grep -q "no language 'xx'" "$T/xx.out"

# A draft node in Russian only: hidden without --drafts, tried with it.
mkdir -p "$T/draft/menus"
sed -e 's/"work_threat", "job_offer"\]/"work_threat", "job_offer", "housing"]/' \
	-e 's/^  { id = "contract";/  { id = "housing"; type = "answer"; status = "draft"; reviewed = "2026-11-26"; source = "FIDH, Migrant Workers in Kazakhstan (2016), II.2 p.14"; },\n  { id = "contract";/' \
	"$SRC/menus/main.conf" > "$T/draft/menus/main.conf"
sed -i 's/^  contract = {/  housing = { label = "Жильё"; text = "ЧЕРНОВИК-ЖИЛЬЁ: хозяин квартиры не может забрать паспорт. Напишите ПОМОЩЬ"; keywords = ["квартира"]; };\n  contract = {/' "$T/draft/locales/ru.conf"
printf 'здравствуйте\n3\n9\nквартира\n' | "$CTL" -c "$T/yordam.conf" try --content "$T/draft" > "$T/hidden.out" 2>&1
eq "a draft loads (its missing languages are work to do)" "$?" 0
check "  each missing language named as work to do" grep -q "draft 'housing': no text in 'ky' yet (work to do" "$T/hidden.out"
check "  offered to no one: not in the menu, no keyword reaches it" sh -c "! grep -q 'ЧЕРНОВИК-ЖИЛЬЁ' '$T/hidden.out' && ! grep -q 'Жильё' '$T/hidden.out'"
printf 'здравствуйте\n3\n9\n/new\nsalom\n1\n3\n9\n' | "$CTL" -c "$T/yordam.conf" try --drafts --content "$T/draft" > "$T/drafts.out" 2>&1
check "with --drafts it is the menu's 9th option" grep -q "^9 Жильё" "$T/drafts.out"
check "  and its text is sent" grep -q "ЧЕРНОВИК-ЖИЛЬЁ" "$T/drafts.out"
check "  in a language without it, a placeholder says so" grep -q "\[draft housing: no uz text yet\]" "$T/drafts.out"
"$CTL" -c "$T/yordam.conf" check > "$T/check.out" 2>&1
check "the live content is untouched by all this" sh -c "! grep -q housing '$T/check.out'"

# Careless: a broken draft is refused with file:line, nothing else runs.
sed -i 's/ЧЕРНОВИК-ЖИЛЬЁ/"broken/' "$T/draft/locales/ru.conf"
printf 'здравствуйте\n' | "$CTL" -c "$T/yordam.conf" try --content "$T/draft" > "$T/broken.out" 2>&1
eq "a broken draft is refused" "$?" 1
check "  naming the file and line" grep -q "$T/draft/locales/ru.conf:[0-9]*" "$T/broken.out"
check "  and no conversation starts" sh -c "! grep -q '^< ' '$T/broken.out'"
"$CTL" -c "$T/yordam.conf" try --content "$T/nowhere" < /dev/null > "$T/nowhere.out" 2>&1
check "a --content that does not exist: the shipped files alone, said in the header" grep -q "with $T/nowhere" "$T/nowhere.out"

# Attacker: terminal escapes in the person's text and in a draft reply.
sed -i 's/"broken/ЖИЛЬЁ \\x1b[H\\x1b[J\\x1b]X;pwned\\x07/' "$T/draft/locales/ru.conf"
printf 'здравствуйте \033[31mred\033[0m\n3\n9\n' | "$CTL" -c "$T/yordam.conf" try --drafts --content "$T/draft" > "$T/esc.out" 2>&1
check "no raw ESC or BEL reaches the terminal" sh -c "! grep -q \"\$(printf '\033')\" '$T/esc.out' && ! grep -q \"\$(printf '\007')\" '$T/esc.out'"
check "  they are shown as escapes" grep -q '\\x1b\[31mred' "$T/esc.out"
long=$(head -c 30000 /dev/zero | tr '\0' 'ж')
printf '%s\n' "$long" | "$CTL" -c "$T/yordam.conf" try > "$T/long.out" 2>&1
eq "a 30,000-letter message is one message, answered" "$(grep -c '^< ' "$T/long.out")" 1
eq "the live database still has the same rows" "$(rows)" "$before_rows"
done_testing
