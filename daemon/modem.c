/*
 * modem.c - the GSM modem through libgammu, as a transport
 * (transport.h): connect, read, decode, delete, send.  The only file that
 * calls libgammu.
 *
 * Shaped by what Gammu's dummy driver and real AT modems have in common
 * (see shared/knowledge/gammu-dummy.md):
 *  - polling only, no incoming-SMS callback;
 *  - GSM_MultiSMSMessage is ~260 KB, so it lives on the heap;
 *  - the send-status callback must be set after every connect;
 *  - a failed GSM_InitConnection may leave the library thinking it is
 *    connected, and terminating then double-frees in the dummy driver,
 *    so we keep our own flag and only terminate what really connected;
 *  - a scan is stopped at the first error and capped, because continuing
 *    after one can loop forever.
 * Parts are read into a list first and deleted afterwards (when the
 * gateway has committed them), so deleting never disturbs the iteration
 * of GSM_GetNextSMS.
 */
#include <gammu.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "yordam/charset.h"
#include "yordam/log.h"
#include "yordam/modem.h"
#include "modem_private.h"

#define SCAN_CAP 10000          /* the dummy driver's location space */
#define SEND_TIMEOUT 30         /* seconds to wait for a send report */

static void
send_status_cb(GSM_StateMachine *sm, int status, int mr, void *ud)
{
	struct modem *m = ud;

	(void)sm;
	(void)mr;
	m->send_status = status == 0 ? 0 : (status > 0 ? status : 1);
}

static struct modem *
modem_new(const struct yordam_config *cfg)
{
	struct modem *m = calloc(1, sizeof *m);

	if (!m)
		return NULL;
	m->cfg = cfg;
	/* libgammu's text helpers follow the locale; make sure it is a
	 * UTF-8 one even when the service starts with LANG unset. */
	GSM_InitLocales(NULL);
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	return m;
}

/*
 * The connection names libgammu accepts.  libgammu has no public lookup
 * (GSM_RegisterAllConnections is static in its gsmstate.c), and trying
 * one means opening the device, so this mirrors Gammu 1.42's table; the
 * GCT_ values tie each name to the library's header.  Matching follows
 * Gammu: any case, an optional -nodtr or -nopower suffix, and "at"
 * followed by a serial speed.
 */
static const struct {
	const char *name;
	GSM_ConnectionType type;
} connections[] = {
	{ "at", GCT_AT }, { "mbus", GCT_MBUS2 }, { "fbus", GCT_FBUS2 },
	{ "fbususb", GCT_FBUS2USB }, { "fbuspl2303", GCT_FBUS2PL2303 },
	{ "dlr3", GCT_FBUS2DLR3 }, { "fbusdlr3", GCT_FBUS2DLR3 },
	{ "dku5", GCT_DKU5FBUS2 }, { "fbusdku5", GCT_DKU5FBUS2 },
	{ "dku5fbus", GCT_DKU5FBUS2 }, { "ark3116fbus", GCT_DKU5FBUS2 },
	{ "dku2", GCT_FBUS2USB }, { "dku2phonet", GCT_FBUS2USB },
	{ "dku2at", GCT_DKU2AT }, { "fbusblue", GCT_FBUS2BLUE },
	{ "phonetblue", GCT_PHONETBLUE }, { "blueobex", GCT_BLUEOBEX },
	{ "bluephonet", GCT_BLUEPHONET }, { "blueat", GCT_BLUEAT },
	{ "bluerfobex", GCT_BLUEOBEX }, { "bluefbus", GCT_BLUEFBUS2 },
	{ "bluerffbus", GCT_BLUEFBUS2 }, { "bluerfphonet", GCT_BLUEPHONET },
	{ "bluerfat", GCT_BLUEAT }, { "bluerfgnapbus", GCT_BLUEGNAPBUS },
	{ "blues60", GCT_BLUES60 }, { "infrared", GCT_FBUS2IRDA },
	{ "fbusirda", GCT_FBUS2IRDA }, { "irda", GCT_IRDAPHONET },
	{ "irdaphonet", GCT_IRDAPHONET }, { "irdaat", GCT_IRDAAT },
	{ "irdaobex", GCT_IRDAOBEX }, { "irdagnapbus", GCT_IRDAGNAPBUS },
	{ "none", GCT_NONE },
};

