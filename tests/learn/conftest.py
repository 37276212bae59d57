import shutil
from pathlib import Path

import pytest

from accordia.extract import Extractor

DEV = Path(__file__).resolve().parents[1] / "data" / "dev"
SMALL = ("d003", "d005", "d009", "d011", "d013", "d022")


@pytest.fixture(scope="session")
def rules_only() -> Extractor:
    return Extractor(model=None)


@pytest.fixture(scope="session")
def small_gold(tmp_path_factory) -> Path:
    """Six development articles with their gold: enough to exercise training, quick enough for CI."""
    folder = tmp_path_factory.mktemp("gold")
    for name in SMALL:
        for suffix in (".txt", ".gold.json"):
            shutil.copy(DEV / f"{name}{suffix}", folder / f"{name}{suffix}")
    return folder
