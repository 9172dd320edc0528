"""Which formats can show which result: checked before any work is done."""

from smartcity_assess.errors import UsageError
from smartcity_assess.report.interface import FORMATS, Reporter, reporter_for


def reporter_supporting(fmt: str, method: str) -> Reporter:
    """The reporter for ``fmt`` if it can show ``method``'s result; a usage error naming the
    formats that can, before any work is done, otherwise."""
    reporter = reporter_for(fmt)
    able = [
        name
        for name, cls in FORMATS.items()
        if getattr(cls, method) is not getattr(Reporter, method)
    ]
    if fmt not in able:
        raise UsageError("usage-bad-format", format=fmt, choices=", ".join(able))
    return reporter
