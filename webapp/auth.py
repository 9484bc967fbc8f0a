"""Librarian accounts: the account file, login/logout, the guards, HTTP Basic auth, the CLI.

Accounts live in <instance>/librarians.json ({"librarians": {name: {"password_hash",
"created", "session_generation"}}}), written atomically under a file lock (workers and
the CLI all write it); passwords are kept only as werkzeug's salted scrypt hashes.
Pages use the signed, HttpOnly session cookie (webapp.sessions: how long it lasts,
what ends it); the write API uses HTTP Basic.

Failed logins, by the form or by Basic auth, are slowed down per account, per client
address and site-wide by webapp.throttle, whose counters all workers share.
"""
from __future__ import annotations

import fcntl
import functools
import json
import re
import secrets
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import click
from flask import (Blueprint, Flask, current_app, flash, g, make_response, redirect,
                   render_template, request, session, url_for)
from flask.cli import AppGroup
from flask_babel import gettext
from werkzeug.security import check_password_hash, generate_password_hash

from indexer.core.files import atomic_write
from indexer.store.corpus import now_iso
from indexer.core.errors import BadRequest
from webapp import sessions
from webapp.errors import error_response
from webapp.site import is_foreign_origin
from webapp.throttle import LoginThrottle

bp = Blueprint("auth", __name__)

NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
MIN_PASSWORD = 8


class Accounts:
    """The librarians of one instance folder; re-read when the file changes (CLI edits)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._cache: tuple[float, dict] | None = None

    def _load(self) -> dict:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return {}
        # Each write is a new file (atomic rename), so its inode tells two writes apart
        # even within one tick of the file system's clock.
        version = (stat.st_mtime_ns, stat.st_ino, stat.st_size)
        if self._cache is None or self._cache[0] != version:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self._cache = (version, data.get("librarians", {}))
        return self._cache[1]

    @contextmanager
    def _changing(self):
        """The accounts to change and save, with no other thread or process changing them."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, open(self.path.with_name(self.path.name + ".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)       # released when the file closes
            accounts = dict(self._load())
            yield accounts
            self._save(accounts)

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
        _check_password(password)
        with self._changing() as accounts:
            if name in accounts:
                raise BadRequest(f"there is already a librarian called {name!r}")
            # A new generation: cookies of an earlier account of this name stay dead.
            accounts[name] = {"password_hash": generate_password_hash(password),
                              "created": now_iso(), "session_generation": _new_generation()}

    def remove(self, name: str) -> None:
        with self._changing() as accounts:
            if accounts.pop(name.strip().lower(), None) is None:
                raise BadRequest(f"there is no librarian called {name!r}")

    def set_password(self, name: str, password: str) -> None:
        """A new password, and the end of every session of the old one."""
        _check_password(password)
        with self._changing() as accounts:
            entry = self._entry(accounts, name)
            entry.update(password_hash=generate_password_hash(password),
                         session_generation=_new_generation())

    def end_sessions(self, name: str) -> None:
        """Every session cookie of this librarian, wherever saved, opens nothing now."""
        with self._changing() as accounts:
            self._entry(accounts, name)["session_generation"] = _new_generation()

    @staticmethod
    def _entry(accounts: dict, name: str) -> dict:
        name = name.strip().lower()
        if name not in accounts:
            raise BadRequest(f"there is no librarian called {name!r}")
        accounts[name] = dict(accounts[name])      # the cached dict stays as read
        return accounts[name]

    def generation(self, name: str) -> str | None:
        """The account's current session generation; None when there is no such account."""
        entry = self._load().get(name)
        return None if entry is None else entry.get("session_generation", "")

    def verify(self, name: str, password: str) -> str | None:
        """The account name when the password is right, else None (same cost either way)."""
        name = (name or "").strip().lower()
        entry = self._load().get(name)
        stored = entry["password_hash"] if entry else _dummy_hash()
        ok = check_password_hash(stored, password or "")
        return name if ok and entry else None


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise BadRequest(f"the password needs at least {MIN_PASSWORD} characters")


def _new_generation() -> str:
    return secrets.token_urlsafe(16)


@functools.lru_cache(maxsize=1)
def _dummy_hash() -> str:
    # Checked against for unknown names, so timing does not tell which names exist.
    return generate_password_hash("not a real account")


def accounts() -> Accounts:
    return current_app.extensions["accounts"]


def check_credentials(name: str, password: str) -> tuple[str | None, float]:
    """(account name or None, seconds to wait when locked out) for one login attempt."""
    throttle = current_app.extensions["login_throttle"]
    keys = throttle.keys(name, request.remote_addr)
    wait = throttle.wait_seconds(keys)
    if wait:
        return None, wait
    user = accounts().verify(name, password)
    (throttle.succeeded if user else throttle.failed)(keys)
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
        # scripts send neither header, so refuse what a browser marks as foreign: by
        # Sec-Fetch-Site, or by Origin (older browsers send only that one).
        if request.headers.get("Sec-Fetch-Site") in ("cross-site", "same-site") \
                or is_foreign_origin(request.headers.get("Origin")):
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
    """Only a path on this site: a login link must not send anyone elsewhere.

    Control characters are refused too: a browser drops tabs and newlines (so "/\t/x"
    is "//x"), and a newline in the Location header is a server error."""
    parts = urlsplit(target or "")
    if not target or parts.scheme or parts.netloc or not target.startswith("/") \
            or target.startswith("//") or "\\" in target \
            or any(ord(char) < 32 or ord(char) == 127 for char in target):
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
    sessions.start(user, accounts().generation(user))
    flash(gettext("Logged in as %(name)s.", name=user))
    return redirect(_safe_next(next_url))


@bp.post("/logout")
def logout():
    if current_librarian():
        accounts().end_sessions(current_librarian())    # also cookies copied elsewhere
    session.clear()
    flash(gettext("Logged out."))
    return redirect(url_for("search.search_page"))


librarian_cli = AppGroup("librarian", help="Manage librarian accounts.")


def _read_password(from_stdin: bool, prompt: str) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt(prompt, hide_input=True, confirmation_prompt=True)


@librarian_cli.command("add")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def cli_add(name: str, password_stdin: bool):
    """Create a librarian account."""
    password = _read_password(password_stdin, "Password")
    try:
        accounts().add(name, password)
    except BadRequest as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"added librarian {name.strip().lower()}")


@librarian_cli.command("password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def cli_password(name: str, password_stdin: bool):
    """Set a librarian's password (their sessions end at once)."""
    password = _read_password(password_stdin, "New password")
    try:
        accounts().set_password(name, password)
    except BadRequest as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"changed the password of librarian {name.strip().lower()}")


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
    instance = Path(app.config["ARCHIVO_INSTANCE_DIR"])
    app.extensions["accounts"] = Accounts(instance / "librarians.json")
    free = {scope: int(app.config[setting]) for scope, setting in (
        ("account", "ARCHIVO_LOGIN_FREE_ATTEMPTS"), ("address", "ARCHIVO_LOGIN_ADDRESS_FREE"),
        ("site", "ARCHIVO_LOGIN_SITE_FREE")) if app.config.get(setting) is not None}
    app.extensions["login_throttle"] = LoginThrottle(instance / "login_throttle.sqlite3",
                                                     free=free)
    sessions.init_app(app)
    app.cli.add_command(librarian_cli)
    app.register_blueprint(bp)

    @app.before_request
    def load_librarian():
        # A removed account loses its session at once, not when the cookie expires.
        g.librarian = sessions.librarian_of_session(accounts().generation)

    @app.context_processor
    def librarian_context():
        return {"current_librarian": current_librarian()}
