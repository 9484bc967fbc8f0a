"""The import layers of ARCHITECTURE.md hold: arrows point down, never up or sideways.

core <- analysis <- ingest <- engine <- store, search <- cli <- webapp <- bench.
Every module's imports are read with `ast` (imports inside functions too), mapped to
their package, and checked; a synthetic graph shows each rule does fail. Whoosh's
internals are used behind one door (indexer.engine.whooshio): no other module imports
them or reaches for a private attribute of a Whoosh object.
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Package -> layer. A package may import only from lower layers; two packages of the
# same layer (store and search) may not import each other.
LAYERS = {
    "indexer": 0, "indexer.core": 0,
    "indexer.analysis": 1,
    "indexer.ingest": 2,
    "indexer.engine": 3,
    "indexer.store": 4, "indexer.search": 4,
    "indexer.cli": 5,
    "webapp": 6,
    "bench": 7,
}
# The engine's __init__ is its whole public surface: no module outside it imports one
# of its submodules (bench measures the engine's insides on purpose).
SURFACE_EXEMPT = ("indexer.engine", "bench")
# Settings come from the environment at the entry points only (Settings.from_env,
# called by the CLI and create_app); below them configuration is passed in.
ENVIRONMENT_READERS = {
    "indexer.core.config",      # Settings.from_env: what the entry points call
}
# Whoosh's insides (as opposed to its public API: query parser and queries, fields,
# stored fields, collectors, scoring, highlighting, analysis): only the adapter uses them.
WHOOSH_ADAPTER = "indexer.engine.whooshio"
WHOOSH_INTERNALS = ("whoosh.codec", "whoosh.filedb", "whoosh.writing", "whoosh.matching",
                    "whoosh.reading", "whoosh.system", "whoosh.util", "whoosh.columns",
                    "whoosh.externalsort", "whoosh.multiproc", "whoosh.idsets",
                    "whoosh.compat", "whoosh.support", "whoosh.automata")
# Below the engine, so it cannot import the adapter: the spelling corrector walks a
# Levenshtein automaton over the word list. Every process that corrects spelling reads
# an index first, and so has passed the adapter's version check.
WHOOSH_INTERNALS_BELOW_THE_ENGINE = {("indexer.analysis.spelling", "whoosh.automata")}
# Private attributes of Whoosh objects still used outside the adapter: none since the
# one scorer replaced the Whoosh-matcher path and its snippets. Keep it empty.
PRIVATE_WHOOSH_PENDING: dict[str, set[str]] = {}


def package_of(module: str) -> str | None:
    """The layer package a dotted module name belongs to (None: outside Archivo)."""
    if module == "indexer.__main__":
        return "indexer.cli"
    parts = module.split(".")
    for n in (2, 1):
        name = ".".join(parts[:n])
        if len(parts) >= n and name in LAYERS:
            return name
    return None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> tuple[set[str], bool]:
    """(Dotted names the module imports, whether it reads os.environ / os.getenv)."""
    module, tree = module_name(path), ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names, reads_env = set(), False
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            # `from pkg import sub` imports the submodule pkg.sub when there is one
            names |= {f"{base}.{a.name}" if _is_module(f"{base}.{a.name}") else base
                      for a in node.names}
        elif isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv") \
                and isinstance(node.value, ast.Name) and node.value.id == "os":
            reads_env = True
    return names, reads_env


def _is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def import_graph() -> tuple[dict[str, set[str]], set[str]]:
    graph, env_readers = {}, set()
    for folder in ("indexer", "webapp", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            names, reads_env = imports_of(path)
            graph[module_name(path)] = names
            if reads_env:
                env_readers.add(module_name(path))
    return graph, env_readers


def violations(graph: dict[str, set[str]]) -> list[str]:
    """Every broken rule of the graph (module -> the dotted names it imports)."""
    found, edges = [], {}
    for module, names in graph.items():
        source = package_of(module)
        for name in sorted(names):
            if source == "webapp" and (name.split(".")[0] == "whoosh"
                                       or name.startswith("indexer.engine")):
                found.append(f"{module} -> {name}: the web app goes through the store "
                             "and the search service, never the engine or Whoosh")
            target = package_of(name)
            if target is None or target == source:
                continue
            edges.setdefault(source, set()).add(target)
            if LAYERS[target] >= LAYERS[source]:
                found.append(f"{module} -> {name}: an arrow "
                             + ("up" if LAYERS[target] > LAYERS[source] else "sideways")
                             + f" ({source} is layer {LAYERS[source]}, {target} {LAYERS[target]})")
            if target == "indexer.engine" and name != "indexer.engine" \
                    and not module.startswith(SURFACE_EXEMPT):
                found.append(f"{module} -> {name}: outside the engine, import "
                             "indexer.engine (its public surface), not its submodules")
    return found + [f"cycle between packages: {' -> '.join(c)}" for c in _cycles(edges)]


def whoosh_internal_imports(graph: dict[str, set[str]]) -> list[str]:
    """Imports of Whoosh's internals from outside the adapter."""
    return [f"{module} -> {name}: Whoosh's internals are used only in {WHOOSH_ADAPTER}"
            for module, names in graph.items() if not module.startswith(WHOOSH_ADAPTER)
            for name in sorted(names)
            if name.startswith(WHOOSH_INTERNALS)
            and (module, ".".join(name.split(".")[:2])) not in WHOOSH_INTERNALS_BELOW_THE_ENGINE]


