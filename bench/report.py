"""The benchmark's table, as Markdown (README-ready), from one size's report dict."""
from __future__ import annotations

from bench.queries import KINDS


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def table(report: dict) -> str:
    build, search = report["build"], report["search"]
    peer = "tantivy" in build
    lines = [f"Archivo vs SQLite FTS5{' and tantivy' if peer else ''}, {report['size']:,} "
             f"synthetic documents (seed {report['seed']}, {report['machine']['cpus']} CPUs)",
             ""]
    ways = report.get("fts5_facet_ways")
    if ways:
        lines += [f"FTS5 facet counts: {ways['kept']!r} kept (p50 "
                  + ", ".join(f"{w} {ms} ms" for w, ms in ways["p50_ms"].items()) + ")", ""]
    if peer:
        lines += ["| | Archivo | SQLite FTS5 | tantivy | vs FTS5 | vs tantivy |",
                  "|---|---|---|---|---|---|"]
    else:
        lines += ["| | Archivo | SQLite FTS5 | ratio |", "|---|---|---|---|"]
    p, f = build["product"], build["fts5"]
    t = build.get("tantivy")
    lines.append(_row("build, docs/s", f"{p['docs_per_s']:,.0f}", f"{f['docs_per_s']:,.0f}",
                      t and f"{t['docs_per_s']:,.0f}", p["docs_per_s"] / f["docs_per_s"],
                      t and p["docs_per_s"] / t["docs_per_s"], peer))
    lines.append(_row("index size", _mb(p["bytes"]), _mb(f["bytes"]), t and _mb(t["bytes"]),
                      p["bytes"] / f["bytes"], t and p["bytes"] / t["bytes"], peer))
    for mode in ("plain", "faceted"):
        for kind in KINDS + ("all",):
            row = search.get(f"{kind}/{mode}")
            if row:
                lines.append(_search_row(f"{kind} {mode}", row, peer))
    lines += _product_rows(report, peer)
    return "\n".join(lines)


def _row(label, product, fts, tantivy, ratio_fts, ratio_tantivy, peer) -> str:
    cells = [label, product, fts] + ([tantivy or ""] if peer else [])
    cells.append(f"{ratio_fts:.2f}")
    if peer:
        cells.append(f"{ratio_tantivy:.2f}" if ratio_tantivy else "")
    return "| " + " | ".join(cells) + " |"


def _search_row(label: str, row: dict, peer: bool) -> str:
    def cell(engine):
        e = row.get(engine)
        return f"{e['p50_ms']:.1f} / {e['p95_ms']:.1f} ms" if e else ""
    cells = [f"p50 / p95, {label}", cell("product"), cell("fts5")]
    if peer:
        cells.append(cell("tantivy"))
    cells.append(f"{row['ratio_p50']} / {row['ratio_p95']}")
    if peer:
        cells.append(f"{row.get('tantivy_ratio_p50')} / {row.get('tantivy_ratio_p95')}")
    return "| " + " | ".join(cells) + " |"


def _product_rows(report: dict, peer: bool) -> list[str]:
    """Archivo-only figures: one cell, the rest of the row empty."""
    pad = " |" + " |" * (4 if peer else 2)
    rows = [("peak memory, build / search process",
             f"{report['build']['product']['peak_mb']:.0f} / "
             f"{report['search_process_peak_mb']:.0f} MB")]
    lib = report.get("librarian")
    if lib:
        rows.append((f"new document searchable after save (max of {lib['saves']})",
                     f"{lib['searchable_after_max_ms']:.0f} ms"))
    imp = report.get("import")
    if imp:
        rows.append((f"`indexer import` of {imp['records']:,} records, docs/s",
                     f"{imp['docs_per_s']:,.0f} ({imp['seconds']} s; rebuild "
                     f"{report['build']['product']['docs_per_s']:,.0f})"))
        rows.append(("a librarian's save during the import (another process; lock wait "
                     "included)", ", ".join(f"{ms} ms" for ms in imp["saves_during_ms"])
                     or "none"))
        if imp.get("searches_during"):
            rows.append(("searches during the import, p50 / max",
                         f"{imp['search_during_p50_ms']:.0f} / "
                         f"{imp['search_during_max_ms']:.0f} ms, "
                         f"{imp['search_errors_during']} errors of {imp['searches_during']}"))
        rows.append((f"then {imp['saves_after']} single saves, p50 / max",
                     f"{imp['save_after_p50_ms']:.0f} / {imp['save_after_max_ms']:.0f} ms; "
                     f"segments {imp['segments_after_saves']}"))
    for key, label in (("web", "web, rebuilt index"), ("web_lived_in",
                                                       "web, imported + 200 saves")):
        webr = report.get(key)
        if webr:
            rows.append((f"{label}: faceted searches/s, {webr['workers']} workers, "
                         f"{webr.get('client_threads', 4)} clients",
                         f"{webr['per_second']:.0f}/s, p50 {webr['p50_ms']:.0f} ms, p99 "
                         f"{webr['p99_ms']:.0f} ms, {webr['errors']} errors of "
                         f"{webr['requests']}"))
            rows.append((f"{label}: peak memory per worker (own memory at the end)",
                         f"{', '.join(f'{m:.0f}' for m in webr['worker_peak_mb'])} MB ("
                         f"{', '.join(f'{m:.0f}' for m in webr.get('worker_private_mb', []))}"
                         " MB)"))
    cli = report.get("cli_start")
    if cli:
        rows.append(("`indexer --help` / `indexer search`, wall (best of 3)",
                     f"{cli['help_s']:.2f} / {cli['search_s']:.2f} s"))
    return [f"| {label} | {value}{pad}" for label, value in rows]
