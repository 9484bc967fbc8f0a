"""Accounts: the CLI, hashed storage, login/logout, guards, CSRF, the failed-login slow-down."""
from __future__ import annotations

import json

from tests.librarian_support import PASSWORD, app, client, csrf_token, logged_in, login  # noqa: F401


def test_cli_add_list_remove_stores_only_a_salted_hash(app, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["librarian", "add", "Bea", "--password-stdin"],
                           input="a long enough secret\n")
    assert result.exit_code == 0, result.output
    assert "added librarian bea" in result.output
    stored = json.loads((tmp_path / "instance" / "librarians.json").read_text())
    entry = stored["librarians"]["bea"]
    assert "a long enough secret" not in json.dumps(stored)
    assert entry["password_hash"].startswith("scrypt:")
    assert (tmp_path / "instance" / "librarians.json").stat().st_mode & 0o077 == 0
    assert runner.invoke(args=["librarian", "list"]).output.split() == ["ana", "bea"]
    assert runner.invoke(args=["librarian", "remove", "bea"]).exit_code == 0
    assert runner.invoke(args=["librarian", "list"]).output.split() == ["ana"]


def test_cli_refuses_short_passwords_duplicates_and_unknown_names(app):
    runner = app.test_cli_runner()
    short = runner.invoke(args=["librarian", "add", "cy", "--password-stdin"], input="short\n")
    assert short.exit_code == 1 and "at least 8" in short.output
    again = runner.invoke(args=["librarian", "add", "ana", "--password-stdin"],
                          input="another long one\n")
    assert again.exit_code == 1 and "already" in again.output
    assert runner.invoke(args=["librarian", "remove", "nobody"]).exit_code == 1


def test_two_hashes_of_one_password_differ(app):
    accounts = app.extensions["accounts"]
    accounts.add("bea", PASSWORD)
    stored = json.loads(accounts.path.read_text())["librarians"]
    assert stored["ana"]["password_hash"] != stored["bea"]["password_hash"]


def test_pages_redirect_to_login_without_a_session(client):
    for path in ("/librarian/add", "/librarian/trash", "/librarian/activity",
                 "/librarian/documents/x/edit"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login?next=")


def test_researchers_pages_stay_public(client):
    assert client.get("/").status_code == 200
    assert client.get("/api/search?q=border").status_code == 200
    page = client.get("/").get_data(as_text=True)
    assert ">Librarian</a>" in page and "Log out" not in page


def test_login_sets_an_httponly_session_and_returns_to_next(client):
    response = login(client, "ana", PASSWORD, next_url="/librarian/trash")
    assert response.status_code == 302
    assert response.headers["Location"] == "/librarian/trash"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = client.get("/librarian/trash")
    assert page.status_code == 200
    assert "Log out" in page.get_data(as_text=True)


def test_login_never_redirects_off_site(client):
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        response = login(client, "ana", PASSWORD, next_url=target)
        assert response.headers["Location"] == "/"


def test_wrong_password_is_refused(client):
    response = login(client, "ana", "wrong password")
    assert response.status_code == 401
    assert "do not match" in response.get_data(as_text=True)
    assert client.get("/librarian/add").status_code == 302


def test_logout_ends_the_session(logged_in):
    token = csrf_token(logged_in, "/librarian/add")
    response = logged_in.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302
    assert logged_in.get("/librarian/add").status_code == 302


def test_logout_without_csrf_token_is_refused(logged_in):
    assert logged_in.post("/logout").status_code == 400
    assert logged_in.get("/librarian/add").status_code == 200


def test_login_form_without_csrf_token_is_refused(client):
    response = client.post("/login", data={"name": "ana", "password": PASSWORD})
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)


def test_removed_account_loses_its_session_at_once(app, logged_in):
    app.extensions["accounts"].remove("ana")
    assert logged_in.get("/librarian/add").status_code == 302


def test_repeated_failures_lock_out_then_release(app, client):
    clock = [1000.0]
    app.extensions["login_throttle"].clock = lambda: clock[0]
    for _ in range(4):      # three free failures, the fourth starts a 2 s lock-out
        assert login(client, "ana", "nope nope nope").status_code == 401
    locked = login(client, "ana", PASSWORD)         # even the right password waits
    assert locked.status_code == 429
    assert "Wait" in locked.get_data(as_text=True)
    clock[0] += 2.5
    assert login(client, "ana", "nope nope nope").status_code == 401   # 5th failure: 4 s
    clock[0] += 3
    assert login(client, "ana", PASSWORD).status_code == 429
    clock[0] += 1.5
    assert login(client, "ana", PASSWORD).status_code == 302
    # A success clears the counter.
    assert login(client, "ana", "nope nope nope").status_code == 401


def test_lockout_is_per_user_name(app, client):
    app.extensions["accounts"].add("bea", PASSWORD)
    for _ in range(5):
        login(client, "ana", "nope nope nope")
    assert login(client, "ana", PASSWORD).status_code == 429
    assert login(client, "bea", PASSWORD).status_code == 302
