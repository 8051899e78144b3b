/*
 * kannel.c - the Kannel transport: Yordam as the service behind Kannel's
 * smsbox, for a helpline that has outgrown one box's modems (an
 * operator's SMPP link, modems in several offices: bearerbox holds the
 * lines, Yordam stays the brain).
 *
 * Incoming: smsbox calls an sms-service URL for every SMS (get-url):
 *   GET /kannel/mo?key=SECRET&from=%p&text=%b&charset=%C&coding=%c
 *       &time=%t&id=%I&smsc=%i
 * The call is held open until the gateway has committed the message,
 * and only then answered 200: store before acknowledge, as the modem
 * transport deletes a part from the SIM only once it is stored.  Calls
 * waiting are the transport's "inbox": read() hands them to the gateway,
 * remove(i) answers the one stored.  A call not stored in time is
 * answered 503, and smsbox delivers it again; a repeat (a retry, or a
 * call Yordam was killed in the middle of) carries the same Kannel
 * message id, which goes into the store's idempotency key, so it is
 * recognised and not answered twice.
 *
 * Outgoing: smsbox's sendsms interface, one HTTP GET per reply (Kannel
 * splits a long one), GSM-7 or UCS-2 as the gateway measured it, with a
 * dlr-url back here:
 *   GET /kannel/dlr?key=SECRET&id=MESSAGE&status=%d
 * Delivery reports are handed to the gateway like incoming SMS (held
 * until applied).  Kannel unreachable is the line's failure, not the
 * message's: the transport says it is not connected, the reply waits
 * and the daemon reconnects with back-off.
 *
 * libmicrohttpd serves the calls (thread per connection: a call waits on
 * a condition variable, not on the daemon's loop), libcurl makes them
 * (Debian's well-kept HTTP client, where hand-written code would get
 * chunked replies, timeouts and TLS wrong).  Both only here.
 */
#include <errno.h>
#include <netinet/in.h>
#include <iconv.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <microhttpd.h>

#include "kannel_private.h"
#include "yordam/kannel.h"
#include "yordam/log.h"
#include "yordam/text.h"

/* Bytes of an SMS text smsbox may send: ten concatenated UCS-2 parts
 * are 1,340 bytes; anything much larger is not an SMS. */
#define MO_TEXT_MAX 4096

enum mo_state { MO_WAITING, MO_HANDED, MO_STORED };

/* One call from smsbox (an SMS, or a delivery report), held open. */
struct call {
	int is_report;
	char *sender, *text, *smsc, *id;
	int64_t sent_time;
	int64_t report_msg;     /* a report: the reply it is about ... */
	int report_status;      /* ... and Kannel's %d */
	enum mo_state state;
	int answered;           /* its handler is done with it */
	struct call *next;
};

struct kannel {
	char *sendsms_url, *username, *password, *smsc, *sender, *listen;
	char *callback_url, *secret;
	int port, timeout, max_pending;
	struct MHD_Daemon *httpd;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct call *calls;     /* oldest first */
	int n_calls;
	struct call *handed[TRANSPORT_BATCH];   /* the last read() */
	int n_handed;
	CURL *curl;
	int connected;
	int refused_keys;       /* calls with a wrong key, for the log */
	int stopping;           /* held calls are answered 503 at once */
};

static char *
dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void
call_free(struct call *c)
{
	free(c->sender);
	free(c->text);
	free(c->smsc);
	free(c->id);
	free(c);
}

/* Calls answered and no longer in a read: freed (main thread only). */
static void
sweep(struct kannel *k)
{
	struct call **pp = &k->calls, *c;

	while ((c = *pp) != NULL) {
		if (c->answered && c->state != MO_HANDED) {
			*pp = c->next;
			call_free(c);
			k->n_calls--;
		} else
			pp = &c->next;
	}
}

/* --- the calls from smsbox -------------------------------------------- */

struct args {
	const char *key, *from, *text, *charset, *coding, *time, *id, *smsc;
	const char *status, *msg;
	size_t text_len;
};

