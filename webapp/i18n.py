"""The interface's two languages: which one a reader gets, the switch, dates in it.

The locale is, in order: ?lang=es|en (remembered in the archivo_lang cookie), the
cookie, the browser's Accept-Language, English. Only the interface changes: JSON
keeps values, never labels, so scripts see the same data in either language.
"""
from __future__ import annotations

from datetime import date, datetime
from urllib.parse import quote, urlencode

from babel.dates import format_date, format_time
from flask import Flask, has_request_context, request
from flask_babel import Babel, get_locale, gettext

LANGUAGES = ("en", "es")
DEFAULT = "en"
COOKIE = "archivo_lang"
COOKIE_AGE = 365 * 24 * 3600
# What the switch offers, in the language it switches to (a reader who cannot read
# the current page must still recognise their own language).
SWITCH_NAMES = {"en": "English", "es": "Español"}

babel = Babel()


def asked_language() -> str | None:
    """The ?lang= of this request when it names a language we have."""
    asked = request.args.get("lang", "").strip().lower()
    return asked if asked in LANGUAGES else None


def select_locale() -> str:
    if not has_request_context():
        return DEFAULT
    cookie = request.cookies.get(COOKIE)
    return (asked_language() or (cookie if cookie in LANGUAGES else None)
            or request.accept_languages.best_match(LANGUAGES) or DEFAULT)


def current_language() -> str:
    locale = get_locale() if has_request_context() else None
    return locale.language if locale else DEFAULT


def remember_choice(response):
    """A ?lang= choice sticks for the next pages; every page may differ by language."""
    asked = asked_language()
    if asked and request.cookies.get(COOKIE) != asked:
        response.set_cookie(COOKIE, asked, max_age=COOKIE_AGE, samesite="Lax", httponly=True,
                            secure=request.is_secure)
    # Pages and error messages differ by language; successful JSON does not.
    if response.mimetype == "text/html" or response.status_code >= 400:
        response.vary.update(("Accept-Language", "Cookie"))
    return response


def language_switch() -> dict:
    """The link to this same page (same query) in the other language.

    The path is percent-encoded and starts with one slash: a decoded path such as
    "/\\evil.example/x" or "//evil.example" is, to a browser, another host."""
    other = "es" if current_language() == "en" else "en"
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
    path = "/" + quote(request.path.lstrip("/"))
    return {"code": other, "name": SWITCH_NAMES[other],
            "url": path + "?" + urlencode(args + [("lang", other)])}


def human_date(iso: str | None) -> str:
    """A stored date at the precision it has: 2016 / June 2016 / 2 June 2016, localised."""
    parts = (iso or "").split("-")
    try:
        if len(parts) == 3:
            when = date(int(parts[0]), int(parts[1]), int(parts[2]))
            # Translators: a Unicode date pattern (d day, MMMM month name, y year).
            return format_date(when, gettext("d MMMM y"), locale=current_language())
        if len(parts) == 2:
            when = date(int(parts[0]), int(parts[1]), 1)
            # Translators: a Unicode date pattern for a month and year.
            return format_date(when, gettext("MMMM y"), locale=current_language())
    except ValueError:
        pass
    return iso or ""


def human_time(iso: str | None) -> str:
    """A stored timestamp (UTC) as a localised date and time: 2 June 2016, 14:05 UTC."""
    try:
        when = datetime.fromisoformat(iso or "")
    except ValueError:
        return iso or ""
    return gettext("%(date)s, %(time)s UTC", date=human_date(when.date().isoformat()),
                   time=format_time(when, "HH:mm", locale=current_language()))


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")
    babel.init_app(app, locale_selector=select_locale)
    app.after_request(remember_choice)
    app.add_template_filter(human_date, "human_date")
    app.add_template_filter(human_time, "human_time")

    @app.context_processor
    def i18n_context():
        return {"language": current_language(), "language_switch": language_switch}
