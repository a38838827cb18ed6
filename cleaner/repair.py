"""Mojibake repair and Unicode canonical form for one block of text (issue 4).

ftfy does the heavy lifting; this module adds what a canonical record needs and ftfy lacks: a
cheap exact gate so clean text (nearly all news) passes untouched and fast, repair line by line
and span by span for pages broken differently in different places, entities escaped twice,
legacy single-byte pages read as cp1252, and one explained `MojibakeFix` per repaired span.

Canonical form (applied to every block, never reported as a fix): NFC; C0/C1 control characters,
stray byte-order marks and the other invisible characters ftfy's `remove_control_chars` lists are
removed; tabs and runs of spaces become one space; spaces around line breaks and at both ends
are dropped. Kept on purpose, because they carry meaning in real text: typographic quotes,
ligatures, full-width forms, NBSP (French punctuation, Czech prepositions, digit grouping; the
synthetic clean texts keep it), soft hyphens, and the zero-width joiner, non-joiner and space and
direction marks (Persian, Indic, Thai and emoji spelling need them).

A fix whose `before` equals its `after` marks damage found but not repairable (text that went
through a lossy decoder and lost bytes to U+FFFD): the record says so rather than hiding it.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable

import charset_normalizer
import ftfy
import ftfy.bad_codecs
from ftfy import chardata
from ftfy.badness import is_bad

from cleaner.record import MojibakeFix, MojibakeReport

# --- thresholds, each with the measurement that chose it -------------------------------------

# Share of letters in U+00C0..U+00FF above which cp1252-encodable text is taken for a legacy
# single-byte page (Cyrillic, Greek, Hebrew, Arabic, Thai) read as cp1252. On the dev data the
# broken `legacy_as_cp1252` rows are at 0.73 and above; the clean texts that fit cp1252 at most
# 0.58 (a short Yoruba sentence, "Ìbà náà lè wáyé."), most Latin-script text below 0.2.
LEGACY_HIGH_LETTER_SHARE = 0.65
# ...and at least this many such letters, so a short name in capitals is never re-decoded.
LEGACY_MIN_HIGH_LETTERS = 8
# Characters a re-decoding must yield before it is believed, when ftfy's badness score did not
# already flag the text: 1 let ftfy's negative cases (`NICIODATĂ\xa0`, `DrÃ¥ber`) and the
# clean units be rewritten; 2 repairs every lossless synthetic row these steps reach.
MIN_INLINE_CHARACTERS = 2
# HTML entities escaped more than this many times are left alone: twice is what real pipelines
# produce (`&amp;#1587;`), deeper nesting is more likely text about HTML than damage.
MAX_UNESCAPE_ROUNDS = 3
# Repair runs again while its own result still passes the gate: a control character inside a
# broken sequence ("À\x08\x80") hides it until canonical form drops the control character. Then
# repairing the output again changes nothing.
MAX_REPAIR_ROUNDS = 3

# Legacy code pages that scrapers decode as cp1252 (Cyrillic, Greek, Hebrew, Arabic, Thai).
LEGACY_CODEPAGES = ("cp1251", "cp1253", "cp1255", "cp1256", "cp874")

# --- character tables -----------------------------------------------------------------------

CONTROL_CHARS = dict(chardata.CONTROL_CHARS)
CONTROL_CHARS.update(dict.fromkeys(range(0x80, 0xA0)))
CONTROL_CHARS.pop(ord("\t"), None)
CONTROL_TRANSLATION = {**CONTROL_CHARS, **dict.fromkeys(map(ord, "\t\v\f"), " ")}
SPACE_RUN_RE = re.compile(" {2,}")
SPACE_AROUND_BREAK_RE = re.compile(r" *\n *")
ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
SURROGATE_RE = re.compile("[\ud800-\udfff]")
LETTER_RE = re.compile(r"[^\W\d_]")
HIGH_LETTER_RE = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]")
# Four such letters in a row: every legacy_as_cp1252 dev row has them, 5 of 57,683 clean units do,
# so this one fast scan spares the clean text the counting below.
HIGH_WORD_RE = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]{4}")


def char_class(chars: set[str] | str) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def utf8_sequences(
    encoding: str, space_continuation: bool = False
) -> list[tuple[set[str], set[str], int]]:
    """How one UTF-8 character looks through `encoding`: (lead class, continuation class, count).

    Mojibake of UTF-8 is always a lead followed by its continuations, so text with no such
    sequence cannot hold it: this is what makes the gate exact. With `space_continuation`, a
    continuation byte 0xA0 (NBSP) that was later turned into a plain space also counts.
    """
    cont = set(bytes(range(0x80, 0xC0)).decode(encoding, errors="ignore"))
    if space_continuation:
        cont.add(" ")
    return [
        (set(bytes(range(low, high)).decode(encoding, errors="ignore")), cont, n)
        for low, high, n in ((0xC2, 0xE0, 1), (0xE0, 0xF0, 2), (0xF0, 0xF5, 3))
    ]


def utf8_sequence_pattern(encoding: str) -> str:
    """A regex for one UTF-8 character as `encoding` reads it."""
    return "|".join(
        f"{char_class(lead)}{char_class(cont)}{{{n}}}" for lead, cont, n in utf8_sequences(encoding)
    )


# The cp1252 leads after which ftfy's restore_byte_a0 reads a space as a collapsed NBSP (its
# ALTERED_UTF8_RE: C2 C3 C5 CE D0 D9, and E2 E3 before a continuation); after others (German
# `daß `, Yoruba `Ó `) a space is just a space, and the gate need not stop there.
A0_LEADS = set(bytes([0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9]).decode("cp1252"))
A0_LEADS3 = set(bytes([0xE2, 0xE3]).decode("cp1252"))


def _gate_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The gate's two regexes: one loose scan for anything the slow path acts on, and the exact
    test of a UTF-8 sequence as one code page ftfy knows reads it, tried where the scan hits.

    The scan starts with one character class, which lets the regex engine skip at C speed every
    character that cannot start a hit; the named branch says what was hit: a character to remove
    or repair, a lead followed by any code page's continuation (or by a space after a cp1252
    lead: NBSP collapsed), or four letters in À..ÿ (a legacy page read as cp1252). Only the first
    character is consumed, so whatever follows it is still scanned. Exactness
    matters because pairing the lead of one code page with the continuation of another (`“…`)
    would send typographic English down the slow path.
    """
    sequences = [seq for encoding in chardata.CHARMAP_ENCODINGS for seq in utf8_sequences(encoding)]
    collapsed = utf8_sequences("sloppy-windows-1252", space_continuation=True)
    leads = set().union(*(lead for lead, _, _ in sequences))
    conts = set().union(*(cont for _, cont, _ in sequences))
    cp1252_conts = collapsed[0][1] - {" "}
    exact = "|".join(
        f"{char_class(lead)}{char_class(cont)}{{{n}}}" for lead, cont, n in sequences + collapsed
    )
    bad = set(map(chr, CONTROL_CHARS)) | set("\t\r\f\ufffd") | set(map(chr, range(0xD800, 0xE000)))
    high = {c for c in map(chr, range(0xC0, 0x100)) if c.isalpha()}
    scan = (
        f"{char_class(bad | leads | high)}(?:(?P<bad>(?<={char_class(bad)}))"
        f"|(?P<sequence>(?<={char_class(leads)})(?={char_class(conts)}"
        f"|(?<={char_class(A0_LEADS)}) "
        f"|(?<={char_class(A0_LEADS3)}) (?={char_class(cp1252_conts)})))"
        f"|(?P<legacy>(?<={char_class(high)})(?={char_class(high)}{{3}})))"
    )
    return re.compile(scan), re.compile(exact)


