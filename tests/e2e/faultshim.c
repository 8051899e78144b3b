/*
 * faultshim.c - LD_PRELOAD fault injection for libGammu, tests only.
 *
 * Gammu's dummy phone never times out or refuses to send; a real modem
 * does.  For each wrapped call, the file $YORDAM_FAULTS/<function> holds
 * an error name ("ERR_TIMEOUT") and optionally "once"; while it is there
 * the call fails with that error instead of reaching libGammu.
 *
 * A real modem also takes seconds to send an SMS, where the dummy phone
 * takes microseconds: with YORDAM_SEND_DELAY_MS set, each GSM_SendSMS
 * (one SMS part) that reaches libGammu first sleeps that long (make
 * bench's surge latency).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <gammu.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const struct { const char *name; GSM_Error e; } errors[] = {
	{ "ERR_TIMEOUT", ERR_TIMEOUT },
	{ "ERR_NOTCONNECTED", ERR_NOTCONNECTED },
	{ "ERR_DEVICEWRITEERROR", ERR_DEVICEWRITEERROR },
	{ "ERR_DEVICEOPENERROR", ERR_DEVICEOPENERROR },
	{ "ERR_UNKNOWN", ERR_UNKNOWN },
	{ "ERR_FULL", ERR_FULL },
};

/* The injected error for this function, or ERR_NONE. */
static GSM_Error
fault(const char *function)
{
	const char *dir = getenv("YORDAM_FAULTS");
	char path[512], line[128] = "";
	FILE *f;
	size_t i;

	if (!dir)
		return ERR_NONE;
	snprintf(path, sizeof path, "%s/%s", dir, function);
	if (!(f = fopen(path, "r")))
		return ERR_NONE;
	if (!fgets(line, sizeof line, f))
		line[0] = '\0';
	fclose(f);
	if (strstr(line, "once"))
		unlink(path);
	for (i = 0; i < sizeof errors / sizeof errors[0]; i++)
		if (strncmp(line, errors[i].name, strlen(errors[i].name)) == 0)
			return errors[i].e;
	return ERR_UNKNOWN;
}

/* The modem's time to send one SMS part: YORDAM_SEND_DELAY_MS, or none. */
static void
send_delay(const char *function)
{
	const char *ms = getenv("YORDAM_SEND_DELAY_MS");
	long n = ms ? strtol(ms, NULL, 10) : 0;
	struct timespec ts = { n / 1000, n % 1000 * 1000000L };

	if (n > 0 && strcmp(function, "GSM_SendSMS") == 0)
		while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
			;
}

#define WRAP(ret, name, params, args) \
	ret name params \
	{ \
		static ret (*real) params; \
		GSM_Error e = fault(#name); \
		if (e != ERR_NONE) \
			return e; \
		send_delay(#name); \
		if (!real) \
			real = (ret (*) params)dlsym(RTLD_NEXT, #name); \
		return real args; \
	}

WRAP(GSM_Error, GSM_SendSMS, (GSM_StateMachine *s, GSM_SMSMessage *sms),
	(s, sms))
WRAP(GSM_Error, GSM_GetNextSMS, (GSM_StateMachine *s, GSM_MultiSMSMessage *sms,
	gboolean start), (s, sms, start))
WRAP(GSM_Error, GSM_DeleteSMS, (GSM_StateMachine *s, GSM_SMSMessage *sms),
	(s, sms))
WRAP(GSM_Error, GSM_InitConnection, (GSM_StateMachine *s, int replies),
	(s, replies))
