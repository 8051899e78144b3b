#!/usr/bin/python3
# console.py - the staff console in a real browser (issue 19): headless
# Chromium driven through Selenium against yordam-web on 127.0.0.1, with
# yordamd answering SMS dropped into Gammu's dummy phone.  Started by
# tests/e2e/web.sh, which sets the environment below; prints TAP lines
# ("ok" / "not ok") for it to count.
#
#   WEB_URL, YORDAM_DB, PHONE_DIR, INJECT, SHOTS (optional: where to save
#   screenshots of the queue, a thread and a try of a conversation)
import os
import sqlite3
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

URL = os.environ["WEB_URL"]
DB = os.environ["YORDAM_DB"]
PHONE = os.environ["PHONE_DIR"]
INJECT = os.environ["INJECT"]
SHOTS = os.environ.get("SHOTS")
n = 0


def ok(cond, desc):
    global n
    n += 1
    print(("ok" if cond else "not ok") + " %d - %s" % (n, desc), flush=True)
    return cond


def sql(q, *args):
    con = sqlite3.connect("file:%s?mode=ro" % DB, uri=True, timeout=5)
    try:
        return con.execute(q, args).fetchall()
    finally:
        con.close()


def inject(number, text, when):
    subprocess.run([INJECT, PHONE, number, text, "--date", when], check=True)


def wait_for(fn, seconds=20):
    end = time.time() + seconds
    while time.time() < end:
        try:
            if fn():
                return True
        except Exception:
            pass
        time.sleep(0.25)
    return False


def browser(width=1100, height=900):
    opts = Options()
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu",
              "--disable-dev-shm-usage", "--window-size=%d,%d" % (width, height)):
        opts.add_argument(a)
    opts.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def replaced(page):
    """True once page is no longer the document: stale, or (newer
    chromedriver, mid-navigation) any error about the node."""
    def check(_):
        try:
            page.is_enabled()
            return False
        except Exception:
            return True
    return check


def log_in(d, name, password):
    d.get(URL + "/login")
    WebDriverWait(d, 30).until(lambda x: x.find_elements(By.ID, "name"))
    d.find_element(By.ID, "name").send_keys(name)
    d.find_element(By.ID, "password").send_keys(password)
    page = d.find_element(By.TAG_NAME, "html")
    d.find_element(By.ID, "login").click()
    WebDriverWait(d, 30).until(replaced(page))


