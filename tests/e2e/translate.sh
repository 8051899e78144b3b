# translate.sh - translators' files, end to end through yordamctl: the
# Kyrgyz texts exported as CSV, one cell changed as a spreadsheet would
# (Python's csv module), imported: `yordamctl check` passes and the NGO's
# locale file differs from the shipped one in that text only; imports
# that must be refused (a text over the SMS budget, an unknown node, a
# malformed CSV line) say why and leave every file as it was; an export
# imported unchanged changes no byte; the PO export passes msgfmt and
# comes back unchanged too; `content reviewed` writes reviewed_by and
# reviewed_on and `content review --status reviewed` shows them.  The
# shipped content is a copy in the test's directory; the NGO's files
# (content_site) start empty.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

mkdir -p "$T/shipped"
cp -r "$SRC/menus" "$SRC/locales" "$SRC/law" "$SRC/corpus" "$T/shipped/"
sed -i "s|^content = .*|content = \"$T/shipped\";\ncontent_site = \"$T/site\";|" \
	"$T/yordam.conf"
chmod 600 "$T/yordam.conf"
C="$CTL -c $T/yordam.conf"
SITE_KY=$T/site/locales/ky.conf

$C check > "$T/check.out" 2>&1
ok $? "the copied content checks"

$C content export --lang ky > "$T/ky.csv" 2> "$T/err"
ok $? "content export --lang ky"
head -1 "$T/ky.csv" | grep -q '^node,field,lang,source_ru,translation,status,reviewed_by,reviewed_on'
ok $? "  a header row naming the columns"
python3 - "$T/ky.csv" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
assert all(len(r) == 8 for r in rows), "every row has 8 fields"
assert all(r[2] == 'ky' for r in rows[1:])
keys = {(r[0], r[1]) for r in rows[1:]}
for k in [('reg_uz', 'text'), ('reg_uz', 'label'), ('system', 'hint'),
          ('call_back', 'reply'), ('conditions', 'work_contract')]:
    assert k in keys, k
assert any(r[5] == 'to verify' for r in rows), "legal status"
EOF
ok $? "  every text of ky: nodes, system, conditions, replies, with their status"

# The round trip with no edit: nothing written.
$C content import "$T/ky.csv" > "$T/imp.out" 2>&1
ok $? "import of the export unchanged"
grep -q '^0 texts changed' "$T/imp.out" && [ ! -e "$SITE_KY" ]
ok $? "  changes nothing (no file written)"

$C content export > "$T/all.csv" 2> "$T/err" &&
	[ "$(cut -d, -f3 "$T/all.csv" | grep -c '^ky$')" -gt 100 ] &&
	[ "$(cut -d, -f3 "$T/all.csv" | grep -c '^uz$')" -gt 100 ]
ok $? "content export without --lang: every offered language"
$C content import "$T/all.csv" > "$T/imp.out" 2>&1 &&
	grep -q '^0 texts changed' "$T/imp.out" && [ ! -e "$T/site/locales" ]
ok $? "  imported unchanged: nothing written"

# One cell, as a spreadsheet would write the file.
NEW='Үй ээси "каттайт", C:\ жол; паспорт керек.'
python3 - "$T/ky.csv" "$T/edit.csv" "$NEW" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
for r in rows:
    if r[0] == 'reg_how' and r[1] == 'text':
        r[4] = sys.argv[3]
with open(sys.argv[2], 'w', newline='', encoding='utf-8') as f:
    csv.writer(f).writerows(rows)
EOF
$C content import "$T/edit.csv" > "$T/imp.out" 2>&1
ok $? "import of one changed cell"
grep -q '^reg_how.text ky: .* → Үй ээси "каттайт"' "$T/imp.out" &&
	grep -q '^1 text changed in 1 file' "$T/imp.out"
ok $? "  reports the change, counted"
$C check > "$T/check.out" 2>&1
ok $? "  yordamctl check passes"
diff "$T/shipped/locales/ky.conf" "$SITE_KY" > "$T/diff"
[ "$(grep -c '^[<>]' "$T/diff")" = 2 ] &&
	grep -qF '> '"  reg_how = { label = \"Кантип катталам\"; text = \"Үй ээси \\\"каттайт\\\", C:\\\\ жол; паспорт керек.\";" "$T/diff"