GATE_RE, SEQUENCE_RE = _gate_res()
CONTROL_RE = re.compile(char_class(set(map(chr, CONTROL_CHARS)) | set("\t\r\f")))


# Code pages whose reading of UTF-8 is re-decoded when ftfy's badness score misses it, in the
# order tried (ftfy's order: the commonest confusions first).
REDECODE_ENCODINGS = (
    "sloppy-windows-1252",
    "latin-1",
    "sloppy-windows-1251",
    "sloppy-windows-1250",
    "macroman",
)
# Code pages in which a UTF-8 lead followed by one continuation is often a real pair of letters.
LETTER_CONTINUATION_ENCODINGS = frozenset({"sloppy-windows-1251"})
# What is left when bytes were lost before the text reached us: U+FFFD from a lossy decoder, or
# C1 controls that no code page maps (what remains of mojibake whose NBSP became a space).
LOST_BYTES_RE = re.compile("[\ufffd\u0080-\u009f]")
REPLACEMENT = "\ufffd"
LOST_BYTES_HOW = {
    True: "unrepairable:replacement-character (bytes lost upstream)",
    False: "unrepairable:c1-controls left (bytes lost upstream)",
}
WORD_WINDOW = 20
LETTER_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lo"})
SCRIPT_CATEGORIES = LETTER_CATEGORIES | {"Lm", "Mn", "Mc"}
# A capital followed by NBSP reads as a UTF-8 pair in cp1252 (`SELKÄ\xa0EDELLÄ`): weak evidence.
NBSP_CONTINUATION_RE = re.compile("[\u00c2-\u00df]\u00a0")
UNLIKELY_CATEGORIES = frozenset({"Cc", "Cn", "Co", "Cs"})
INLINE_RUN_RES = {
    encoding: re.compile(f"(?:{utf8_sequence_pattern(encoding)})+")
    for encoding in REDECODE_ENCODINGS
}


