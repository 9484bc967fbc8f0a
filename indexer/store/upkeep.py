"""The index as a whole, kept in step with the corpus: rebuild, catch-up, sync, check,
and merging the small segments that saves and imports leave (a mixin of Archive)."""
from __future__ import annotations

import functools
import time
from typing import Callable, Iterable

from indexer.engine import Generation
from indexer.core.models import Document
from indexer.store.corpusdocs import CorpusDocs

# Records whose mtime is up to this much before a rebuild started are re-read at the
# swap too, in case a write's rename landed just as the build listed the corpus.
CLOCK_SLACK_NS = 2_000_000_000


class IndexUpkeep:
    """Needs self.corpus, self.index and self.write_lock (Archive has them)."""

    def corpus_etags(self) -> CorpusDocs:
        return CorpusDocs(self.corpus, self.corpus.ids())

    def _docs_etags(self, doc_ids: Iterable[str]) -> Iterable[tuple[Document, str]]:
        return iter(CorpusDocs(self.corpus, list(doc_ids)))

    def ensure_index(self) -> None:
        """A first write on a fresh checkout builds the (maybe empty) index first."""
        if not self.index.exists():
            self.rebuild()

    def rebuild(self, progress: Callable[[int], None] | None = None) -> int:
        # Records written from (a little before) now on are re-checked at the swap.
        started = time.time_ns() - CLOCK_SLACK_NS
        return self.index.rebuild(self.corpus_etags(), progress=progress,
                                  catch_up=functools.partial(self._catch_up, since_ns=started))

    def _catch_up(self, generation: Generation, indexed: dict[str, str],
                  originals: set[str] | None = None, since_ns: int | None = None) -> None:
        """Before a rebuild's swap (under the lock): clear the corpus's debris, then sync.

        The originals the build's records named spare the orphan sweep a re-read of
        every record under the lock; only records written since are read again."""
        if originals is not None and since_ns is not None:
            self.corpus.sweep(orphans=True, referenced=originals, changed_since_ns=since_ns)
        else:
            self.corpus.sweep(orphans=True)
        self.sync(generation, indexed, since_ns)

    def sync(self, generation: Generation, indexed: dict[str, str],
             changed_since_ns: int | None = None) -> None:
        """Make a generation agree with the corpus (called under the writer lock).

        With changed_since_ns, only records written since then (and ids the
        generation lacks) are read: the rest are what the generation was built from.
        """
        ids = set(self.corpus.ids())
        if changed_since_ns is None:
            wanted = ids
        else:
            wanted = (self.corpus.changed_since(changed_since_ns) & ids) | (ids - set(indexed))
        live = {doc.id: (doc, tag) for doc, tag in self._docs_etags(sorted(wanted))}
        stale = [pair for doc_id, pair in live.items() if indexed.get(doc_id) != pair[1]]
        extra = [doc_id for doc_id in indexed if doc_id not in ids]
        if extra:
            generation.delete(extra)
        if stale:
            generation.upsert(stale)

    def check(self) -> dict[str, list[str]]:
        """Differences between corpus and index, and index segments that cannot be
        searched; all lists empty when they agree."""
        generation = self.index.live()
        indexed = generation.indexed_etags()
        live = {doc.id: tag for doc, tag in self.corpus_etags()}
        return {
            "missing_from_index": sorted(set(live) - set(indexed)),
            "not_in_corpus": sorted(set(indexed) - set(live)),
            "out_of_date": sorted(i for i in live if i in indexed and indexed[i] != live[i]),
            "damaged_segments": generation.damaged_segments(),
        }

    # -- merging ---------------------------------------------------------------
    def merge_segments(self, everything: bool = False, procs: int = 1) -> int:
        """Merge the small segments saves and imports leave; everything (`indexer
        optimize`): all of them. The writer lock is held only to choose what to merge
        and to swap the merged segment in, so saves and searches go on meanwhile.
        Returns how many segments were merged away; procs: processes to merge in."""
        if not self.index.exists():
            return 0
        return self.index.live().merge(self.write_lock, self._docs_etags, everything, procs)
