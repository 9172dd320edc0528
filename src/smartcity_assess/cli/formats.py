"""Which formats can show which result: checked before any work is done."""

from smartcity_assess.errors import UsageError
from smartcity_assess.report.interface import Reporter, all_formats, reporter_for


def reporter_supporting(fmt: str, method: str) -> Reporter:
    """The reporter for ``fmt`` if it can show ``method``'s result; a usage error naming the
    formats that can, before any work is done, otherwise."""
    reporter = reporter_for(fmt)
    if getattr(type(reporter), method) is getattr(Reporter, method):
        able = [
            name
            for name, cls in all_formats().items()
            if getattr(cls, method) is not getattr(Reporter, method)
        ]
        raise UsageError("usage-bad-format", format=fmt, choices=", ".join(able))
    return reporter