# --- public API -----------------------------------------------------------------------------


def repair_text(text: str) -> tuple[str, tuple[MojibakeFix, ...]]:
    """Repair one block and put it in canonical form; return it with one fix per repaired span."""
    if not needs_repair(text):  # and so holds no control character either
        return canonical_spacing(text), ()
    fixes: list[MojibakeFix] = []
    for _ in range(MAX_REPAIR_ROUNDS):
        lines = [repair_line(line, fixes) for line in text.split("\n")]
        text = canonical_form("\n".join(lines))
        if not needs_repair(text):
            break
    return text, tuple(fixes)


def canonical_form(text: str) -> str:
    """NFC, no control characters, single spaces: the form every record's text is in."""
    if CONTROL_RE.search(text):
        text = text.replace("\r\n", "\n").replace("\r", "\n").translate(CONTROL_TRANSLATION)
    return canonical_spacing(text)


def canonical_spacing(text: str) -> str:
    """Single spaces, none around line breaks or at the ends, and NFC."""
    if "  " in text:
        text = SPACE_RUN_RE.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = SPACE_AROUND_BREAK_RE.sub("\n", text)
    text = text.strip(" ")
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def needs_repair(text: str) -> bool:
    """The cheap exact gate: False when no repair below could act on the text.

    Canonical form is not checked here: text that only needs NFC or spaces skips the repairs.
    """
    if "&" in text and ENTITY_RE.search(text):
        return True
    legacy_checked = False
    for hit in GATE_RE.finditer(text):
        kind = hit.lastgroup
        if kind == "bad" or (kind == "sequence" and SEQUENCE_RE.match(text, hit.start())):
            return True
        if kind == "legacy" and not legacy_checked:
            if looks_legacy_as_cp1252(text):
                return True
            legacy_checked = True
    return False


# --- one line -------------------------------------------------------------------------------


def repair_line(line: str, fixes: list[MojibakeFix]) -> str:
    """Run each repair in turn on one line, recording what each one changed."""
    for repair in LINE_REPAIRS:
        fixed, how = repair(line)
        if fixed != line:
            fixes.append(changed_span(line, fixed, how))
            line = fixed
    lost = LOST_BYTES_RE.search(line)
    if lost:
        span = word_around(line, lost.start())
        fixes.append(MojibakeFix(span, span, LOST_BYTES_HOW[lost.group(0) == REPLACEMENT]))
    return line


def word_around(line: str, index: int) -> str:
    """The word holding `index`, at most WORD_WINDOW characters either side (CJK has no spaces)."""
    start = max(line.rfind(" ", 0, index) + 1, index - WORD_WINDOW)
    end = min(find_or_end(line, " ", index), index + WORD_WINDOW)
    return line[start:end]


def fix_surrogates(line: str) -> tuple[str, str]:
    """UTF-16 surrogates left in text (from JSON `\\ud83d\\ude00` escapes): pairs become the
    character they encode, a lone one U+FFFD; lone surrogates cannot even be written as UTF-8."""
    if not SURROGATE_RE.search(line):
        return line, ""
    return ftfy.fixes.fix_surrogates(line), "fix_surrogates"


def unescape_entities(line: str) -> tuple[str, str]:
    """Decode HTML entities left in text, also when escaped twice (`&amp;eacute;`)."""
    if "&" not in line or "<" in line:
        return line, ""
    rounds = 0
    while rounds < MAX_UNESCAPE_ROUNDS and ENTITY_RE.search(line):
        unescaped = ftfy.fixes.unescape_html(line)
        if unescaped == line:
            break
        line, rounds = unescaped, rounds + 1
    how = "unescape:html-entities" if rounds < 2 else f"unescape:html-entities x{rounds}"
    return line, how


