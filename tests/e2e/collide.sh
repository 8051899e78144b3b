# collide.sh - `yordamctl check` notes a keyword that meets, by one letter,
# a word the corpus has under many labels ("brogadir" for hours meets
# "brigadir", which 15 labels' lines say), and an urgent word that meets
# a word of calm lines ("boladimi", is it all right, as if it were
# danger); each
# at the file and line where it is written, in Russian too, and never
# as an error (exit 0).  The shipped content is a copy in the test's
# directory; the words are added there as an editor would.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
not() { ! "$@"; }
# The Russian messages, from po/ru.po (make check builds them there).
TEXTDOMAINDIR=$BUILD/tests/locale
export TEXTDOMAINDIR

shipped_copy
chmod 600 "$T/yordam.conf"
C="$CTL -c $T/yordam.conf"
sed -i 's/keywords = \["часы", /keywords = ["brogadir", "ночная смена", "часы", /' \
	"$T/shipped/locales/ru.conf"
sed -i 's/^  self_harm = \["худкушӣ",/  self_harm = ["boladimi", "худкушӣ",/' \
	"$T/shipped/locales/tg.conf"

$C check > "$T/check.out" 2> "$T/notes.out"
ok $? "check passes: a collision is a note, not an error"
line=$(grep -n '"brogadir"' "$T/shipped/locales/ru.conf" | cut -d: -f1)
check "the keyword, where it is written, and the word it meets" \
	grep -q "^$T/shipped/locales/ru.conf:$line: keyword 'brogadir' of hours also meets 'brigadir' by one letter, a word of [0-9]* corpus lines under [0-9]* labels (0 of them hours's)" "$T/notes.out"
line=$(grep -n '"boladimi"' "$T/shipped/locales/tg.conf" | cut -d: -f1)
check "the urgent word and the calm word it meets" \
	grep -q "^$T/shipped/locales/tg.conf:$line: urgent word 'boladimi' (self_harm) also meets 'boladimi', a word of [0-9]* corpus lines, [0-9]* of them urgent" "$T/notes.out"
check "  the exact phrase it stands beside is no collision" \
	not grep -q "'ночная смена'" "$T/notes.out"
LANGUAGE=ru $C check > /dev/null 2> "$T/notes.ru"
check "in Russian with LANGUAGE=ru" \
	grep -q "ключевое слово 'brogadir' узла hours с одной опечаткой совпадает и со словом 'brigadir'" "$T/notes.ru"
# An ending is no collision: "регистрации" for "регистрация" is what
# stems and typos are for.
sed -i 's/keywords = \["brogadir", /keywords = ["brigadira", /' "$T/shipped/locales/ru.conf"
$C check > /dev/null 2> "$T/notes2.out"
check "another ending of the same word is not noted" \
	not grep -q "'brigadira'" "$T/notes2.out"
done_testing
