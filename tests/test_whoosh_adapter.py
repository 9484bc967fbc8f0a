"""Whoosh behind one door: the pinned version is checked at every door to an index,
and Archivo never replaces a Whoosh class or method for the process."""
from __future__ import annotations

import importlib.util
import inspect
import re
import sys
import tomllib
from pathlib import Path

import pytest
import whoosh
from click.testing import CliRunner
from whoosh.filedb import compound

from indexer.cli import main
from indexer.core.errors import ArchivoError, WhooshVersionMismatch
from indexer.core.models import Document
from indexer.engine import IndexStore
from indexer.engine.whooshio import PINNED_WHOOSH, create_index, open_index
from indexer.engine.schema import SCHEMA
from indexer.search.request import SearchRequest
from indexer.search.service import SearchService
from webapp import create_app

ROOT = Path(__file__).resolve().parent.parent


def _docs(n: int):
    return [(Document(id=f"doc-{i}", title=f"Border report {i}",
                      text=f"Trade and security across the border, report number {i}."),
             f"e{i}") for i in range(n)]


@pytest.fixture
def other_whoosh(monkeypatch):
    """The process sees a Whoosh other than the pinned one."""
    monkeypatch.setattr(whoosh, "__version__", (3, 99, 1))
    return "3.99.1"


def test_the_pin_is_the_one_pyproject_installs():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = [d for d in project["dependencies"] if d.startswith("whoosh3")]
    assert pins == [f"whoosh3=={PINNED_WHOOSH}"]
    assert whoosh.versionstring() == PINNED_WHOOSH      # the environment tests run in


def test_another_whoosh_is_refused_at_every_door_in_one_line(tmp_path, other_whoosh):
    store = IndexStore(tmp_path / "index")
    for door in (lambda: create_index(tmp_path, SCHEMA), lambda: open_index(tmp_path),
                 lambda: store.rebuild(_docs(2))):
        with pytest.raises(WhooshVersionMismatch) as refused:
            door()
        message = str(refused.value)
        assert isinstance(refused.value, ArchivoError) and "\n" not in message
        assert "Whoosh 3.99.1 is installed" in message and f"Whoosh {PINNED_WHOOSH}" in message
    assert not store.exists()           # nothing was written with the wrong Whoosh


def test_an_index_built_under_the_pin_is_not_opened_under_another(tmp_path, monkeypatch):
    store = IndexStore(tmp_path / "index")
    assert store.rebuild(_docs(3)) == 3
    monkeypatch.setattr(whoosh, "__version__", (3, 99, 1))
    with pytest.raises(WhooshVersionMismatch):
        store.open()
    monkeypatch.setattr(whoosh, "__version__", (3, 54, 0))
    store.open().close()


def test_the_cli_says_so_in_one_line_and_exits_non_zero(tmp_path, monkeypatch, other_whoosh):
    monkeypatch.setenv("ARCHIVO_CORPUS_DIR", str(tmp_path / "corpus"))
    monkeypatch.setenv("ARCHIVO_INDEX_DIR", str(tmp_path / "index"))
    result = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Whoosh 3.99.1 is installed" in lines[0], result.stderr
    assert f"pip install whoosh3=={PINNED_WHOOSH}" in lines[0]


def test_the_web_answers_with_the_error_not_a_traceback(tmp_path, monkeypatch):
    store = IndexStore(tmp_path / "index")
    store.rebuild(_docs(3))
    app = create_app({"TESTING": True, "SECRET_KEY": "test",
                      "ARCHIVO_CORPUS_DIR": str(tmp_path / "corpus"),
                      "ARCHIVO_INDEX_DIR": str(tmp_path / "index"),
                      "ARCHIVO_INSTANCE_DIR": str(tmp_path / "instance")})
    monkeypatch.setattr(whoosh, "__version__", (3, 99, 1))
    response = app.test_client().get("/api/search?q=border")
    assert response.status_code == 500
    assert "Whoosh 3.99.1 is installed" in response.get_json()["error"]["message"]


# -- no Whoosh class is replaced at run time ------------------------------------------
FRESH = "_fresh_"           # the name prefix of a module's fresh copy

def replaced_in(module) -> list[str]:
    """Names of a loaded Whoosh module whose class, function or method is not the one
    its source file defines (compared with a fresh copy of the module)."""
    spec = importlib.util.spec_from_file_location(FRESH + module.__name__, module.__file__)
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)
    found = []
    for name, original in vars(fresh).items():
        if not (inspect.isclass(original) or inspect.isfunction(original)) \
                or getattr(original, "__module__", None) != fresh.__name__:
            continue                    # imported into the module, checked in its own
        live = getattr(module, name, None)
        if _signature(live) != _signature(original):
            found.append(name)
        elif inspect.isclass(original):
            found += [f"{name}.{attr}" for attr, value in vars(original).items()
                      if _signature(vars(live).get(attr)) != _signature(value)]
    return found


def _signature(obj):
    """Where a class or function was defined (file, line, name), or a plain value's type."""
    obj = getattr(obj, "__func__", obj)          # static and class methods
    if inspect.isfunction(obj):
        return (obj.__code__.co_filename, obj.__code__.co_firstlineno, obj.__qualname__)
    if inspect.isclass(obj):
        return ("class", obj.__module__.removeprefix(FRESH), obj.__qualname__)
    return ("value", type(obj).__name__)


def _loaded_whoosh_modules():
    return [m for name, m in sorted(sys.modules.items())
            if re.match(r"whoosh(\.|$)", name) and getattr(m, "__file__", None)]


def test_after_archivo_opens_and_searches_no_whoosh_class_is_replaced(tmp_path):
    store = IndexStore(tmp_path / "index")
    store.rebuild(_docs(300))
    store.live().upsert(_docs(2))           # a librarian's save: Whoosh's own writer
    service = SearchService(store)
    assert service.search(SearchRequest(q="border report")).total >= 5
    service.close()
    modules = _loaded_whoosh_modules()
    assert compound in modules and len(modules) > 20
    assert {m.__name__: replaced_in(m) for m in modules if replaced_in(m)} == {}


def test_a_replaced_whoosh_class_or_method_is_found(monkeypatch):
    class Stand_in:
        pass
    monkeypatch.setattr(compound, "SubFile", Stand_in)
    monkeypatch.setattr(compound.CompoundStorage, "open_file", lambda self, name: None)
    assert sorted(replaced_in(compound)) == ["CompoundStorage.open_file", "SubFile"]
