"""Security headers on every response: defence in depth behind the escaping.

Every page is built from escaped text, and the pages use no inline script or
style, so the Content-Security-Policy can allow only the app's own files: a
document or query that ever slipped markup into a page still could not run a
script, load one from elsewhere, or post a form to another site.
"""
from __future__ import annotations

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
])


def add_security_headers(response):
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    # Only pages get the policy: a PDF original opens in the browser's own viewer.
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Frame-Options", "DENY")
    return response


def register(app) -> None:
    app.after_request(add_security_headers)
