/*
 * content_edit.h - changing one quoted text of a content .conf file in
 * place, keeping every other byte (comments, order, layout) as it was.
 *
 * yordamctl's content import and content reviewed write the NGO's locale
 * files through this: a file is read into memory, texts are set by their
 * path ("texts.reg_uz.text", "system.hint", "replies.call_back"), and the
 * result is written beside the file and renamed over it.  Values are
 * plain UTF-8; quoting and escaping for libconfig happen here.
 */
#ifndef YORDAM_CONTENT_EDIT_H
#define YORDAM_CONTENT_EDIT_H

#include <stddef.h>

struct content_edit;

/* A file's bytes to edit: NULL with why in err when it cannot be read or
 * its layout is not one the editor follows. */
struct content_edit *content_edit_open(const char *path, char *err,
		size_t errlen);
/* The same from bytes in memory (a copy is kept). */
struct content_edit *content_edit_from(const char *bytes, size_t len,
		char *err, size_t errlen);
void content_edit_free(struct content_edit *e);

/* The file as it now is, and its length. */
const char *content_edit_bytes(const struct content_edit *e, size_t *len);

/* The text at path ("system.hint"), unescaped, as a new string; NULL
 * when there is none or it is not a text in quotes. */
char *content_edit_get(const struct content_edit *e, const char *path);

/* The names of the settings directly in group path ("system"), in the
 * file's order: their number, *names set to a new array of new strings
 * (free each and it); 0 and NULL when there is no such group. */
int content_edit_members(const struct content_edit *e, const char *group,
		char ***names);

/* Is there a group at path ("texts.reg_uz", "replies")? */
int content_edit_has_group(const struct content_edit *e, const char *path);

/*
 * path = value: the quoted text replaced when it differs, or the setting
 * added at the end of its group when absent (its group too, inside the
 * group above it, when that is absent).  A text in quotes standing where
 * a group is needed ("replies.call_back" when setting
 * "replies.call_back.reviewed_by") becomes { text = "..."; ... }.
 * 1 changed, 0 already so, -1 with why in err.
 */
int content_edit_set(struct content_edit *e, const char *path,
		const char *value, char *err, size_t errlen);

/* Writes the bytes to path atomically: a temporary file beside it,
 * flushed, then renamed over it (mode kept, or mode when new).  0, or -1
 * with why in err. */
int content_edit_write(const struct content_edit *e, const char *path,
		int mode, char *err, size_t errlen);

#endif
