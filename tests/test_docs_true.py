"""README.md and docs/*.md stay true (issue 24): every path they name exists, every
`minutes COMMAND` is a command the parser has, every `--option` is one that command takes,
every link lands on a file and a heading, and the README links every docs page.

Files move between rooms; this is what tells the mover which sentences to change."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from minutes_tui.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [README, *DOCS]
PAGE_IDS = [str(p.relative_to(ROOT)) for p in PAGES]

# A path written from the checkout's root: it must exist as written (globs allowed).
ROOTED = re.compile(r"(?<![\w/.~$-])((?:src|tests|bench|docs|\.ci)/[\w./*-]*[\w*/])(::\w+)?")
# A source file named from inside its room (`store/fastpath.py`, `session.py`): some file
# of the checkout must end so.
SOURCE = re.compile(r"(?<![\w/.~$-])([\w/]*\w\.(?:py|tcss))\b(::\w+)?")
MODULE = re.compile(r"\bminutes_tui(?:\.\w+)+")
MIGRATION = re.compile(r"(?<![\w/])(\d{4}_[a-z]\w*)")  # `0007_final`, as the docs name them
MIGRATIONS = ROOT / "src" / "minutes_tui" / "store" / "migrations" / "versions"
# Folders of a data home, not of the checkout (docs/data.md).
HOME_FOLDERS = {"db/", "exports/", "archive/"}


@dataclass
class Page:
    path: Path
    text: str
    code: list[str]  # fenced blocks and inline code spans, in order
    links: list[str]
    headings: list[str]


@cache
def page(path: Path) -> Page:
    text = path.read_text(encoding="utf-8")
    code: list[str] = []
    links: list[str] = []
    headings: list[str] = []
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    for i, token in enumerate(tokens):
        if token.type in ("fence", "code_block"):
            code.append(token.content)
        elif token.type == "heading_open":
            headings.append(slug(tokens[i + 1].content))
        for child in token.children or []:
            if child.type == "code_inline":
                code.append(child.content)
            elif child.type == "link_open":
                links.append(str(child.attrs["href"]))
    return Page(path, text, code, links, headings)


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    words = re.sub(r"[^\w\- ]", "", heading.lower())
    return words.replace(" ", "-")


@cache
def checkout_files() -> tuple[str, ...]:
    found = []
    for top in ("src", "tests", "bench"):
        found += [p.relative_to(ROOT).as_posix() for p in (ROOT / top).rglob("*")]
    return tuple(found)


def named_somewhere(tail: str) -> bool:
    tail = tail.rstrip("/")
    return (ROOT / tail).exists() or any(
        f == tail or f.endswith("/" + tail) for f in checkout_files()
    )


def defines(tail: str, name: str) -> bool:
    """Does a file ending in `tail` define `name` (a test, a function, a class)?"""
    pattern = re.compile(rf"^\s*(?:async\s+)?(?:def|class)\s+{re.escape(name)}\b", re.M)
    for f in checkout_files():
        named = (f == tail or f.endswith("/" + tail)) and f.endswith(".py")
        if named and pattern.search((ROOT / f).read_text(encoding="utf-8")):
            return True
    return False


# ---- paths -------------------------------------------------------------------------------


def path_problems(text: str) -> Iterator[str]:
    for line in text.splitlines():
        last_file = None
        for m in ROOTED.finditer(line):
            path, test = m.group(1), m.group(2)
            if not list(ROOT.glob(path.rstrip("/"))):
                yield f"{path} does not exist"
            elif test and not defines(path, test[2:]):
                yield f"{path} has no {test[2:]}"
        for m in SOURCE.finditer(line):
            tail, test = m.group(1), m.group(2)
            if ROOTED.fullmatch(tail):
                last_file = tail
                continue  # checked above, from the root
            last_file = tail
            if not named_somewhere(tail):
                yield f"no file of the checkout is {tail}"
            elif test and not defines(tail, test[2:]):
                yield f"{tail} has no {test[2:]}"
        # `test_a.py::test_x, ::test_y`: the second test is in the file named before it
        for m in re.finditer(r"(?<![\w.])::(\w+)", line):
            if last_file and not defines(last_file, m.group(1)):
                yield f"{last_file} has no {m.group(1)}"


def module_problems(text: str) -> Iterator[str]:
    for m in MODULE.finditer(text):
        parts = m.group(0).split(".")
        base = ROOT / "src"
        for n, part in enumerate(parts):
            if (base / part).is_dir():
                base = base / part
            elif (base / f"{part}.py").is_file():
                rest = parts[n + 1 :]
                if rest and not defines(str((base / f"{part}.py").relative_to(ROOT)), rest[0]):
                    yield f"{m.group(0)}: {'.'.join(parts[: n + 1])} has no {rest[0]}"
                break
            else:
                yield f"{m.group(0)}: no module {'.'.join(parts[: n + 1])}"
                break


def migration_problems(text: str) -> Iterator[str]:
    for m in MIGRATION.finditer(text):
        if not (MIGRATIONS / f"{m.group(1)}.py").is_file():
            yield f"no migration {m.group(1)}"


def folder_problems(code: list[str]) -> Iterator[str]:
    """A code span that is only a folder (`store/`, `record/data/`) names a folder here."""
    for span in code:
        folder = re.fullmatch(r"(?:\w+/)+", span) and span not in HOME_FOLDERS
        if folder and not named_somewhere(span):
            yield f"no folder of the checkout is {span}"


@pytest.mark.parametrize("path", PAGES, ids=PAGE_IDS)
def test_every_path_named_exists(path: Path) -> None:
    doc = page(path)
    problems = [
        *path_problems(doc.text),
        *module_problems(doc.text),
        *migration_problems(doc.text),
        *folder_problems(doc.code),
    ]
    assert not problems, f"{path.name}: " + "; ".join(sorted(set(problems)))


# ---- commands and options ------------------------------------------------------------------


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


@cache
def the_parser() -> argparse.ArgumentParser:
    return build_parser()


def every_option(parser: argparse.ArgumentParser) -> set[str]:
    found = {o for o in parser._option_string_actions if o.startswith("--")}
    for sub in subcommands(parser).values():
        found |= every_option(sub)
    return found


def options_in(words: str) -> list[tuple[str, str]]:
    """The `--options` of a line and the word after each (its value, or a placeholder)."""
    words = re.sub(r'"[^"]*"|(?<!\w)\'[^\']*\'', '""', words)  # a quoted LINE is not options
    found = []
    for m in re.finditer(r"(?<![\w-])(--[a-z][\w-]*)(?:[ =]([^\s\]\[)(-][^\s\]\[)(]*))?", words):
        found.append((m.group(1), m.group(2) or ""))
    return found


def command_of(words: list[str]) -> tuple[str, argparse.ArgumentParser, list[str], int]:
    """`minutes [--home DIR] COMMAND [SUB] …` → the command's name, parser, problems and
    where its own arguments start."""
    parser = the_parser()
    name, problems = "minutes", []
    i = 1
    while i < len(words) and words[i].startswith("-"):
        i += 2 if words[i] in ("--home", "--db") else 1
    for _ in range(2):  # a command, then maybe its own subcommand (`archive grant`)
        if i >= len(words) or not re.fullmatch(r"[a-z][a-z-]*", words[i]):
            break
        choices = subcommands(parser)
        if not choices:
            break
        if words[i] not in choices:
            problems.append(f"`{name} {words[i]}`: no such command")
            break
        name, parser = f"{name} {words[i]}", choices[words[i]]
        i += 1
    return name, parser, problems, i


def option_problems(name: str, parser: argparse.ArgumentParser, words: str) -> Iterator[str]:
    actions = parser._option_string_actions
    for option, value in options_in(words):
        if option not in actions:
            yield f"`{name}` takes no {option}"
            continue
        choices = actions[option].choices
        if choices is None or not value:
            continue
        for part in value.strip(",;").split("|"):
            if part not in choices and part != part.upper():  # upper case: a placeholder
                yield f"`{name} {option} {part}`: not one of its choices"


def variants(words: list[str]) -> list[list[str]]:
    """`minutes archive grant|revoke ROLE` is two commands: one list of words each."""
    for i, word in enumerate(words):
        value = i > 0 and words[i - 1].strip("[]").startswith("-")
        if not value and re.fullmatch(r"[a-z-]+(?:\|[a-z-]+)+", word):
            return [[*words[:i], alt, *words[i + 1 :]] for alt in word.split("|")]
    return [words]


def invocations(code: str) -> Iterator[tuple[list[str], str]]:
    """(the command's words, the lines going on) of each `minutes …` in a code span or
    block: a synopsis line's words end at a gap of two spaces (its explanation follows);
    an indented line goes on with the command above it (a synopsis, a shell `\\`)."""
    current: list[str] = []
    for line in [*code.splitlines(), ""]:
        line = re.sub(r"\s#\s.*", "", line)  # a shell comment
        if line.startswith((" ", "\t")) and current:
            current.append(line)
            continue
        if current:
            yield re.split(r"\s{2,}", current[0].strip())[0].split(), "\n".join(current[1:])
        current = [line] if re.match(r"minutes(\s|$)", line) else []


@pytest.mark.parametrize("path", PAGES, ids=PAGE_IDS)
def test_every_command_and_option_is_the_parsers(path: Path) -> None:
    problems: list[str] = []
    everything = every_option(the_parser())
    for code in page(path).code:
        for written, more in invocations(code):
            for words in variants(written):
                name, parser, wrong, start = command_of(words)
                problems += wrong
                if not wrong:
                    text = " ".join(words[start:]) + "\n" + more
                    problems += option_problems(name, parser, text)
        if re.match(r"--[a-z]", code):  # `--redact`: some command must take it
            option = code.split()[0].split("=")[0]
            if option not in everything:
                problems.append(f"no command takes {option}")
    assert not problems, f"{path.name}: " + "; ".join(problems)


CLI_DOC = ROOT / "docs" / "cli.md"
EVERYWHERE = {"-h", "--help", "--home", "--db"}  # every command's: cli.md says so once


def commands(
    parser: argparse.ArgumentParser, name: str = "minutes"
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    for sub, child in subcommands(parser).items():
        yield f"{name} {sub}", child
        yield from commands(child, f"{name} {sub}")


def test_the_command_line_page_names_every_option_of_every_command() -> None:
    named: dict[str, set[str]] = {}
    for code in page(CLI_DOC).code:
        for written, more in invocations(code):
            for words in variants(written):
                name, _, _, start = command_of(words)
                text = " ".join(words[start:]) + "\n" + more
                named.setdefault(name, set()).update(o for o, _ in options_in(text))
    missing = [
        f"{name} {option}"
        for name, parser in commands(the_parser())
        for option in parser._option_string_actions
        if option not in EVERYWHERE and option not in named.get(name, set())
    ]
    assert not missing, f"docs/cli.md does not name {missing}"


# ---- links ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES, ids=PAGE_IDS)
def test_every_link_lands(path: Path) -> None:
    problems = []
    for href in page(path).links:
        if re.match(r"[a-z]+:", href):
            continue  # a web address
        target, _, anchor = href.partition("#")
        file = (path.parent / target).resolve() if target else path
        if not file.exists():
            problems.append(f"{href}: no such file")
        elif anchor and file.suffix == ".md" and anchor not in page(file).headings:
            problems.append(f"{href}: no such heading")
    assert not problems, f"{path.name}: " + "; ".join(problems)


def test_the_readme_links_every_docs_page() -> None:
    linked = {(ROOT / h.partition("#")[0]).resolve() for h in page(README).links}
    missing = [d.name for d in DOCS if d.resolve() not in linked]
    assert not missing, f"README.md links no {missing}"


def test_the_readme_is_read_in_five_minutes() -> None:
    lines = README.read_text(encoding="utf-8").count("\n")
    assert lines <= 220, f"README.md has {lines} lines: move the detail to a docs/ page"
