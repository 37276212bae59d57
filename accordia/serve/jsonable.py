"""Turn what the facade hands back (DataFrames, dates, numpy scalars, NaN) into plain JSON values.

The facade speaks pandas because analysts do; the browser needs JSON, where a NaN or a
``Timestamp`` would either crash the encoder or arrive as a string nobody can sort.
"""

from __future__ import annotations

import math
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd


def jsonable(value: Any) -> Any:
    """A JSON-ready copy of ``value``: missing values become ``None``, dates ISO strings."""
    if value is None or isinstance(value, bool | str | int):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, datetime):
        if (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, np.ndarray):
        return [jsonable(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        return jsonable(value.item())
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, pd.DataFrame):
        return frame_rows(value)
    if isinstance(value, pd.Series):
        return jsonable(value.to_dict())
    if hasattr(value, "to_json") and callable(value.to_json):
        return jsonable(value.to_json())
    if is_dataclass(value) and not isinstance(value, type):
        return jsonable(asdict(value))
    return str(value)


def frame_rows(frame: Any) -> list[dict[str, Any]]:
    """Rows of a DataFrame (or an already-plain list of dicts) as JSON-ready dicts."""
    if frame is None:
        return []
    if isinstance(frame, pd.DataFrame):
        if frame.empty:
            return []
        return [jsonable(row) for row in frame.to_dict(orient="records")]
    return [jsonable(row) for row in frame]
