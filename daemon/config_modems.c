/*
 * config_modems.c - several modems in one configuration: one modem's keys
 * moved between the modem_* fields (what the modem transport reads) and
 * the modems[] list (config.c reads each entry of modems = ( ... ) as a
 * modem group, then moves it into the list; a modem's worker moves its
 * own back, config_use_modem()).  Moves, never copies: each string has
 * one owner and config_free() frees it once.
 */
#include <string.h>

#include "config_private.h"

/* The modem_* fields of cfg moved into m (cfg's left NULL). */
void
config_take_modem(struct yordam_config *cfg, struct modem_conf *m)
{
	m->name = cfg->modem_name; m->gammurc = cfg->modem_gammurc;
	m->device = cfg->modem_device; m->model = cfg->modem_model;
	m->connection = cfg->modem_connection; m->pin = cfg->modem_pin;
	m->balance_ussd = cfg->modem_balance_ussd;
	m->balance_pattern = cfg->modem_balance_pattern;
	m->section = cfg->modem_section;
	m->balance_below = cfg->modem_balance_below;
	m->balance_hours = cfg->modem_balance_hours;
	cfg->modem_name = cfg->modem_gammurc = cfg->modem_device = NULL;
	cfg->modem_model = cfg->modem_connection = cfg->modem_pin = NULL;
	cfg->modem_balance_ussd = cfg->modem_balance_pattern = NULL;
}

void
config_use_modem(struct yordam_config *cfg, int i)
{
	struct modem_conf *m = &cfg->modems[i];

	cfg->modem_name = m->name; cfg->modem_gammurc = m->gammurc;
	cfg->modem_device = m->device; cfg->modem_model = m->model;
	cfg->modem_connection = m->connection; cfg->modem_pin = m->pin;
	cfg->modem_balance_ussd = m->balance_ussd;
	cfg->modem_balance_pattern = m->balance_pattern;
	cfg->modem_section = m->section;
	cfg->modem_balance_below = m->balance_below;
	cfg->modem_balance_hours = m->balance_hours;
	memset(m, 0, sizeof *m);
}

