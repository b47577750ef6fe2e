"""Text and figures made safe to print, shared by every renderer and by stderr.

Hand-edited data can carry what a terminal or a spreadsheet would act on: ESC
sequences that recolour or rewrite the screen, a carriage return or backspace
that overprints what came before, bidi overrides that reorder a line (the
"Trojan Source" trick). They are shown as visible escapes instead, so the
reader sees what the file holds. Stdlib only: stderr uses it before anything
heavy is imported.
"""

from __future__ import annotations

import math
import unicodedata

# Zero-width (non-)joiners shape Indic and emoji text; every other format character
# (bidi overrides, zero-width space, soft hyphen, BOM) is invisible and shown escaped.
_JOINERS = {"\u200c", "\u200d"}
_HIDDEN = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def hidden(char: str) -> bool:
    """Would this character act on the terminal, or be invisible, rather than show?"""
    return unicodedata.category(char) in _HIDDEN and char not in _JOINERS


def escape_char(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def visible(text: str, keep: str = "") -> str:
    """`text` with every hidden character but those in `keep` written as an escape."""
    if text.isprintable():  # the common case; spaces such as U+3000 are kept below
        return text
    return "".join(escape_char(ch) if ch not in keep and hidden(ch) else ch for ch in text)


def json_text(dumped: str) -> str:
    """JSON from `json.dumps(ensure_ascii=False)`, with the hidden characters it
    leaves raw written as \\u escapes: the same document, harmless on a terminal."""
    return "\n".join(
        line if line.isprintable() else "".join(_json_escape(ch) if hidden(ch) else ch for ch in line)
        for line in dumped.split("\n")
    )


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def figure(value: float) -> float:
    """Round away float noise (66.66666…) but never a small figure's digits: at
    least four decimals and at least four significant digits."""
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, max(4, 3 - math.floor(math.log10(abs(value)))))