def fix_encoding(line: str) -> tuple[str, str]:
    """ftfy's encoding repair (whole line, then inline runs), explained by its plan."""
    if line.isascii() or not is_bad(line):
        return line, ""
    fixed, plan = ftfy.fix_encoding_and_explain(line)
    return fixed, " / ".join(f"{step.action}:{step.parameter}" for step in plan)


def looks_legacy_as_cp1252(text: str) -> bool:
    """Nearly all letters in À..ÿ: a Cyrillic, Greek, Hebrew, Arabic or Thai page read as cp1252."""
    if not HIGH_WORD_RE.search(text):
        return False
    high = len(HIGH_LETTER_RE.findall(text))
    if high < LEGACY_MIN_HIGH_LETTERS:
        return False
    if not chardata.possible_encoding(text, "sloppy-windows-1252"):
        return False
    return high / len(LETTER_RE.findall(text)) >= LEGACY_HIGH_LETTER_SHARE


def fix_legacy_codepage(line: str) -> tuple[str, str]:
    """Re-read a legacy single-byte page that was decoded as cp1252 in its own code page.

    The candidate code pages all decode any byte to some letter, so the choice is by language:
    charset-normalizer's coherence measure picked the right one for 156 of 156 dev rows.
    """
    if not looks_legacy_as_cp1252(line):
        return line, ""
    data = line.encode("sloppy-windows-1252")
    if is_utf8(data):
        return line, ""  # UTF-8 read as cp1252 (Greek `Î•Î»Î»`): ftfy's case, not this one
    best = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_CODEPAGES)).best()
    if best is None:
        return line, ""
    return str(best), f"encode:sloppy-windows-1252 / decode:{best.encoding}"


def is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def redecode_whole_line(line: str) -> tuple[str, str]:
    """Re-decode as UTF-8 a line that ftfy's badness score let through, when the bytes allow it.

    Acceptance is strict: the whole line must encode in the code page and its bytes must be
    valid UTF-8 with at least one multi-byte character, giving no control or unassigned
    characters. Clean text almost never survives that (measured on the clean units).
    """
    if line.isascii():
        return line, ""
    steps = []
    while True:
        fixed, encoding = redecode_once(line)
        if not encoding:
            break
        line = fixed
        steps.append(f"encode:{encoding} / decode:utf-8")
    return line, " / ".join(steps)


def redecode_once(line: str) -> tuple[str, str]:
    """The first code page whose reading of the line re-decodes convincingly, and the result."""
    for encoding in REDECODE_ENCODINGS:
        if not chardata.possible_encoding(line, encoding):
            continue
        try:
            fixed = line.encode(encoding).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if fixed == line or has_unlikely_characters(fixed) or not count_letters(fixed):
            continue
        weak = len(NBSP_CONTINUATION_RE.findall(line))
        strong = sum(1 for char in fixed if not char.isascii()) - weak
        if strong >= MIN_INLINE_CHARACTERS and fits_script(fixed):
            return fixed, encoding
    return line, ""


def fits_script(fixed: str) -> bool:
    """Letters of another script decoded into a line of mostly Latin words are not believed:
    French `l’è` reads through MacRoman as Armenian `Տ`, and real mojibake of a whole line in
    another script leaves few ASCII letters beside it."""
    if letter_scripts(fixed) <= {"LATIN"}:
        return True
    ascii_letters = sum(1 for char in fixed if char.isascii() and char.isalpha())
    return count_letters(fixed) > ascii_letters


def fix_inline_runs(line: str) -> tuple[str, str]:
    """Repair runs of mojibake embedded in otherwise good text, one code page at a time."""
    used = []
    for encoding, pattern in INLINE_RUN_RES.items():
        fixed = redecode_runs(line, encoding, pattern)
        if fixed != line:
            line = fixed
            used.append(f"encode:{encoding} / decode:utf-8 (inline)")
    return line, "; ".join(used)


