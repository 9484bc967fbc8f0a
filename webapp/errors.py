"""One error handler: an HTML page or the JSON error shape, with the right status.

JSON shape (every /api/ route): {"error": {"status": <code>, "message": "..."}}
Messages are in the reader's language (the status and other keys never change).
"""
from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext, lazy_gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from indexer.core.errors import ArchivoError, DuplicateDocument, InvalidField

TITLES = {400: lazy_gettext("That request could not be read"),
          401: lazy_gettext("Please log in"), 403: lazy_gettext("Not allowed"),
          404: lazy_gettext("Not found"), 409: lazy_gettext("Already in the archive"),
          410: lazy_gettext("Withdrawn"),
          413: lazy_gettext("Too large"), 415: lazy_gettext("Unsupported file"),
          422: lazy_gettext("Nothing readable"), 429: lazy_gettext("Too many attempts"),
          503: lazy_gettext("Busy, try again")}

HTTP_MESSAGES = {404: lazy_gettext("There is no page at this address."),
                 405: lazy_gettext("This address does not accept that method."),
                 413: lazy_gettext("The upload is over the size limit.")}


# Words the indexer puts into its messages as params (indexer.ingest.extract._FOREIGN_MAGIC,
# indexer.store.corpus._storage_error, indexer.store.archive); unknown ones are shown as they are.
PARAM_WORDS = {
    "a PNG image": lazy_gettext("a PNG image"), "a JPEG image": lazy_gettext("a JPEG image"),
    "a GIF image": lazy_gettext("a GIF image"),
    "a ZIP archive (or Office document)": lazy_gettext("a ZIP archive (or Office document)"),
    "a gzip archive": lazy_gettext("a gzip archive"),
    "an old Office document": lazy_gettext("an old Office document"),
    "a RAR archive": lazy_gettext("a RAR archive"), "a program": lazy_gettext("a program"),
    "a Windows program": lazy_gettext("a Windows program"),
    "an MP3 file": lazy_gettext("an MP3 file"),
    "the disk is full": lazy_gettext("the disk is full"),
    "the file system is read-only": lazy_gettext("the file system is read-only"),
    "permission denied": lazy_gettext("permission denied"),
    "the disk quota is exceeded": lazy_gettext("the disk quota is exceeded"),
    "another item": lazy_gettext("another item"),
}


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.args.get("format") == "json"


def translated(exc: ArchivoError) -> str:
    """The error's message in the reader's language: its template translated, then filled.

    An untranslated message (or a translation that names a field the error lacks)
    falls back to the English text, never to a broken page.
    """
    params = {k: str(PARAM_WORDS[v]) if isinstance(v, str) and v in PARAM_WORDS else v
              for k, v in exc.params.items()}
    try:
        return gettext(exc.template).format(**params) if params else gettext(exc.template)
    except (KeyError, IndexError, ValueError):
        return exc.message


def as_sentence(message: str) -> str:
    """An error message as a sentence on its page: messages are lower-case clauses (the
    command line prints them after "Error:"), so the first letter is raised and a full
    stop added, unless the message starts with a name from the code (year_from)."""
    message = str(message).strip()
    first = message.split(" ", 1)[0]
    if first.isalpha() and first.islower():
        message = message[0].upper() + message[1:]
    return message if message[-1:] in (".", "?", "!") else f"{message}."


def error_response(status: int, message: str, **extra):
    message = str(message)
    if wants_json():
        body = {"error": {"status": status, "message": message, **extra}}
        return jsonify(body), status
    title = TITLES.get(status, lazy_gettext("Something went wrong"))
    return render_template("error.html", status=status, title=title, message=message,
                           **extra), status


def register(app: Flask) -> None:
    app.add_template_filter(as_sentence, "sentence")
    @app.errorhandler(ArchivoError)
    def archivo_error(exc: ArchivoError):
        extra = {"existing_id": exc.existing_id} if isinstance(exc, DuplicateDocument) else {}
        extra = {"field": exc.field} if isinstance(exc, InvalidField) else extra
        return error_response(exc.status, translated(exc), **extra)

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        return error_response(400, gettext(
            "The form has expired or was not sent by this site (missing or invalid CSRF "
            "token). Reload the page and try again."))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return error_response(exc.code or 500, HTTP_MESSAGES.get(exc.code, exc.description))

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.exception("unexpected error")
        return error_response(500, gettext("Something went wrong on our side; "
                                           "the error was logged."))
