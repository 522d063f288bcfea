"""SQLite-only: the full-text search index (FTS5) and the triggers that keep it in step.

=== SQLite-only SQL. Every statement in this module is SQLite's own dialect. ===
PostgreSQL uses the portable search in db/search_portable.py instead.

One FTS5 table holds a row per searchable record. Its rowid encodes which record:
`id * STRIDE + kind`, so a trigger finds its row without a scan. Triggers on every
searched table write the index in the same transaction as the record itself, so the
index cannot drift; `rebuild()` (`docket check --repair-index`) makes it anew from the
tables. The tokenizer folds case and accents: "resume" finds "résumé".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, text

TABLE = "search_index"
STRIDE = 16


@dataclass(frozen=True)
class Source:
    """A searched table: its kind number, the text of its title and body, and which rows."""

    kind: str
    number: int
    table: str
    title: str  # SQL over the row (NEW./OLD. prefixed by the trigger)
    body: str
    when: str = "1"


def _join(*columns: str) -> str:
    return " || ' ' || ".join(f"coalesce({{row}}.{c}, '')" for c in columns)


SOURCES: tuple[Source, ...] = (
    Source("commitment", 1, "commitments", "{row}.title", _join("details", "source")),
    Source("promise", 2, "promises", "{row}.given_by", _join("reason", "source")),
    Source("note", 3, "notes", "''", _join("text", "source")),
    Source("meeting", 4, "meetings", "{row}.title", _join("location", "notes")),
    Source("agenda_item", 5, "agenda_items", "{row}.title", _join("lead", "details", "outcome")),
    Source("decision", 6, "agenda_items", "''", "{row}.decision", "{row}.decision <> ''"),
    Source(
        "attachment",
        7,
        "attachments",
        "{row}.name",
        _join("description", "text"),
        "{row}.removed_at IS NULL",
    ),
    Source("private_note", 8, "private_notes", "''", "{row}.text"),
)
KIND_NUMBERS = {source.kind: source.number for source in SOURCES}
KINDS_BY_NUMBER = {source.number: source.kind for source in SOURCES}


# bm25 is negative, lower is better: a commitment or a decision that matches as well as a
# passing mention comes first, because it is what a member is usually looking for.
BOOST = {KIND_NUMBERS["commitment"]: 2.0, KIND_NUMBERS["decision"]: 1.3}


def _row_sql(source: Source, row: str) -> tuple[str, str, str, str]:
    rowid = f"{row}.id * {STRIDE} + {source.number}"
    fill = {"row": row}
    return (
        rowid,
        source.title.format(**fill),
        source.body.format(**fill),
        source.when.format(**fill),
    )


def _insert(source: Source, row: str) -> str:
    rowid, title, body, when = _row_sql(source, row)
    return f"INSERT INTO {TABLE}(rowid, title, body) SELECT {rowid}, {title}, {body} WHERE {when};"


def _delete(source: Source, row: str) -> str:
    return f"DELETE FROM {TABLE} WHERE rowid = {row}.id * {STRIDE} + {source.number};"


def ddl() -> list[str]:
    """The index and its triggers, as statements (migration 0004 runs them on SQLite)."""
    statements = [
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
        "title, body, tokenize = 'unicode61 remove_diacritics 2')"
    ]
    for source in SOURCES:
        name = f"{TABLE}_{source.kind}"
        statements += [
            f"CREATE TRIGGER {name}_ai AFTER INSERT ON {source.table} BEGIN "
            f"{_insert(source, 'NEW')} END",
            f"CREATE TRIGGER {name}_ad AFTER DELETE ON {source.table} BEGIN "
            f"{_delete(source, 'OLD')} END",
            f"CREATE TRIGGER {name}_au AFTER UPDATE ON {source.table} BEGIN "
            f"{_delete(source, 'OLD')} {_insert(source, 'NEW')} END",
        ]
    return statements


def drop_ddl() -> list[str]:
    drops = [
        f"DROP TRIGGER IF EXISTS {TABLE}_{s.kind}_{when}"
        for s in SOURCES
        for when in ("ai", "ad", "au")
    ]
    return [*drops, f"DROP TABLE IF EXISTS {TABLE}"]


def is_index_table(name: str) -> bool:
    """Whether a table belongs to the index (FTS5 keeps shadow tables beside it)."""
    return name == TABLE or name.startswith(f"{TABLE}_")


def install(conn: Connection) -> None:
    for statement in ddl():
        conn.exec_driver_sql(statement)


def rebuild(conn: Connection) -> int:
    """The index made anew from the tables, in the caller's transaction; rows indexed."""
    for statement in drop_ddl():
        conn.exec_driver_sql(statement)
    install(conn)
    for source in SOURCES:
        rowid, title, body, when = _row_sql(source, source.table)
        conn.exec_driver_sql(
            f"INSERT INTO {TABLE}(rowid, title, body) "
            f"SELECT {rowid}, {title}, {body} FROM {source.table} WHERE {when}"
        )
    return int(conn.exec_driver_sql(f"SELECT count(*) FROM {TABLE}").scalar_one())


def has_index(conn: Connection) -> bool:
    found = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)
    ).first()
    return found is not None


def find(conn: Connection, fts_query: str, limit: int) -> Sequence[tuple[str, int, float]]:
    """(kind, id, rank) of the best matches, best first (bm25, titles weigh more)."""
    rows = conn.execute(
        text(
            f"SELECT rowid, bm25({TABLE}, 4.0, 1.0) AS rank FROM {TABLE} "
            f"WHERE {TABLE} MATCH :q ORDER BY rank LIMIT :n"
        ),
        {"q": fts_query, "n": limit},
    ).all()
    hits = [
        (
            KINDS_BY_NUMBER[rowid % STRIDE],
            rowid // STRIDE,
            float(rank) * BOOST.get(rowid % STRIDE, 1),
        )
        for rowid, rank in rows
        if rowid % STRIDE in KINDS_BY_NUMBER
    ]
    return sorted(hits, key=lambda hit: hit[2])
