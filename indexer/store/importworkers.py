"""An import's processes: one a share of the lines, each classifying and saving its own.

The first import had one process save everything that a pool of processes had
classified: on 2 CPUs it did three times a classifier's work (the index segment,
the corpus, the duplicate check), so the import ran at that one process's pace.
Each process now does all of it for its share, as a rebuild's workers do, and
they meet only at the writer lock, which each holds just to check and write a
batch (indexer.store.asidesave). The shares are the parent's memory, inherited by
fork; what comes back is small: the lines settled (for the progress bar), and at
the end the ids added and the errors, by line number.

A process dies with the import (indexer.core.processes): a killed import leaves
no process behind holding its files; its cut-short batch is taken back by the
journal, as any killed writer's.
"""
from __future__ import annotations

from typing import Callable

from indexer.core.processes import run_forked
from indexer.ingest.language import detect_language


def run(work: Callable, archive, shares: list, actor: str,
        tell: Callable[[int], None]) -> list[dict]:
    """work(archive, share, actor, tell) -> result, for each share in a process of its own;
    the results in the order of the shares."""
    detect_language("load the language model once, before the processes fork")
    return run_forked(lambda share, progress: work(archive, share, actor, progress),
                      shares, tell, "an import process died; the batches it committed "
                      "are kept, and running the import again adds the rest")
