"""Text -> a vector of its meaning: WordLlama's static embeddings, offline.

The model is the one shipped inside the `wordllama` wheel (l2_supercat, 256
dimensions: a 32,000 x 256 float16 table, one row per Llama-2 token, and that
tokenizer's file). A text's vector is the mean of its tokens' rows, normalised to
length 1, which is all WordLlama's own `embed` does. Only the first 128 dimensions
are used: WordLlama is trained so that its leading dimensions are an embedding of
their own (its `load(dim=128)` truncates the same way), and 128 ranked as well as 256
on Cranfield and SciFact's train split (0.431 / 0.719 against 0.427 / 0.717) while
halving what every search reads (100,000 documents: 51 MB, not 102). It is done here because the
library's loader converts the table to a float32 copy in every process (+81 MB a
worker, against +17 MB here, where the table is memory-mapped from the wheel and
the page cache holds it once for all workers) and looks for its tokenizer in the
wrong folder before trying the network. Nothing is ever downloaded: the files are
read from the installed package, or a clear error says the package is missing.
tests/test_meaning.py checks the vectors equal the library's.
"""
from __future__ import annotations

import importlib.util
import json
import struct
import threading
from pathlib import Path

import numpy as np

from indexer.core.errors import ModelMissing

DIMENSIONS = 128        # of the model's 256 (see above)
_MODEL_DIMENSIONS = 256
TEXT_CHARS = 1500       # of a document, title and summary first: its start says what it is about
_WEIGHTS = ("weights", "l2_supercat_256.safetensors")
_TOKENIZER = ("tokenizers", "l2_supercat_tokenizer_config.json")
_loaded: "Model | None" = None
_loading = threading.Lock()


class Model:
    def __init__(self, folder: Path):
        from tokenizers import Tokenizer     # wordllama's dependency; a Rust tokenizer
        self.tokenizer = Tokenizer.from_file(str(folder.joinpath(*_TOKENIZER)))
        self.tokenizer.no_truncation()
        self.table = _memory_mapped_table(folder.joinpath(*_WEIGHTS))

    def embed(self, texts: list[str]) -> np.ndarray:
        """One unit-length float32 row per text; a text with no tokens gets zeros."""
        vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        last = self.table.shape[0] - 1
        for row, encoding in enumerate(self.tokenizer.encode_batch(texts, add_special_tokens=False)):
            if not encoding.ids:
                continue
            ids = np.minimum(np.asarray(encoding.ids, dtype=np.int64), last)
            mean = self.table[ids, :DIMENSIONS].astype(np.float32).mean(axis=0)
            norm = float(np.linalg.norm(mean))
            if norm > 0:
                vectors[row] = mean / norm
        return vectors


def model() -> Model:
    """The process's one model, loaded on first use (0.1 s)."""
    global _loaded
    if _loaded is not None:         # every query asks: no lock once it is loaded
        return _loaded
    with _loading:
        if _loaded is None:
            _loaded = Model(package_folder())
        return _loaded


def embed(texts: list[str]) -> np.ndarray:
    return model().embed(texts)


def package_folder() -> Path:
    spec = importlib.util.find_spec("wordllama")
    if spec is None or spec.origin is None:
        raise ModelMissing("search by meaning needs the wordllama package, which carries "
                           "its model: pip install wordllama==0.4.0.post1")
    return Path(spec.origin).parent


def document_text(title: str, summary: str, body: str) -> str:
    """What a document's vector is made of: its title, summary and the start of its text."""
    return "\n".join(part for part in (title, summary, body[:TEXT_CHARS]) if part)[:TEXT_CHARS]


def _memory_mapped_table(path: Path) -> np.memmap:
    """The safetensors file's one tensor, mapped read-only: an 8-byte little-endian
    header length, a JSON header giving its dtype, shape and byte range, the data."""
    with open(path, "rb") as handle:
        header_length = struct.unpack("<Q", handle.read(8))[0]
        header = json.loads(handle.read(header_length))
    tensor = header["embedding.weight"]
    if tensor["dtype"] != "F16" or tensor["shape"][1] != _MODEL_DIMENSIONS:
        raise ModelMissing(f"unexpected model file {path.name}: {tensor['dtype']} "
                           f"{tensor['shape']} (wordllama 0.4.0.post1 expected)")
    start, _ = tensor["data_offsets"]
    return np.memmap(path, dtype=np.float16, mode="r", offset=8 + header_length + start,
                     shape=tuple(tensor["shape"]))
