/*
 * transport.h - the port through which SMS travel: read the parts
 * waiting, delete one, send one, report status.
 *
 * The gateway talks to "a transport" and never knows which: the libgammu
 * modem (modem.c) is the first; a Kannel link is meant to be one new file
 * behind this same port.  A transport knows SMS parts and phone numbers,
 * nothing of menus, languages or the database.
 *
 * The contract that keeps messages safe is the gateway's, not the
 * transport's: it reads a batch, commits what it can, and only then asks
 * the transport to delete each committed part.  A part never deleted is
 * read again on the next scan and recognised by the store as a duplicate.
 */
#ifndef YORDAM_TRANSPORT_H
#define YORDAM_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "yordam/sms.h"

/* One SMS part as read from the network, already decoded to UTF-8. */
struct sms_part_in {
	const char *sender;
	const char *smsc;
	int64_t sent_time;      /* SCTS as Unix time */
	int ref;                /* concatenation reference, -1 if none */
	int total;              /* parts in the message, 1 if single */
	int seq;                /* 1-based */
	const char *text;       /* UTF-8 */
	const char *hold;       /* NULL, or why it is stored but never
				 * answered: "binary", "report", "no-sender" */
	const char *id;         /* NULL, or the transport's own id for this
				 * message, the same when it is delivered
				 * again (Kannel's): part of its key */
};

/* What a delivery report says of a reply. */
enum delivery {
	DELIVERY_UNKNOWN,       /* a report the store has no word for */
	DELIVERY_DELIVERED,     /* on the phone */
	DELIVERY_FAILED,        /* never will be */
	DELIVERY_BUFFERED,      /* waiting in the network */
	DELIVERY_ACCEPTED,      /* taken by the operator's SMSC */
	DELIVERY_REJECTED       /* refused by it */
};

/* A delivery report waiting to be applied; token is the transport's, to
 * acknowledge it (report_done) once the store has it. */
struct transport_report {
	int64_t msg_id;
	enum delivery status;
	void *token;
};

/* At most this many parts in one read. */
#define TRANSPORT_BATCH 256

struct transport_status {
	const char *kind;       /* "modem", ... */
	int connected;
	const char *blocked;    /* why it must not be tried again (a PIN the
				 * SIM refused, a PUK asked for), or NULL */
};

/* What a transport knows of its line, for status and alarms; unknown
 * numbers are -1, unknown texts "". */
struct transport_health {
	int connected;
	char model[64];         /* manufacturer and model */
	char sim[24];           /* "ready", "pin-required", "pin-rejected",
				 * "puk-required", "unknown" */
	int registered;         /* 1 on a network (home or roaming), 0 not */
	int roaming;
	char operator_name[48];
	int signal;             /* percent */
	int storage_used, storage_total;
	char blocked[256];      /* transport_status.blocked, copied */
};

#define TRANSPORT_MAX_CALLS 16

/*
 * What one transport implements.  Every call that can fail returns 0 or
 * -1 with err set to a reason (never empty).
 *
 * read: up to max parts waiting, into parts[0..*n_read).  The strings stay
 * valid until the next read or disconnect.  A scan that fails half-way
 * still returns what it read before the failure (*n_read) with -1.
 * remove: delete part i of the last read, once it is safely stored.
 */
struct transport_ops {
	int (*connect)(void *self, char *err, size_t errlen);
	void (*disconnect)(void *self);
	int (*read)(void *self, struct sms_part_in *parts, int max,
			int *n_read, char *err, size_t errlen);
	int (*remove)(void *self, int i, char *err, size_t errlen);
	int (*send)(void *self, const char *number, const char *utf8,
			enum sms_coding coding, char *err, size_t errlen);
	void (*status)(const void *self, struct transport_status *out);
	void (*free)(void *self);
	/* Optional (NULL where a transport has no such thing): */
	/* ask the line how it is (may talk to the device); 0 or -1 */
	int (*health)(void *self, struct transport_health *out, char *err,
			size_t errlen);
	/* the numbers that rang since last asked, calls already rejected
	 * (never answered: free for the caller); how many */
	int (*calls)(void *self, char (*numbers)[32], int max);
	/* a USSD code ("*102#") and the network's answer, as UTF-8 */
	int (*ussd)(void *self, const char *code, char *reply, size_t n,
			char *err, size_t errlen);
	/* send, for reply id, so a delivery report can name it later */
	int (*send_id)(void *self, int64_t id, const char *number,
			const char *utf8, enum sms_coding coding, char *err,
			size_t errlen);
	/* delivery reports waiting, up to max; how many */
	int (*reports)(void *self, struct transport_report *out, int max);
	/* a report is stored: its sender may be told so */
	void (*report_done)(void *self, void *token);
};

struct transport {
	const struct transport_ops *ops;
	void *self;
};

static inline int
transport_connect(struct transport *t, char *err, size_t errlen)
{
	return t->ops->connect(t->self, err, errlen);
}

static inline void
transport_disconnect(struct transport *t)
{
	t->ops->disconnect(t->self);
}

static inline int
transport_connected(const struct transport *t)
{
	struct transport_status s;

	t->ops->status(t->self, &s);
	return s.connected;
}

static inline int
transport_read(struct transport *t, struct sms_part_in *parts, int max,
		int *n_read, char *err, size_t errlen)
{
	return t->ops->read(t->self, parts, max, n_read, err, errlen);
}

static inline int
transport_remove(struct transport *t, int i, char *err, size_t errlen)
{
	return t->ops->remove(t->self, i, err, errlen);
}

/* Reply id sent: through send_id where the transport has it (so its
 * delivery report can name the reply), else plain send. */
static inline int
transport_send_for(struct transport *t, int64_t id, const char *number,
		const char *utf8, enum sms_coding coding, char *err,
		size_t errlen)
{
	if (t->ops->send_id)
		return t->ops->send_id(t->self, id, number, utf8, coding, err,
			errlen);
	return t->ops->send(t->self, number, utf8, coding, err, errlen);
}

static inline int
transport_send(struct transport *t, const char *number, const char *utf8,
		enum sms_coding coding, char *err, size_t errlen)
{
	return t->ops->send(t->self, number, utf8, coding, err, errlen);
}

static inline int
transport_health(struct transport *t, struct transport_health *out,
		char *err, size_t errlen)
{
	if (!t->ops->health) {
		snprintf(err, errlen, "this transport reports no health");
		return -1;
	}
	return t->ops->health(t->self, out, err, errlen);
}

static inline int
transport_calls(struct transport *t, char (*numbers)[32], int max)
{
	return t->ops->calls ? t->ops->calls(t->self, numbers, max) : 0;
}

static inline int
transport_ussd(struct transport *t, const char *code, char *reply, size_t n,
		char *err, size_t errlen)
{
	if (!t->ops->ussd) {
		snprintf(err, errlen, "this transport has no USSD");
		return -1;
	}
	return t->ops->ussd(t->self, code, reply, n, err, errlen);
}

static inline void
transport_free(struct transport *t)
{
	if (t && t->ops)
		t->ops->free(t->self);
}

#endif
