"""gunicorn settings for `make run`: several workers reading the same index."""
import os
from pathlib import Path

PORT = os.environ.get("PORT", "8000")
bind = f"127.0.0.1:{PORT}"
workers = int(os.environ.get("ARCHIVO_WORKERS", "2"))
# Threads, not sync workers: a sync worker reads a request's header itself, so a client
# sending it one line every few seconds held a whole worker (two such clients stopped
# the site). A gthread worker's slow client holds one of its threads; a connection
# that sends nothing waits in the worker's poller. Thread-safe: the per-worker
# SearchService serialises its searcher and caches under its own lock, writes take
# the index's flock (a new open file each time, so threads exclude each other as
# processes do), the accounts and login throttle have locks. Past workers x threads
# slow clients the app is tied up again: in production, put a buffering proxy
# (nginx) in front, which reads whole requests before passing them on.
worker_class = "gthread"
threads = int(os.environ.get("ARCHIVO_THREADS", "16"))
timeout = 60
accesslog = "-"
# Each worker opens its own long-lived searcher after the fork (nothing is shared).
preload_app = False

# Import the heavy modules (NLTK alone takes 1.5-3 s) once, in the master: each worker
# forked from it then boots in a fraction of a second, so a worker that crashed or was
# killed is replaced before the next request waits long. Only modules are imported:
# the app, its files and its searcher are still made in each worker after the fork.
try:
    import indexer.store.archive  # noqa: F401,E402
    import webapp  # noqa: F401,E402
except ImportError:         # started from elsewhere: the workers import it themselves
    pass


def _control_socket() -> str | None:
    """gunicorn's control socket (for `gunicornc`), one per instance and port.

    Its default is one fixed path in the home folder, so a second instance (another
    port, a test server beside `make run`) unlinked the first one's socket and took its
    place. A Unix socket path holds at most 107 bytes; past that it is left off."""
    instance = Path(os.environ.get("ARCHIVO_INSTANCE_DIR",
                                   Path(__file__).resolve().parent.parent / "var"))
    path = str(instance.resolve() / f"gunicorn-{PORT}.ctl")
    return path if len(path.encode()) <= 107 else None


control_socket = _control_socket() or "gunicorn.ctl"
control_socket_disable = _control_socket() is None
