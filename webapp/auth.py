"""Librarian accounts: the account file, login/logout, the guards, HTTP Basic auth, the CLI.

Accounts live in <instance>/librarians.json ({"librarians": {name: {"password_hash",
"created"}}}), written atomically; passwords are kept only as werkzeug's salted scrypt
hashes. Pages use the signed, HttpOnly session cookie; the write API uses HTTP Basic.

Failed logins are slowed down per (user name, client address): the first
FREE_ATTEMPTS failures cost nothing, then every further failure locks that pair out
for 2, 4, 8 ... seconds (at most LOCKOUT_MAX). While locked out, attempts are answered
429 without the password even being checked, so guessing stays slow whatever the
password. A success clears the counter; an idle counter is forgotten after FORGET_AFTER.
The counters live in the process (each gunicorn worker keeps its own).
"""
from __future__ import annotations

import functools
import json
import re
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import click
from flask import (Blueprint, Flask, current_app, flash, g, make_response, redirect,
                   render_template, request, session, url_for)
from flask.cli import AppGroup
from flask_babel import gettext
from werkzeug.security import check_password_hash, generate_password_hash

from indexer.corpus import atomic_write, now_iso
from indexer.errors import BadRequest
from webapp.errors import error_response

bp = Blueprint("auth", __name__)

NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
MIN_PASSWORD = 8
FREE_ATTEMPTS = 3
LOCKOUT_MAX = 300.0
FORGET_AFTER = 900.0