int
modem_connection_known(const char *name)
{
	static const char *speeds[] = { "50", "75", "110", "134", "150",
		"200", "300", "600", "1200", "1800", "2400", "4800", "9600",
		"19200", "38400", "57600", "115200", "230400" };
	char base[32], *dash;
	size_t i;

	if (strlen(name) >= sizeof base)
		return 0;
	strcpy(base, name);
	while ((dash = strrchr(base, '-')) != NULL) {
		if (strcasecmp(dash, "-nodtr") != 0 &&
		    strcasecmp(dash, "-nopower") != 0)
			return 0;
		*dash = '\0';
	}
	for (i = 0; i < sizeof connections / sizeof connections[0]; i++)
		if (strcasecmp(connections[i].name, base) == 0)
			return 1;
	if (strncasecmp(base, "at", 2) == 0)
		for (i = 0; i < sizeof speeds / sizeof speeds[0]; i++)
			if (strcmp(base + 2, speeds[i]) == 0)
				return 1;
	return 0;
}

static void
forget_batch(struct modem *m)
{
	int i;

	for (i = 0; i < m->n_batch; i++)
		free(m->batch[i].text);
	m->n_batch = 0;
}

static void modem_disconnect(void *self);

static void
modem_free(void *self)
{
	struct modem *m = self;

	if (!m)
		return;
	modem_disconnect(m);
	if (m->sm)
		GSM_FreeStateMachine(m->sm);
	free(m);
}

static int
configure(struct modem *m, char *err, size_t errlen)
{
	GSM_Config *gc;
	GSM_Error e;

	if (m->sm)
		GSM_FreeStateMachine(m->sm);
	m->sm = GSM_AllocStateMachine();
	if (!m->sm) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	gc = GSM_GetConfig(m->sm, 0);
	if (m->cfg->modem_gammurc) {
		INI_Section *ini = NULL;
		e = GSM_FindGammuRC(&ini, m->cfg->modem_gammurc);
		if (e != ERR_NONE) {
			snprintf(err, errlen, "gammurc %s: %s",
				m->cfg->modem_gammurc, GSM_ErrorString(e));
			return -1;
		}
		e = GSM_ReadConfig(ini, gc, m->cfg->modem_section);
		INI_Free(ini);
		if (e != ERR_NONE) {
			snprintf(err, errlen, "gammurc %s section %d: %s",
				m->cfg->modem_gammurc, m->cfg->modem_section,
				GSM_ErrorString(e));
			return -1;
		}
	} else {
		GSM_ReadConfig(NULL, gc, 0);    /* defaults */
		free(gc->Device);
		gc->Device = strdup(m->cfg->modem_device);
		if (m->cfg->modem_connection) {
			free(gc->Connection);
			gc->Connection = strdup(m->cfg->modem_connection);
		}
		if (m->cfg->modem_model)
			snprintf(gc->Model, sizeof gc->Model, "%s",
				m->cfg->modem_model);
	}
	GSM_SetConfigNum(m->sm, 1);
	return 0;
}

static int
modem_connect(void *self, char *err, size_t errlen)
{
	struct modem *m = self;
	GSM_Error e;

	if (m->connected)
		return 0;
	if (m->blocked[0]) {
		snprintf(err, errlen, "%s", m->blocked);
		return -1;
	}
	if (configure(m, err, errlen) != 0)
		return -1;
	e = GSM_InitConnection(m->sm, 1);
	if (e != ERR_NONE) {
		snprintf(err, errlen, "cannot connect to the modem: %s",
			GSM_ErrorString(e));
		/* Not terminated on purpose: see the comment at the top. */
		GSM_FreeStateMachine(m->sm);
		m->sm = NULL;
		return -1;
	}
	GSM_SetSendSMSStatusCallback(m->sm, send_status_cb, m);
	m->connected = 1;
	/* A SIM that asks for its PIN gets it once; refused, never again. */
	if (modem_unlock_sim(m, err, errlen) != 0) {
		modem_disconnect(m);
		return -1;
	}
	modem_listen(m);
	return 0;
}

