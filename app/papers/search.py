"""One search over the whole record: what a member typed, made safe, ranked and highlighted.

What is typed is never handed to SQLite as FTS5 syntax. Words are searched as words
(each also as the start of a longer one, so "resum" finds "résumé"), all of them where
something holds them all, else any of them; "quotes" search for a phrase; everything else — `NEAR(`, `*`, `-`, a lone `OR` — is text to find, not an
operator. Text with no letters or digits at all is refused in words.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from app.core.errors import Invalid
from app.core.sessions import Sessions
from app.core.wording import short_date
from db import search

WORD = re.compile(r"[^\W_]+")
MAX_TERMS = 16
SNIPPET = 160  # characters of context shown around the first match


@dataclass(frozen=True)
class Query:
    terms: tuple[str, ...]  # single words
    phrases: tuple[tuple[str, ...], ...]  # "quoted words", in order

    def fts(self, *, any_part: bool = False) -> str:
        """The query in FTS5's syntax: every word and phrase quoted, so none is an operator.
        Every part must match, or with `any_part` at least one."""
        parts = [f'"{term}"*' for term in self.terms]
        parts += ['"' + " ".join(phrase) + '"' for phrase in self.phrases]
        return (" OR " if any_part else " ").join(parts)

    def needles(self) -> list[str]:
        """What the portable search looks for: each word, and each phrase as written."""
        return [*self.terms, *(" ".join(p) for p in self.phrases)]

    def words(self) -> list[str]:
        return [*self.terms, *(w for p in self.phrases for w in p)]


def parse(text: str) -> Query:
    """What the member typed, as words and "phrases"; refused when it holds no word."""
    terms: list[str] = []
    phrases: list[tuple[str, ...]] = []
    pieces = text.split('"')
    if len(pieces) % 2 == 0:  # an unmatched quote is just a character
        pieces = [*pieces[:-2], pieces[-2] + " " + pieces[-1]]
    for index, piece in enumerate(pieces):
        words = tuple(fold(w) for w in WORD.findall(piece))
        if index % 2 and len(words) > 1:
            phrases.append(words)
        else:
            terms.extend(words)
    if not terms and not phrases:
        raise Invalid("search", "type a word to search for (punctuation alone finds nothing)")
    if len(terms) + len(phrases) > MAX_TERMS:
        raise Invalid("search", f"search for at most {MAX_TERMS} words at a time")
    return Query(tuple(dict.fromkeys(terms)), tuple(phrases))


def fold(text: str) -> str:
    """Lower case without accents, as the index compares words: "Résumé" → "resume"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@dataclass(frozen=True)
class Result:
    """One thing found: what it is, where it leads, and its text with the matches marked.

    `marked_title` and `snippet` are plain text cut into (text, matched) pieces, so each
    reader (terminal, app) shows matches its own way and nothing is read as markup."""

    kind: str
    id: int
    heading: str
    marked_title: tuple[tuple[str, bool], ...]
    snippet: tuple[tuple[str, bool], ...]
    commitment_key: str | None
    meeting_key: str | None
    known_on: dt.date | None

    def plain(self, marks: tuple[str, str] = ("", "")) -> tuple[str, str]:
        def join(parts: tuple[tuple[str, bool], ...]) -> str:
            return "".join(f"{marks[0]}{t}{marks[1]}" if hit else t for t, hit in parts)

        return join(self.marked_title), join(self.snippet)


def run(
    sessions: Sessions, text: str, *, as_of: dt.date | None = None, limit: int = 50
) -> list[Result]:
    """The best matches for what was typed, best first; with `as_of`, only what was known
    on that day (promises, notes and first promises recorded by then; decisions taken)."""
    query = parse(text)
    wanted = limit * 4 if as_of else limit
    with sessions() as s:
        hits = search.find(s, query.fts(), query.needles(), wanted)
        if not hits and len(query.needles()) > 1:  # nothing holds every word: some of them
            hits = search.find(s, query.fts(any_part=True), query.needles(), wanted, any_part=True)
        found = search.describe(s, hits)
    words = query.words()
    results = [
        Result(
            f.kind,
            f.id,
            heading(f),
            mark(f.title, words),
            mark(snippet_of(f.text, words), words),
            f.commitment_key,
            f.meeting_key,
            f.known_on,
        )
        for f in found
        if as_of is None or f.known_on is None or f.known_on <= as_of
    ]
    return results[:limit]


KIND_WORDS = {
    "commitment": "Commitment",
    "promise": "Promise",
    "note": "Note",
    "meeting": "Meeting",
    "agenda_item": "Agenda item",
    "decision": "Decision",
    "attachment": "Attached file",
    "private_note": "My private note",
}


def heading(found: search.Found) -> str:
    """What a hit is and where it sits: "Promise on Forde Report…, 25 Jan 2022"."""
    words = KIND_WORDS[found.kind]
    if found.kind in ("promise", "note"):
        return f"{words} on {found.context}, {short_date(found.day)}"
    if found.kind in ("agenda_item", "decision"):
        return f"{words}, {found.context} {short_date(found.day)}"
    if found.kind == "meeting":
        return f"{words}, {short_date(found.day)}"
    if found.kind == "commitment" and found.day:
        return f"{words}, first promised {short_date(found.day)}"
    if found.kind in ("attachment", "private_note") and found.context:
        if found.meeting_key:  # a meeting's paper, or an agenda item's
            return f"{words}, {found.context} {short_date(found.day)}"
        return f"{words} on {found.context}"
    return words


def _spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where the words (or words they begin) stand in `text`, ignoring case and accents."""
    spans = []
    for match in WORD.finditer(text):
        folded = fold(match.group())
        if any(folded.startswith(w) for w in words):
            spans.append(match.span())
    return spans


def mark(text: str, words: list[str]) -> tuple[tuple[str, bool], ...]:
    pieces: list[tuple[str, bool]] = []
    at = 0
    for start, end in _spans(text, words):
        if start > at:
            pieces.append((text[at:start], False))
        pieces.append((text[start:end], True))
        at = end
    if at < len(text):
        pieces.append((text[at:], False))
    return tuple(pieces)


def snippet_of(text: str, words: list[str]) -> str:
    """About SNIPPET characters of `text` around its first match, with … where it was cut."""
    text = " ".join(text.split())
    spans = _spans(text, words)
    if len(text) <= SNIPPET:
        return text
    first = spans[0][0] if spans else 0
    start = max(0, first - SNIPPET // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + SNIPPET)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