def redecode_runs(line: str, encoding: str, pattern: re.Pattern[str]) -> str:
    """Re-decode every run of `encoding` mojibake in the line, or none of them.

    The runs are judged together because one misread character is weak evidence (ftfy's own
    negative cases keep `DrÃ¥ber` and `AHÅ™`). The decoded letters must be of one script that
    the rest of the line is written in (so French `l’è` never becomes Armenian `lՏ` through
    MacRoman), and there must be MIN_INLINE_CHARACTERS of them, unless the line already holds
    them correctly elsewhere (`hananÉ›` next to `gbɛʋkha`). Where a lead+letter pair is ordinary
    text (cp1251: Ukrainian `Рівень`), each run must give two letters, whatever the context.
    """
    runs = [
        (m.start(), m.end(), decoded)
        for m in pattern.finditer(line)
        if (decoded := decode_run(m.group(0), encoding)) and fits_case(line, m.start(), m.end())
    ]
    if not runs:
        return line
    decoded = "".join(text for _, _, text in runs)
    bounds = [(0, 0, ""), *runs, (len(line), len(line), "")]
    outside = "".join(line[a[1] : b[0]] for a, b in itertools.pairwise(bounds))
    scripts = letter_scripts(decoded)
    if len(scripts) > 1 or not all(has_script(outside, script) for script in scripts):
        return line
    if encoding in LETTER_CONTINUATION_ENCODINGS:
        if any(count_letters(text) < 2 for _, _, text in runs):
            return line
    elif len(decoded) < MIN_INLINE_CHARACTERS and not (
        all(char in outside for char in decoded)
        or (scripts and sum(end - start for start, end, _ in runs) >= 3)
    ):
        return line
    pieces, last = [], 0
    for start, end, text in runs:
        pieces += [line[last:start], text]
        last = end
    fixed = "".join([*pieces, line[last:]])
    return line if is_bad(fixed) else fixed  # half-repaired garbage is no repair


def fits_case(line: str, start: int, end: int) -> bool:
    """A run between two capitals is part of an all-caps word (`MÄ£ÄM`), not mojibake of one."""
    before = line[start - 1] if start else ""
    after = line[end] if end < len(line) else ""
    return not (before.isupper() and after.isupper())


def count_letters(text: str) -> int:
    """Non-ASCII letters: the ones a re-decoding produces."""
    return sum(
        1 for char in text if not char.isascii() and unicodedata.category(char) in LETTER_CATEGORIES
    )


def decode_run(run: str, encoding: str) -> str:
    """The run read as UTF-8, or "" when it is not valid or gives unlikely characters."""
    try:
        fixed = run.encode(encoding).decode("utf-8")
    except UnicodeError:
        return ""
    return "" if has_unlikely_characters(fixed) else fixed


def letter_scripts(text: str) -> set[str]:
    """The scripts of the letters and script-specific marks in `text`."""
    return {script for char in text if (script := script_of(char))}


def has_script(text: str, script: str) -> bool:
    """Whether any letter of `text` is in `script` (stops at the first, as most text is)."""
    return any(script_of(char) == script for char in text)


def script_of(char: str) -> str:
    """A letter's or mark's script: the first word of its Unicode name ("" for other characters
    and for marks all scripts share); Han and kana count as one, as Japanese mixes them."""
    if unicodedata.category(char) not in SCRIPT_CATEGORIES:
        return ""
    script = unicodedata.name(char, "?").split(" ")[0]
    if script in ("COMBINING", "MODIFIER"):
        return ""
    return "CJK" if script in ("HIRAGANA", "KATAKANA", "CJK") else script


def has_unlikely_characters(text: str) -> bool:
    """Control, unassigned, private-use or surrogate characters: signs a decoding went wrong."""
    return any(
        unicodedata.category(char) in UNLIKELY_CATEGORIES and char not in "\n\t"
        for char in text
        if not char.isascii() or char < " "
    )


def changed_span(before: str, after: str, how: str) -> MojibakeFix:
    """The smallest run of whole words that differs between the two texts, as a fix."""
    prefix = common_prefix_length(before, after)
    suffix = common_prefix_length(before[prefix:][::-1], after[prefix:][::-1])
    start = before.rfind(" ", 0, prefix) + 1
    end_before = find_or_end(before, " ", len(before) - suffix)
    end_after = find_or_end(after, " ", len(after) - suffix)
    return MojibakeFix(before[start:end_before], after[start:end_after], how)


def common_prefix_length(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length


def find_or_end(text: str, needle: str, start: int) -> int:
    found = text.find(needle, start)
    return len(text) if found < 0 else found


LINE_REPAIRS = (
    fix_surrogates,
    unescape_entities,
    fix_legacy_codepage,
    fix_encoding,
    redecode_whole_line,
    fix_inline_runs,
)


def mojibake_report(fixes: Iterable[MojibakeFix]) -> MojibakeReport:
    """The record's report: damage found, whether any of it was repaired, and each fix.

    A fix whose text did not change marks damage found but not repairable, so `fixed` is
    whether at least one fix changed something.
    """
    fixes = tuple(fixes)
    return MojibakeReport(
        found=bool(fixes), fixed=any(f.before != f.after for f in fixes), fixes=fixes
    )
