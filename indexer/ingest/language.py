"""Language identification at ingest: English or Spanish, offline (py3langid's shipped model)."""
from __future__ import annotations

import functools
import itertools
import re

LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"
MIN_CONFIDENCE = 0.8
SAMPLE_CHARS = 5000
MIN_LETTERS = 12
_LETTER = re.compile(r"[^\W\d_]")


@functools.lru_cache(maxsize=1)
def _identifier():
    # The model ships inside the py3langid package: nothing is downloaded.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect_language(text: str, sample_chars: int = SAMPLE_CHARS) -> tuple[str, float]:
    """('en' or 'es', confidence); short or unclear text counts as the default language.
    The identifier reads sample_chars characters (its cost grows with them)."""
    sample = (text or "")[:sample_chars]
    # Stop counting at MIN_LETTERS: counting every letter of the sample took a quarter
    # of the identification's time (an import identifies every record).
    if sum(1 for _ in itertools.islice(_LETTER.finditer(sample), MIN_LETTERS)) < MIN_LETTERS:
        return DEFAULT_LANGUAGE, 0.0
    language, confidence = _identifier().classify(sample)
    if confidence < MIN_CONFIDENCE:
        return DEFAULT_LANGUAGE, float(confidence)
    return str(language), float(confidence)