static void
modem_status(const void *self, struct transport_status *out)
{
	const struct modem *m = self;

	out->kind = "modem";
	out->connected = m->connected;
	out->blocked = m->blocked[0] ? m->blocked : NULL;
}

static void
modem_disconnect(void *self)
{
	struct modem *m = self;

	forget_batch(m);
	if (m->connected) {
		GSM_TerminateConnection(m->sm);
		m->connected = 0;
	}
}

static int64_t
sms_time(const GSM_DateTime *d)
{
	struct tm tm;

	if (d->Year == 0)
		return 0;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = d->Year - 1900;
	tm.tm_mon = d->Month - 1;
	tm.tm_mday = d->Day;
	tm.tm_hour = d->Hour;
	tm.tm_min = d->Minute;
	tm.tm_sec = d->Second;
	return (int64_t)timegm(&tm) - d->Timezone;
}

static void
decode_part(const GSM_SMSMessage *s, struct read_part *rp)
{
	static const char hex[] = "0123456789ABCDEF";

	memset(&rp->in, 0, sizeof rp->in);
	rp->raw = *s;
	EncodeUTF8(rp->sender, s->Number);
	EncodeUTF8(rp->smsc, s->SMSC.Number);
	rp->in.sender = rp->sender;
	rp->in.smsc = rp->smsc;
	rp->in.sent_time = sms_time(&s->DateTime);
	rp->in.ref = -1;
	rp->in.total = 1;
	rp->in.seq = 1;
	if (s->UDH.Type == UDH_ConcatenatedMessages ||
	    s->UDH.Type == UDH_ConcatenatedMessages16bit) {
		rp->in.ref = s->UDH.Type == UDH_ConcatenatedMessages
			? s->UDH.ID8bit : s->UDH.ID16bit;
		rp->in.total = s->UDH.AllParts;
		rp->in.seq = s->UDH.PartNumber;
		if (rp->in.total < 1 || rp->in.seq < 1 ||
		    rp->in.seq > rp->in.total) {
			rp->in.ref = -1;
			rp->in.total = rp->in.seq = 1;
		}
	}
	if (s->PDU == SMS_Status_Report) {
		rp->text = strdup("");
		rp->in.hold = "report";
	} else if (s->Coding == SMS_Coding_8bit) {
		/* Binary data: kept as hex for staff, never answered. */
		int i, n = s->Length > 0 ? s->Length : 0;
		rp->text = malloc((size_t)n * 2 + 1);
		for (i = 0; rp->text && i < n; i++) {
			rp->text[2 * i] = hex[(s->Text[i] >> 4) & 15];
			rp->text[2 * i + 1] = hex[s->Text[i] & 15];
		}
		if (rp->text)
			rp->text[2 * n] = '\0';
		rp->in.hold = "binary";
	} else {
		/* libgammu keeps text as UCS-2 big-endian */
		rp->text = charset_utf16be_to_utf8(s->Text,
			(size_t)UnicodeLength(s->Text) * 2);
	}
	if (!rp->sender[0])
		rp->in.hold = "no-sender";
	rp->in.text = rp->text ? rp->text : "";
}

/*
 * One scan reads up to max parts and keeps them until the next scan, so
 * the gateway can commit them in one transaction (one fsync for a surge
 * of SMS, not one each) and only then delete them.  A scan starts again
 * from the first location, and the dummy driver probes every location up
 * to the next SMS, so a bigger batch also means fewer rescans of the
 * emptied places.
 */
static int
modem_read(void *self, struct sms_part_in *parts, int max, int *n_read,
		char *err, size_t errlen)
{
	struct modem *m = self;
	GSM_MultiSMSMessage *sms;
	GSM_Error e = ERR_NONE;
	int j, scans = 0;
	gboolean start = TRUE;

	forget_batch(m);
	*n_read = 0;
	if (!m->connected) {
		snprintf(err, errlen, "the modem is not connected");
		return -1;
	}
	if (max > TRANSPORT_BATCH)
		max = TRANSPORT_BATCH;
	if (!(sms = calloc(1, sizeof *sms))) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	sms->SMS[0].Location = 0;
	while (m->n_batch < max && scans++ < SCAN_CAP) {
		sms->SMS[0].Folder = 0;
		e = GSM_GetNextSMS(m->sm, sms, start);
		start = FALSE;
		if (e != ERR_NONE)
			break;
		for (j = 0; j < sms->Number && m->n_batch < max; j++) {
			const GSM_SMSMessage *s = &sms->SMS[j];
			if (!s->InboxFolder || s->PDU == SMS_Submit)
				continue;
			decode_part(s, &m->batch[m->n_batch]);
			parts[m->n_batch] = m->batch[m->n_batch].in;
			m->n_batch++;
		}
	}
	free(sms);
	*n_read = m->n_batch;
	if (e != ERR_NONE && e != ERR_EMPTY) {
		snprintf(err, errlen, "reading SMS: %s", GSM_ErrorString(e));
		return -1;
	}
	return 0;
}

