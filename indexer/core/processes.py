"""Work forked into processes, a share each, that die with the process that started
them: a rebuild's workers (indexer.engine.build), an import's (indexer.store.importer)
and a merge's pool (indexer.engine.merge).

run_forked() gives each share a forked process (the shares are inherited, not
pickled), relays their progress to the parent and returns their results in the
order of the shares; a process that dies is a StorageError, one that raises hands
its exception to the parent.

Why the processes must die with their parent: Whoosh's multi-process writer forked sub-processes that waited on a task queue: when
the builder was SIGKILLed, they waited for ever (each held its own copy of the
queue's write end, so no EOF ever came). indexer.engine.build's workers do not wait on
the parent, but a killed builder's workers would still run to the end of their
share, and meanwhile they keep the builder's open files:
the flock of the gen-*.building marker (a dead build looked alive, so its debris was
never swept) and the builder's stdout (a caller reading it to EOF hung; the fault
test found this). Linux's PR_SET_PDEATHSIG makes the kernel kill such a child when
its parent dies; elsewhere nothing changes.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import traceback
from multiprocessing.connection import wait
from typing import Any, Callable, Sequence

from indexer.core.errors import StorageError

PR_SET_PDEATHSIG = 1
_armed_in: int | None = None        # the pid whose forks get the guard


def arm() -> None:
    """From now on, children forked by this process die when it dies."""
    global _armed_in
    _armed_in = os.getpid()


_forked_by: int | None = None       # the pid that forked, as the child inherits it


def _before_fork() -> None:
    global _forked_by
    _forked_by = os.getpid()


def _in_child() -> None:
    # The forking pid is recorded before the fork: os.getppid() here would already be
    # another process's if the parent was killed meanwhile, and such a child must die,
    # not be taken for one forked by someone else.
    parent = _forked_by
    if parent is None or parent != _armed_in:       # forked by an unarmed process
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):   # not Linux: keep the old behaviour
        return
    if os.getppid() != parent:          # the parent died before prctl took effect
        os._exit(1)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_before_fork, after_in_child=_in_child)


def run_forked(work: Callable[[Any, Callable[[int], None]], Any], shares: Sequence,
               tell: Callable[[int], None], died: str) -> list:
    """work(share, progress) in a forked process per share; each progress(n) there is a
    tell(n) here. The results in the order of the shares; `died`: the StorageError's
    message when a process dies."""
    arm()
    context = multiprocessing.get_context("fork")
    workers = []
    try:
        for share in shares:
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_worker, args=(work, share, send), daemon=True)
            process.start()
            send.close()            # so a dead process's pipe reports EOF here
            workers.append((process, receive))
        return _collect(workers, tell, died)
    finally:
        for process, receive in workers:
            receive.close()
            if process.is_alive():
                process.kill()
            process.join()


def _collect(workers: list, tell: Callable[[int], None], died: str) -> list:
    results: dict[int, Any] = {}
    pending = {receive: n for n, (_, receive) in enumerate(workers)}
    while pending:
        for receive in wait(list(pending)):
            try:
                kind, payload = receive.recv()
            except EOFError:
                raise StorageError(died) from None
            if kind == "progress":
                tell(payload)
            elif kind == "error":
                raise payload
            else:
                results[pending.pop(receive)] = payload
    return [results[n] for n in range(len(workers))]


def _worker(work: Callable, share, send) -> None:
    try:
        send.send(("done", work(share, lambda n: send.send(("progress", n)))))
    except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
        try:
            send.send(("error", exc))
        except Exception:  # noqa: BLE001 - an exception that will not pickle
            send.send(("error", StorageError(traceback.format_exc())))
    finally:
        send.close()
