/*
 * modem_line.c - the modem's line besides SMS: the SIM's PIN, how the
 * line is (SIM, network, operator, signal, SMS storage), calls from
 * people without credit, and USSD for the prepaid balance.
 *
 * A SIM blocks after three wrong PINs, and then needs a PUK the NGO may
 * not have: so a PIN is entered only when the SIM asks, and a PIN the SIM
 * refuses is never entered again automatically.  The modem is then
 * "blocked" with the reason, the daemon says so and stops reconnecting,
 * and runs on (the desk, the console, the queue) until someone fixes the
 * PIN and restarts it.  A SIM asking for its PUK is reported the same.
 *
 * Calls: the helpline never answers (an answered call costs the caller);
 * each ring is rejected as it is seen, its number kept for the gateway,
 * which texts the menu back (gateway_line.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "modem_private.h"
#include "yordam/charset.h"
#include "yordam/log.h"
#include "yordam/text.h"

#define USSD_TIMEOUT 20         /* seconds for the network's answer */

static void
say_blocked(struct modem *m, char *err, size_t errlen, const char *sim,
		const char *fmt, const char *why)
{
	snprintf(m->sim, sizeof m->sim, "%s", sim);
	snprintf(m->blocked, sizeof m->blocked, fmt, why);
	snprintf(err, errlen, "%s", m->blocked);
}

int
modem_unlock_sim(struct modem *m, char *err, size_t errlen)
{
	GSM_SecurityCodeType state = SEC_None;
	GSM_SecurityCode code;
	GSM_Error e = GSM_GetSecurityStatus(m->sm, &state);

	if (e == ERR_NOTSUPPORTED || e == ERR_NOTIMPLEMENTED ||
	    (e == ERR_NONE && state == SEC_None)) {
		snprintf(m->sim, sizeof m->sim, "%s", e == ERR_NONE ? "ready" :
			"unknown");
		return 0;
	}
	if (e != ERR_NONE) {
		snprintf(err, errlen, "cannot ask the SIM whether it needs a"
			" PIN: %s", GSM_ErrorString(e));
		return -1;
	}
	if (state == SEC_Puk || state == SEC_Puk2) {
		say_blocked(m, err, errlen, "puk-required", "the SIM asks for"
			" its PUK (%s): put it in a phone and enter the PUK"
			" there, then restart yordamd; the modem is not used"
			" until then", "blocked after wrong PINs");
		return -1;
	}
	if (state != SEC_Pin) {
		snprintf(m->sim, sizeof m->sim, "locked");
		snprintf(err, errlen, "the SIM or modem asks for a code Yordam"
			" cannot give (security state %d)", (int)state);
		return -1;
	}
	if (!m->cfg->modem_pin) {
		snprintf(m->sim, sizeof m->sim, "pin-required");
		snprintf(err, errlen, "the SIM asks for its PIN: set pin in the"
			" modem group of yordam.conf");
		return -1;
	}
	memset(&code, 0, sizeof code);
	code.Type = SEC_Pin;
	snprintf(code.Code, sizeof code.Code, "%s", m->cfg->modem_pin);
	e = GSM_EnterSecurityCode(m->sm, &code);
	memset(&code, 0, sizeof code);
	if (e != ERR_NONE) {
		say_blocked(m, err, errlen, "pin-rejected", "the SIM refused"
			" the PIN in yordam.conf (%s): it is not tried again (a"
			" SIM blocks after three wrong PINs); correct pin in the"
			" modem group and restart yordamd", GSM_ErrorString(e));
		return -1;
	}
	snprintf(m->sim, sizeof m->sim, "ready");
	log_info("modem: the SIM took its PIN");
	return 0;
}

static void
call_cb(GSM_StateMachine *sm, GSM_Call *call, void *ud)
{
	struct modem *m = ud;
	char number[GSM_MAX_NUMBER_LENGTH * 4 + 1];
	int i;

	(void)sm;
	if (call->Status != GSM_CALL_IncomingCall)
		return;
	/* never answered: rejected as soon as the driver is out of this
	 * callback (modem_calls()), free for the caller */
	m->reject = 1;
	EncodeUTF8(number, call->PhoneNumber);
	for (i = 0; i < m->n_calls; i++)
		if (strcmp(m->calls[i], number) == 0)
			return;         /* one ring is many RINGs */
	if (m->n_calls < TRANSPORT_MAX_CALLS && number[0] &&
	    strlen(number) < sizeof m->calls[0])
		memcpy(m->calls[m->n_calls++], number, strlen(number) + 1);
}