def main():
    d = browser()
    alerts = []
    try:
        log_in(d, "aigerim", "correct horse battery")
        ok(d.find_elements(By.ID, "logout"), "log in: the queue, with a way out")
        ok("Очередь" in d.title, "  in the account's language (Russian)")

        # An urgent SMS dropped into the phone appears on the open queue
        # page by itself (the page refreshes its rows).
        inject("+77095000001", "меня избили на стройке, помогите", "20261124T100000")
        seen = wait_for(lambda: "меня избили" in d.find_element(By.ID, "queue-rows").text, 30)
        ok(seen, "an urgent SMS appears on the open queue page by itself")
        row = [tr for tr in d.find_elements(By.CSS_SELECTOR, "#queue-rows tr")
               if "меня избили" in tr.text][0]
        ok("urgent" in row.get_attribute("class"), "  its row is marked urgent")
        ok("СРОЧНО" in row.text, "  marked urgent, first")
        if SHOTS:
            d.save_screenshot(os.path.join(SHOTS, "console-queue.png"))
        rid = sql("SELECT id FROM help_requests WHERE number='+77095000001'")[0][0]

        # Claim, then reply: the counter shows parts and coding as typed.
        row.find_element(By.TAG_NAME, "a").click()
        d.find_element(By.ID, "claim").click()
        ok(wait_for(lambda: sql("SELECT claimed_by FROM help_requests WHERE id=?", rid)[0][0] == "aigerim", 5),
           "claim: the request is the staff member's")
        wait_for(lambda: not d.find_elements(By.ID, "claim"), 5)
        box = d.find_element(By.ID, "reply-text")
        box.send_keys("Здравствуйте! Где вы сейчас? Вы в безопасности?")
        counter = d.find_element(By.ID, "reply-count").text
        ok("1 SMS" in counter and "UCS-2" in counter, "the reply box counts SMS parts and shows the coding: " + counter)
        box.send_keys(" Мы поможем." * 12)
        counter = d.find_element(By.ID, "reply-count").text
        ok("UCS-2" in counter and not counter.startswith("1 SMS"), "  and recounts as it grows: " + counter)
        box.clear()
        box.send_keys("Здравствуйте! Где вы сейчас? Вы в безопасности?")
        d.find_element(By.ID, "send").click()
        ok(wait_for(lambda: sql("SELECT count(*) FROM messages WHERE node='staff' AND number='+77095000001'")[0][0] == 1, 5),
           "reply: the SMS is in the outbox, from aigerim")
        ok(wait_for(lambda: "Где вы сейчас?" in d.find_element(By.ID, "thread").text, 5), "  and in the thread")

        # The person answers: it joins the thread, no robot reply.
        inject("+77095000001", "Алматы, стройка на Абая", "20261124T100500")
        ok(wait_for(lambda: "стройка на Абая" in d.find_element(By.ID, "thread").text, 30),
           "the person's answer appears in the thread by itself")
        if SHOTS:
            d.save_screenshot(os.path.join(SHOTS, "console-thread.png"))

        # Templates in the person's language.
        opts = d.find_elements(By.CSS_SELECTOR, "#template option")
        ok(len(opts) >= 7, "templates are offered (%d)" % len(opts))

        # A migrant's <script> is shown as text.
        inject("+77095000002", "<script>alert('x')</script> yordam kerak", "20261124T101000")
        d.get(URL + "/")
        ok(wait_for(lambda: "<script>alert('x')</script>" in d.find_element(By.ID, "queue-rows").text, 30),
           "a <script> in an SMS is shown as text on the queue")
        try:
            d.switch_to.alert.dismiss()
            alerts.append(1)
        except Exception:
            pass
        ok(not alerts, "  and never runs")
        ok(not d.find_elements(By.XPATH, "//script[contains(., 'alert')]"), "  no such script element")

        # Close; the note; the status and content pages load.
        d.get(URL + "/r/%d" % rid)
        d.find_element(By.ID, "note-text").send_keys("позвонили в приют")
        d.find_element(By.ID, "add-note").click()
        ok(wait_for(lambda: "позвонили в приют" in d.find_element(By.ID, "thread").text, 5), "a note is in the thread")
        d.find_element(By.ID, "close").click()
        ok(wait_for(lambda: sql("SELECT status FROM help_requests WHERE id=?", rid)[0][0] == "closed", 5), "close")
        d.get(URL + "/status")
        ok(d.find_elements(By.ID, "status-table"), "the status page")
        d.get(URL + "/stats")
        ok(d.find_elements(By.CSS_SELECTOR, ".chart svg"), "statistics with charts (SVG) for an admin")
        d.get(URL + "/content")
        ok(d.find_elements(By.CSS_SELECTOR, "ul.map li"), "the content map")

        # Try a conversation on the content page: the engine in the
        # console's memory, nothing sent or stored.
        def counts():
            return sql("SELECT (SELECT count(*) FROM messages), (SELECT count(*) FROM contacts),"
                       " (SELECT count(*) FROM sessions)")[0]
        # yordamd may still be answering the SMS above: wait until still.
        def still():
            now = counts()
            time.sleep(1)
            return counts() == now
        wait_for(still, 20)
        before = counts()

        def say(text):
            page = d.find_element(By.TAG_NAME, "html")
            d.find_element(By.ID, "try-text").send_keys(text)
            d.find_element(By.ID, "try-send").click()
            WebDriverWait(d, 30).until(replaced(page))
            return d.find_element(By.ID, "try-chat").text
        page = d.find_element(By.TAG_NAME, "html")
        d.find_element(By.ID, "try-new").click()
        WebDriverWait(d, 30).until(replaced(page))
        ok(d.find_elements(By.ID, "try-chat") and not d.find_element(By.ID, "try-chat").text.strip(),
           "try: a new person, an empty conversation")
        say("salom")
        chat = say("1")
        ok("Raqamni tanlang" in chat and "1 часть SMS" in chat,
           "  salom, 1: the Uzbek home menu in 1 SMS part")
        chat = say("меня избили на работе")
        ok("срочно: " in chat and "зовут сотрудника" in chat, "  a Cyrillic urgent message: the urgent action")
        chat = say("<script>alert(1)</script>")
        ok("<script>alert(1)</script>" in chat, "  a <script> is shown as text")
        try:
            d.switch_to.alert.dismiss()
            alerts.append(1)
        except Exception:
            pass
        ok(not alerts and not d.find_elements(By.XPATH, "//script[contains(., 'alert')]"), "  and never runs")
        ok(counts() == before, "  the helpline's messages, contacts and sessions are untouched (%s, %s)"
           % (before, counts()))
        ok(sql("SELECT count(*) FROM messages WHERE text IN ('меня избили на работе', '<script>alert(1)</script>')")[0][0] == 0,
           "  no message of the try is in the database")
        d.set_window_size(360, 740)
        d.get(URL + "/content#try")
        width = d.execute_script("return document.getElementById('try').scrollWidth")
        ok(width <= 360, "  the try panel fits a 360-px-wide phone (%d px)" % width)
        if SHOTS:
            d.execute_script("document.getElementById('try-chat').scrollIntoView()")
            d.save_screenshot(os.path.join(SHOTS, "console-try-phone.png"))
            d.set_window_size(1100, 1400)
            d.get(URL + "/content#try")
            d.save_screenshot(os.path.join(SHOTS, "console-try.png"))
        d.set_window_size(1100, 900)

        # A phone-sized screen: no sideways scrolling on the queue.
        d.set_window_size(360, 740)
        d.get(URL + "/")
        width = d.execute_script("return document.documentElement.scrollWidth")
        ok(width <= 360, "the queue fits a 360-px-wide phone (%d px)" % width)
        if SHOTS:
            d.save_screenshot(os.path.join(SHOTS, "console-phone.png"))
        d.set_window_size(1100, 900)
        page = d.find_element(By.TAG_NAME, "html")
        d.find_element(By.ID, "logout").click()
        WebDriverWait(d, 30).until(replaced(page))
        ok(d.find_elements(By.ID, "login"), "log out: back at the login page")

        # Five wrong passwords lock the account; the right one then fails.
        for i in range(5):
            log_in(d, "timur", "wrong password %d" % i)
        log_in(d, "timur", "another good password")
        err = d.find_elements(By.ID, "login-error")
        ok(err and ("locked" in err[0].text or "заблокирована" in err[0].text),
           "five wrong passwords lock the account: " + (err[0].text if err else "no message"))
        ok(not d.find_elements(By.ID, "logout"), "  even the right password does not get in")
    finally:
        d.quit()
    print("1..%d" % n)


main()
