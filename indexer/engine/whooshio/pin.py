"""The one Whoosh version Archivo's hand-written parts were checked against.

indexer.engine.whooshio reads and writes Whoosh's files partly by hand: the whoosh3
codec's block layout, its term-info struct, its writers' and matchers' private
attributes. Another Whoosh may lay them out otherwise and still import cleanly, so
every door to the index (opening one, creating one) first checks that the installed
Whoosh is the pinned one, and refuses with one clear line if not. To upgrade: change
the pin here and in pyproject.toml together (tests/test_whoosh_adapter.py compares
them), then run the format tests (test_fastwriter, test_termarrays, test_segmentfiles).
"""
from __future__ import annotations

import whoosh

from indexer.core.errors import WhooshVersionMismatch

PINNED_WHOOSH = "3.54.0"       # pyproject.toml: whoosh3==3.54.0


def installed_whoosh() -> str:
    """The version of the Whoosh this process imported (not what pip's metadata says)."""
    return whoosh.versionstring()


def require_pinned_whoosh() -> None:
    """Raise WhooshVersionMismatch unless the imported Whoosh is PINNED_WHOOSH."""
    installed = installed_whoosh()
    if installed != PINNED_WHOOSH:
        raise WhooshVersionMismatch(
            "Archivo needs Whoosh {expected} but Whoosh {installed} is installed; "
            "install the pinned version (pip install whoosh3=={expected})",
            expected=PINNED_WHOOSH, installed=installed)
