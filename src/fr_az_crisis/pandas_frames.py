"""The pandas backend: a typed polars frame as a pandas frame with nullable dtypes.

polars' own ``to_pandas()`` needs pyarrow and, with it, turns a nullable Int64 column into
float64 (so ``text[char_start:char_end]`` raises ``TypeError``) and a nullable Boolean into
object. Here each column is built from its values and its null mask, with pandas alone:

- integers -> ``Int64`` (``pd.NA`` for missing), numbers -> ``Float64``, booleans -> ``boolean``;
- strings -> ``string`` (``pd.NA`` for missing: one missing-value marker in a frame);
- dates -> ``datetime64[ms]`` at midnight (``NaT`` for missing): pandas has no date-only
  dtype without pyarrow; ``.dt.date`` gives ``datetime.date`` objects;
- enumerations -> ``category`` with the categories in schema order (sorting follows the
  schema's order; unordered, since most enumerations are not ranks).

The same code runs with or without pyarrow installed, so a frame is the same everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl

if TYPE_CHECKING:
    import pandas as pd


def to_pandas(frame: pl.DataFrame) -> pd.DataFrame:
    """``frame`` as a pandas DataFrame with the nullable dtypes above."""
    import pandas as pd

    return pd.DataFrame({name: _column(frame[name]) for name in frame.columns})


def _column(s: pl.Series) -> Any:
    import pandas as pd

    dtype = s.dtype
    mask = s.is_null().to_numpy()
    if dtype == pl.Int64:
        return pd.arrays.IntegerArray(s.fill_null(0).to_numpy().astype("int64"), mask)
    if dtype == pl.Float64:
        return pd.arrays.FloatingArray(s.fill_null(0.0).to_numpy().astype("float64"), mask)
    if dtype == pl.Boolean:
        return pd.arrays.BooleanArray(s.fill_null(False).to_numpy(), mask)
    if dtype == pl.Date:
        return s.cast(pl.Datetime("ms")).to_numpy()
    if isinstance(dtype, pl.Enum):
        codes = s.to_physical().cast(pl.Int64).fill_null(-1).to_numpy()
        categories = pd.Index([str(c) for c in dtype.categories.to_list()])
        return pd.Categorical.from_codes(codes, categories=categories)
    if dtype == pl.String:
        return pd.array(s.to_numpy(), dtype=pd.StringDtype())
    raise TypeError(f"column {s.name!r}: no pandas dtype for polars {dtype}")
