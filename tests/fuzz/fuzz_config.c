/* fuzz_config.c - yordam.conf and a locale file as an editor might break
 * them: whatever the bytes, a clear error or a valid load, never a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "yordam/config.h"
#include "yordam/content.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

static void
write_file(const char *path, const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct yordam_config cfg;
	struct content *c;
	struct content_errors errs;
	char path[128], err[512];
	static const char menu[] = "nodes = ( { id = \"home\"; type = \"menu\";"
		" options = [\"a\"]; }, { id = \"a\"; type = \"help\"; } );\n";

	if (!dir[0]) {
		snprintf(dir, sizeof dir, "/tmp/yordam-fuzzconf-%d", getpid());
		mkdir(dir, 0700);
		snprintf(path, sizeof path, "%s/menus", dir);
		mkdir(path, 0700);
		snprintf(path, sizeof path, "%s/locales", dir);
		mkdir(path, 0700);
		snprintf(path, sizeof path, "%s/menus/main.conf", dir);
		write_file(path, (const uint8_t *)menu, sizeof menu - 1);
	}
	snprintf(path, sizeof path, "%s/yordam.conf", dir);
	write_file(path, data, size);
	if (config_load(path, &cfg, err, sizeof err) == 0)
		config_free(&cfg);
	/* the same bytes as a locale file */
	snprintf(path, sizeof path, "%s/locales/xx.conf", dir);
	write_file(path, data, size);
	if (content_load(dir, NULL, &c, &errs) == 0)
		content_free(c);
	else
		content_errors_free(&errs);
	return 0;
}
