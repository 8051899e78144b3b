# editor.sh - an NGO editor's session, start to end, on the running
# helpline: a new topic added in Russian as a draft (offered to no one,
# the rest reloads as usual), translated by volunteers in a spreadsheet
# (CSV export, edit, import: validated, only their cells change), tried
# in the terminal with `yordamctl try`, published and reloaded (people
# reach it), then rolled back to yesterday's content (they no longer do).
# The history shows every load with who and why.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

shipped_copy
ctl() { "$CTL" -c "$T/yordam.conf" "$@"; }
P=+77050000001
Q=+77050000002
last_to() {
	sql "SELECT text FROM messages WHERE dir='out' AND number='$1' ORDER BY id DESC LIMIT 1"
}

start_daemon
wait_until 10 grep -q started "$T/daemon.log"
says "$P" "здравствуйте" >/dev/null

# 1. A draft in Russian: the menu tree and the Russian file, in the
#    NGO's own directory (content/ beside yordam.conf).
mkdir -p "$T/content/menus" "$T/content/locales"
sed -e 's/"work_threat", "job_offer"\]/"work_threat", "job_offer", "housing"]/' \
	-e 's/^  { id = "contract";/  { id = "housing"; type = "answer"; status = "draft"; reviewed = "2026-11-26";\n    source = "FIDH, \\"Migrant Workers in Kazakhstan: No status, no rights\\" (2016), section II.2, p. 14"; },\n  { id = "contract";/' \
	"$T/shipped/menus/main.conf" > "$T/content/menus/main.conf"
sed 's/^  contract = {/  housing = { label = "Жильё"; text = "Жильё: хозяин квартиры не вправе забирать паспорт. Договор лучше письменный. Напишите ПОМОЩЬ"; keywords = ["квартира", "хозяин квартиры"]; };\n  contract = {/' \
	"$T/shipped/locales/ru.conf" > "$T/content/locales/ru.conf"
ctl check > "$T/check1.out" 2>&1
eq "a draft in Russian only passes check" "$?" 0
check "  each missing language is work to do" grep -q "draft 'housing': no text in 'ky' yet (work to do" "$T/check1.out"
ctl reload --as lawyer > "$T/reload1.out" 2>&1
ok $? "and reloads (version 2), the rest of the content as usual"
says "$P" "у меня проблема с квартирой" >/dev/null
eq "  the draft is offered to no one: its words do not reach it" \
	"$(sql "SELECT count(*) FROM messages WHERE dir='out' AND number='$P' AND node='housing'")" 0

# 2. Translators: a CSV per language, filled in a spreadsheet, imported.
for lang in uz ky tg; do
	ctl content export --format csv --lang "$lang" > "$T/$lang.csv"
	ok $? "content export --format csv --lang $lang"
done
python3 - "$T" <<'PY'
import csv, sys
T = sys.argv[1]
texts = {
    "uz": ("Uy-joy", "Uy-joy: uy egasi pasportingizni ololmaydi. Shartnoma yozma bo'lsin. YORDAM deb yozing"),
    "ky": ("Турак жай", "Турак жай: үй ээси паспортуңузду ала албайт. Келишим жазуу жүзүндө болсун. ЖАРДАМ деп жазыңыз"),
    "tg": ("Манзил", "Манзил: соҳиби хона шиносномаро гирифта наметавонад. Шартнома хаттӣ бошад. ЁРДАМ нависед"),
}
for lang, (label, text) in texts.items():
    path = f"{T}/{lang}.csv"
    rows = list(csv.reader(open(path, encoding="utf-8", newline="")))
    head = rows[0]
    node = head.index("node"); field = head.index("field")
    target = head.index("translation")
    done = 0
    for r in rows[1:]:
        if r[node] == "housing" and r[field] in ("label", "text"):
            r[target] = label if r[field] == "label" else text
            done += 1
    assert done == 2, (lang, done)
    csv.writer(open(path, "w", encoding="utf-8", newline="")).writerows(rows)
PY
ok $? "(the volunteers fill the housing rows in their spreadsheets)"
for lang in uz ky tg; do
	ctl content import "$T/$lang.csv" > "$T/import-$lang.out" 2>&1
	ok $? "content import $lang.csv"
done
ctl check > "$T/check2.out" 2>&1
eq "every language in: check passes" "$?" 0
check "  and says the draft can be published" grep -q "draft 'housing' has a text in every language" "$T/check2.out"

# A round trip with no edits changes nothing.
( cd "$T/content" && find . -type f | sort | xargs sha256sum ) > "$T/sums.before"
ctl content export --format csv --lang ky > "$T/same.csv"
ctl content import "$T/same.csv" > "$T/same.out" 2>&1
ok $? "an unedited export imports"
( cd "$T/content" && find . -type f | sort | xargs sha256sum ) > "$T/sums.after"
check "  and changes no byte of any file" cmp -s "$T/sums.before" "$T/sums.after"

# 3. Tried before anyone receives it.
printf 'салам\n3\n9\n' | ctl try --drafts > "$T/try.out" 2>&1
check "yordamctl try --drafts: the Kyrgyz text, as a person would get it" grep -q "Турак жай: үй ээси паспортуңузду" "$T/try.out"
check "  with its SMS parts" grep -q "(housing; [12] SMS parts*" "$T/try.out"

# 4. Published and reloaded: people reach it.
sed -i 's/{ id = "housing"; type = "answer"; status = "draft";/{ id = "housing"; type = "answer"; status = "to verify"; verify = "the landlord and the passport: the law that forbids taking it";/' "$T/content/menus/main.conf"
ctl reload --as coordinator > "$T/reload2.out" 2>&1
ok $? "published (status to verify) and reloaded: version 3"
says "$Q" "у меня проблема с квартирой" >/dev/null
says "$Q" "хозяин квартиры не отдаёт паспорт, что делать" >/dev/null
eq "  a person's words now reach it" \
	"$(sql "SELECT count(*) > 0 FROM messages WHERE dir='out' AND number='$Q' AND node='housing' AND text LIKE 'Жильё:%'")" 1

# 5. Back to yesterday: the content before the draft.
ctl content history > "$T/history.out" 2>&1
ok $? "content history"
sed 's/^/# /' "$T/history.out"
eq "  three loads so far" "$(grep -c '^ *[0-9]' "$T/history.out")" 3
check "  version 2 by the lawyer, version 3 by the coordinator" sh -c "grep -q '^ *2 .*lawyer: reload' '$T/history.out' && grep -q '^ *3 .*coordinator: reload' '$T/history.out'"
ctl content rollback 1 > "$T/rollback.out" 2>&1
ok $? "content rollback 1"
ctl content history > "$T/history2.out" 2>&1
sed 's/^/# /' "$T/history2.out"
check "  a new version 4: rollback to 1" grep -q '^ *4 .*rollback to 1' "$T/history2.out"
R=+77050000003
says "$R" "у меня проблема с квартирой" >/dev/null
eq "  the topic is gone again for a new person" \
	"$(sql "SELECT count(*) FROM messages WHERE dir='out' AND number='$R' AND node='housing'")" 0
eq "  who is answered all the same" \
	"$(sql "SELECT count(*) > 0 FROM messages WHERE dir='out' AND number='$R'")" 1
eq "replies sent under version 3 still point at it" \
	"$(sql "SELECT count(*) > 0 FROM messages WHERE dir='out' AND number='$Q' AND content_version = 3")" 1
stop_daemon
ok $? "the helpline stops cleanly"
done_testing
