/*
 * i18n.h - the messages an editor reads (content and configuration
 * errors) in the editor's language, through GNU gettext.
 *
 * _() looks a message up in Yordam's own catalogue (domain "yordam":
 * po/ru.po and the others, installed as
 * LOCALEDIR/LANG/LC_MESSAGES/yordam.mo) whatever the program's default
 * domain, so the library's messages translate in
 * yordamctl and in tests alike.  Nothing is translated until a program
 * calls i18n_init(): yordamd never does, so its journal stays in
 * English for whoever reads logs; yordamctl does, so an editor in
 * Kazakhstan gets `yordamctl check` in Russian with LANGUAGE=ru,
 * LANG=ru_RU.UTF-8 or `yordamctl --lang ru`.  Built without NLS
 * (configure --disable-nls), _() is the English text.
 */
#ifndef YORDAM_I18N_H
#define YORDAM_I18N_H

#if defined(ENABLE_NLS) && ENABLE_NLS
#include <libintl.h>
#define _(s) dgettext("yordam", s)
#else
#define _(s) ((const char *)(s))
#endif
/* A message marked for translation where it is defined, and looked up
 * with _() where it is used. */
#define N_(s) s

/*
 * Messages in the language of the environment (LANGUAGE, LC_ALL,
 * LC_MESSAGES, LANG, as gettext reads them), or in lang ("ru", "en")
 * when it is not NULL.  A locale the machine has not generated
 * (ru_RU.UTF-8 without locale-gen) still gives its language's messages.
 * The catalogues are in LOCALEDIR, or TEXTDOMAINDIR when set (tests).
 */
void i18n_init(const char *lang);

#endif