class Accounts:
    """The librarians of one instance folder; re-read when the file changes (CLI edits)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._cache: tuple[float, dict] | None = None

    def _load(self) -> dict:
        try:
            mtime = self.path.stat().st_mtime_ns
        except FileNotFoundError:
            return {}
        if self._cache is None or self._cache[0] != mtime:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self._cache = (mtime, data.get("librarians", {}))
        return self._cache[1]

    def _save(self, accounts: dict) -> None:
        blob = json.dumps({"librarians": accounts}, indent=2, sort_keys=True) + "\n"
        atomic_write(self.path, blob.encode())    # mkstemp makes it 0600
        self._cache = None

    def names(self) -> list[str]:
        return sorted(self._load())

    def exists(self, name: str) -> bool:
        return name in self._load()

    def add(self, name: str, password: str) -> None:
        name = name.strip().lower()
        if not NAME_RE.match(name):
            raise BadRequest("a librarian name is 1-64 lowercase letters, digits, '.', '_' "
                             "or '-'")
        if len(password) < MIN_PASSWORD:
            raise BadRequest(f"the password needs at least {MIN_PASSWORD} characters")
        with self._lock:
            accounts = dict(self._load())
            if name in accounts:
                raise BadRequest(f"there is already a librarian called {name!r}")
            accounts[name] = {"password_hash": generate_password_hash(password),
                              "created": now_iso()}
            self._save(accounts)

    def remove(self, name: str) -> None:
        with self._lock:
            accounts = dict(self._load())
            if accounts.pop(name.strip().lower(), None) is None:
                raise BadRequest(f"there is no librarian called {name!r}")
            self._save(accounts)

    def verify(self, name: str, password: str) -> str | None:
        """The account name when the password is right, else None (same cost either way)."""
        name = (name or "").strip().lower()
        entry = self._load().get(name)
        stored = entry["password_hash"] if entry else _dummy_hash()
        ok = check_password_hash(stored, password or "")
        return name if ok and entry else None


@functools.lru_cache(maxsize=1)
def _dummy_hash() -> str:
    # Checked against for unknown names, so timing does not tell which names exist.
    return generate_password_hash("not a real account")


class LoginThrottle:
    def __init__(self, free: int = FREE_ATTEMPTS, clock=time.monotonic):
        self.free, self.clock = free, clock
        self._failures: dict[tuple[str, str], tuple[int, float]] = {}
        self._lock = threading.Lock()

    def wait_seconds(self, key: tuple[str, str]) -> float:
        with self._lock:
            count, last = self._failures.get(key, (0, 0.0))
            now = self.clock()
            if count and now - last > FORGET_AFTER:
                self._failures.pop(key, None)
                return 0.0
            if count <= self.free:
                return 0.0
            return max(0.0, last + min(2.0 ** (count - self.free), LOCKOUT_MAX) - now)

    def failed(self, key: tuple[str, str]) -> None:
        with self._lock:
            count, _ = self._failures.get(key, (0, 0.0))
            self._failures[key] = (count + 1, self.clock())

    def succeeded(self, key: tuple[str, str]) -> None:
        with self._lock:
            self._failures.pop(key, None)


def accounts() -> Accounts:
    return current_app.extensions["accounts"]


def check_credentials(name: str, password: str) -> tuple[str | None, float]:
    """(account name or None, seconds to wait when locked out) for one login attempt."""
    throttle = current_app.extensions["login_throttle"]
    key = ((name or "").strip().lower(), request.remote_addr or "")
    wait = throttle.wait_seconds(key)
    if wait:
        return None, wait
    user = accounts().verify(name, password)
    (throttle.succeeded if user else throttle.failed)(key)
    return user, 0.0


def current_librarian() -> str | None:
    return g.get("librarian")


def login_required(view):
    """Librarian pages: without a session, redirect to the login page and come back."""
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if not current_librarian():
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)
    return wrapped


def basic_auth_required(view):
    """Librarian API: HTTP Basic credentials on every request, 401 without."""
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        # A browser may replay cached Basic credentials on a forged cross-site request;
        # scripts send no Sec-Fetch-Site, so refuse only what a browser marks as foreign.
        if request.headers.get("Sec-Fetch-Site") in ("cross-site", "same-site"):
            return error_response(403, gettext("cross-site requests to the librarian API "
                                               "are refused"))
        auth = request.authorization
        user, wait = (check_credentials(auth.username or "", auth.password or "")
                      if auth and auth.type == "basic" else (None, 0.0))
        if wait:
            response = make_response(error_response(
                429, gettext("too many failed logins; wait %(seconds)s s",
                             seconds=f"{wait:.0f}")))
            response.headers["Retry-After"] = str(int(wait) + 1)
            return response
        if not user:
            response = make_response(error_response(
                401, gettext("a librarian's user name and password (HTTP Basic auth) "
                             "are needed")))
            response.headers["WWW-Authenticate"] = 'Basic realm="Archivo librarians"'
            return response
        g.librarian = user
        return view(*args, **kwargs)
    return wrapped


def _safe_next(target: str | None) -> str:
    """Only a path on this site: a login link must not send anyone elsewhere."""
    parts = urlsplit(target or "")
    if not target or parts.scheme or parts.netloc or not target.startswith("/") \
            or target.startswith("//") or "\\" in target:
        return url_for("search.search_page")
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    next_url = request.values.get("next", "")
    if request.method == "GET":
        return render_template("librarian/login.html", next_url=next_url)
    name = request.form.get("name", "")
    user, wait = check_credentials(name, request.form.get("password", ""))
    if wait:
        return render_template("librarian/login.html", next_url=next_url, name=name,
                               error=gettext("Too many failed attempts. Wait %(seconds)s "
                                             "seconds and try again.",
                                             seconds=f"{wait:.0f}")), 429
    if not user:
        error = gettext("That user name and password do not match.")
        return render_template("librarian/login.html", next_url=next_url, name=name,
                               error=error), 401
    session.clear()     # a fresh session on login: no fixation of an earlier one
    session["librarian"] = user
    session.permanent = True
    flash(gettext("Logged in as %(name)s.", name=user))
    return redirect(_safe_next(next_url))


@bp.post("/logout")
def logout():
    session.clear()
    flash(gettext("Logged out."))
    return redirect(url_for("search.search_page"))


librarian_cli = AppGroup("librarian", help="Manage librarian accounts.")


@librarian_cli.command("add")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def cli_add(name: str, password_stdin: bool):
    """Create a librarian account."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        accounts().add(name, password)
    except BadRequest as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"added librarian {name.strip().lower()}")


@librarian_cli.command("list")
def cli_list():
    """List librarian accounts."""
    for name in accounts().names():
        click.echo(name)


@librarian_cli.command("remove")
@click.argument("name")
def cli_remove(name: str):
    """Remove a librarian account (their sessions end at their next request)."""
    try:
        accounts().remove(name)
    except BadRequest as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"removed librarian {name.strip().lower()}")


def init_app(app: Flask) -> None:
    app.extensions["accounts"] = Accounts(Path(app.config["ARCHIVO_INSTANCE_DIR"])
                                          / "librarians.json")
    app.extensions["login_throttle"] = LoginThrottle(
        free=int(app.config.get("ARCHIVO_LOGIN_FREE_ATTEMPTS", FREE_ATTEMPTS)))
    app.config.setdefault("PERMANENT_SESSION_LIFETIME", 8 * 3600)
    app.cli.add_command(librarian_cli)
    app.register_blueprint(bp)

    @app.before_request
    def load_librarian():
        # A removed account loses its session at once, not when the cookie expires.
        name = session.get("librarian")
        g.librarian = name if name and accounts().exists(name) else None

    @app.context_processor
    def librarian_context():
        return {"current_librarian": current_librarian()}
