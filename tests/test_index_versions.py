"""An index written by a version of Archivo with other module names is stale, not a crash."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.core.config import Settings
from indexer.core.errors import StorageError
from indexer.store.archive import Archive
from tests.fixtures import build_archive


def _written_by_another_version(index_dir) -> None:
    # The table of contents pickles the analyzers by module path; rename that module.
    for toc in index_dir.glob("gen-*/*.toc"):
        data = toc.read_bytes()
        assert b"indexer.analysis.analyzers" in data
        toc.write_bytes(data.replace(b"indexer.analysis.analyzers", b"indexer.analysis.analyzerz"))


def test_an_unreadable_index_is_rebuilt_by_if_stale_and_reported_clearly(tmp_path, monkeypatch):
    settings = build_archive(tmp_path)
    _written_by_another_version(settings.index_dir)
    with pytest.raises(StorageError, match="written by another version of Archivo"):
        Archive(settings).check()
    monkeypatch.setenv("ARCHIVO_CORPUS_DIR", str(settings.corpus_dir))
    monkeypatch.setenv("ARCHIVO_INDEX_DIR", str(settings.index_dir))
    result = CliRunner().invoke(main, ["build", "--if-stale"])
    assert result.exit_code == 0 and "indexed" in result.output, result.output
    assert not any(Archive(Settings(corpus_dir=settings.corpus_dir,
                                    index_dir=settings.index_dir)).check().values())
