"""One error handler: an HTML page or the JSON error shape, with the right status.

JSON shape (every /api/ route): {"error": {"status": <code>, "message": "..."}}
"""
from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from indexer.errors import ArchivoError, DuplicateDocument


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.args.get("format") == "json"


def error_response(status: int, message: str, **extra):
    if wants_json():
        body = {"error": {"status": status, "message": message, **extra}}
        return jsonify(body), status
    return render_template("error.html", status=status, message=message, **extra), status


def register(app: Flask) -> None:
    @app.errorhandler(ArchivoError)
    def archivo_error(exc: ArchivoError):
        extra = {"existing_id": exc.existing_id} if isinstance(exc, DuplicateDocument) else {}
        return error_response(exc.status, exc.message, **extra)

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        return error_response(400, "The form has expired or was not sent by this site "
                                   "(missing or invalid CSRF token). Reload the page and try again.")

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        messages = {404: "There is no page at this address.",
                    405: "This address does not accept that method.",
                    413: "The upload is over the size limit."}
        return error_response(exc.code or 500, messages.get(exc.code, exc.description))

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.exception("unexpected error")
        return error_response(500, "Something went wrong on our side; the error was logged.")