ok $? "  the NGO's ky.conf differs from the shipped one in that text only"
sed 's/^/#   /' "$T/diff"
$C content export --lang ky | python3 -c '
import csv, sys
rows = list(csv.reader(sys.stdin))
sys.exit(0 if [r[4] for r in rows if r[:2] == ["reg_how", "text"]] == [sys.argv[1]] else 1)' "$NEW"
ok $? "  exported again as written (quote, backslash, Cyrillic)"
cmp -s "$T/shipped/locales/ky.conf" "$SRC/locales/ky.conf"
ok $? "  the shipped file is untouched"

# Refused imports change nothing.
cp "$SITE_KY" "$T/before.conf"
refused() {   # refused DESCRIPTION CSV EXPECTED-ERROR
	$C content import "$2" > "$T/imp.out" 2>&1
	rc=$?
	[ $rc -eq 1 ] && grep -qF -- "$3" "$T/imp.out" &&
		grep -q 'nothing changed' "$T/imp.out" &&
		cmp -s "$T/before.conf" "$SITE_KY" &&
		[ -z "$(ls -A "$T/site/locales" | grep -v '^ky.conf$')" ]
	ok $? "$1 (exit $rc)"
	[ $rc -eq 1 ] || sed 's/^/#   /' "$T/imp.out"
}
python3 - "$T/ky.csv" "$T" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
def write(name, rows):
    with open(sys.argv[2] + '/' + name, 'w', newline='', encoding='utf-8') as f:
        csv.writer(f).writerows(rows)
long = [list(r) for r in rows]
for r in long:
    if r[0] == 'reg_kg' and r[1] == 'text':
        r[4] = r[4] + ' Кыргызстан' * 30
write('long.csv', long)
unknown = [list(r) for r in rows]
unknown[5][0] = 'no_such_node'
write('unknown.csv', unknown)
EOF
refused "a text over the SMS budget is refused" "$T/long.csv" \
	"$SITE_KY:"
grep -q "node 'reg_kg' in 'ky' needs [0-9]* SMS" "$T/imp.out"
ok $? "  with the error check prints, naming the NGO's file"
refused "an unknown node is refused, naming the CSV line" \
	"$T/unknown.csv" "unknown.csv: line 6: no node 'no_such_node'"
(head -3 "$T/ky.csv"; printf 'reg_how,text,ky,x,"a "quote" in it,,,\r\n') \
	> "$T/bad.csv"
refused "a malformed CSV line is refused, naming it" "$T/bad.csv" \
	"bad.csv: line 4: text after a closing quote"
printf 'node,field,lang,translation\r\nreg_how,text,ky,x\r\nreg_how,text,ky,y\r\n' > "$T/twice.csv"
refused "a text given twice is refused, naming both lines" "$T/twice.csv" \
	"twice.csv: line 3: reg_how.text ky is given twice (also line 2)"
printf 'node,field,lang,translation\r\nreg_how,text,uz-Cyrl,x\r\n' > "$T/derived.csv"
refused "a derived language is refused" "$T/derived.csv" \
	"line 2: language 'uz-Cyrl' is made from 'uz'"

printf 'msgid ""\nmsgstr "Language: ky\\n"\n\nmsgctxt "reg_uz.nope"\nmsgid "x"\nmsgstr "y"\n' > "$T/field.po"
refused "an unknown field is refused, naming the PO entry" "$T/field.po" \
	"field.po: entry at line 4 (msgctxt \"reg_uz.nope\"): unknown field 'nope' of 'reg_uz'"

# PO: gettext accepts it, and it comes back unchanged.
$C content export --format po --lang ky > "$T/ky.po" 2> "$T/err"
ok $? "content export --format po --lang ky"
if command -v msgfmt > /dev/null; then
	msgfmt --check-format -o /dev/null "$T/ky.po" 2> "$T/msgfmt.err" &&
		msgfmt --check -o /dev/null "$T/ky.po" 2>> "$T/msgfmt.err"
	ok $? "  msgfmt --check-format and --check accept it"
	sed 's/^/#   /' "$T/msgfmt.err"
else
	ok 0 "  # SKIP msgfmt is not installed"
fi
grep -q '^msgctxt "reg_how.text"$' "$T/ky.po"
ok $? "  msgctxt is node.field"
$C content import "$T/ky.po" > "$T/imp.out" 2>&1 &&
	grep -q '^0 texts changed' "$T/imp.out" && cmp -s "$T/before.conf" "$SITE_KY"
