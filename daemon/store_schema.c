/*
 * store_schema.c - the database's tables, as a list of migrations.
 *
 * The schema version is PRAGMA user_version; each migration is one SQL
 * script applied in its own transaction, so a half-migrated file cannot
 * exist.  A migration is never edited once released: a new one is added.
 * This file is only the list; store.c applies it when it opens a file.
 */
#include "store_private.h"

const char *const store_migrations[] = {
	/* 1: the gateway core */
	"CREATE TABLE messages ("
	"  id INTEGER PRIMARY KEY,"
	"  dir TEXT NOT NULL CHECK (dir IN ('in','out')),"
	"  number TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  parts INTEGER NOT NULL DEFAULT 1,"
	"  coding TEXT,"
	"  status TEXT NOT NULL,"
	"  idem_key TEXT UNIQUE,"
	"  sent_time INTEGER,"
	"  created_at INTEGER NOT NULL,"
	"  done_at INTEGER,"
	"  in_reply_to INTEGER REFERENCES messages(id) ON DELETE SET NULL,"
	"  node TEXT,"
	"  content_version INTEGER REFERENCES content_versions(id),"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  next_attempt INTEGER,"
	"  error TEXT);"
	"CREATE INDEX messages_pending ON messages(dir, status, id);"
	"CREATE INDEX messages_number ON messages(number, id);"
	"CREATE TABLE parts ("
	"  id INTEGER PRIMARY KEY,"
	"  idem_key TEXT NOT NULL UNIQUE,"
	"  sender TEXT NOT NULL,"
	"  smsc TEXT,"
	"  sent_time INTEGER,"
	"  ref INTEGER NOT NULL,"
	"  total INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  received_at INTEGER NOT NULL,"
	"  message_id INTEGER REFERENCES messages(id) ON DELETE CASCADE);"
	"CREATE INDEX parts_open ON parts(message_id, sender, ref, total);"
	"CREATE TABLE contacts ("
	"  number TEXT PRIMARY KEY,"
	"  lang TEXT,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL);"
	"CREATE TABLE sessions ("
	"  number TEXT PRIMARY KEY REFERENCES contacts(number) ON DELETE CASCADE,"
	"  path TEXT NOT NULL,"
	"  awaiting_language INTEGER NOT NULL DEFAULT 0,"
	"  updated_at INTEGER NOT NULL);"
	"CREATE TABLE help_requests ("
	"  id INTEGER PRIMARY KEY,"
	"  number TEXT NOT NULL,"
	"  lang TEXT,"
	"  topic TEXT,"
	"  message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,"
	"  conversation TEXT NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'open',"
	"  created_at INTEGER NOT NULL,"
	"  closed_at INTEGER);"
	"CREATE INDEX help_open ON help_requests(status, created_at);"
	"CREATE TABLE content_versions ("
	"  id INTEGER PRIMARY KEY,"
	"  hash TEXT NOT NULL UNIQUE,"
	"  loaded_at INTEGER NOT NULL);",
	/* 2: the deadline calculator, reminders, STOP */
	"ALTER TABLE contacts ADD COLUMN nationality TEXT;"
	"ALTER TABLE contacts ADD COLUMN entry_day INTEGER;"
	"ALTER TABLE contacts ADD COLUMN opted_out INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE sessions ADD COLUMN pending TEXT NOT NULL DEFAULT '';"
	"CREATE TABLE reminders ("
	"  id INTEGER PRIMARY KEY,"
	"  number TEXT NOT NULL REFERENCES contacts(number) ON DELETE CASCADE,"
	"  due_at INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,"
	"  status TEXT NOT NULL DEFAULT 'scheduled',"
	"  created_at INTEGER NOT NULL,"
	"  sent_at INTEGER);"
	"CREATE INDEX reminders_due ON reminders(status, due_at);",
	/* 3: triage and the staff desk */
	"ALTER TABLE help_requests ADD COLUMN category TEXT;"
	"ALTER TABLE help_requests ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE help_requests ADD COLUMN claimed_by TEXT;"
	"ALTER TABLE help_requests ADD COLUMN first_reply_at INTEGER;"
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  request_id INTEGER REFERENCES help_requests(id) ON DELETE CASCADE,"
	"  who TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  detail TEXT,"
	"  at INTEGER NOT NULL);"
	"CREATE TABLE notes ("
	"  id INTEGER PRIMARY KEY,"
	"  request_id INTEGER NOT NULL REFERENCES help_requests(id)"
	"    ON DELETE CASCADE,"
	"  who TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  at INTEGER NOT NULL);",
	/* 4: on-call alerts and their escalation */
	"CREATE TABLE alerts ("
	"  id INTEGER PRIMARY KEY,"
	"  request_id INTEGER NOT NULL REFERENCES help_requests(id)"
	"    ON DELETE CASCADE,"
	"  staff TEXT NOT NULL,"
	"  sent_at INTEGER NOT NULL,"
	"  acked_at INTEGER,"
	"  escalated INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX alerts_request ON alerts(request_id, id);",
	/* 5: what is kept when messages are erased or purged */
	"CREATE TABLE tallies ("
	"  day TEXT NOT NULL,"
	"  dir TEXT NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  PRIMARY KEY (day, dir));"
	"CREATE INDEX messages_created ON messages(created_at);",
	/* 6: a secret salt for pseudonyms in exports */
	"CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"INSERT INTO settings VALUES ('pseudonym_salt', hex(randomblob(16)));",
	/* 7: never wedged, never silent.  Every column a delete or a lookup
	 * goes through has an index (a purge or an erase scanned whole
	 * tables for the rows pointing at each message); the queues have a
	 * priority and a round (urgent first, one reply per person per
	 * round); failing steps count their tries and keep their reason. */
	"CREATE INDEX messages_reply_to ON messages(in_reply_to);"
	"CREATE INDEX messages_number_dir ON messages(number, dir, created_at,"
	"  status);"
	"ALTER TABLE messages ADD COLUMN priority INTEGER;"
	"ALTER TABLE messages ADD COLUMN round INTEGER;"
	"CREATE INDEX messages_queue ON messages(dir, status, priority, round,"
	"  id);"
	"CREATE INDEX help_message ON help_requests(message_id);"
	"CREATE INDEX help_number ON help_requests(number, status);"
	"ALTER TABLE help_requests ADD COLUMN updated_at INTEGER;"
	"ALTER TABLE help_requests ADD COLUMN alert_tries INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE help_requests ADD COLUMN alert_error TEXT;"
	"CREATE INDEX reminders_message ON reminders(message_id);"
	"CREATE INDEX reminders_number ON reminders(number);"
	"ALTER TABLE reminders ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE reminders ADD COLUMN error TEXT;"
	"CREATE INDEX notes_request ON notes(request_id);"
	"CREATE INDEX audit_request ON audit(request_id);"
	"CREATE INDEX parts_sender ON parts(sender, ref, total);"
	"ALTER TABLE contacts ADD COLUMN limit_notice_at INTEGER;",
	/* 8: secrets that hold.  Wrong staff PINs are counted per phone and
	 * lock it for a while; pseudonyms are keyed with a 32-byte secret
	 * that never leaves the database. */
	"CREATE TABLE staff_lockouts ("
	"  phone TEXT PRIMARY KEY,"
	"  failures INTEGER NOT NULL DEFAULT 0,"
	"  locked_until INTEGER NOT NULL DEFAULT 0);"
	"INSERT INTO settings VALUES ('pseudonym_key', hex(randomblob(32)));",
	/* 9: erasure that holds.  The staff SMS about a case (alerts and
	 * answers start "#id", commands name it: staff_request(), store.c)
	 * and erase confirmations are found by an index; those left behind
	 * by erasures before this version go (counted first).  The unkeyed
	 * salt is unused: pseudonyms are keyed with the secret of 8.  What
	 * the deadline calculator asked is kept only while its question is
	 * open, and a sent reminder keeps no text. */
	"CREATE INDEX messages_staff_alert ON messages(id)"
	"  WHERE node = 'staff-alert';"
	"CREATE INDEX messages_confirmation ON messages(done_at)"
	"  WHERE node = 'deleted';"
	"CREATE TEMP TABLE orphans AS SELECT id FROM messages WHERE"
	"  (node = 'staff-alert' AND dir = 'out' AND text GLOB '#[0-9]*' AND"
	"  CAST(substr(text, 2) AS INTEGER) NOT IN (SELECT id FROM help_requests))"
	"  OR (dir = 'in' AND status = 'staff' AND staff_request(text) NOT IN"
	"  (SELECT id FROM help_requests));"
	"INSERT INTO tallies (day, dir, n) SELECT date(created_at, 'unixepoch'),"
	"  dir, count(*) FROM messages WHERE id IN (SELECT id FROM orphans)"
	"  GROUP BY 1, 2 ON CONFLICT(day, dir) DO UPDATE SET n = n + excluded.n;"
	"DELETE FROM messages WHERE id IN (SELECT id FROM orphans);"
	"DROP TABLE orphans;"
	"UPDATE contacts SET entry_day = NULL, nationality = CASE WHEN number IN"
	"  (SELECT number FROM sessions WHERE pending = 'entry_date') THEN"
	"  nationality END WHERE nationality IS NOT NULL OR"
	"  entry_day IS NOT NULL;"
	"UPDATE reminders SET text = '' WHERE status = 'sent';"
	"DELETE FROM settings WHERE key = 'pseudonym_salt';",
	/* 10: messages_queue (dir, status, priority, round, id) serves
	 * every lookup messages_pending (dir, status, id) served; one index
	 * fewer to rewrite at each change of a message's status. */
	"DROP INDEX IF EXISTS messages_pending;",
	/* 11: the deadline calculator's answers to its own questions ("do
	 * you have a written work contract?"), kept with the session and,
	 * like the citizenship, only while one of its questions is open. */
	"ALTER TABLE sessions ADD COLUMN answers TEXT NOT NULL DEFAULT '';",
	/* 12: messages the helpline did not understand, for staff to say
	 * what they should have reached (yordamctl unmatched); gone with
	 * the message (an erasure, the retention purge). */
	"CREATE TABLE unmatched ("
	"  message_id INTEGER PRIMARY KEY REFERENCES messages(id)"
	"    ON DELETE CASCADE,"
	"  reason TEXT NOT NULL,"
	"  lang TEXT,"
	"  label TEXT,"
	"  marked_by TEXT,"
	"  marked_at INTEGER,"
	"  created_at INTEGER NOT NULL);",
	/* 13: staff and the person in one conversation.  A staff reply
	 * names who sent it; a request knows where its thread starts (the
	 * messages before the help word), whether the person is talking
	 * with staff (conversing: their messages join the thread instead of
	 * going to the menus), when each side last wrote and which one did
	 * last (times can tie within a second), when the person
	 * was told "staff will answer" and staff "new message", and which
	 * notice the person is owed ('closed', 'expired'). */
	"ALTER TABLE messages ADD COLUMN staff TEXT;"
	"ALTER TABLE help_requests ADD COLUMN first_message_id INTEGER;"
	"ALTER TABLE help_requests ADD COLUMN conversing INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE help_requests ADD COLUMN last_in_at INTEGER;"
	"ALTER TABLE help_requests ADD COLUMN last_staff_at INTEGER;"
	"ALTER TABLE help_requests ADD COLUMN last_from TEXT;"
	"ALTER TABLE help_requests ADD COLUMN told_wait_at INTEGER;"
	"ALTER TABLE help_requests ADD COLUMN notified_at INTEGER;"
	"ALTER TABLE help_requests ADD COLUMN notice_due TEXT;"
	"UPDATE help_requests SET first_message_id = message_id,"
	"  last_in_at = created_at, last_staff_at = first_reply_at;"
	"CREATE INDEX help_conversing ON help_requests(conversing)"
	"  WHERE conversing OR notice_due IS NOT NULL;",
	/* 14: the staff console's accounts and sessions (accounts.h).  A
	 * password is kept as its argon2id hash, a session token as its
	 * BLAKE2b hash keyed with a 32-byte secret of its own that never
	 * leaves the database; wrong passwords are counted per account and
	 * lock it for a while.  A session goes with its account.  Nothing
	 * here is about a migrant: erasure and retention leave it alone. */
	"CREATE TABLE accounts ("
	"  name TEXT PRIMARY KEY COLLATE NOCASE,"
	"  hash TEXT NOT NULL,"
	"  role TEXT NOT NULL CHECK (role IN ('staff','admin')),"
	"  lang TEXT NOT NULL DEFAULT 'ru' CHECK (lang IN ('ru','en')),"
	"  failures INTEGER NOT NULL DEFAULT 0,"
	"  locked_until INTEGER NOT NULL DEFAULT 0,"
	"  created_at INTEGER NOT NULL,"
	"  password_at INTEGER NOT NULL);"
	"CREATE TABLE web_sessions ("
	"  token_hash TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL REFERENCES accounts(name) ON DELETE CASCADE,"
	"  csrf TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  expires_at INTEGER NOT NULL,"
	"  seen_at INTEGER NOT NULL);"
	"CREATE INDEX web_sessions_expires ON web_sessions(expires_at);"
	"CREATE INDEX web_sessions_name ON web_sessions(name);"
	"INSERT OR IGNORE INTO settings VALUES ('session_key',"
	"  hex(randomblob(32)));",
	/* 15: the modems' health, recorded every minute for `yordamctl
	 * status`, the console and the alarms: the line as the modem reports
	 * it, since when it is (or is not) on a network, the prepaid balance
	 * read by USSD.  About the helpline's own SIMs, never a migrant. */
	"CREATE TABLE modem_health ("
	"  name TEXT PRIMARY KEY,"
	"  connected INTEGER NOT NULL,"
	"  model TEXT,"
	"  sim TEXT,"
	"  registered INTEGER,"
	"  roaming INTEGER,"
	"  operator TEXT,"
	"  signal INTEGER,"
	"  storage_used INTEGER,"
	"  storage_total INTEGER,"
	"  last_read_at INTEGER,"
	"  last_send_at INTEGER,"
	"  errors_in_row INTEGER NOT NULL DEFAULT 0,"
	"  blocked TEXT,"
	"  unregistered_since INTEGER,"
	"  balance_text TEXT,"
	"  balance REAL,"
	"  balance_at INTEGER,"
	"  updated_at INTEGER NOT NULL);",
	/* 16: several modems.  A message remembers the modem it came
	 * through, and a reply goes back through it (same operator,
	 * cheaper) unless released to any (NULL) when that modem is out of
	 * service; an outbound row names the modem that took it to send. */
	"ALTER TABLE messages ADD COLUMN modem TEXT;"
	"ALTER TABLE modem_health ADD COLUMN out_until INTEGER;",
	/* 17: delivery reports (the Kannel transport): what the network
	 * last said of a reply that left, and when. */
	"ALTER TABLE messages ADD COLUMN delivery TEXT;"
	"ALTER TABLE messages ADD COLUMN delivery_at INTEGER;"
	/* the replies still waiting for their first report, by when they
	 * left: a reply leaves it at its first report */
	"CREATE INDEX messages_unreported ON messages(done_at) WHERE"
	" dir = 'out' AND status = 'sent' AND delivery IS NULL;",
	/* 18: the replies of each content version (content history), and
	 * the foreign key's check when a version is added: without it
	 * every load read every message ever kept (tests/plans.sh) */
	"CREATE INDEX messages_version ON messages(content_version, dir)"
	" WHERE content_version IS NOT NULL;",
};

const int store_n_migrations =
	(int)(sizeof store_migrations / sizeof store_migrations[0]);
