"""The few SQL pieces that differ between a home's SQLite file and a PostgreSQL team archive.

Raw SQL read paths (the tracker) are written once with these pieces in them; everything
else in their SQL is common to both. The one place that branches on the dialect's name:

- a positional parameter: `?` for sqlite3, `%s` for psycopg;
- case-insensitive text: Python's `str.casefold` (a SQL function registered on each
  SQLite connection) or, on PostgreSQL, `lower()` under the ICU root collation (Unicode
  case mapping whatever the database's own collation, `C` included; a server built
  without ICU uses its database's collation, see ICU_PROBE) with the folds
  `casefold` adds for Latin and Greek (ß → ss, ſ → s, final ς → σ, µ → μ and the Greek
  symbol forms); only rarer ones (ligatures such as ﬁ, Cherokee) still differ;
- the elements of a JSON array column (`json_each`; `json_array_elements_text`), and the
  column itself when it does not hold an array (read as `[]`, never an error);
- many ids in one parameter (`json_each(?)` of a JSON text; `= ANY(%s)` of an array);
- how a day is passed (ISO text in SQLite's TEXT dates; a `date` to PostgreSQL), and the
  local day of a stored moment (SQLite's `localtime`; Python's, on an archive);
- newest first with undated rows last (SQLite sorts NULL lowest; PostgreSQL highest).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

# Registered on each SQLite connection that uses `SqlPieces.fold` (see `casefold`).
FOLD_FUNCTION = "mt_fold"

_GREEK_SYMBOLS = "ςſµϐϑϕϖϰϱϵ"  # one character each way: translate() keeps lengths
_GREEK_LETTERS = "σsμβθφπκρε"
_PG_FOLD = f"replace(translate(lower({{x}}), '{_GREEK_SYMBOLS}', '{_GREEK_LETTERS}'), 'ß', 'ss')"
ICU = 'COLLATE "und-x-icu"'
# Is PostgreSQL built with ICU (Debian's, Ubuntu's, the official images are)? Without it,
# lower() follows the database's own collation: Unicode under a UTF-8 locale, ASCII
# only under C.
ICU_PROBE = "SELECT EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu')"


def casefold(value: object) -> str | None:
    """The SQLite function FOLD_FUNCTION: `str.casefold`, NULL for anything else."""
    return value.casefold() if isinstance(value, str) else None


@dataclass(frozen=True)
class SqlPieces:
    postgres: bool
    icu: bool = True  # PostgreSQL: fold under the ICU root collation (see ICU_PROBE)

    @property
    def mark(self) -> str:
        """A positional parameter."""
        return "%s" if self.postgres else "?"

    def fold(self, expr: str) -> str:
        """`expr`, case-folded; compare it with a value folded by `str.casefold`."""
        if not self.postgres:
            return f"{FOLD_FUNCTION}({expr})"
        return _PG_FOLD.format(x=f"({expr}) {ICU}" if self.icu else expr)

    def contains(self, expr: str) -> str:
        """`expr` case-folded contains the parameter (a needle already case-folded)."""
        if self.postgres:
            return f"strpos({self.fold(expr)}, %s) > 0"
        return f"instr({self.fold(expr)}, ?) > 0"

    def json_list(self, column: str) -> str:
        """A JSON column as an array: `[]` when it holds anything else."""
        if self.postgres:
            return f"CASE WHEN json_typeof({column}) = 'array' THEN {column} ELSE '[]'::json END"
        return f"CASE WHEN json_valid({column}) THEN {column} ELSE '[]' END"

    def array(self, column: str) -> str:
        """A JSON column read out as a list: `[]` unless it holds an array."""
        if self.postgres:
            return self.json_list(column)
        return (
            f"CASE WHEN json_valid({column}) AND json_type({column}) = 'array' THEN {column} "
            "ELSE '[]' END"
        )

    def elements(self, column: str, alias: str) -> str:
        """A FROM item: one row a text element of a JSON array column, as `alias.value`."""
        if self.postgres:
            return f"json_array_elements_text({self.json_list(column)}) AS {alias}(value)"
        return f"json_each({self.json_list(column)}) {alias}"

    def in_ids(self, column: str) -> str:
        """`column` is one of the ids passed as one parameter (`ids`)."""
        if self.postgres:
            return f"{column} = ANY(%s)"
        return f"{column} IN (SELECT value FROM json_each(?))"

    def ids(self, values: list[int]) -> object:
        """The parameter of `in_ids`: no variable limit to hit however many ids."""
        return list(values) if self.postgres else json.dumps(values)

    def day(self, value: dt.date) -> object:
        """A day as a parameter compared with a DATE column."""
        return value if self.postgres else value.isoformat()

    def local_day(self, column: str) -> str | None:
        """The day a stored UTC moment falls on in this machine's zone, as SQLite's
        `localtime` gives it; None on PostgreSQL, whose server does not know this
        machine's zone: the caller reads the moment and takes its day in Python."""
        return None if self.postgres else f"date({column}, 'localtime')"

    def newest_first(self, column: str) -> str:
        """ORDER BY term: latest first, NULL last."""
        return f"{column} DESC NULLS LAST" if self.postgres else f"{column} DESC"


SQLITE = SqlPieces(postgres=False)
POSTGRES = SqlPieces(postgres=True)
POSTGRES_WITHOUT_ICU = SqlPieces(postgres=True, icu=False)


def archive_pieces(has_icu: bool) -> SqlPieces:
    """An archive's pieces, from the answer to ICU_PROBE."""
    return POSTGRES if has_icu else POSTGRES_WITHOUT_ICU
