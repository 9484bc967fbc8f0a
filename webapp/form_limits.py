"""How much of a posted form is read into memory, per page.

Flask 3.1 reads at most MAX_FORM_MEMORY_SIZE (500 kB) of a multipart form's non-file
field: the upload form's pasted text over that was refused as "over the size limit"
(a 648 kB paste answered 413), though a file of the same text up to ARCHIVO_MAX_BYTES
is taken; and it reads at most MAX_FORM_PARTS (1,000) parts, so 1,100 files chosen at
once were refused the same way. On the upload page the pasted text may be as long as a
file, and there may be as many files as one upload may make documents (each file makes
one at least). Every other form keeps Flask's defaults. (The review form is urlencoded, which Werkzeug 3.1 bounds
by MAX_CONTENT_LENGTH only: its 500 cards, 5,500 fields, save in one post.)
"""
from __future__ import annotations

from flask import Flask, current_app
from flask.wrappers import Request

UPLOAD_ENDPOINT = "librarian.upload"
FORM_FIELDS = 10         # the upload form's own fields (csrf, job, title, text), with room


class ArchivoRequest(Request):
    @property
    def max_form_memory_size(self) -> int | None:
        if self.endpoint == UPLOAD_ENDPOINT and current_app:
            return int(current_app.config["ARCHIVO_MAX_BYTES"])
        return super().max_form_memory_size

    @max_form_memory_size.setter
    def max_form_memory_size(self, value: int | None) -> None:
        Request.max_form_memory_size.fset(self, value)

    @property
    def max_form_parts(self) -> int | None:
        if self.endpoint == UPLOAD_ENDPOINT and current_app:
            return int(current_app.config["ARCHIVO_MAX_UPLOAD_DOCUMENTS"]) + FORM_FIELDS
        return super().max_form_parts

    @max_form_parts.setter
    def max_form_parts(self, value: int | None) -> None:
        Request.max_form_parts.fset(self, value)


def init_app(app: Flask) -> None:
    app.request_class = ArchivoRequest