static enum MHD_Result
arg(void *ud, enum MHD_ValueKind kind, const char *name, size_t name_len,
		const char *value, size_t len)
{
	struct args *a = ud;

	(void)kind; (void)name_len;
	if (!value)
		return MHD_YES;
	if (strcmp(name, "key") == 0) a->key = value;
	else if (strcmp(name, "from") == 0) a->from = value;
	else if (strcmp(name, "text") == 0) {
		a->text = value;
		a->text_len = len;
	} else if (strcmp(name, "charset") == 0) a->charset = value;
	else if (strcmp(name, "coding") == 0) a->coding = value;
	else if (strcmp(name, "time") == 0) a->time = value;
	else if (strcmp(name, "id") == 0) a->id = value;
	else if (strcmp(name, "smsc") == 0) a->smsc = value;
	else if (strcmp(name, "status") == 0) a->status = value;
	else if (strcmp(name, "msg") == 0) a->msg = value;
	return MHD_YES;
}

static enum MHD_Result
answer(struct MHD_Connection *conn, unsigned code, const char *text)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(text),
		(void *)text, MHD_RESPMEM_MUST_COPY);
	enum MHD_Result rc;

	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", "text/plain; charset=UTF-8");
	rc = MHD_queue_response(conn, code, r);
	MHD_destroy_response(r);
	return rc;
}

/* Compared in time independent of where they differ. */
static int
key_ok(const char *want, const char *got)
{
	size_t i, n = strlen(want);
	unsigned diff = got ? (unsigned)(strlen(got) != n) : 1;

	for (i = 0; got && i < n && got[i]; i++)
		diff |= (unsigned char)want[i] ^ (unsigned char)got[i];
	return diff == 0;
}

/* text (len bytes, in charset) as UTF-8; NULL and why if it cannot be. */
static char *
to_utf8(const char *text, size_t len, const char *charset, int coding,
		const char **why)
{
	const char *from = charset && *charset ? charset
		: coding == 2 ? "UTF-16BE" : "UTF-8";
	size_t out_cap = len * 4 + 4, in_left = len, out_left = out_cap - 1;
	char *out = malloc(out_cap), *in = (char *)text, *o = out;
	iconv_t cd;

	*why = "out of memory";
	if (!out)
		return NULL;
	if ((cd = iconv_open("UTF-8", from)) == (iconv_t)-1) {
		/* "8-BIT" (a long SMS smsbox joined from 8-bit parts): the
		 * bytes are taken as UTF-8 when they are that */
		if (text_valid_utf8(text, len) && !memchr(text, '\0', len)) {
			memcpy(out, text, len);
			out[len] = '\0';
			return out;
		}
		*why = "a charset iconv does not know";
		free(out);
		return NULL;
	}
	if (iconv(cd, &in, &in_left, &o, &out_left) == (size_t)-1) {
		*why = "text not in the charset it claims";
		iconv_close(cd);
		free(out);
		return NULL;
	}
	iconv_close(cd);
	*o = '\0';
	if (!text_valid_utf8(out, (size_t)(o - out))) {
		*why = "text is not valid UTF-8";
		free(out);
		return NULL;
	}
	return out;
}

/* An SMS from smsbox as a call, or NULL and why. */
static struct call *
mo_call(const struct args *a, const char **why)
{
	struct call *c = calloc(1, sizeof *c);

	*why = "out of memory";
	if (!c)
		return NULL;
	c->text = to_utf8(a->text, a->text_len, a->charset,
		a->coding ? atoi(a->coding) : 0, why);
	if (!c->text) {
		/* Never dropped (silence is a failure): what is ASCII of it
		 * stays, the rest becomes '?', and the person gets an
		 * answer; the log says why, never the text. */
		size_t i;
		log_warn("kannel: an SMS from smsbox could not be read as"
			" %s: %s; kept with '?' for what could not be read",
			a->charset && *a->charset ? a->charset : "given", *why);
		if ((c->text = malloc(a->text_len + 1)) != NULL) {
			for (i = 0; i < a->text_len; i++)
				c->text[i] = a->text[i] > 0 && a->text[i] < 127
					? a->text[i] : '?';
			c->text[i] = '\0';
		}
	}
	c->sender = strdup(a->from);
	c->smsc = dup_or_null(a->smsc);
	c->id = dup_or_null(a->id && *a->id ? a->id : NULL);
	c->sent_time = a->time ? strtoll(a->time, NULL, 10) : 0;
	if (c->sent_time <= 0)
		c->sent_time = (int64_t)time(NULL);
	if (!c->text || !c->sender) {
		call_free(c);
		return NULL;
	}
	return c;
}

