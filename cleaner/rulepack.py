"""Rule packs: YAML files of declarative rules, validated against a schema and compiled once.

Rules are data, not code. A pack names the sites it is for, the rules (each with an id, a reason,
a match, an action and examples it must and must not match) and optionally a publication name.
A broken pack is refused with an error naming its file and line, never half-loaded.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import re2
import yaml

from cleaner.errors import RulePackError
from cleaner.fields import FIELD_NAMES
from cleaner.safe_regex import Pattern, RuleRegexError, compile_safe, to_re2

PACK_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class Match:
    """What a rule looks for: a compiled pattern on block text, or a CSS selector on HTML."""

    source: str | None  # the regex as written (or built from `phrases`)
    page_pattern: Pattern | None
    selector: str | None
    kinds: frozenset[str] | None
    min_words: int | None
    max_words: int | None
    position: tuple[str, float] | None
    scope: str
    join_next: bool

    @property
    def pattern(self) -> Pattern | None:
        """The regex for one text, compiled on first use: only a text with line breaks needs it
        (see `matches_text`), and compiling every rule's twice made up a third of loading the
        built-in packs (RE2 takes milliseconds over a case-folded Unicode class)."""
        return None if self.source is None else single_text_pattern(self.source)

    def matches_text(self, text: str) -> Any:
        """The pattern and word bounds on one text (kinds and position are the engine's).

        On a text without line breaks the multi-line page pattern finds exactly what the
        pattern does (its `^` and `$` only gain line boundaries), so it is used there."""
        if self.page_pattern is None:
            return None
        words = len(text.split())
        if self.min_words is not None and words < self.min_words:
            return None
        if self.max_words is not None and words > self.max_words:
            return None
        pattern = self.page_pattern if "\n" not in text else self.pattern
        return pattern.search(text) if pattern is not None else None

    def may_match_page(self, page: bytes) -> bool:
        """Whether the pattern can match any block of a page (its blocks joined by newlines).

        One linear scan of the page instead of one search per block: most rules find nothing on
        most pages. The page pattern is the same pattern in multi-line mode, so every match inside
        a block is also a match in the page; extra matches across blocks only cost a block search.
        The page comes as UTF-8, what RE2 reads: given a str, every pattern would encode it again
        and map its match offsets back to characters.
        """
        return self.page_pattern is None or self.page_pattern.search(page) is not None


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    why: str
    match: Match
    action: str
    flags: tuple[str, ...]
    examples_match: tuple[str, ...]
    examples_no_match: tuple[str, ...]
    line: int


# RE2's default budget (8 MB) is too small for the generic pack's 21 patterns as one set (12 MB
# is enough). A pack whose patterns do not fit is split in halves until each part fits. The
# built-in packs' sets add about 20 MB of RSS over a run and 0.1 s CPU to loading.
PAGE_FILTER_MAX_MEM = 16 << 20


class PageFilter:
    """Which of a pack's text rules can match a page, from one scan of it instead of one a rule.

    RE2 runs all the rules' page patterns as one automaton (0.46 -> 0.03 ms a scrapinghub page
    for the built-in packs' 36 rules). The set matcher cannot say that it failed (its automaton
    out of memory reads as "no match"), so an always-matching sentinel goes last: when it is
    missing from the answer, or a rule's part of the pack did not compile even alone, each rule
    of that part searches the page itself.
    """

    __slots__ = ("parts", "rules")

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = tuple(r for r in rules if r.match.page_pattern is not None)
        self.parts = rule_set_parts(self.rules)

    def __reduce__(self) -> tuple[type[PageFilter], tuple[tuple[Rule, ...]]]:
        """Pickled as its rules, the sets built again on arrival (RE2 sets do not pickle), so a
        rule set still travels to worker processes and cluster engines."""
        return PageFilter, (self.rules,)

    def matching(self, page: bytes) -> set[str]:
        """The ids of the rules whose pattern matches somewhere in `page`."""
        return set().union(*(part_matching(rules, matcher, page) for rules, matcher in self.parts))


def part_matching(rules: tuple[Rule, ...], matcher: Any, page: bytes) -> set[str]:
    found = (matcher.Match(page) or ()) if matcher is not None else ()
    if len(rules) not in found:  # no sentinel: the set could not answer
        return {r.id for r in rules if r.match.may_match_page(page)}
    return {rules[i].id for i in found if i < len(rules)}


def rule_set_parts(rules: tuple[Rule, ...]) -> list[tuple[tuple[Rule, ...], Any]]:
    """The rules in parts, each with its RE2 set (None for a lone rule that fits in none)."""
    matcher = rule_set_matcher(rules)
    if matcher is not None or len(rules) <= 1:
        return [(rules, matcher)] if rules else []
    half = len(rules) // 2
    return rule_set_parts(rules[:half]) + rule_set_parts(rules[half:])


def rule_set_matcher(rules: tuple[Rule, ...]) -> Any:
    """The rules' page patterns and the sentinel as one RE2 set, or None if RE2 cannot build it
    (over the memory budget)."""
    options = re2.Options()
    options.log_errors = False
    options.max_mem = PAGE_FILTER_MAX_MEM
    matcher = re2.Set.SearchSet(options)
    try:
        for rule in rules:
            matcher.Add(to_re2(f"(?m){rule.match.source}"))
        matcher.Add("")  # the sentinel
        matcher.Compile()
    except re2.error:
        return None
    return matcher


@dataclass(frozen=True, slots=True)
class RulePack:
    name: str
    version: int
    path: str
    source: str | None
    sites: tuple[str, ...]
    detect: tuple[Pattern, ...]
    rules: tuple[Rule, ...]
    digest: str
    # Derived from `rules`, so that `dataclasses.replace(pack, rules=...)` cannot keep a stale one.
    page_filter: PageFilter = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "page_filter", PageFilter(self.rules))

    def applies_to_all(self) -> bool:
        return not self.sites and not self.detect


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The packs in force for a run, in the order they apply: site packs first, then general."""

    packs: tuple[RulePack, ...]

    @property
    def version(self) -> str:
        """A short content hash of every loaded pack: it changes whenever any rule changes."""
        digest = hashlib.sha256("".join(p.digest for p in self.packs).encode()).hexdigest()
        return digest[:12]

    def rules(self) -> list[tuple[RulePack, Rule]]:
        return [(pack, rule) for pack in self.packs for rule in pack.rules]


