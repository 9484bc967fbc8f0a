"""Librarian sessions and the failed-login slow-down.

Sessions: a login lasts a working day at most and ends after two idle hours; logout, a
password change and removing the account end every cookie saved before them (also when
the account is added again); the cookie is Secure over https, also behind a proxy.
Throttling: failures count where every worker sees them (two apps on one instance
folder stand in for two gunicorn workers), per account, per address and site-wide, for
the form login and the Basic-auth API alike, in a table that stays small.
"""
from __future__ import annotations

import json
import sqlite3
import time

import pytest

from tests.librarian_support import (PASSWORD, TOKEN_RE, app, basic, client,  # noqa: F401
                                     csrf_token, logged_in, login)
from webapp import create_app

HOUR = 3600.0
WRONG = "nope nope nope"


class FakeClock:
    """time.time for Flask's signed cookies and the session checks, moved by hand."""

    def __init__(self):
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(time, "time", fake)
    return fake


def replay(app, cookie_value: str):
    """A new browser holding a copy of a session cookie saved earlier."""
    thief = app.test_client()
    thief.set_cookie("session", cookie_value)
    return thief


def logout(client):
    token = csrf_token(client, "/librarian/add")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302


def second_worker(app, **settings):
    """Another app on the same folders: what a second gunicorn worker is."""
    return create_app({**{key: app.config[key] for key in (
        "TESTING", "SECRET_KEY", "ARCHIVO_CORPUS_DIR", "ARCHIVO_INDEX_DIR",
        "ARCHIVO_INSTANCE_DIR")}, **settings})


# Sessions ------------------------------------------------------------------------------

def test_a_cookie_saved_before_logout_opens_nothing_after_it(app, logged_in):
    saved = logged_in.get_cookie("session").value
    assert replay(app, saved).get("/librarian/add").status_code == 200
    logout(logged_in)
    assert replay(app, saved).get("/librarian/add").status_code == 302
    assert login(logged_in, "ana", PASSWORD).status_code == 302      # a new login works
    assert logged_in.get("/librarian/add").status_code == 200


def test_logout_in_one_worker_ends_the_session_in_the_other(app, logged_in):
    saved = logged_in.get_cookie("session").value
    other = second_worker(app)
    assert replay(other, saved).get("/librarian/add").status_code == 200
    logout(logged_in)
    assert replay(other, saved).get("/librarian/add").status_code == 302


def test_a_password_change_ends_the_accounts_sessions(app, logged_in):
    saved = logged_in.get_cookie("session").value
    result = app.test_cli_runner().invoke(
        args=["librarian", "password", "ana", "--password-stdin"], input="a brand new secret\n")
    assert result.exit_code == 0, result.output
    assert replay(app, saved).get("/librarian/add").status_code == 302
    fresh = app.test_client()
    assert login(fresh, "ana", PASSWORD).status_code == 401
    assert login(fresh, "ana", "a brand new secret").status_code == 302


def test_re_adding_a_removed_account_does_not_revive_its_old_cookies(app, logged_in):
    saved = logged_in.get_cookie("session").value
    app.extensions["accounts"].remove("ana")
    app.extensions["accounts"].add("ana", PASSWORD)
    assert replay(app, saved).get("/librarian/add").status_code == 302


def test_an_account_file_from_before_generations_still_works(app, client):
    accounts = app.extensions["accounts"]
    stored = json.loads(accounts.path.read_text())
    del stored["librarians"]["ana"]["session_generation"]
    accounts.path.write_text(json.dumps(stored))
    assert login(client, "ana", PASSWORD).status_code == 302
    saved = client.get_cookie("session").value
    assert client.get("/librarian/add").status_code == 200
    logout(client)
    assert replay(app, saved).get("/librarian/add").status_code == 302


def test_a_session_ends_after_two_idle_hours(app, client, clock):
    assert login(client, "ana", PASSWORD).status_code == 302
    for _ in range(2):                      # in use: each visit starts a new two hours
        clock.now += 1.9 * HOUR
        assert client.get("/librarian/add").status_code == 200
    saved = client.get_cookie("session").value
    clock.now += 2.1 * HOUR
    assert client.get("/librarian/add").status_code == 302
    assert replay(app, saved).get("/librarian/add").status_code == 302


def test_a_session_lasts_a_working_day_however_busy(client, clock):
    assert login(client, "ana", PASSWORD).status_code == 302
    for _ in range(6):                      # nine busy hours
        clock.now += 1.5 * HOUR
        assert client.get("/librarian/add").status_code == 200
    clock.now += 1.5 * HOUR                 # ten and a half hours after the login
    assert client.get("/librarian/add").status_code == 302


