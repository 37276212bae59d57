from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def fixture_copy(tmp_path: Path):
    """Copy a fixture into a temporary folder, optionally with a chosen modification date.

    Checked-out files carry the checkout time as mtime, so tests of the file-date rule set it.
    """

    def copy(name: str, mtime: str | None = None, as_name: str | None = None) -> Path:
        target = tmp_path / (as_name or name)
        shutil.copyfile(FIXTURES / name, target)
        if mtime is not None:
            stamp = datetime.fromisoformat(mtime).timestamp()
            os.utime(target, (stamp, stamp))
        return target

    return copy
