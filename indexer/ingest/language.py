"""Language identification at ingest: English or Spanish, offline (py3langid's shipped model)."""
from __future__ import annotations

import functools

LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"
MIN_CONFIDENCE = 0.8
SAMPLE_CHARS = 5000


@functools.lru_cache(maxsize=1)
def _identifier():
    # The model ships inside the py3langid package: nothing is downloaded.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect_language(text: str) -> tuple[str, float]:
    """('en' or 'es', confidence); short or unclear text counts as the default language."""
    sample = (text or "")[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < 12:
        return DEFAULT_LANGUAGE, 0.0
    language, confidence = _identifier().classify(sample)
    if confidence < MIN_CONFIDENCE:
        return DEFAULT_LANGUAGE, float(confidence)
    return str(language), float(confidence)
