"""The one exception hierarchy of Archivo.

Every error a user can cause or meet is an ArchivoError with an HTTP-like status;
the web maps it to that status and a JSON error shape, the CLI to one clear line
and a non-zero exit.
"""
from __future__ import annotations


class ArchivoError(Exception):
    """message may be a template with {named} fields given as keyword params.

    The web translates the template and then fills it in (webapp.errors), so a
    message reads in the reader's language; .message and str() stay English.
    """
    status = 500

    def __init__(self, message: str, *, source: str | None = None, **params):
        self.template = message
        self.params = params
        self.message = message.format(**params) if params else message
        super().__init__(self.message)
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


class BadRequest(ArchivoError):
    """A parameter or query the system cannot act on."""
    status = 400


class InvalidField(BadRequest):
    """A field of the JSON that was read but cannot be used: a wrong type, over its size,
    or not a field at all. `field` names it (the web puts it in the JSON error)."""
    status = 422

    def __init__(self, message: str, *, field: str, source: str | None = None, **params):
        super().__init__(message, source=source, field=field, **params)
        self.field = field


class Unauthorized(ArchivoError):
    status = 401


class DocumentNotFound(ArchivoError):
    status = 404


class DocumentWithdrawn(ArchivoError):
    """A document a librarian removed: it is in the trash, not gone (410, not 404)."""
    status = 410


class DuplicateDocument(ArchivoError):
    status = 409

    def __init__(self, message: str, *, existing_id: str, source: str | None = None,
                 **params):
        super().__init__(message, source=source, **params)
        self.existing_id = existing_id


class EditConflict(ArchivoError):
    """The document changed since the version an edit was based on (a stale form or
    If-Match): checked under the writer lock, so of two racing edits one is refused."""
    status = 412

    def __init__(self, message: str, *, current_version: str, source: str | None = None,
                 **params):
        super().__init__(message, source=source, **params)
        self.current_version = current_version


class DocumentTooLarge(ArchivoError):
    status = 413


class UnsupportedKind(ArchivoError):
    """A file that is not HTML, PDF or text (an image, an archive, ...)."""
    status = 415


class UnreadableDocument(ArchivoError):
    """Empty, binary junk, undecodable text, a PDF with no text layer."""
    status = 422


class IndexBusy(ArchivoError):
    """The writer lock could not be had within its timeout."""
    status = 503


class IndexMissing(ArchivoError):
    """No index has been built yet (run `indexer build`)."""
    status = 503


class StorageError(ArchivoError):
    """The corpus or index could not be written (disk full, read-only, ...)."""
    status = 507


class BadCollection(ArchivoError):
    """A test collection for `indexer evaluate` that is missing or malformed."""
    status = 422


class WhooshVersionMismatch(ArchivoError):
    """The installed Whoosh is not the version Archivo pins: its segment files, codec
    internals and byte layouts are read by hand (indexer.engine.whooshio), and another
    version may write or read them otherwise, so the index is not opened."""
    status = 500


class ModelMissing(ArchivoError):
    """Search by meaning's model (the files inside the wordllama package) is missing or
    not the version Archivo reads (indexer.analysis.meaning)."""
    status = 500