def private_attributes(source: str) -> set[str]:
    """The private names a module reaches for on objects it did not define them on:
    x._name (but self._name only when the module never sets or defines _name),
    super()._name, and private keyword arguments (f(_name=...))."""
    tree = ast.parse(source)
    own = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            own.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            own.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            own.add(node.id)
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and (node.arg or "").startswith("_"):
            found.add(node.arg)
        if not isinstance(node, ast.Attribute) or not node.attr.startswith("_") \
                or node.attr.startswith("__"):
            continue
        on_self = isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
        exit_call = isinstance(node.value, ast.Name) and node.value.id == "os" \
            and node.attr == "_exit"
        if not exit_call and not (on_self and node.attr in own):
            found.add(node.attr)
    return found


def whoosh_users() -> dict[str, str]:
    """module -> source of every Archivo module outside the adapter that uses Whoosh
    (imports it, or the adapter)."""
    users = {}
    graph, _ = import_graph()
    for module, names in graph.items():
        if not module.startswith(WHOOSH_ADAPTER) and any(
                n.split(".")[0] == "whoosh" or n.startswith(WHOOSH_ADAPTER) for n in names):
            path = ROOT.joinpath(*module.split("."))
            path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
            users[module] = path.read_text(encoding="utf-8")
    return users


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    cycles, done = [], set()

    def visit(node, path):
        if node in path:
            cycles.append(path[path.index(node):] + [node])
            return
        if node in done:
            return
        for nxt in sorted(edges.get(node, ())):
            visit(nxt, path + [node])
        done.add(node)

    for start in sorted(edges):
        visit(start, [])
    return cycles


def test_the_real_import_graph_keeps_the_layers():
    graph, _ = import_graph()
    assert "indexer.engine.index" in graph and "webapp.review" in graph
    assert violations(graph) == []


def test_only_the_adapter_imports_whoosh_internals():
    graph, _ = import_graph()
    assert any(n.startswith("whoosh.codec") for n in graph[f"{WHOOSH_ADAPTER}.layout"])
    assert whoosh_internal_imports(graph) == []


def test_no_private_attribute_of_a_whoosh_object_is_used_outside_the_adapter():
    users = whoosh_users()
    assert "indexer.engine.fastwriter" in users and "indexer.engine.querylimits" in users
    found = {module: private_attributes(source) for module, source in users.items()}
    unexpected = {m: names - PRIVATE_WHOOSH_PENDING.get(m, set())
                  for m, names in found.items() if names - PRIVATE_WHOOSH_PENDING.get(m, set())}
    assert unexpected == {}


def test_the_whoosh_rules_fail_on_planted_uses():
    planted = {"indexer.engine.postings": {"whoosh.codec.whoosh3", "numpy"},
               "indexer.search.service": {"whoosh.collectors", "whoosh.matching"},
               f"{WHOOSH_ADAPTER}.layout": {"whoosh.codec.whoosh3"},
               "indexer.analysis.spelling": {"whoosh.automata.fsa"}}
    assert whoosh_internal_imports(planted) == [
        "indexer.engine.postings -> whoosh.codec.whoosh3: Whoosh's internals are used only "
        f"in {WHOOSH_ADAPTER}",
        "indexer.search.service -> whoosh.matching: Whoosh's internals are used only "
        f"in {WHOOSH_ADAPTER}"]
    source = ("class W(SegmentWriter):\n"
              "    def __init__(self):\n        self._mine = 1\n"
              "    def add(self):\n        self._check_state(); self._mine += 1\n"
              "        super()._btexts(r); m._ids; os._exit(1); f(_lk=False)\n")
    assert private_attributes(source) == {"_check_state", "_btexts", "_ids", "_lk"}


def test_only_the_entry_points_read_the_environment():
    _, readers = import_graph()
    below = {m for m in readers if package_of(m) not in ("indexer.cli", "webapp", "bench")}
    assert below <= ENVIRONMENT_READERS, below - ENVIRONMENT_READERS


def test_each_package_says_what_it_owns_and_may_import():
    for package in ("core", "analysis", "ingest", "engine", "store", "search"):
        doc = ast.get_docstring(ast.parse((ROOT / "indexer" / package / "__init__.py")
                                          .read_text(encoding="utf-8")))
        assert doc and "May import" in doc, package


def test_each_rule_fails_on_a_planted_violation():
    planted = {
        "indexer.core.models": {"indexer.engine.schema"},           # up
        "indexer.engine.schema": {"indexer.core.errors"},           # down: with the above, a cycle
        "indexer.store.archive": {"indexer.search.service"},        # sideways
        "indexer.search.service": {"indexer.engine.index"},         # past the surface
        "webapp.review": {"whoosh.query", "indexer.engine"},        # the web and the engine
        "webapp.search": {"indexer.search", "indexer.core.errors"},  # fine
    }
    found = violations(planted)
    assert any(f.startswith("indexer.core.models -> indexer.engine.schema: an arrow up")
               for f in found)
    assert any("indexer.store.archive -> indexer.search.service: an arrow sideways" in f
               for f in found)
    assert any("indexer.search.service -> indexer.engine.index: outside the engine" in f
               for f in found)
    assert sum(f.startswith("webapp.review -> ") and "never the engine" in f
               for f in found) == 2
    assert not any(f.startswith("webapp.search") for f in found)
    assert any(f.startswith("cycle between packages") for f in found)   # core <-> engine


def test_a_cycle_is_found_whatever_the_layers():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(edges) == [["a", "b", "c", "a"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
