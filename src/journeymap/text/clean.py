"""The character policy: which invisible and reordering characters text may keep.

One function owns it, so every output agrees (docs/format.md, "Characters", gives the why
of each class). normalize applies it to every text of the model; writers apply it again to
text that does not come from the model (labels from journeymap.toml, file names, git
revisions), and it is idempotent and cheap when there is nothing to do.

    U+2028, U+2029, CR LF, CR       a line break ("\\n")
    bidi embeddings/overrides/      dropped: a text could reorder the text around it; every
    isolates, LRM, RLM, ALM         output isolates each text instead (dir="auto", bidi CSS)
    soft hyphen, word joiner,       dropped: invisible, and each would hide or join what the
    BOM, other invisible format     reader sees; U+00AD would draw a hyphen in some viewers
    ZWNJ, ZWJ                       kept only between two visible characters (Persian and
                                    Indic shaping, emoji sequences), dropped elsewhere
    U+200B                          kept by clean_text (a break opportunity for the SVG line
                                    breaker, <wbr> in HTML); plain_text removes it
    other controls, surrogates,     U+FFFD: the loader rejects them, so only text from outside
    U+FFFE, U+FFFF                  the loader can hold them, and XML cannot carry them
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

__all__ = ["ZWSP", "clean_text", "plain_data", "plain_text"]

ZWSP = "\u200b"

_BREAKS = re.compile("\r\n?|[\u2028\u2029]")
_DROPPED = re.compile(
    "[\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides, isolates
    "\u200e\u200f\u061c"  # LRM, RLM, ALM
    "\u00ad\u180e\u2060-\u2065\u206a-\u206f\ufeff\ufff9-\ufffb]"  # other invisible format
)
_JOINERS = re.compile("[\u200c\u200d]+")
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SUSPECT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb\ufffe\uffff]"
)
# Not "visible" next to a joiner: spaces, separators, controls, format characters.
_NOT_VISIBLE = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Cs"})


def clean_text(text: str) -> str:
    """``text`` under the character policy; returns ``text`` itself when nothing applies.

    Every character the policy touches is unprintable to Python, so `isprintable` (a C
    loop, cheaper than the regex) clears most texts; multi-line ones go to the regex."""
    if text.isprintable() or not _SUSPECT.search(text):
        return text
    text = _BREAKS.sub("\n", text)
    text = _DROPPED.sub("", text)
    text = _UNSAFE.sub("\ufffd", text)
    if "\u200c" in text or "\u200d" in text:
        text = _JOINERS.sub(_joiner, text)
    return text


def plain_text(text: str) -> str:
    """Clean text as drawn or exported: U+200B, only a break opportunity, is removed too."""
    text = clean_text(text)
    return text.replace(ZWSP, "") if ZWSP in text else text


def plain_data(value: Any) -> Any:
    """JSON-like data with every string (keys too) as `plain_text`: for JSON writers."""
    if isinstance(value, str):
        return plain_text(value)
    if isinstance(value, dict):
        return {plain_data(key): plain_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain_data(item) for item in value]
    return value


def _joiner(match: re.Match[str]) -> str:
    """A lone joiner between two visible characters stays; any other joiner run goes."""
    text, start, end = match.string, match.start(), match.end()
    if end - start != 1 or start == 0 or end == len(text):
        return ""
    if _visible(text[start - 1]) and _visible(text[end]):
        return match.group()
    return ""


def _visible(char: str) -> bool:
    """Letters, marks (which attach to a visible base), symbols, digits, punctuation."""
    return not char.isspace() and unicodedata.category(char) not in _NOT_VISIBLE