def builtin_rules_dir() -> Path:
    """The packs shipped in the wheel (`cleaner/packs`), or `rules/` in a source checkout."""
    packaged = Path(str(resources.files("cleaner"))) / "packs"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


@cache
def default_ruleset() -> RuleSet:
    return load_ruleset(())


def load_ruleset(extra_dirs: tuple[Path, ...] | list[Path], builtin: bool = True) -> RuleSet:
    """Load the built-in packs and those in `extra_dirs`; names and rule ids must be unique."""
    paths: list[Path] = []
    if builtin:
        paths.extend(pack_files(builtin_rules_dir()))
    for directory in extra_dirs:
        paths.extend(pack_files(Path(directory)))
    packs = [load_pack(path) for path in paths]
    check_unique(packs)
    ordered = sorted(packs, key=lambda p: (p.applies_to_all(), p.name))
    return RuleSet(tuple(ordered))


def pack_files(directory: Path) -> list[Path]:
    if not directory.exists():
        raise RulePackError(str(directory), "no such rules directory")
    if directory.is_file():
        return [directory]
    return sorted(p for p in directory.iterdir() if p.suffix in PACK_SUFFIXES)


def check_unique(packs: list[RulePack]) -> None:
    seen_packs: dict[str, str] = {}
    seen_rules: dict[str, str] = {}
    for pack in packs:
        if pack.name in seen_packs:
            raise RulePackError(
                pack.path, f"pack name {pack.name!r} already used by {seen_packs[pack.name]}"
            )
        seen_packs[pack.name] = pack.path
        for rule in pack.rules:
            if rule.id in seen_rules:
                raise RulePackError(
                    pack.path,
                    f"rule id {rule.id!r} already used in {seen_rules[rule.id]}",
                    rule.line,
                )
            seen_rules[rule.id] = pack.path


def load_pack(path: Path) -> RulePack:
    """Read, validate and compile one pack file."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise RulePackError(name, f"cannot read: {error.strerror or error}") from None
    try:
        node, data = parse_yaml(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise RulePackError(name, "not UTF-8 text") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(error, "problem", None) or str(error)
        raise RulePackError(name, f"invalid YAML: {problem}", line) from None
    validate(data, node, name)
    rules = tuple(
        compile_rule(r, rule_node, name)
        for r, rule_node in zip(data["rules"], rules_nodes(node), strict=True)
    )
    return RulePack(
        name=data["pack"],
        version=data["version"],
        path=name,
        source=data.get("source"),
        sites=tuple(data.get("sites", ())),
        detect=tuple(
            compile_pattern(f"(?m){p}", name, line_of(node, ["detect", i]))
            for i, p in enumerate(data.get("detect", ()))
        ),
        rules=rules,
        digest=hashlib.sha256(raw).hexdigest(),
    )


def parse_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """The document's nodes (they carry line numbers for errors) and its data, from one parse
    (`yaml.compose` and `yaml.safe_load` each parse it)."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


