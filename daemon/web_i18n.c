/*
 * web_i18n.c - the console's words in Russian, chosen per account
 * (staff in Kazakhstan read Russian; English is the other choice).
 *
 * A page names its text in English; web_t() gives the account's
 * language (web_t_n() a counted word, with Russian's three plural
 * forms).  A text missing here is shown in English rather than not at
 * all, and tests/e2e/web.sh checks that the pages it visits in Russian
 * have no English left in their navigation.
 */
#include <string.h>

#include "web.h"

static const struct { const char *en, *ru; } words[] = {
	{ "Queue", "Очередь" },
	{ "Search", "Поиск" },
	{ "Status", "Состояние" },
	{ "Content", "Тексты" },
	{ "Statistics", "Статистика" },
	{ "Accounts", "Сотрудники" },
	{ "Settings", "Настройки" },
	{ "Log out", "Выйти" },
	{ "Log in", "Войти" },
	{ "Name", "Имя" },
	{ "Password", "Пароль" },
	{ "Refused", "Отказано" },
	{ "Back to the queue", "Назад к очереди" },
	{ "Log in first.", "Сначала войдите." },
	{ "This form is out of date (its security token does not match): open"
		" the page again and repeat.", "Форма устарела (её защитный"
		" ключ не совпадает): откройте страницу заново и повторите." },
	{ "This form is out of date (its security token does not match): log"
		" in again.", "Форма устарела (её защитный ключ не совпадает):"
		" войдите снова." },
	{ "This account is locked after too many wrong passwords. Try again"
		" later, or ask an admin to unlock it.", "Учётная запись"
		" заблокирована после многих неверных паролей. Попробуйте позже"
		" или попросите администратора разблокировать её." },
	{ "Wrong name or password.", "Неверное имя или пароль." },
	{ "No such page.", "Такой страницы нет." },
	{ "No such request.", "Такого запроса нет." },
	{ "URGENT", "СРОЧНО" },
	{ "Urgent", "Срочно" },
	{ "Language", "Язык" },
	{ "Topic", "Тема" },
	{ "Since", "С" },
	{ "Claimed by", "Взял" },
	{ "Unread", "Новых" },
	{ "Last message", "Последнее сообщение" },
	{ "All open", "Все открытые" },
	{ "Mine", "Мои" },
	{ "Phone", "Телефон" },
	{ "Opened", "Открыт" },
	{ "open", "открыт" },
	{ "claimed", "в работе" },
	{ "closed", "закрыт" },
	{ "sent", "отправлено" },
	{ "queued", "в очереди" },
	{ "sending", "отправляется" },
	{ "failed", "не отправлено" },
	{ "held", "задержано" },
	{ "note", "заметка" },
	{ "audit", "журнал" },
	{ "Take over", "Забрать себе" },
	{ "Claim", "Взять" },
	{ "Close", "Закрыть" },
	{ "Reopen", "Открыть снова" },
	{ "History of this person", "История этого человека" },
	{ "Template", "Шаблон" },
	{ "in Latin letters", "латиницей" },
	{ "send even if long", "отправить, даже если длинно" },
	{ "Send SMS", "Отправить SMS" },
	{ "Add note", "Добавить заметку" },
	{ "Someone else has claimed this request; use Take over.", "Этот"
		" запрос взял другой сотрудник; нажмите «Забрать себе»." },
	{ "The reply is empty.", "Ответ пустой." },
	{ "The reply is not valid text.", "Ответ не является текстом." },
	{ "Not sent: the reply takes more SMS parts than allowed; shorten it"
		" or tick \"send even if long\".", "Не отправлено: ответ"
		" длиннее разрешённого числа частей SMS; сократите его или"
		" отметьте «отправить, даже если длинно»." },
	{ "Requests per day, by language", "Запросы по дням, по языкам" },
	{ "Requests per day, by urgent category (- = not urgent)", "Запросы"
		" по дням, по срочным категориям (- = не срочно)" },
	{ "Minutes to the first staff reply, by language", "Минут до первого"
		" ответа сотрудника, по языкам" },
	{ "requests", "запросов" },
	{ "minutes", "минут" },
	{ "Incoming, waiting", "Входящие ждут" },
	{ "Incoming, set aside after failing", "Входящие отложены после"
		" ошибок" },
	{ "Outgoing, waiting", "Исходящие ждут" },
	{ "Outgoing, failed", "Исходящие не отправлены" },
	{ "Outgoing, held by limits", "Исходящие задержаны лимитами" },
	{ "Requests open", "Открытых запросов" },
	{ "Requests urgent", "Срочных запросов" },
	{ "Alerts that could not be sent", "Не отправленных вызовов" },
	{ "Reminders scheduled", "Запланировано напоминаний" },
	{ "Reminders failed", "Напоминаний не отправлено" },
	{ "Content version", "Версия текстов" },
	{ "Last SMS received", "Последнее SMS получено" },
	{ "connected", "подключён" },
	{ "not connected", "НЕ подключён" },
	{ "no network", "нет сети" },
	{ "Last SMS sent", "Последнее SMS отправлено" },
	{ "to verify", "проверить юристу" },
	{ "not reviewed", "не проверено носителем" },
	{ "The content did not load; `yordamctl check` says why.", "Тексты"
		" не загрузились; причину покажет `yordamctl check`." },
	{ "Only an admin may see this.", "Это видит только администратор." },
	{ "locked", "заблокирован" },
	{ "unlock", "разблокировать" },
	{ "remove", "удалить" },
	{ "Add an account, or set a new password", "Добавить сотрудника или"
		" задать новый пароль" },
	{ "Role", "Роль" },
	{ "Add", "Добавить" },
	{ "Set password", "Задать пароль" },
	{ "Current password", "Текущий пароль" },
	{ "New password (or empty)", "Новый пароль (или пусто)" },
	{ "Save", "Сохранить" },
	{ "The current password is wrong.", "Текущий пароль неверен." },
	{ "No such action.", "Такого действия нет." },
	{ "Try a conversation", "Попробовать разговор" },
	{ "Type what a person would send: the replies are those of the content"
		" loaded now. Nothing is sent and nothing is stored.",
		"Напишите то, что прислал бы человек: ответы даёт текущая"
		" загруженная версия текстов. Ничего не отправляется и не"
		" сохраняется." },
	{ "drafts offered", "с черновиками" },
	{ "earlier turns not shown", "прежних шагов не показано" },
	{ "The person's message", "Сообщение человека" },
	{ "Start in", "Начать на языке" },
	{ "the language the engine chooses", "язык выберет система" },
	{ "offer drafts", "предлагать черновики" },
	{ "Send", "Отправить" },
	{ "New person", "Новый человек" },
	{ "not valid UTF-8", "не UTF-8" },
	{ "urgent", "срочно" },
	{ "a person is asked for", "зовут сотрудника" },
	{ "not understood", "не понято" },
	{ "a reminder would be set", "было бы назначено напоминание" },
	{ "everything about this number would be erased", "всё об этом"
		" номере было бы стёрто" },
	{ "no reply", "нет ответа" },
	{ "language", "язык" },
	{ "not chosen", "не выбран" },
	{ "No such language in this content.", "Такого языка в текстах"
		" нет." },
	{ "The message is empty.", "Сообщение пустое." },
	{ "The message is too long for a try (over 1000 bytes).", "Сообщение"
		" слишком длинное для пробы (больше 1000 байт)." },
	{ "The content with drafts did not load; `yordamctl check` says why.",
		"Тексты с черновиками не загрузились; причину покажет"
		" `yordamctl check`." },
};

const char *
web_t(const struct web_req *r, const char *english)
{
	size_t i;

	if (!english || strcmp(r->lang, "ru") != 0)
		return english;
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(words[i].en, english) == 0)
			return words[i].ru;
	return english;
}

/* Counted words: English one/many; Russian one (1, 21, ...), few (2-4,
 * 22-24, ...) and many (5-20, 25-30, ...). */
static const struct { const char *en1, *en, *ru1, *ru2, *ru5; } counted[] = {
	{ "SMS part", "SMS parts", "часть SMS", "части SMS", "частей SMS" },
	{ "character", "characters", "символ", "символа", "символов" },
};

const char *
web_t_n(const struct web_req *r, long n, const char *one, const char *many)
{
	int ru = r->lang && strcmp(r->lang, "ru") == 0;
	long m10 = n % 10, m100 = n % 100;
	size_t i;

	for (i = 0; ru && i < sizeof counted / sizeof counted[0]; i++) {
		if (strcmp(counted[i].en1, one) != 0)
			continue;
		if (m10 == 1 && m100 != 11)
			return counted[i].ru1;
		if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14))
			return counted[i].ru2;
		return counted[i].ru5;
	}
	return n == 1 ? one : many;
}
