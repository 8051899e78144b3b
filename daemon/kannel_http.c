/*
 * kannel_http.c - the calls Yordam makes to Kannel: one reply through
 * smsbox's sendsms interface, and the small readings both sides of the
 * Kannel transport share (a delivery report's status, the address to
 * listen on).
 *
 * A reply goes as UTF-8 with charset=UTF-8 and the coding the gateway
 * measured (0 GSM-7, 2 UCS-2), so Kannel neither guesses nor converts
 * it into a coding the text does not fit; dlr-mask asks for every kind
 * of report and dlr-url brings it back to /kannel/dlr with the reply's
 * id.  What Kannel answers decides whose failure it was: 202 is taken,
 * another answer is the message's (refused: counted against its tries),
 * no answer is the line's (the transport reconnects, the reply waits).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kannel_private.h"

size_t
kannel_discard(char *p, size_t size, size_t n, void *ud)
{
	(void)p; (void)ud;
	return size * n;
}

struct body {
	char text[256];
	size_t len;
};

/* The first bytes of Kannel's answer ("0: Accepted for delivery"), for
 * the reason of a refusal. */
static size_t
keep_start(char *p, size_t size, size_t n, void *ud)
{
	struct body *b = ud;
	size_t take = size * n;

	if (take > sizeof b->text - 1 - b->len)
		take = sizeof b->text - 1 - b->len;
	memcpy(b->text + b->len, p, take);
	b->len += take;
	b->text[b->len] = '\0';
	return size * n;
}

/* "&name=value" escaped, appended to url (of cap bytes); 0 or -1. */
static int
add(CURL *curl, char *url, size_t cap, const char *name, const char *value)
{
	char *e = curl_easy_escape(curl, value, 0);
	size_t len = strlen(url);
	int n;

	if (!e)
		return -1;
	n = snprintf(url + len, cap - len, "%s%s=%s",
		strchr(url, '?') ? "&" : "?", name, e);
	curl_free(e);
	return n < 0 || (size_t)n >= cap - len ? -1 : 0;
}

enum kannel_result
kannel_sendsms(CURL *curl, const struct kannel_send *s, int64_t id,
		const char *number, const char *utf8, enum sms_coding coding,
		struct kannel_reply *r)
{
	size_t cap = strlen(utf8) * 3 + 2048;
	char *url = malloc(cap), dlr[1024], *line;
	struct body b = { "", 0 };
	long code = 0;
	CURLcode rc;
	int bad;

	r->why[0] = '\0';
	if (!url) {
		snprintf(r->why, sizeof r->why, "kannel: out of memory");
		return KANNEL_REFUSED;
	}
	snprintf(url, cap, "%s", s->url);
	snprintf(dlr, sizeof dlr, "%s/kannel/dlr?key=%s&msg=%lld&status=%%d",
		s->callback, s->secret, (long long)id);
	bad = add(curl, url, cap, "username", s->username) ||
		add(curl, url, cap, "password", s->password) ||
		add(curl, url, cap, "to", number) ||
		add(curl, url, cap, "text", utf8) ||
		add(curl, url, cap, "charset", "UTF-8") ||
		add(curl, url, cap, "coding", coding == SMS_UCS2 ? "2"
			: "0") ||
		(s->smsc && add(curl, url, cap, "smsc", s->smsc)) ||
		(s->sender && add(curl, url, cap, "from", s->sender)) ||
		(id > 0 && (add(curl, url, cap, "dlr-mask", "31") ||
		add(curl, url, cap, "dlr-url", dlr)));
	if (bad) {
		free(url);
		snprintf(r->why, sizeof r->why, "kannel: the sendsms address"
			" would be too long");
		return KANNEL_REFUSED;
	}
	curl_easy_reset(curl);
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)s->timeout);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, keep_start);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &b);
	rc = curl_easy_perform(curl);
	free(url);      /* it holds the password: never logged */
	if (rc != CURLE_OK) {
		snprintf(r->why, sizeof r->why, "kannel: sendsms does not"
			" answer: %s", curl_easy_strerror(rc));
		return KANNEL_UNREACHABLE;
	}
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
	if (code == 202 || code == 200)
		return KANNEL_ACCEPTED;
	if ((line = strpbrk(b.text, "\r\n")) != NULL)
		*line = '\0';
	snprintf(r->why, sizeof r->why, "kannel: sendsms refused it (HTTP %ld:"
		" %s)", code, b.text[0] ? b.text : "no reason given");
	/* 503: smsbox cannot take it now (its queue, bearerbox away) */
	return code == 503 ? KANNEL_UNREACHABLE : KANNEL_REFUSED;
}

enum delivery
kannel_report_status(int dlr)
{
	switch (dlr) {
	case 1: return DELIVERY_DELIVERED;
	case 2: return DELIVERY_FAILED;
	case 4: return DELIVERY_BUFFERED;
	case 8: return DELIVERY_ACCEPTED;
	case 16: return DELIVERY_REJECTED;
	}
	return DELIVERY_UNKNOWN;
}

int
kannel_address(const char *listen, int port, struct sockaddr_storage *ss)
{
	struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof *ss);
	if (inet_pton(AF_INET, listen, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)port);
		return 0;
	}
	if (inet_pton(AF_INET6, listen, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)port);
		return 0;
	}
	return -1;
}