/* Hold conn until the gateway stored c (200) or timeout (503). */
static enum MHD_Result
hold(struct kannel *k, struct MHD_Connection *conn, struct call *c)
{
	struct timespec until;
	int stored, full;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += k->timeout;
	pthread_mutex_lock(&k->lock);
	full = k->n_calls >= k->max_pending;
	if (!full) {
		c->next = NULL;
		{
			struct call **pp = &k->calls;
			while (*pp)
				pp = &(*pp)->next;
			*pp = c;
		}
		k->n_calls++;
		while (c->state != MO_STORED && !k->stopping &&
		    pthread_cond_timedwait(&k->changed, &k->lock, &until)
		    != ETIMEDOUT)
			;
		stored = c->state == MO_STORED;
		c->answered = 1;        /* the main thread frees it */
	}
	pthread_mutex_unlock(&k->lock);
	if (full) {
		call_free(c);
		return answer(conn, MHD_HTTP_SERVICE_UNAVAILABLE,
			"busy: too many messages waiting; deliver it again\n");
	}
	return stored ? answer(conn, MHD_HTTP_OK, "stored\n")
		: answer(conn, MHD_HTTP_SERVICE_UNAVAILABLE,
		"not stored in time; deliver it again\n");
}

static enum MHD_Result
on_call(void *cls, struct MHD_Connection *conn, const char *url,
		const char *method, const char *version, const char *data,
		size_t *data_size, void **state)
{
	struct kannel *k = cls;
	struct args a;
	struct call *c;
	const char *why;
	int mo = strcmp(url, "/kannel/mo") == 0;

	(void)version; (void)data;
	if (!*state) {                  /* headers only so far */
		*state = k;
		return MHD_YES;
	}
	if (*data_size) {               /* a body is not read: GET only */
		*data_size = 0;
		return MHD_YES;
	}
	if (strcmp(method, "GET") != 0 && strcmp(method, "POST") != 0)
		return answer(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "GET only\n");
	if (!mo && strcmp(url, "/kannel/dlr") != 0)
		return answer(conn, MHD_HTTP_NOT_FOUND,
			"only /kannel/mo and /kannel/dlr are here\n");
	memset(&a, 0, sizeof a);
	MHD_get_connection_values_n(conn, MHD_GET_ARGUMENT_KIND, arg, &a);
	if (!key_ok(k->secret, a.key)) {
		pthread_mutex_lock(&k->lock);
		k->refused_keys++;
		pthread_mutex_unlock(&k->lock);
		return answer(conn, MHD_HTTP_FORBIDDEN, "wrong key\n");
	}
	if (!mo) {
		if (!a.msg || !a.status || atoll(a.msg) <= 0)
			return answer(conn, MHD_HTTP_BAD_REQUEST,
				"a report needs msg and status\n");
		if (!(c = calloc(1, sizeof *c)))
			return answer(conn, MHD_HTTP_SERVICE_UNAVAILABLE,
				"out of memory\n");
		c->is_report = 1;
		c->report_msg = atoll(a.msg);
		c->report_status = atoi(a.status);
		return hold(k, conn, c);
	}
	if (!a.from || !*a.from || !a.text)
		return answer(conn, MHD_HTTP_BAD_REQUEST,
			"an SMS needs from and text\n");
	if (a.text_len > MO_TEXT_MAX)
		return answer(conn, MHD_HTTP_CONTENT_TOO_LARGE,
			"text longer than any SMS\n");
	if (!(c = mo_call(&a, &why)))
		return answer(conn, MHD_HTTP_SERVICE_UNAVAILABLE, why);
	return hold(k, conn, c);
}

/* --- the transport's port --------------------------------------------- */

