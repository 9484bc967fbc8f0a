"""The repository carries what its tests need: nothing is read from the shared folder beside it."""
from __future__ import annotations

import glob
import os

from tests.conftest import SHARED_GUARD
from tests.outside_guard import OutsideReadGuard


def test_the_guard_records_opens_listings_and_stats_under_its_folder(tmp_path):
    forbidden = tmp_path.joinpath("shared")
    (forbidden / "data").mkdir(parents=True)
    (forbidden / "data" / "docs.jsonl").write_text("{}")
    (tmp_path / "shared-not").mkdir()
    guard = OutsideReadGuard(forbidden).install()
    open(forbidden / "data" / "docs.jsonl").close()
    os.listdir(forbidden / "data")
    (forbidden / "data" / "missing.tsv").exists()
    glob.glob(str(forbidden / "*"))
    os.listdir(tmp_path / "shared-not")             # a sibling with a longer name is fine
    os.listdir(tmp_path)
    assert len(guard.reads) == 4
    assert all(str(forbidden) in read for read in guard.reads)


def test_the_suite_watches_the_shared_folder_beside_the_repository():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    assert SHARED_GUARD.forbidden == os.path.realpath(os.path.join(repo, "..", "shared"))