static void
ussd_cb(GSM_StateMachine *sm, GSM_USSDMessage *ussd, void *ud)
{
	struct modem *m = ud;
	char *text;

	(void)sm;
	text = charset_utf16be_to_utf8(ussd->Text,
		(size_t)UnicodeLength(ussd->Text) * 2);
	snprintf(m->ussd_reply, sizeof m->ussd_reply, "%s", text ? text : "");
	free(text);
	m->ussd_done = 1;
}

void
modem_listen(struct modem *m)
{
	GSM_SetIncomingCallCallback(m->sm, call_cb, m);
	GSM_SetIncomingUSSDCallback(m->sm, ussd_cb, m);
	if (m->cfg->missed_calls && GSM_SetIncomingCall(m->sm, TRUE) !=
	    ERR_NONE)
		log_info("modem: this modem does not report calls");
}

int
modem_calls(void *self, char (*numbers)[32], int max)
{
	struct modem *m = self;
	int i, n;

	if (m->connected)
		GSM_ReadDevice(m->sm, FALSE);  /* what came unasked: RING */
	if (m->connected && m->reject) {
		m->reject = 0;
		GSM_CancelCall(m->sm, 0, TRUE);        /* all: AT+CHUP */
	}
	n = m->n_calls < max ? m->n_calls : max;
	for (i = 0; i < n; i++)
		memcpy(numbers[i], m->calls[i], sizeof numbers[0]);
	m->n_calls = 0;
	return n;
}

int
modem_ussd(void *self, const char *code, char *reply, size_t n, char *err,
		size_t errlen)
{
	struct modem *m = self;
	time_t deadline = time(NULL) + USSD_TIMEOUT;
	char buf[64];
	GSM_Error e;

	if (!m->connected) {
		snprintf(err, errlen, "the modem is not connected");
		return -1;
	}
	snprintf(buf, sizeof buf, "%s", code);
	m->ussd_done = 0;
	if ((e = GSM_SetIncomingUSSD(m->sm, TRUE)) != ERR_NONE ||
	    (e = GSM_DialService(m->sm, buf)) != ERR_NONE) {
		snprintf(err, errlen, "USSD %s: %s", code, GSM_ErrorString(e));
		return -1;
	}
	while (!m->ussd_done && time(NULL) < deadline)
		GSM_ReadDevice(m->sm, TRUE);
	if (!m->ussd_done) {
		snprintf(err, errlen, "USSD %s: no answer from the network in"
			" %d s", code, USSD_TIMEOUT);
		return -1;
	}
	snprintf(reply, n, "%s", m->ussd_reply);
	return 0;
}

int
modem_health(void *self, struct transport_health *out, char *err,
		size_t errlen)
{
	struct modem *m = self;
	GSM_SignalQuality sig;
	GSM_NetworkInfo net;
	GSM_SMSMemoryStatus mem;
	char man[GSM_MAX_MANUFACTURER_LENGTH + 1] = "";
	char model[GSM_MAX_MODEL_LENGTH + 1] = "";

	memset(out, 0, sizeof *out);
	out->registered = out->roaming = out->signal = -1;
	out->storage_used = out->storage_total = -1;
	out->connected = m->connected;
	snprintf(out->sim, sizeof out->sim, "%s", m->sim[0] ? m->sim :
		"unknown");
	snprintf(out->blocked, sizeof out->blocked, "%s", m->blocked);
	if (!m->connected)
		return 0;
	GSM_GetManufacturer(m->sm, man);
	GSM_GetModel(m->sm, model);
	snprintf(out->model, sizeof out->model, "%s%s%s", man, man[0] ? " " :
		"", model);
	if (GSM_GetSignalQuality(m->sm, &sig) == ERR_NONE)
		out->signal = sig.SignalPercent;
	memset(&net, 0, sizeof net);
	if (GSM_GetNetworkInfo(m->sm, &net) == ERR_NONE) {
		out->registered = net.State == GSM_HomeNetwork ||
			net.State == GSM_RoamingNetwork;
		out->roaming = net.State == GSM_RoamingNetwork;
		char name[sizeof net.NetworkName * 2 + 1];
		EncodeUTF8(name, net.NetworkName);
		text_preview(name, 30, out->operator_name,
			sizeof out->operator_name);
		if (!out->operator_name[0])
			snprintf(out->operator_name, sizeof out->operator_name,
				"%s", net.NetworkCode);
	}
	memset(&mem, 0, sizeof mem);
	if (GSM_GetSMSStatus(m->sm, &mem) == ERR_NONE) {
		out->storage_used = mem.SIMUsed + mem.PhoneUsed;
		out->storage_total = mem.SIMSize + mem.PhoneSize;
	}
	(void)err;
	(void)errlen;
	return 0;
}
