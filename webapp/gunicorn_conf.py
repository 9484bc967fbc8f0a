"""gunicorn settings for `make run`: several workers reading the same index."""
import os

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("ARCHIVO_WORKERS", "2"))
worker_class = "sync"
timeout = 60
accesslog = "-"
# Each worker opens its own long-lived searcher after the fork (nothing is shared).
preload_app = False
