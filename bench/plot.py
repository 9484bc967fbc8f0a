"""var/bench/scaling.png: each engine's p50 against the archive's size, log axes."""
from __future__ import annotations

from pathlib import Path

ENGINES = {"product": "Archivo", "fts5": "SQLite FTS5", "tantivy": "tantivy"}


def plot_scaling(reports: list[dict], path: Path) -> str:
    """Draw the plot if matplotlib is installed; returns what was done, in one line."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "scaling plot skipped: matplotlib is not installed (pip install 'archivo[bench]')"
    reports = sorted(reports, key=lambda r: r["size"])
    figure, axes = plt.subplots(1, 2, figsize=(10, 4), sharey=True)
    for ax, mode in zip(axes, ("plain", "faceted")):
        for engine, label in ENGINES.items():
            points = [(r["size"], r["search"][f"all/{mode}"][engine]["p50_ms"])
                      for r in reports if engine in r["search"].get(f"all/{mode}", {})]
            if points:
                ax.plot(*zip(*points), marker="o", label=label)
        ax.set(xscale="log", yscale="log", title=f"{mode} searches (all kinds)",
               xlabel="documents", ylabel="p50, ms")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return f"scaling plot written to {path}"
