"""gunicorn settings for `make run`: several workers reading the same index."""
import os

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("ARCHIVO_WORKERS", "2"))
worker_class = "sync"
timeout = 60
accesslog = "-"
# Each worker opens its own long-lived searcher after the fork (nothing is shared).
preload_app = False

# Import the heavy modules (NLTK alone takes 1.5-3 s) once, in the master: each worker
# forked from it then boots in a fraction of a second, so a worker that crashed or was
# killed is replaced before the next request waits long. Only modules are imported:
# the app, its files and its searcher are still made in each worker after the fork.
try:
    import indexer.archive  # noqa: F401,E402
    import webapp  # noqa: F401,E402
except ImportError:         # started from elsewhere: the workers import it themselves
    pass
