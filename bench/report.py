"""The benchmark's one table, as Markdown (README-ready), from the report dict."""
from __future__ import annotations

from bench.queries import KINDS


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def table(report: dict) -> str:
    build, search = report["build"], report["search"]
    lines = [f"Archivo vs SQLite FTS5, {report['size']:,} synthetic documents "
             f"(seed {report['seed']}, {report['machine']['cpus']} CPUs)", "",
             "| | Archivo (Whoosh) | SQLite FTS5 | ratio |", "|---|---|---|---|"]
    p, f = build["product"], build["fts5"]
    lines.append(f"| build, docs/s | {p['docs_per_s']:,.0f} | {f['docs_per_s']:,.0f} | "
                 f"{p['docs_per_s'] / f['docs_per_s']:.2f} |")
    lines.append(f"| index size | {_mb(p['bytes'])} | {_mb(f['bytes'])} | "
                 f"{p['bytes'] / f['bytes']:.2f} |")
    lines.append(f"| peak memory, build / search process | {p['peak_mb']:.0f} / "
                 f"{report['search_process_peak_mb']:.0f} MB | | |")
    for mode in ("plain", "faceted"):
        for kind in KINDS + ("all",):
            row = search.get(f"{kind}/{mode}")
            if row:
                lines.append(_search_row(f"{kind} {mode}", row))
    lib = report.get("librarian")
    if lib:
        lines.append(f"| new document searchable after save (max of {lib['saves']}) | "
                     f"{lib['searchable_after_max_ms']:.0f} ms | | |")
    webr = report.get("web")
    if webr:
        lines.append(f"| web: faceted searches/s, {webr['workers']} workers | "
                     f"{webr['per_second']:.0f}/s, p50 {webr['p50_ms']:.0f} ms, p99 "
                     f"{webr['p99_ms']:.0f} ms, {webr['errors']} errors of "
                     f"{webr['requests']} | | |")
        lines.append(f"| web: peak memory per worker (own memory at the end) | "
                     f"{', '.join(f'{m:.0f}' for m in webr['worker_peak_mb'])} MB "
                     f"({', '.join(f'{m:.0f}' for m in webr.get('worker_private_mb', []))} MB)"
                     " | | |")
    return "\n".join(lines)


def _search_row(label: str, row: dict) -> str:
    p, f = row["product"], row["fts5"]
    return (f"| search p50 / p95, {label} | {p['p50_ms']:.1f} / {p['p95_ms']:.1f} ms | "
            f"{f['p50_ms']:.1f} / {f['p95_ms']:.1f} ms | {row['ratio_p50']} / "
            f"{row['ratio_p95']} |")
