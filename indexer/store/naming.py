"""New document ids, readable from their titles (the corpus names its records by them)."""
from __future__ import annotations

import re
import unicodedata


def slugify(title: str, max_chars: int = 60) -> str:
    """A readable id from a title: ascii words joined by dashes, cut at a word boundary."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    slug = ""
    for word in re.findall(r"[a-z0-9]+", folded.replace("'", "").replace("’", "")):
        if slug and len(slug) + 1 + len(word) > max_chars:
            break
        slug = f"{slug}-{word}" if slug else word[:max_chars]
    return slug or "document"


class IdAllocator:
    """New ids for one batch, readable from their titles: "title", "title-2", ...

    Each base id remembers the next -N to try, so a listing of n items with one title
    costs about n look-ups, not n²/2 (20,000 "Untitled" items held the lock past 60 s)."""

    def __init__(self, corpus, taken: set[str] = frozenset()):
        self.corpus, self.taken, self.next_n = corpus, set(taken), {}

    def new_id(self, title: str) -> str:
        base = slugify(title)
        n = self.next_n.get(base, 1)
        while True:
            candidate = base if n == 1 else f"{base}-{n}"
            n += 1
            if candidate not in self.taken and not self.corpus.id_used(candidate):
                break
        self.next_n[base] = n
        self.taken.add(candidate)
        return candidate
