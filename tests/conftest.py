"""Shared fixtures: one test archive built per session (tests only read it), the app on it."""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.store.archive import Archive
from indexer.search.service import SearchService
from tests.fixtures import build_archive
from tests.outside_guard import OutsideReadGuard
from webapp import create_app

# Tests never read the developers' shared folder beside the repository (a user's
# clone has none); a read of it fails the run.
SHARED_GUARD = OutsideReadGuard(Path(__file__).resolve().parents[2].joinpath("shared")).install()


def pytest_sessionfinish(session, exitstatus):
    if SHARED_GUARD.reads:
        print(f"\ntests read {SHARED_GUARD.forbidden}, which a user's clone does not have: "
              + ", ".join(sorted(set(SHARED_GUARD.reads))[:5]))
        session.exitstatus = 1


@pytest.fixture(scope="session")
def archive_settings(tmp_path_factory):
    """Corpus + index of tests.fixtures.DOCS; read-only for every test that uses it."""
    return build_archive(tmp_path_factory.mktemp("archive"))


@pytest.fixture(scope="session")
def search_service(archive_settings):
    service = SearchService(Archive(archive_settings).index)
    yield service
    service.close()


@pytest.fixture(scope="session")
def archive_app(archive_settings, tmp_path_factory):
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "ARCHIVO_CORPUS_DIR": str(archive_settings.corpus_dir),
        "ARCHIVO_INDEX_DIR": str(archive_settings.index_dir),
        "ARCHIVO_INSTANCE_DIR": str(tmp_path_factory.mktemp("instance")),
    })
    return app


@pytest.fixture
def client(archive_app):
    return archive_app.test_client()
