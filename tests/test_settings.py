"""Settings are read from the environment once, at the entry points, and passed down."""
from indexer.core.config import Settings
from indexer.store.archive import Archive


def test_the_build_processes_come_from_the_environment_into_the_index(tmp_path):
    env = {"ARCHIVO_CORPUS_DIR": str(tmp_path / "corpus"),
           "ARCHIVO_INDEX_DIR": str(tmp_path / "index"), "ARCHIVO_BUILD_PROCS": "3"}
    settings = Settings.from_env(env)
    assert settings.build_procs == 3
    assert Archive(settings).index.build_procs == 3


def test_without_a_setting_a_rebuild_takes_one_process_per_cpu(tmp_path):
    settings = Settings.from_env({"ARCHIVO_INDEX_DIR": str(tmp_path / "index")})
    assert settings.build_procs is None
    assert Settings.from_env({"ARCHIVO_BUILD_PROCS": "0"}).build_procs == 1
