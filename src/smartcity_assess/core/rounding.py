"""The one rounding of scores: half up, on the decimal value a score stands for.

Kept apart from ``scoring`` (numpy) so that reports of numbers and the commands that
score nothing do not import numpy; ``scoring.round_keys`` is the same rule over arrays.
"""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any

SIGNIFICANT_DIGITS = 12
"""A score is read as the decimal it stands for at this many significant digits before it
is rounded: the noise of binary arithmetic (a few units in the 16th digit) is far below,
any digit a criteria file or a submission means is far above."""

HALF_WINDOW = 1e-9
"""Scaled values within this (relative) distance of a half are rounded by ``round_key``'s
decimal rule; reading at ``SIGNIFICANT_DIGITS`` moves a value by far less."""


def round_key(value: float, precision: int) -> int:
    """``value`` rounded half up (away from 0) to ``precision`` decimals, times
    10**precision: the one rounding of every score that is shown, compared or banded.

    The value is taken as the decimal it stands for, read to ``SIGNIFICANT_DIGITS``
    significant digits (never fewer than precision + 3 decimals), so a sum that is 2.595
    in decimal rounds to 2.60 whether the floats added up to 2.5949999999999998 or
    2.5950000000000002.
    """
    scaled = value * 10.0**precision
    nearest = round(scaled)
    if not near_half(scaled, nearest):
        return nearest
    exact = Decimal(value)
    digits = max(SIGNIFICANT_DIGITS, exact.adjusted() + precision + 4)
    read = Context(prec=digits).plus(exact)
    return int(read.scaleb(precision).to_integral_value(rounding=ROUND_HALF_UP))


def near_half(scaled: Any, nearest: Any) -> Any:
    """Whether ``scaled`` is close enough to a half between two integers that
    ``round_key`` must read it as a decimal; ``nearest`` is it rounded. Floats or numpy
    arrays alike (``scoring.round_keys``)."""
    return 0.5 - abs(scaled - nearest) <= HALF_WINDOW * (1.0 + abs(scaled))


@functools.lru_cache(maxsize=1 << 16)
def decimal_text(key: int, precision: int) -> str:
    """A key (``round_key``) as the decimal it is: 260 at precision 2 is "2.60". Kept for
    the keys seen last: a report of a large pool writes the same few thousand scores (eight
    factors and a total per region) a million times."""
    return f"{key / 10**precision:.{precision}f}"
