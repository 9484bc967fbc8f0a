"""Two instances of the app on one machine stay apart (gunicorn's control socket).

gunicorn 27 opens a control socket for `gunicornc`, by default at one fixed path in the
home folder; a second instance unlinked the first one's socket and took it over, so
`gunicornc` (or a graceful reload) reached the wrong server. Each instance now has its
own, in its instance folder and named by its port.
"""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

from tests.fixtures import build_archive
from tests.loadkit import gunicorn, request


def _socket_in(folder: Path) -> Path:
    """The instance's control socket; gunicorn opens it in a thread once it serves."""
    deadline = time.monotonic() + 30            # a hang guard
    while time.monotonic() < deadline:
        found = list(folder.glob("gunicorn-*.ctl"))
        if found:
            return found[0]
        time.sleep(0.05)
    raise AssertionError(f"no control socket in {folder}")


def _control(socket_path: Path, command: str) -> dict:
    gunicornc = Path(sys.executable).parent / "gunicornc"
    out = subprocess.run([str(gunicornc), "-s", str(socket_path), "-c", command, "-j"],
                         capture_output=True, text=True, timeout=30, check=True)
    return json.loads(out.stdout)


def test_two_instances_side_by_side_each_keep_their_own_control_socket(tmp_path):
    settings = build_archive(tmp_path / "archive")
    home = tmp_path / "home"
    home.mkdir()
    env = {"ARCHIVO_CORPUS_DIR": str(settings.corpus_dir),
           "ARCHIVO_INDEX_DIR": str(settings.index_dir), "HOME": str(home)}
    one = {**env, "ARCHIVO_INSTANCE_DIR": str(tmp_path / "i1")}
    two = {**env, "ARCHIVO_INSTANCE_DIR": str(tmp_path / "i2")}
    with gunicorn(one, workers=1) as first:
        with gunicorn(two, workers=2) as second:
            sockets = [_socket_in(tmp_path / name) for name in ("i1", "i2")]
            assert all(stat.S_ISSOCK(os.stat(path).st_mode) for path in sockets)
            assert [p.name for p in sockets] == [f"gunicorn-{b.rsplit(':', 1)[1]}.ctl"
                                                 for b in (first, second)]
            # Each socket answers for its own server: one worker there, two here.
            counts = [len(_control(path, "show workers")["workers"]) for path in sockets]
            assert counts == [1, 2]
        assert request(first + "/api/search?per_page=1")[0] == 200
        assert stat.S_ISSOCK(os.stat(sockets[0]).st_mode)   # the second's exit left it be
        assert len(_control(sockets[0], "show workers")["workers"]) == 1
    assert not (home / ".gunicorn").exists()
