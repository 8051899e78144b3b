/*
 * fake_transport.c - the test transport of fake_transport.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_transport.h"

static int
fake_connect(void *self, char *err, size_t errlen)
{
	struct fake_transport *f = self;

	(void)err;
	(void)errlen;
	f->connected = 1;
	return 0;
}

static void
fake_disconnect(void *self)
{
	((struct fake_transport *)self)->connected = 0;
}

static int
fake_read(void *self, struct sms_part_in *parts, int max, int *n_read,
		char *err, size_t errlen)
{
	struct fake_transport *f = self;
	int i;

	f->n_read = 0;
	for (i = 0; i < f->n_inbox && f->n_read < max; i++) {
		if (f->deleted[i])
			continue;
		if (f->fail_read_after >= 0 && f->n_read >= f->fail_read_after) {
			*n_read = f->n_read;
			snprintf(err, errlen, "reading SMS: fake fault");
			return -1;
		}
		f->read_map[f->n_read] = i;
		parts[f->n_read++] = f->inbox[i];
	}
	*n_read = f->n_read;
	return 0;
}

static int
fake_remove(void *self, int i, char *err, size_t errlen)
{
	struct fake_transport *f = self;

	if (f->fail_remove) {
		snprintf(err, errlen, "deleting SMS: fake fault");
		return -1;
	}
	f->deleted[f->read_map[i]] = 1;
	return 0;
}

static int
fake_send(void *self, const char *number, const char *utf8,
		enum sms_coding coding, char *err, size_t errlen)
{
	struct fake_transport *f = self;

	(void)coding;
	if (f->fail_send > 0 || strcmp(number, f->fail_number) == 0) {
		if (f->fail_send > 0)
			f->fail_send--;
		snprintf(err, errlen, "part 1/1: refused by the network");
		return -1;
	}
	if (f->n_sent < FAKE_MAX) {
		snprintf(f->sent_to[f->n_sent], sizeof f->sent_to[0], "%s",
			number);
		snprintf(f->sent_text[f->n_sent], sizeof f->sent_text[0], "%s",
			utf8);
		f->n_sent++;
	}
	return 0;
}

static void
fake_status(const void *self, struct transport_status *out)
{
	out->kind = "fake";
	out->connected = ((const struct fake_transport *)self)->connected;
}

static void
fake_free(void *self)
{
	(void)self;
}

static int
fake_health(void *self, struct transport_health *out, char *err,
		size_t errlen)
{
	struct fake_transport *f = self;

	(void)err;
	(void)errlen;
	*out = f->health;
	out->connected = f->connected;
	return 0;
}

static int
fake_calls(void *self, char (*numbers)[32], int max)
{
	struct fake_transport *f = self;
	int i, n = f->n_rings < max ? f->n_rings : max;

	for (i = 0; i < n; i++)
		memcpy(numbers[i], f->rings[i], sizeof numbers[0]);
	f->n_rings = 0;
	return n;
}

static int
fake_ussd(void *self, const char *code, char *reply, size_t n, char *err,
		size_t errlen)
{
	struct fake_transport *f = self;

	snprintf(f->ussd_code, sizeof f->ussd_code, "%s", code);
	if (!f->ussd_reply[0]) {
		snprintf(err, errlen, "USSD %s: no answer", code);
		return -1;
	}
	snprintf(reply, n, "%s", f->ussd_reply);
	return 0;
}

void
fake_transport_ring(struct fake_transport *f, const char *number)
{
	if (f->n_rings < TRANSPORT_MAX_CALLS)
		snprintf(f->rings[f->n_rings++], sizeof f->rings[0], "%s",
			number);
}

static const struct transport_ops fake_ops = {
	.connect = fake_connect,
	.disconnect = fake_disconnect,
	.read = fake_read,
	.remove = fake_remove,
	.send = fake_send,
	.status = fake_status,
	.free = fake_free,
	.health = fake_health,
	.calls = fake_calls,
	.ussd = fake_ussd,
};

void
fake_transport_init(struct fake_transport *f, struct transport *t)
{
	memset(f, 0, sizeof *f);
	f->connected = 1;
	f->fail_read_after = -1;
	snprintf(f->health.sim, sizeof f->health.sim, "ready");
	f->health.registered = 1;
	f->health.roaming = 0;
	f->health.signal = 70;
	f->health.storage_used = 0;
	f->health.storage_total = 30;
	snprintf(f->health.operator_name, sizeof f->health.operator_name,
		"Beeline KZ");
	t->ops = &fake_ops;
	t->self = f;
}

void
fake_transport_add(struct fake_transport *f, struct sms_part_in p)
{
	int i = f->n_inbox;

	if (i >= FAKE_MAX)
		return;
	snprintf(f->senders[i], sizeof f->senders[i], "%s", p.sender);
	f->texts[i] = strdup(p.text);
	p.sender = f->senders[i];
	p.text = f->texts[i];
	f->inbox[f->n_inbox++] = p;
}

void
fake_transport_clear(struct fake_transport *f)
{
	int i;

	for (i = 0; i < f->n_inbox; i++)
		free(f->texts[i]);
	f->n_inbox = 0;
}