static int
k_connect(void *self, char *err, size_t errlen)
{
	struct kannel *k = self;
	long code = 0;
	CURLcode rc;

	if (!k->httpd) {
		struct sockaddr_storage ss;
		if (kannel_address(k->listen, k->port, &ss) != 0) {
			snprintf(err, errlen, "kannel: listen = \"%s\" is not an"
				" IP address", k->listen);
			return -1;
		}
		k->httpd = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION |
			MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG |
			(ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
			(uint16_t)k->port, NULL, NULL, on_call, k,
			MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
			MHD_OPTION_CONNECTION_LIMIT,
			(unsigned)(k->max_pending + 16),
			MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)(k->timeout + 10),
			/* smsbox opens up to max-pending-requests (512) at
			 * once: a short queue would refuse most of them */
			MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024U,
			MHD_OPTION_END);
		if (!k->httpd) {
			snprintf(err, errlen, "kannel: cannot listen on %s port"
				" %d for smsbox's calls: %s", k->listen, k->port,
				strerror(errno));
			return -1;
		}
	}
	/* Kannel is there when sendsms answers at all (without arguments
	 * it answers an error, which is enough). */
	curl_easy_reset(k->curl);
	curl_easy_setopt(k->curl, CURLOPT_URL, k->sendsms_url);
	curl_easy_setopt(k->curl, CURLOPT_TIMEOUT, (long)k->timeout);
	curl_easy_setopt(k->curl, CURLOPT_NOBODY, 0L);
	curl_easy_setopt(k->curl, CURLOPT_WRITEFUNCTION, kannel_discard);
	if ((rc = curl_easy_perform(k->curl)) != CURLE_OK) {
		snprintf(err, errlen, "kannel: sendsms at %s does not answer:"
			" %s", k->sendsms_url, curl_easy_strerror(rc));
		return -1;
	}
	curl_easy_getinfo(k->curl, CURLINFO_RESPONSE_CODE, &code);
	k->connected = 1;
	return 0;
}

static void
k_disconnect(void *self)
{
	((struct kannel *)self)->connected = 0;
}

static int
k_read(void *self, struct sms_part_in *parts, int max, int *n_read,
		char *err, size_t errlen)
{
	struct kannel *k = self;
	struct call *c;
	int n = 0, i, refused;

	(void)err; (void)errlen;
	pthread_mutex_lock(&k->lock);
	for (i = 0; i < k->n_handed; i++)      /* not removed: read again */
		if (k->handed[i]->state == MO_HANDED)
			k->handed[i]->state = MO_WAITING;
	k->n_handed = 0;
	sweep(k);
	for (c = k->calls; c && n < max && n < TRANSPORT_BATCH; c = c->next) {
		if (c->is_report || c->answered || c->state != MO_WAITING)
			continue;
		c->state = MO_HANDED;
		k->handed[n] = c;
		memset(&parts[n], 0, sizeof parts[n]);
		parts[n].sender = c->sender;
		parts[n].smsc = c->smsc;
		parts[n].sent_time = c->sent_time;
		parts[n].ref = -1;
		parts[n].total = parts[n].seq = 1;
		parts[n].text = c->text;
		parts[n].id = c->id;
		n++;
	}
	k->n_handed = n;
	refused = k->refused_keys;
	k->refused_keys = 0;
	pthread_mutex_unlock(&k->lock);
	if (refused)
		log_warn("kannel: %d call(s) with a wrong key refused (not from"
			" our smsbox?)", refused);
	*n_read = n;
	return 0;
}

static int
k_remove(void *self, int i, char *err, size_t errlen)
{
	struct kannel *k = self;

	if (i < 0 || i >= k->n_handed) {
		snprintf(err, errlen, "kannel: no message %d in the last read",
			i);
		return -1;
	}
	pthread_mutex_lock(&k->lock);
	k->handed[i]->state = MO_STORED;
	pthread_cond_broadcast(&k->changed);
	pthread_mutex_unlock(&k->lock);
	return 0;
}

static int
k_reports(void *self, struct transport_report *out, int max)
{
	struct kannel *k = self;
	struct call *c;
	int n = 0;

	pthread_mutex_lock(&k->lock);
	for (c = k->calls; c && n < max; c = c->next)
		if (c->is_report && !c->answered && c->state == MO_WAITING) {
			out[n].msg_id = c->report_msg;
			out[n].status = kannel_report_status(c->report_status);
			out[n].token = c;
			n++;
		}
	pthread_mutex_unlock(&k->lock);
	return n;
}

