"""A full rebuild's worker processes die with the process that started them.

Whoosh's multi-process writer forked sub-processes that waited on a task queue: when
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
import os
import signal

PR_SET_PDEATHSIG = 1
_armed_in: int | None = None        # the pid whose forks get the guard


def arm() -> None:
    """From now on, children forked by this process die when it dies."""
    global _armed_in
    _armed_in = os.getpid()


def _in_child() -> None:
    parent = _armed_in
    if parent is None or os.getppid() != parent:    # forked by some other process
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):   # not Linux: keep the old behaviour
        return
    if os.getppid() != parent:          # the parent died before prctl took effect
        os._exit(1)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_in_child)