static int
modem_remove(void *self, int i, char *err, size_t errlen)
{
	struct modem *m = self;
	GSM_Error e;

	if (i < 0 || i >= m->n_batch) {
		snprintf(err, errlen, "no part %d in the last scan", i);
		return -1;
	}
	if (!m->connected) {
		snprintf(err, errlen, "the modem is not connected");
		return -1;
	}
	m->batch[i].raw.Folder = 0;
	e = GSM_DeleteSMS(m->sm, &m->batch[i].raw);
	if (e != ERR_NONE && e != ERR_EMPTY) {
		snprintf(err, errlen, "deleting SMS: %s", GSM_ErrorString(e));
		return -1;
	}
	return 0;
}

static int
modem_send(void *self, const char *number, const char *utf8,
		enum sms_coding coding, char *err, size_t errlen)
{
	GSM_MultiPartSMSInfo info;
	GSM_MultiSMSMessage *multi = calloc(1, sizeof *multi);
	size_t len = strlen(utf8);
	unsigned char *ucs2 = malloc((len + 1) * 2 + 2);
	struct modem *m = self;
	GSM_Error e;
	int i, rc = -1;

	if (!m->connected) {
		snprintf(err, errlen, "the modem is not connected");
		goto out;
	}
	if (!multi || !ucs2) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	DecodeUTF8(ucs2, utf8, len);
	GSM_ClearMultiPartSMSInfo(&info);
	info.Class = -1;
	info.EntriesNum = 1;
	info.UnicodeCoding = coding == SMS_UCS2;
	info.Entries[0].ID = SMS_ConcatenatedTextLong;
	info.Entries[0].Buffer = ucs2;
	e = GSM_EncodeMultiPartSMS(GSM_GetDebug(m->sm), &info, multi);
	if (e != ERR_NONE) {
		snprintf(err, errlen, "encoding SMS: %s", GSM_ErrorString(e));
		goto out;
	}
	for (i = 0; i < multi->Number; i++) {
		GSM_SMSMessage *part = &multi->SMS[i];
		time_t deadline = time(NULL) + SEND_TIMEOUT;

		DecodeUTF8(part->Number, number, strlen(number));
		part->PDU = SMS_Submit;
		part->SMSC.Location = 1;
		m->send_status = -1;
		e = GSM_SendSMS(m->sm, part);
		if (e != ERR_NONE) {
			snprintf(err, errlen, "sending part %d/%d: %s", i + 1,
				multi->Number, GSM_ErrorString(e));
			goto out;
		}
		while (m->send_status == -1 && time(NULL) < deadline)
			GSM_ReadDevice(m->sm, TRUE);
		if (m->send_status != 0) {
			snprintf(err, errlen, "part %d/%d: %s", i + 1,
				multi->Number, m->send_status == -1
				? "no report from the network (timeout)"
				: "refused by the network");
			goto out;
		}
	}
	rc = 0;
out:
	free(ucs2);
	free(multi);
	return rc;
}

static const struct transport_ops modem_ops = {
	.connect = modem_connect,
	.disconnect = modem_disconnect,
	.read = modem_read,
	.remove = modem_remove,
	.send = modem_send,
	.status = modem_status,
	.free = modem_free,
	.health = modem_health,
	.calls = modem_calls,
	.ussd = modem_ussd,
};

int
modem_transport(const struct yordam_config *cfg, struct transport *out)
{
	out->ops = &modem_ops;
	out->self = modem_new(cfg);
	return out->self ? 0 : -1;
}
