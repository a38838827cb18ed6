"""Rule patterns run on RE2, a linear-time engine, so no rule pack can hang a batch.

Rule packs are untrusted input: a pattern like `(a+)+$` makes a backtracking engine (Python's `re`)
run for hours on one line. RE2 guarantees time linear in the text, at the price of lookarounds and
backreferences, which it refuses; such a pattern is rejected with the reason.

Authors write Python-style patterns, where `\\w`, `\\d` and `\\s` are Unicode-aware; RE2's are
ASCII-only. `to_re2` rewrites them to Unicode classes (`\\pL`, `\\p{Nd}`, `\\p{Z}`) so a rule
matches "José" and a no-break space as its author expects. `\\b` stays RE2's ASCII word boundary:
it is exact next to ASCII letters and spaces, which is where rules use it.
"""

from __future__ import annotations

from typing import Protocol

import re2

WORD = r"\pL\pN_"
DIGIT = r"\p{Nd}"
SPACE = r"\s\p{Z}"
# Escapes with a Unicode rewrite: (outside a class, inside a class or None when RE2 cannot say it).
REWRITES = {
    "w": (f"[{WORD}]", WORD),
    "W": (f"[^{WORD}]", None),
    "d": (DIGIT, DIGIT),
    "D": (r"\P{Nd}", None),
    "s": (f"[{SPACE}]", SPACE),
    "S": (f"[^{SPACE}]", None),
}


class RuleRegexError(ValueError):
    """A pattern that is invalid or needs a backtracking engine."""


class Pattern(Protocol):
    groupindex: dict[str, int]

    def search(self, text: str | bytes): ...


def compile_safe(pattern: str) -> Pattern:
    """Compile `pattern` for RE2 with Unicode classes, or raise `RuleRegexError` saying why."""
    options = re2.Options()
    options.log_errors = False
    try:
        return re2.compile(to_re2(pattern), options)
    except re2.error as error:
        reason = (
            error.args[0].decode()
            if error.args and isinstance(error.args[0], bytes)
            else str(error)
        )
        if "invalid perl operator: (?" in reason or "invalid escape sequence: \\" in reason:
            reason += " (lookarounds and backreferences need a backtracking engine; not allowed)"
        raise RuleRegexError(reason) from None


def to_re2(pattern: str) -> str:
    """Rewrite Python's Unicode-aware class escapes into RE2's explicit Unicode classes."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            escape = pattern[i + 1]
            if escape in REWRITES:
                outside, inside = REWRITES[escape]
                if in_class and inside is None:
                    raise RuleRegexError(
                        f"\\{escape} inside [...] is not supported; write the class out"
                    )
                out.append(inside if in_class else outside)
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            if pattern[i + 1 : i + 2] == "^":
                out.append("^")
                i += 1
            if pattern[i + 1 : i + 2] == "]":
                out.append("]")
                i += 1
        elif char == "]" and in_class:
            in_class = False
            out.append(char)
        else:
            out.append(char)
        i += 1
    return "".join(out)