def https_login(client, headers=(), **kwargs):
    # Over https Flask-WTF also wants a same-site Referer, as a browser sends.
    headers = {"Referer": "https://localhost/login", **dict(headers)}
    page = client.get("/login", headers=headers, **kwargs).get_data(as_text=True)
    return client.post("/login", data={"name": "ana", "password": PASSWORD,
                                       "csrf_token": TOKEN_RE.search(page).group(1)},
                       headers=headers, **kwargs)


def test_the_cookie_is_secure_over_https_and_only_then(client):
    response = https_login(client, base_url="https://localhost")
    assert response.status_code == 302
    assert "Secure" in response.headers["Set-Cookie"]
    plain = login(client.application.test_client(), "ana", PASSWORD)
    assert "Secure" not in plain.headers["Set-Cookie"]


def test_behind_a_proxy_the_forwarded_https_makes_the_cookie_secure(app):
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    direct = https_login(app.test_client(), headers=forwarded)
    assert "Secure" not in direct.headers["Set-Cookie"]      # a client cannot claim https
    proxied = second_worker(app, ARCHIVO_BEHIND_PROXY=1)
    response = https_login(proxied.test_client(), headers=forwarded)
    assert response.status_code == 302
    assert "Secure" in response.headers["Set-Cookie"]


# Throttling ----------------------------------------------------------------------------

def test_failures_in_one_worker_count_in_the_other(app, client):
    for _ in range(4):                      # three free failures, the fourth locks ana
        assert login(client, "ana", WRONG).status_code == 401
    other = second_worker(app).test_client()
    assert login(other, "ana", PASSWORD).status_code == 429


def test_the_basic_auth_api_shares_the_counters_with_the_form(app, client):
    for _ in range(4):
        assert client.post("/api/documents", headers=basic("ana", WRONG)).status_code == 401
    other = second_worker(app).test_client()
    assert login(other, "ana", PASSWORD).status_code == 429
    assert other.post("/api/documents", headers=basic()).status_code == 429


ADDRESSES = {
    "one address": lambda i: "198.51.100.7",
    "new loopback addresses": lambda i: f"127.0.{i // 250}.{i % 250 + 1}",
    "new addresses in one IPv6 /64": lambda i: f"2001:db8:0:7::{i + 1:x}",
}


@pytest.mark.parametrize("address", ADDRESSES.values(), ids=ADDRESSES.keys())
def test_spraying_many_names_from_one_client_is_slowed(app, client, address):
    app.extensions["login_throttle"].clock = lambda: 5000.0        # no lock ever expires
    token = csrf_token(client)
    answers = [client.post("/login", data={"name": f"guess{i}", "password": WRONG,
                                           "csrf_token": token},
                           environ_base={"REMOTE_ADDR": address(i)}).status_code
               for i in range(40)]
    # Ten free failures for one client, the eleventh locks it: the rest wait.
    assert answers == [401] * 11 + [429] * 29


def test_spraying_from_many_addresses_meets_the_site_wide_limit(app):
    app = second_worker(app, ARCHIVO_LOGIN_SITE_FREE=20, WTF_CSRF_ENABLED=False)
    app.extensions["login_throttle"].clock = lambda: 5000.0
    client = app.test_client()
    answers = [client.post("/login", data={"name": f"guess{i}", "password": WRONG},
                           environ_base={"REMOTE_ADDR": f"10.0.{i}.1"}).status_code
               for i in range(30)]
    assert answers == [401] * 21 + [429] * 9


def test_the_counters_stay_small_whatever_the_names(tmp_path):
    from webapp.throttle import LOCKOUT_MAX, LoginThrottle
    path = tmp_path / "throttle.sqlite3"
    now = [1000.0]
    throttle = LoginThrottle(path, clock=lambda: now[0], max_rows=50)
    huge = "x" * 450_000
    for i in range(400):                     # new 450 kB names from new addresses
        throttle.failed(throttle.keys(f"{huge}{i}", f"10.1.{i // 200}.{i % 200}"))
        now[0] += 0.5
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT key FROM failures").fetchall()
    assert len(rows) <= 50
    assert max(len(key) for (key,) in rows) <= 64
    assert path.stat().st_size < 200_000
    for _ in range(3000):                    # a key failing for days: the lock stays capped
        throttle.failed(throttle.keys("ana", "10.2.0.1"))
        now[0] += 60
    assert 0 < throttle.wait_seconds(throttle.keys("ana", "10.2.0.1")) <= LOCKOUT_MAX
    now[0] += LOCKOUT_MAX + 1
    assert throttle.wait_seconds(throttle.keys("ana", "10.2.0.1")) == 0
