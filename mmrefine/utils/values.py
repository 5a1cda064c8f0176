"""Type checks for values read from user files (JSON, CSV)."""
import math


def is_integer(value) -> bool:
    """An ``int`` and not a ``bool`` (JSON ``true`` is no id)."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_finite_number(value) -> bool:
    """An ``int`` or ``float`` (not a ``bool``) that is neither NaN nor infinite."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
