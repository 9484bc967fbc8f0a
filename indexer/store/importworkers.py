"""An import's processes: one a share of the lines, each classifying and saving its own.

The first import had one process save everything that a pool of processes had
classified: on 2 CPUs it did three times a classifier's work (the index segment,
the corpus, the duplicate check), so the import ran at that one process's pace.
Each process now does all of it for its share, as a rebuild's workers do, and
they meet only at the writer lock, which each holds just to check and write a
batch (indexer.store.asidesave). The shares are the parent's memory, inherited by
fork; what comes back is small: the lines settled (for the progress bar), and at
the end the ids added and the errors, by line number.

A process dies with the import (Linux's PR_SET_PDEATHSIG): a killed import leaves
no process behind holding its files; its cut-short batch is taken back by the
journal, as any killed writer's.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import signal
import traceback
from multiprocessing.connection import wait
from typing import Callable

from indexer.core.errors import StorageError
from indexer.ingest.language import detect_language


def run(work: Callable, archive, shares: list, actor: str,
        tell: Callable[[int], None]) -> list[dict]:
    """work(archive, share, actor, tell) -> result, for each share in a process of its own;
    the results in the order of the shares."""
    detect_language("load the language model once, before the processes fork")
    context = multiprocessing.get_context("fork")
    workers = []
    try:
        for share in shares:
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_worker, args=(work, archive, share, actor, send),
                                      daemon=True)
            process.start()
            send.close()            # so a dead process's pipe reports EOF here
            workers.append((process, receive))
        return _collect(workers, tell)
    finally:
        for process, receive in workers:
            receive.close()
            if process.is_alive():
                process.kill()
            process.join()


def _collect(workers: list, tell: Callable[[int], None]) -> list[dict]:
    results: dict[int, dict] = {}
    pending = {receive: n for n, (_, receive) in enumerate(workers)}
    while pending:
        for receive in wait(list(pending)):
            try:
                kind, payload = receive.recv()
            except EOFError:
                raise StorageError("an import process died; the batches it committed are "
                                   "kept, and running the import again adds the rest") from None
            if kind == "settled":
                tell(payload)
            elif kind == "error":
                raise payload
            else:
                results[pending.pop(receive)] = payload
    return [results[n] for n in range(len(workers))]


def _worker(work: Callable, archive, share: list, actor: str, send) -> None:
    _die_with_parent()
    try:
        send.send(("done", work(archive, share, actor, lambda n: send.send(("settled", n)))))
    except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
        try:
            send.send(("error", exc))
        except Exception:  # noqa: BLE001 - an exception that will not pickle
            send.send(("error", StorageError(traceback.format_exc())))
    finally:
        send.close()


def _die_with_parent() -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
