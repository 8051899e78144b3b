# careless.sh - yordam.conf as a careless hand (or an attacker with write
# access to a template) leaves it: a typo in a staff entry, a phone with
# spaces, a zone that does not exist, a misspelt modem connection.  Both
# yordamctl check and yordamd refuse each with the exact file:line; what
# loads but should not stay (the sample's +7XXXXXXXXXX, a plain PIN, a
# file every user may read) is warned about, and does not stop anything.
# Then the content as a careless editor leaves it: a text pasted with
# curly quotes, a " inside a text, a text not closed, a missing , between
# menu entries, a label too long for the SMS budget, a curly quote in
# yordam.conf: yordamctl check names each at file:line:column (counted
# in characters) with what to write instead, or with the letter that
# made the SMS Cyrillic and the labels by length; in English, and in
# Russian with --lang ru, LANGUAGE=ru and LANG=ru_RU.UTF-8.
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
# --- the careless editor ------------------------------------------------
mkdir -p "$T/content"
cp -r "$SRC/menus" "$SRC/locales" "$SRC/law" "$SRC/corpus" "$T/content/"
chmod -R u+w "$T/content"
sed "s|^content = .*|content = \"$T/content\";|" "$T/base.conf" > "$T/editor.conf"
chmod 600 "$T/editor.conf"
RU=$T/content/locales/ru.conf
MENU=$T/content/menus/main.conf
cp "$RU" "$T/ru.orig"
cp "$MENU" "$T/menu.orig"
# The Russian messages, from po/ru.po (make check builds them there).
TEXTDOMAINDIR=$BUILD/tests/locale
export TEXTDOMAINDIR
home=$(grep -n '^  home = { text = ' "$RU" | cut -d: -f1)

# edited DESCRIPTION EXPECTED-EN EXPECTED-RU [ENV...]: yordamctl check
# fails with the message, then the same in Russian (--lang ru, or the
# environment given); the content put back after.
edited() {
	desc=$1 en=$2 ru=$3
	shift 3
	"$CTL" -c "$T/editor.conf" check > "$T/check.out" 2>&1
	eq "$desc: yordamctl check fails" "$?" 1
	check "  in English: $en" grep -qF "$en" "$T/check.out"
	grep -F "$T/content" "$T/check.out" | head -n 1 | sed "s|$T/||; s/^/#   EN: /"
	if [ $# -gt 0 ]; then
		env "$@" "$CTL" -c "$T/editor.conf" check > "$T/check.out" 2>&1
	else
		"$CTL" -c "$T/editor.conf" --lang ru check > "$T/check.out" 2>&1
	fi
	check "  in Russian (${*:---lang ru}): $ru" grep -qF "$ru" "$T/check.out"
	grep -F "$T/content" "$T/check.out" | head -n 1 | sed "s|$T/||; s/^/#   RU: /"
	cp "$T/ru.orig" "$RU"
	cp "$T/menu.orig" "$MENU"
}

sed -i "${home}s/.*/  home = { text = “Отправьте цифру:”; };/" "$RU"
edited "a text pasted with curly quotes" \
	"$RU:$home:19: the text starts with a curly quote “ — write a straight quote \" around texts: text = \"...\";" \
	"$RU:$home:19: текст начинается с фигурной кавычки “ — тексты берутся в прямые кавычки \": text = \"...\";"

sed -i "${home}s/.*/  home = { text = \"Отправьте \"цифру\" сейчас:\"; };/" "$RU"
edited "a \" inside a text" \
	"$RU:$home:30: a \" inside a text ends it early — write \\\" for a quote inside a text, or use « »" \
	"$RU:$home:30: кавычка \" внутри текста преждевременно его заканчивает — внутри текста пишите \\\" или используйте « »" \
	LANGUAGE=ru

sed -i "${home}s/.*/  home = { text = \"Отправьте цифру:; };/" "$RU"
edited "a text not closed" \
	"$RU:$home:19: this text has no closing quote — end it with a straight quote: text = \"...\";" \
	"$RU:$home:19: у этого текста нет закрывающей кавычки — закончите его прямой кавычкой: text = \"...\";" \
	LANG=ru_RU.UTF-8

# A missing ; is no mistake to libconfig: the text loads as meant.
sed -i "${home}s/.*/  home = { text = \"Отправьте цифру:\" };/" "$RU"
"$CTL" -c "$T/editor.conf" check > "$T/check.out" 2>&1
eq "a missing ; after a text: it loads as meant" "$?" 0
cp "$T/ru.orig" "$RU"

node=$(grep -n '{ id = "home"' "$MENU" | cut -d: -f1)
next=$(awk -v n="$node" 'NR > n && /^  \{/ { print NR; exit }' "$MENU")
sed -i "${node}s/},\$/}/" "$MENU"
edited "a missing , between two menu entries" \
	"$MENU:$next:3: a , is missing between two entries of the list — write }, { between them" \
	"$MENU:$next:3: между двумя элементами списка не хватает запятой — напишите между ними }, {"

reg=$(grep -n '^  registration = { label = ' "$RU" | cut -d: -f1)
sed -i 's/reg_how = { label = "Как оформить"/reg_how = { label = "Как оформить и где подать документы"/' "$RU"
edited "a label too long for the menu's two SMS" \
	"$RU:$reg: node 'registration' in 'ru' needs 3 SMS, at most 2: Cyrillic В (CYRILLIC CAPITAL LETTER VE) makes it a Cyrillic (UCS-2) SMS; one SMS holds 160 Latin or 70 Cyrillic characters, two hold 306 or 134; this text has 141 characters: shorten it by 7, e.g. the longest labels: Как оформить и где подать документы (35), Таджикистан (11), Чужой адрес (11); the labels: 1 Мои сроки (9)," \
	"$RU:$reg: узлу 'registration' в 'ru' нужно SMS: 3, можно не больше 2: кириллическая буква В (CYRILLIC CAPITAL LETTER VE) — поэтому SMS идёт кириллицей (UCS-2); в одно SMS входит 160 латинских или 70 кириллических знаков, в два — 306 или 134; в этом тексте знаков: 141; сократите его на 7, например самые длинные пункты: Как оформить и где подать документы (35), Таджикистан (11), Чужой адрес (11); все пункты: 1 Мои сроки (9),"

line=$(($(wc -l < "$T/editor.conf") + 1))
echo 'timezone = “Asia/Almaty”;' >> "$T/editor.conf"
"$CTL" -c "$T/editor.conf" check > "$T/check.out" 2>&1
eq "yordam.conf with curly quotes: yordamctl check fails" "$?" 1
check "  naming line and column, and how to write it" grep -qF "$T/editor.conf:$line:12: the text starts with a curly quote “ — write a straight quote \" around texts: timezone = \"...\";" "$T/check.out"
"$CTL" -c "$T/editor.conf" --lang ru check > "$T/check.out" 2>&1
check "  in Russian" grep -qF "$T/editor.conf:$line:12: текст начинается с фигурной кавычки “ — тексты берутся в прямые кавычки \": timezone = \"...\";" "$T/check.out"
timeout 10 "$YORDAMD" -c "$T/editor.conf" 2> "$T/daemon.err"
eq "  yordamd refuses it too" "$?" 1
check "  in English whatever the environment (its journal)" grep -qF "error: $T/editor.conf:$line:12: the text starts with a curly quote" "$T/daemon.err"

done_testing
