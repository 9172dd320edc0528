"""How a value written as text is read: a yes/no word, or a number with a decimal point or
a decimal comma. One rule for a CSV cell and for a YAML string alike (docs/input-safety.md,
"Numbers and yes/no as written in Indonesia").

- **Yes/no words** (``BOOLEAN_WORDS``): ``true``/``false``, ``ya``/``tidak`` and
  ``benar``/``salah``, in any ASCII case (``BENAR``, ``Tidak``). A CSV cell may also say
  ``yes``/``no`` or ``1``/``0`` (``CSV_ONLY_WORDS``): in a CSV nothing else reads them, while
  in YAML a plain ``yes`` is YAML 1.1's ``true`` and YAML 1.2's text, so it stays refused
  there (``ambiguous-value``), and a quoted ``'yes'`` stays text.
- **Numbers** (``NUMBER``): ASCII digits, an optional sign, at most one decimal separator,
  a point or a comma (``78.5``, ``78,5``, ``,5``), and an optional exponent (``2.5e3``).
  Thousands separators are not accepted. A single separator followed by exactly three
  digits, after one to three digits that do not start with 0 (``1.234``, ``12,500``,
  ``-100.000``), could be either, so it is refused (``ambiguous-value``) with the two ways
  to write it (``1234``, or ``1.2340``); ``0.125``, ``1234.567`` and ``1.2345`` are not
  ambiguous. Two separators or more (``1.234.567``, ``1.234,5``) are thousands separators,
  refused with what to write (``wrong-type``). ``nan`` and ``inf`` are read, then refused by
  name (``not-finite``).

The patterns are written with ``[0-9]`` (never ``\\d``) and no inline flags, so that the very
same text serves as the JSON Schema's ``pattern`` (ECMA-262) for editors.
"""

from __future__ import annotations

import re
from itertools import product
from typing import Any

from smartcity_assess.i18n import Msg
from smartcity_assess.problems import shown


def _case_forms(word: str) -> list[str]:
    """Every ASCII upper/lower-case spelling of ``word``: 'ya', 'yA', 'Ya', 'YA'."""
    return ["".join(chars) for chars in product(*({c.lower(), c.upper()} for c in word))]


_WORDS: dict[str, bool] = {
    "true": True,
    "ya": True,
    "benar": True,
    "false": False,
    "tidak": False,
    "salah": False,
}
_CSV_ONLY: dict[str, bool] = {"yes": True, "1": True, "no": False, "0": False}

BOOLEAN_WORDS: dict[str, bool] = {
    form: value for word, value in _WORDS.items() for form in _case_forms(word)
}
"""Every spelling of a yes/no word a YAML string or a CSV cell may use."""
CSV_ONLY_WORDS: dict[str, bool] = {
    form: value for word, value in _CSV_ONLY.items() for form in _case_forms(word)
}
"""The spellings only a CSV cell may use (see the module's docstring)."""

BOOLEAN_PATTERN = (
    "^(?:" + "|".join("".join(f"[{c.upper()}{c.lower()}]" for c in word) for word in _WORDS) + ")$"
)
"""``BOOLEAN_WORDS`` as a pattern (JSON Schema has no case-insensitive flag)."""

_DIGITS = "[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+-]?[0-9]+)?"
_AMBIGUOUS = "[+-]?[1-9][0-9]{0,2}[.,][0-9]{3}"
NUMBER_PATTERN = f"^(?!{_AMBIGUOUS}$){_DIGITS}$"
"""A number written as text that is read, as a pattern (also the JSON Schema's)."""
NUMBER = re.compile(NUMBER_PATTERN)
AMBIGUOUS_NUMBER = re.compile(f"^{_AMBIGUOUS}$")
_NOT_FINITE = re.compile(r"^[+-]?(?:nan|inf|infinity)$", re.IGNORECASE)
_GROUPED = re.compile(r"^[+-]?[0-9]+(?:[.,][0-9]+){2,}$")


class RefusedText(str):
    """Text that a rule of this module refuses with a message of its own. It stays text,
    so the model rejects it where the value goes (the validation is strict), and the
    problem reported there is this one (``code``, ``key``, ``params``)."""

    code: str
    key: str
    params: dict[str, Any]

    def __new__(cls, text: str, code: str, key: str, **params: Any) -> RefusedText:
        refused = super().__new__(cls, text)
        refused.code, refused.key, refused.params = code, key, params
        return refused


def boolean_text(text: str, *, csv: bool = False) -> bool | str:
    """The yes/no ``text`` says, else the text itself (the model then says what it wants).
    ``csv``: the words only a CSV cell may use are taken too."""
    found = BOOLEAN_WORDS.get(text)
    if found is None and csv:
        found = CSV_ONLY_WORDS.get(text)
    return text if found is None else found


def number_text(text: str) -> float | str:
    """The number ``text`` is written as, else the text itself (``RefusedText`` for a
    number that is ambiguous or uses thousands separators; plain text otherwise, which
    the model reports as text where a number was wanted)."""
    if NUMBER.match(text):
        return float(text.replace(",", "."))
    if _NOT_FINITE.match(text):
        return float(text)  # refused by the model by name (not-finite)
    if AMBIGUOUS_NUMBER.match(text):
        return ambiguous_number(text)
    if _GROUPED.match(text):
        fix = _ungrouped(text)
        return RefusedText(text, "wrong-type", "number-grouped", value=shown(text), fix=fix)
    return text


def ambiguous_number(text: str) -> RefusedText:
    """``1.234`` refused: thousands (1234) or decimal (1.234)? Both ways to write it."""
    sign, digits = (text[0], text[1:]) if text[0] in "+-" else ("", text)
    whole = sign + digits.replace(".", "").replace(",", "")
    return RefusedText(
        text,
        "ambiguous-value",
        "ambiguous-number",
        value=text,
        thousands=whole,
        decimal=text + "0",
    )


def _ungrouped(text: str) -> Msg | str:
    """What to write for ``1.234.567`` or ``1.234,5``: the separators that group thousands
    dropped, the last one kept as the decimal separator when it differs from the others."""
    separators = [c for c in text if c in ".,"]
    *groups, last = re.split("[.,]", text)
    thousands = all(len(group) == 3 for group in groups[1:])
    if len(set(separators)) == 1 and thousands and len(last) == 3:
        return "".join([*groups, last])
    if len(set(separators[:-1])) == 1 and separators[-1] != separators[0] and thousands:
        whole = "".join(groups)
        return Msg.of("number-write", point=f"{whole}.{last}", comma=f"{whole},{last}")
    return Msg.of("number-write-plain")
