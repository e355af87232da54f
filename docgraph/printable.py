"""Text that came from documents or file names, made safe to show on a terminal or in a
table: one rule for the command line, the analysis tables and ``QueryResult``'s repr."""

from __future__ import annotations

import re

__all__ = ["printable"]

#: what a terminal would act on instead of showing: C0 and C1 control characters (ESC
#: starts colour, title and hyperlink sequences; 0x9b is a one-byte CSI), line and
#: paragraph separators and the bidirectional overrides that reorder what is shown
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[{_CONTROLS}]")
_CONTROL_OR_NEWLINE = re.compile(f"[{_CONTROLS}\t\n]")


def printable(text: object, *, one_line: bool = False) -> str:
    r"""``text`` safe to print on a terminal: control characters shown as escapes
    (``\x1b``), so a file name or a document cannot set colours, retitle the window or
    hide a line. ``one_line`` also escapes tabs and newlines (error lines).

    >>> printable("a\x1b]0;owned\x07b")
    'a\\x1b]0;owned\\x07b'
    """
    pattern = _CONTROL_OR_NEWLINE if one_line else _CONTROL
    return pattern.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))
