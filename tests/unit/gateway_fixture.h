/*
 * gateway_fixture.h - the shared fixture of the gateway's unit tests
 * (gateway_fixture.c).
 */
#ifndef YORDAM_TEST_GATEWAY_FIXTURE_H
#define YORDAM_TEST_GATEWAY_FIXTURE_H

#include "fake_transport.h"
#include "store_private.h"
#include "tap.h"
#include "yordam/desk.h"
#include "yordam/gateway.h"
#include "yordam/log.h"
#include "yordam/staff.h"
#include "yordam/store.h"

#define MIGRANT "+77010000001"
#define AIGERIM "+77770000001"
#define DANIYAR "+77770000002"

extern char dir[64], db[128], logfile[160];
extern struct store *st;
extern struct content *c;
extern struct yordam_config cfg;
extern struct fake_transport fake;
extern struct transport tr;
extern struct gateway gw;

void setup(void);
void teardown(void);
long long scalar(const char *sql);
const char *text_of(const char *sql);
/* What the log holds so far. */
const char *log_text(void);
/* An SMS from number arrives and is answered (each its own second). */
void sms(const char *number, const char *text, int64_t now);
/* An SMS waits on the test transport (answered at the next turn); each
 * one gets its own network time stamp. */
void arrives(const char *number, const char *text);
/* Read, triage, answer, alert: a turn of the loop without sending. */
void answer_turn(int64_t now);
/* Does the file (up to 8 MiB of it) hold these bytes anywhere? */
int file_has(const char *path, const char *needle);
/* The newest queued outbound text to number. */
const char *last_to(const char *number);

#endif
