"""Settings from the environment (ARCHIVO_*), with defaults relative to the checkout."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_TOPICS_FILE = Path(__file__).resolve().parents[1] / "data" / "topics.toml"


@dataclass(frozen=True)
class Settings:
    corpus_dir: Path
    index_dir: Path
    topics_file: Path = DEFAULT_TOPICS_FILE
    max_bytes: int = 25 * 1024 * 1024
    lock_timeout: float = 30.0
    build_procs: int | None = None      # processes of a full rebuild (None: one per CPU, max 4)
    semantic: bool = True               # rank plain words by meaning too (ARCHIVO_SEMANTIC=off)

    @classmethod
    def from_env(cls, env=None) -> "Settings":
        env = os.environ if env is None else env
        return cls(
            corpus_dir=Path(env.get("ARCHIVO_CORPUS_DIR", PROJECT_ROOT / "corpus")),
            index_dir=Path(env.get("ARCHIVO_INDEX_DIR", PROJECT_ROOT / "var" / "index")),
            topics_file=Path(env.get("ARCHIVO_TOPICS_FILE", DEFAULT_TOPICS_FILE)),
            max_bytes=int(env.get("ARCHIVO_MAX_BYTES", 25 * 1024 * 1024)),
            lock_timeout=float(env.get("ARCHIVO_LOCK_TIMEOUT", 30)),
            build_procs=max(1, int(env["ARCHIVO_BUILD_PROCS"]))
            if env.get("ARCHIVO_BUILD_PROCS") else None,
            semantic=env.get("ARCHIVO_SEMANTIC", "on").strip().lower()
            not in ("off", "0", "false", "no"),
        )
