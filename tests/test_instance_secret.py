"""The instance secret under gunicorn: workers start together, all must sign with one key."""
import os

from flask import Flask

from webapp import _instance_secret

WORKERS = 6
ROUNDS = 10


def app_in(folder) -> Flask:
    app = Flask(__name__)
    app.config["ARCHIVO_INSTANCE_DIR"] = str(folder)
    return app


def test_workers_starting_together_all_get_the_one_whole_key(tmp_path):
    for round_ in range(ROUNDS):
        folder = tmp_path / str(round_)
        read_fd, write_fd = os.pipe()
        pids = []
        for _ in range(WORKERS):            # forked like gunicorn's workers
            pid = os.fork()
            if pid == 0:
                try:
                    os.write(write_fd, (_instance_secret(app_in(folder)) + "\n").encode())
                finally:
                    os._exit(0)
            pids.append(pid)
        os.close(write_fd)
        for pid in pids:
            os.waitpid(pid, 0)
        with os.fdopen(read_fd) as answers:
            keys = answers.read().split("\n")[:-1]
        stored = (folder / "secret_key").read_text()
        assert keys == [stored] * WORKERS and len(stored) == 64
        assert oct((folder / "secret_key").stat().st_mode & 0o777) == "0o600"
        assert [p.name for p in folder.iterdir()] == ["secret_key"]     # no temp left


def test_an_empty_key_left_by_a_crash_is_replaced(tmp_path):
    (tmp_path / "secret_key").write_text("")
    key = _instance_secret(app_in(tmp_path))
    assert len(key) == 64 and (tmp_path / "secret_key").read_text() == key
    assert _instance_secret(app_in(tmp_path)) == key
