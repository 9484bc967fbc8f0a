"""Starting `indexer` imports only what the command needs (a count of modules, not a
time: `make bench` times it). `indexer --help` took 3 s when every command's modules,
and with nltk all of scipy, were imported at start."""
import json
import subprocess
import sys

HEAVY = ("nltk", "scipy", "whoosh", "numpy", "indexer.engine", "indexer.store")


def modules_after(args: list[str], env_dirs: dict | None = None) -> set[str]:
    """The top modules (and indexer subpackages) loaded by running `indexer <args>`."""
    code = ("import sys, json\n"
            "from indexer.cli import main\n"
            f"try:\n    main({args!r}, prog_name='indexer')\n"
            "except SystemExit:\n    pass\n"
            "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**__import__("os").environ, **(env_dirs or {})}, timeout=300)
    loaded = json.loads(done.stderr.strip().splitlines()[-1])
    return {name for name in loaded for heavy in HEAVY
            if name == heavy or name.startswith(heavy + ".")}


def test_help_imports_neither_the_engine_nor_nltk_whoosh_or_scipy():
    assert modules_after(["--help"]) == set()
    assert modules_after(["search", "--help"]) == set()


def test_a_search_loads_nltk_without_scipy(tmp_path):
    loaded = modules_after(["search", "trade"], {"ARCHIVO_CORPUS_DIR": str(tmp_path / "c"),
                                                 "ARCHIVO_INDEX_DIR": str(tmp_path / "i")})
    assert "nltk" in loaded and "whoosh" in loaded
    assert not any(name == "scipy" or name.startswith("scipy.") for name in loaded)
