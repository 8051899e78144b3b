/*
 * kannel_private.h - what kannel.c (the transport: smsbox's calls held
 * until stored) and kannel_http.c (the calls to Kannel: sendsms, and the
 * few values both read) share.
 */
#ifndef YORDAM_KANNEL_PRIVATE_H
#define YORDAM_KANNEL_PRIVATE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include <curl/curl.h>

#include "yordam/sms.h"
#include "yordam/transport.h"

/* One reply to smsbox's sendsms. */
struct kannel_send {
	const char *url, *username, *password, *smsc, *sender;
	const char *callback;   /* Yordam's address for the dlr-url */
	const char *secret;
	int timeout;            /* seconds */
};

enum kannel_result {
	KANNEL_ACCEPTED,        /* 202: Kannel has it */
	KANNEL_REFUSED,         /* Kannel answered no: the message's fault */
	KANNEL_UNREACHABLE      /* no answer: the line's */
};

struct kannel_reply {
	char why[256];          /* what Kannel said, or why no answer */
};

/* GET sendsms for reply id (0: no delivery report asked) to number. */
enum kannel_result kannel_sendsms(CURL *curl, const struct kannel_send *s,
		int64_t id, const char *number, const char *utf8,
		enum sms_coding coding, struct kannel_reply *r);

/* Kannel's dlr %d (1 delivered, 2 failed, 4 buffered, 8 accepted by the
 * SMSC, 16 rejected by it) as the store's word. */
enum delivery kannel_report_status(int dlr);

/* listen and port as a socket address (IPv4 or IPv6); 0 or -1. */
int kannel_address(const char *listen, int port, struct sockaddr_storage *ss);

/* A curl write callback that keeps nothing. */
size_t kannel_discard(char *p, size_t size, size_t n, void *ud);

#endif