static void
k_report_done(void *self, void *token)
{
	struct kannel *k = self;
	struct call *c;

	pthread_mutex_lock(&k->lock);
	for (c = k->calls; c; c = c->next)     /* still there? */
		if (c == token && !c->answered) {
			c->state = MO_STORED;
			pthread_cond_broadcast(&k->changed);
		}
	pthread_mutex_unlock(&k->lock);
}

static int
k_send_id(void *self, int64_t id, const char *number, const char *utf8,
		enum sms_coding coding, char *err, size_t errlen)
{
	struct kannel *k = self;
	struct kannel_reply r;
	int rc;

	rc = kannel_sendsms(k->curl, &(struct kannel_send){
		.url = k->sendsms_url, .username = k->username,
		.password = k->password, .smsc = k->smsc, .sender = k->sender,
		.callback = k->callback_url, .secret = k->secret,
		.timeout = k->timeout }, id, number, utf8, coding, &r);
	if (rc == KANNEL_UNREACHABLE)
		k->connected = 0;       /* the line's failure: reconnect */
	if (rc != KANNEL_ACCEPTED)
		snprintf(err, errlen, "%s", r.why);
	return rc == KANNEL_ACCEPTED ? 0 : -1;
}

static int
k_send(void *self, const char *number, const char *utf8,
		enum sms_coding coding, char *err, size_t errlen)
{
	return k_send_id(self, 0, number, utf8, coding, err, errlen);
}

static void
k_status(const void *self, struct transport_status *out)
{
	const struct kannel *k = self;

	out->kind = "kannel";
	out->connected = k->connected;
	out->blocked = NULL;
}

static void
k_free(void *self)
{
	struct kannel *k = self;
	struct call *c;

	if (!k)
		return;
	if (k->httpd) {
		/* held calls are answered 503 now, not at their timeouts
		 * (MHD_stop_daemon waits for their threads), and smsbox
		 * delivers them again */
		pthread_mutex_lock(&k->lock);
		k->stopping = 1;
		pthread_cond_broadcast(&k->changed);
		pthread_mutex_unlock(&k->lock);
		MHD_stop_daemon(k->httpd);
	}
	while ((c = k->calls) != NULL) {
		k->calls = c->next;
		call_free(c);
	}
	curl_easy_cleanup(k->curl);
	pthread_mutex_destroy(&k->lock);
	pthread_cond_destroy(&k->changed);
	free(k->sendsms_url); free(k->username); free(k->password);
	free(k->smsc); free(k->sender); free(k->listen); free(k->callback_url);
	free(k->secret);
	free(k);
}

static const struct transport_ops kannel_ops = {
	.connect = k_connect,
	.disconnect = k_disconnect,
	.read = k_read,
	.remove = k_remove,
	.send = k_send,
	.status = k_status,
	.free = k_free,
	.send_id = k_send_id,
	.reports = k_reports,
	.report_done = k_report_done,
};

int
kannel_transport(const struct yordam_config *cfg, struct transport *out)
{
	const struct kannel_conf *kc = &cfg->kannel;
	struct kannel *k = calloc(1, sizeof *k);

	if (!k)
		return -1;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	k->sendsms_url = strdup(kc->sendsms_url);
	k->username = strdup(kc->username);
	k->password = strdup(kc->password);
	k->smsc = dup_or_null(kc->smsc);
	k->sender = dup_or_null(kc->sender);
	k->listen = strdup(kc->listen);
	k->callback_url = strdup(kc->callback_url);
	k->secret = strdup(kc->secret);
	k->port = kc->port;
	k->timeout = kc->timeout_seconds;
	k->max_pending = kc->max_pending;
	k->curl = curl_easy_init();
	pthread_mutex_init(&k->lock, NULL);
	pthread_cond_init(&k->changed, NULL);
	if (!k->sendsms_url || !k->username || !k->password || !k->listen ||
	    !k->callback_url || !k->secret || !k->curl) {
		k_free(k);
		return -1;
	}
	out->ops = &kannel_ops;
	out->self = k;
	return 0;
}