@cache
def pack_schema() -> dict[str, Any]:
    return json.loads((Path(__file__).parent / "rulepack.schema.json").read_text("utf-8"))


def validate(data: Any, node: yaml.Node | None, name: str) -> None:
    """Check the pack against its schema; report the first error at the line it concerns."""
    validator = jsonschema.Draft202012Validator(pack_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(e.absolute_path), e.message))
    if errors:
        error = jsonschema.exceptions.best_match(errors)
        where = "/".join(str(p) for p in error.absolute_path) or "top level"
        raise RulePackError(
            name, f"{where}: {short_message(error)}", line_of(node, list(error.absolute_path))
        )


def short_message(error: jsonschema.ValidationError) -> str:
    if error.validator == "oneOf" and "match" in str(error.absolute_path[-1:]):
        return "match needs exactly one of pattern, phrases or selector"
    message = error.message
    return message if len(message) <= 200 else message[:197] + "..."


def rules_nodes(node: yaml.Node) -> list[yaml.Node]:
    rules = child(node, "rules")
    return list(rules.value) if isinstance(rules, yaml.SequenceNode) else []


def child(node: yaml.Node | None, key: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                return value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


def line_of(node: yaml.Node | None, path: list[Any]) -> int | None:
    """The 1-based line of the deepest node on `path` that exists in the YAML tree."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in path:
        node = child(node, key)
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def compile_rule(data: dict[str, Any], node: yaml.Node, name: str) -> Rule:
    match_data = data["match"]
    line = node.start_mark.line + 1
    if "selector" in match_data:
        check_selector(match_data["selector"], name, line_of(node, ["match", "selector"]))
        if data["action"] in ("drop-after", "drop-before"):
            raise RulePackError(
                name,
                f"rule {data['id']}: a selector rule takes drop, field:NAME or flag:NAME",
                line,
            )
    pattern_line = line_of(node, ["match", "pattern" if "pattern" in match_data else "phrases"])
    position = match_data.get("position")
    words = match_data.get("words", {})
    source = pattern_source(match_data)
    match = Match(
        source=source,
        page_pattern=compile_page_pattern(source, name, pattern_line) if source else None,
        selector=match_data.get("selector"),
        kinds=frozenset(match_data["kinds"]) if "kinds" in match_data else None,
        min_words=words.get("min"),
        max_words=words.get("max"),
        position=next(iter(position.items())) if position else None,
        scope=match_data.get("scope", "block"),
        join_next=match_data.get("join_next", False),
    )
    return Rule(
        id=data["id"],
        why=data["why"],
        match=match,
        action=data["action"],
        flags=tuple(data.get("flags", ())),
        examples_match=tuple(data["examples"]["match"]),
        examples_no_match=tuple(data["examples"]["no_match"]),
        line=line,
    )


def pattern_source(match_data: dict[str, Any]) -> str | None:
    """The rule's regex: its `pattern`, or one built from its `phrases`."""
    if "pattern" in match_data:
        return match_data["pattern"]
    if "phrases" in match_data:
        alternatives = "|".join(
            re.escape(" ".join(p.split())).replace(r"\ ", r"\s+") for p in match_data["phrases"]
        )
        return rf"(?i)^\s*(?:{alternatives})\s*[.:!]?\s*$"
    return None


def compile_pattern(pattern: str, name: str, line: int | None) -> Pattern:
    """Compile a rule's regex on RE2; named groups may only name record fields they can fill."""
    try:
        compiled = compile_safe(pattern)
    except RuleRegexError as error:
        raise RulePackError(
            name, f"invalid regular expression {pattern!r}: {error}", line
        ) from None
    unknown = set(compiled.groupindex) - set(FIELD_NAMES)
    if unknown:
        raise RulePackError(name, f"named group {sorted(unknown)[0]!r} is not a record field", line)
    return compiled


def compile_page_pattern(source: str, name: str, line: int | None) -> Pattern:
    """A rule's regex in multi-line mode, which validates it; a broken one is reported as
    written, not with the `(?m)` put in front of it."""
    try:
        return compile_pattern(f"(?m){source}", name, line)
    except RulePackError:
        compile_pattern(source, name, line)
        raise


@cache
def single_text_pattern(source: str) -> Pattern:
    return compile_safe(source)


def check_selector(selector: str, name: str, line: int | None) -> None:
    import soupsieve

    try:
        soupsieve.compile(selector)
    except soupsieve.SelectorSyntaxError as error:
        reason = str(error).splitlines()[0]
        raise RulePackError(name, f"invalid CSS selector {selector!r}: {reason}", line) from None