ok $? "  imported unchanged: the file is byte for byte the same"
sed -i '/^msgctxt "reg_tj.label"$/,/^msgstr/ s/^msgstr .*/msgstr "Тажикстан \\\\ ТЖК"/' "$T/ky.po"
$C content import "$T/ky.po" > "$T/imp.out" 2>&1 &&
	grep -qF 'reg_tj.label ky: Тажикстан → Тажикстан \ ТЖК' "$T/imp.out" &&
	grep -qF 'reg_tj = { label = "Тажикстан \\ ТЖК";' "$SITE_KY"
ok $? "  an edited msgstr is imported"

# A node with no Kyrgyz text yet: exported as missing, imported into a
# new group, and the content loads again.
python3 - "$SITE_KY" <<'EOF'
import sys
lines = open(sys.argv[1], encoding='utf-8').readlines()
i = [n for n, l in enumerate(lines) if l.startswith('  reg_tj = {')][0]
assert lines[i + 1].startswith('    keywords = [')     # its second line
del lines[i:i + 2]
open(sys.argv[1], 'w', encoding='utf-8').writelines(lines)
EOF
! $C check > /dev/null 2>&1
ok $? "a node's Kyrgyz text removed: check fails"
$C content export --lang ky > "$T/miss.csv" 2> "$T/err"
ok $? "  export still works"
grep -q '^reg_tj,text,ky,.*,,missing,,.$' "$T/miss.csv"
ok $? "  and says the text is missing"
python3 - "$T/miss.csv" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
for r in rows:
    if r[0] == 'reg_tj' and r[1] == 'label':
        r[4] = 'Тажикстан'
    if r[0] == 'reg_tj' and r[1] == 'text':
        r[4] = 'Тажикстан: 5 күндүн ичинде катталыңыз. 2018-жылдын эрежеси (30 күн) тастыкталган эмес.'
with open(sys.argv[1], 'w', newline='', encoding='utf-8') as f:
    csv.writer(f).writerows(rows)
EOF
$C content import "$T/miss.csv" > "$T/imp.out" 2>&1 &&
	grep -q '^2 texts changed' "$T/imp.out" && $C check > /dev/null 2>&1 &&
	grep -q '^  reg_tj = { label = "Тажикстан"; text = "Тажикстан: 5' "$SITE_KY"
ok $? "  imported: the node's group is added and the content checks again"
sed 's/^/#   /' "$T/imp.out"

# A review recorded in the file, and shown.
$C content reviewed reg_uz --lang ky --as "Айгүл" --role "native speaker" \
	> "$T/rev.out" 2>&1
ok $? "content reviewed reg_uz --lang ky"
TODAY=$(date +%Y-%m-%d)
grep -qF "reviewed_by = \"Айгүл, native speaker\"; reviewed_on = \"$TODAY\";" "$SITE_KY"
ok $? "  writes reviewed_by and reviewed_on into ky.conf"
$C check > /dev/null 2>&1
ok $? "  and the content still checks"
$C content review --lang ky --status reviewed > "$T/review.out" 2>&1
grep -qF "ky  [reviewed by Айгүл, native speaker, $TODAY]" "$T/review.out" &&
	grep -q "reg_uz" "$T/review.out" && ! grep -q "reg_kg" "$T/review.out" &&
	grep -q "from ru: " "$T/review.out"
ok $? "  content review --lang ky --status reviewed shows it, with the Russian"
$C content review --lang ky --status unreviewed > "$T/review.out" 2>&1
! grep -q " reg_uz - " "$T/review.out" && grep -q " reg_kg - " "$T/review.out"
ok $? "  --status unreviewed no longer lists it"
$C content reviewed call_back --lang ky --as "Бакыт" > /dev/null 2>&1 &&
	grep -qF "call_back = { text = " "$SITE_KY" && $C check > /dev/null 2>&1
ok $? "a canned reply's review: the reply becomes a group, the content checks"
cp "$SITE_KY" "$T/before.conf"
$C content reviewed reg_kg --lang ky --as 'Bad"name' > "$T/rev.out" 2>&1
[ $? -eq 1 ] && grep -q "quotes" "$T/rev.out" && cmp -s "$T/before.conf" "$SITE_KY"
ok $? "a name with a quote is refused, nothing changed"
$C content review --lang ky --status reviewed --json | grep '"node":"reg_uz"' |
	grep -q '"reviewed_by":"Айгүл, native speaker"'
ok $? "  --json shows the review"

done_testing
