"""Librarian sessions: how long a login lasts and what ends it.

The session is Flask's signed cookie. It names a librarian only while all of these hold:
- it was used within ARCHIVO_SESSION_IDLE_SECONDS (2 h): the cookie's signature is
  dated and renewed at each request, and Flask refuses one older than
  PERMANENT_SESSION_LIFETIME, which is set to that idle time;
- it is younger than ARCHIVO_SESSION_MAX_SECONDS (10 h, a working day) since the
  login, however busy (the login time travels signed in the cookie);
- it carries the account's current session generation: a random token kept with the
  account, replaced at logout and at a password change and new for an account added
  again, so a cookie saved before any of these opens nothing after it (in any worker:
  the account file is shared).
The cookie is Secure whenever the request came over https (behind a proxy, see
webapp.site), so an https site never sends it in the clear.
"""
from __future__ import annotations

import time
from datetime import timedelta

from flask import Flask, current_app, has_request_context, request, session
from flask.sessions import SecureCookieSessionInterface

IDLE_SECONDS = 2 * 3600
MAX_SECONDS = 10 * 3600


class ArchivoSessionInterface(SecureCookieSessionInterface):
    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(super().get_cookie_secure(app)
                    or (has_request_context() and request.is_secure))


def start(name: str, generation: str) -> None:
    session.clear()     # a fresh session on login: no fixation of an earlier one
    session["librarian"] = name
    session["generation"] = generation
    session["login_at"] = int(time.time())
    session.permanent = True


def librarian_of_session(generation_of) -> str | None:
    """The librarian this request's session names, if it is still valid, else None.

    generation_of(name) is the account's current generation (None: no such account).
    An expired or revoked session is cleared, so its cookie is replaced at once.
    """
    name = session.get("librarian")
    if not name:
        return None
    login_at = session.get("login_at")
    age = time.time() - login_at if isinstance(login_at, (int, float)) else None
    current = generation_of(name)
    if age is None or not -60 <= age <= current_app.config["ARCHIVO_SESSION_MAX_SECONDS"] \
            or current is None or session.get("generation") != current:
        session.clear()
        return None
    return name


def init_app(app: Flask) -> None:
    app.config.setdefault("ARCHIVO_SESSION_IDLE_SECONDS", IDLE_SECONDS)
    app.config.setdefault("ARCHIVO_SESSION_MAX_SECONDS", MAX_SECONDS)
    # Flask's own default (31 days) is always in the config, so set it, never setdefault.
    app.permanent_session_lifetime = timedelta(
        seconds=int(app.config["ARCHIVO_SESSION_IDLE_SECONDS"]))
    app.session_interface = ArchivoSessionInterface()
