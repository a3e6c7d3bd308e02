"""A large, realistic, deterministic database for the search (and other) benchmarks.

The schema comes from the store itself (Store.open runs the migrations, so the
search index and its triggers are the real ones); the rows are then inserted in
bulk with executemany, a few big transactions in all, through those triggers.

    .venv/bin/python bench/generate.py --home /tmp/minutes-bench --meetings 1000 --entries 200000
    .venv/bin/python bench/generate.py --home /tmp/minutes-1m --meetings 1000 --entries 1000000

The home must be new or empty (a temp dir: the database is hundreds of MB at a
million entries; never put it in the checkout). The same --seed gives the same
database, byte for byte in content.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import itertools
import json
import random
import sqlite3
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from minutes_tui.config import Home  # noqa: E402
from minutes_tui.store.store import Store  # noqa: E402

BATCH = 50_000  # rows a transaction
SYNCED = {"organisation", "person", "meeting", "participant", "agenda_item", "entry", "action"}
SYNCED |= {"action_sub_item", "action_update", "record_version", "archived_file", "meeting_event"}


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ORGANISATIONS = words(
    "OCHA UNHCR WFP UNICEF WHO IOM FAO UNFPA UNDP OHCHR UNRWA ILO UNOPS UNEP IFRC ICRC ICVA "
    "SCHR NRC IRC DRC MSF CARE Oxfam MIMU ECHO USAID FCDO GPC GBV-AoR CCCM WASH ETC REACH ACAPS"
)
LONG_ORGANISATIONS = ("Save the Children", "World Vision", "InterAction", "World Bank", "UN Women")
BODIES = (
    ("IASC OPAG", "Operational Policy and Advocacy Group"),
    ("IASC EDG", "Emergency Directors Group"),
    ("Global Protection Cluster", "Strategic Advisory Group"),
    ("IM Network", "Information Management Network"),
    ("Food Security Cluster", "Coordination meeting"),
    ("Health Cluster", "Partners meeting"),
    ("Results Group 1", "Operational response"),
    ("Results Group 3", "Collective advocacy"),
    ("Cash Working Group", "Monthly coordination"),
    ("Inter-Cluster Coordination Group", "Weekly ICCG"),
)
TOPICS = (
    "Data responsibility in light of COVID-19",
    "Humanitarian access and bureaucratic impediments",
    "Localization and the Grand Bargain",
    "Protection from sexual exploitation and abuse",
    "Cash transfer programming update",
    "Humanitarian needs overview and response plan",
    "Accountability to affected populations",
    "Humanitarian-development-peace nexus",
    "Centrality of protection",
    "Gender-based violence risk mitigation",
    "Anticipatory action and early warning",
    "Disability inclusion",
    "Funding outlook and pooled funds",
    "Security risk management",
    "Information management and the 5W",
    "Preparedness for the cyclone season",
    "Mental health and psychosocial support",
    "Civil-military coordination",
)
WORDS = words(
    "the the the the of of of and and and to to in in for on with by on that as at a a a "
    "an is are was were be will would should could this these those it its their which "
    "humanitarian coordination cluster partners response access protection assessment "
    "needs population affected displaced refugees returnees host communities camp site "
    "funding appeal donors allocation pooled fund budget gap shortfall pipeline "
    "guidance framework policy strategy principles standards operational advocacy "
    "data responsibility information sharing agreement privacy consent dataset "
    "assessment monitoring reporting dashboard indicators baseline targets results "
    "health nutrition food security shelter water sanitation hygiene education "
    "logistics telecommunications early recovery livelihoods cash voucher transfer "
    "gender disability inclusion accountability feedback complaints mechanism "
    "localization local national actors capacity strengthening partnership "
    "coordination mechanism working group task team sub-group taskforce secretariat "
    "meeting session agenda item update presentation discussion recommendation "
    "decision endorsed agreed noted welcomed requested highlighted raised stressed "
    "outlined presented emphasized underlined suggested proposed supported recalled "
    "government authorities ministry line ministries local authorities "
    "security incidents constraints impediments checkpoints movement restrictions "
    "vaccination outbreak cholera measles COVID-19 testing isolation treatment "
    "season cyclone flood drought earthquake preparedness contingency anticipatory "
    "plan planning prioritization timeline deadline quarter month week report "
    "collective joint shared common system-wide inter-agency multi-sectoral "
    "risk mitigation sexual exploitation abuse safeguarding survivors referral "
    "pathways services case management psychosocial support mental wellbeing "
    "supply chain procurement warehouse stock prepositioning distribution "
    "registration verification biometric deduplication targeting vulnerability criteria"
)
PHRASES = (
    "data responsibility",
    "humanitarian access",
    "cash transfer programming",
    "the localization agenda",
    "accountability to affected populations",
    "protection from sexual exploitation and abuse",
    "the humanitarian response plan",
    "information sharing protocol",
)
# Rare words: each lands in about 1 entry in 10,000 (the "rare word" of bench/search.py).
RARE = words(
    "zeolite quinoa xylophone obsidian marzipan tamarind juniper bergamot vellum "
    "cormorant ptarmigan sassafras wolfram kumquat basilisk gossamer palimpsest "
    "sextant ocarina tourmaline"
)
FIRST = words(
    "Amina Valerie Kevin Gillian Arafat Shon Mathew Lian Maria Ahmed Fatima John Grace "
    "Pierre Sofia Omar Yuki Carlos Ingrid Tendai Priya Lars Nadia Ibrahim Elena Kofi Mei "
    "Samuel Leila Jonas Aisha Daniel Chloe Hassan Rosa Tomas Zainab Victor Hana Felix"
)
LAST = words(
    "Jamal Guarnieri Hyland Triggs Campbell Richard Yong Burgess Okafor Haddad Moreau "
    "Silva Nakamura Kowalski Mensah Andersson Rahman Dubois Petrov Osei Fernandez Ivanova "
    "Nguyen Mwangi Schmidt Kaya Costa Banda Lindqvist Haile Novak Tanaka Diallo Rossi "
    "Kariuki Bakr Sato Ortiz Njoroge Weber"
)
HONORIFICS = ("Ms.", "Mr.", "Dr.")
POSITIONS = (
    "Director",
    "Deputy Director",
    "Chief of Section",
    "Senior Policy Adviser",
    "Humanitarian Affairs Officer",
    "Information Management Officer",
    "Cluster Coordinator",
    "Protection Officer",
    "Programme Manager",
    "Head of Office",
)
ROLES = ("Member",) * 8 + ("Presenter", "Observer", "Secretariat")
ACTION_VERBS = (
    "Circulate",
    "Share",
    "Finalize",
    "Draft",
    "Review",
    "Update",
    "Convene",
    "Map",
    "Report back on",
    "Consolidate",
    "Follow up on",
    "Develop",
)
ACTION_OBJECTS = (
    "the operational guidance",
    "the data sharing agreement",
    "the 5W matrix",
    "the access monitoring framework",
    "the advocacy note",
    "the funding gap analysis",
    "the terms of reference",
    "the contingency plan",
    "the PSEA reporting framework",
    "the localization roadmap",
    "the cash feasibility study",
    "the needs overview",
)
STATUSES = ("pending", "pending", "in_progress", "completed", "completed", "dropped")
# Zipf-like weights: "the" is common, "deduplication" is not.
CUMULATIVE = list(itertools.accumulate(1.0 / (1 + rank) ** 0.8 for rank in range(len(WORDS))))


def chunks(rows: Iterator[tuple[object, ...]], size: int = BATCH) -> Iterator[list]:  # type: ignore[type-arg]
    batch: list[tuple[object, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Generator:
    def __init__(self, seed: int, meetings: int, entries: int) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.meetings = meetings
        self.entries = entries
        self.counts: dict[str, int] = {}

    def sentence(self, low: int = 8, high: int = 32) -> str:
        rng = self.rng
        words = rng.choices(WORDS, cum_weights=CUMULATIVE, k=rng.randint(low, high))
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words) + 1), rng.choice(PHRASES))
        if rng.random() < 0.15:
            words.insert(rng.randrange(len(words) + 1), rng.choice(ORGANISATIONS))
        if rng.random() < 0.002:
            words.insert(rng.randrange(len(words) + 1), rng.choice(RARE))
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def stamp(self, day: dt.date, minute: int) -> str:
        moment = dt.datetime(day.year, day.month, day.day, 9, 0) + dt.timedelta(minutes=minute)
        return moment.strftime("%Y-%m-%d %H:%M:%S.000000")

    def run(self, con: sqlite3.Connection) -> None:
        rng = self.rng
        orgs = list(ORGANISATIONS) + list(LONG_ORGANISATIONS)
        org_id = {name: n + 1 for n, name in enumerate(orgs)}
        self.insert(con, "organisation", "id, name", [(i, name) for name, i in org_id.items()])
        people = []
        for n in range(1, 2001):
            people.append(
                (
                    n,
                    rng.choice(HONORIFICS),
                    f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    rng.choice(POSITIONS),
                    rng.randint(1, len(orgs)),
                )
            )
        self.insert(con, "person", "id, honorific, name, position, organisation_id", people)

        # Meetings: each body meets in turn, a week apart, from 2015 on.
        meetings, items, participants = [], [], []
        meeting_items: dict[int, list[int]] = {}
        meeting_day: dict[int, dt.date] = {}
        last_of_body: dict[int, int] = {}
        previous: dict[int, int | None] = {}
        start = dt.date(2015, 1, 6)
        item_id = participant_id = 0
        for mid in range(1, self.meetings + 1):
            body_n = (mid - 1) % len(BODIES)
            body, title = BODIES[body_n]
            day = start + dt.timedelta(days=7 * ((mid - 1) // len(BODIES)) + body_n % 5)
            meeting_day[mid] = day
            previous[mid] = last_of_body.get(body_n)
            last_of_body[body_n] = mid
            stamp = self.stamp(day, 0)
            meetings.append(
                (
                    mid,
                    body,
                    title,
                    f"Session {(mid - 1) // len(BODIES) + 1}",
                    day.isoformat(),
                    "09:00",
                    "11:00",
                    "virtual",
                    "summary",
                    rng.choice(("INTERNAL", "INTERNAL", "RESTRICTED", "PUBLIC")),
                    "final" if mid < self.meetings else "draft",
                    previous[mid],
                    stamp,
                    stamp,
                )
            )
            meeting_items[mid] = []
            count = rng.randint(3, 7)
            for position in range(1, count + 1):
                item_id += 1
                aob = position == count
                label = "AOB" if aob else str(position)
                topic = "Any other business" if aob else rng.choice(TOPICS)
                items.append((item_id, mid, label, topic, None, position, stamp))
                meeting_items[mid].append(item_id)
            for person in rng.sample(people, rng.randint(12, 30)):
                participant_id += 1
                participants.append(
                    (
                        participant_id,
                        mid,
                        person[0],
                        person[4],
                        None,
                        rng.choice(ROLES),
                        rng.choice(("present",) * 9 + ("apologies",)),
                        stamp,
                    )
                )
        self.insert(
            con,
            "meeting",
            "id, body, title, session, date, start_time, end_time, place, style, sensitivity, "
            "status, previous_id, created_at, updated_at",
            meetings,
        )
        self.insert(
            con,
            "agenda_item",
            "id, meeting_id, label, title, presenters, position, created_at",
            items,
        )
        self.insert(
            con,
            "participant",
            "id, meeting_id, person_id, organisation_id, position, role, attendance, created_at",
            participants,
        )

        # Entries, spread evenly over the meetings and their items.
        def entry_rows() -> Iterator[tuple[object, ...]]:
            per = self.entries / self.meetings
            done = 0
            for mid in range(1, self.meetings + 1):
                count = round(per * mid) - done
                item_ids = meeting_items[mid]
                for minute in range(count):
                    done += 1
                    roll = rng.random()
                    if roll < 0.6:
                        speaker: str | None = rng.choice(orgs)
                    elif roll < 0.85:
                        speaker = f"{rng.choice(HONORIFICS)} {rng.choice(LAST)}"
                    else:
                        speaker = None
                    kind = rng.choices(("point", "decision", "key_message"), (90, 6, 4))[0]
                    yield (
                        done,
                        mid,
                        item_ids[minute * len(item_ids) // count],  # in agenda order
                        kind,
                        speaker,
                        org_id.get(speaker or ""),
                        self.sentence(),
                        self.stamp(meeting_day[mid], minute * 120 // count),
                    )

        self.insert(
            con,
            "entry",
            "id, meeting_id, item_id, kind, speaker, organisation_id, text, created_at",
            entry_rows(),
        )

        # Actions (about five a meeting), sub-items, and the next meeting's reviews.
        actions, subs, updates = [], [], []
        action_id = sub_id = update_id = 0
        meeting_actions: dict[int, list[int]] = {}
        for mid in range(1, self.meetings + 1):
            meeting_actions[mid] = []
            day = meeting_day[mid]
            for number in range(1, rng.randint(3, 7) + 1):
                action_id += 1
                owners = rng.sample(orgs, rng.choice((1, 1, 2)))
                due = day + dt.timedelta(days=rng.choice((14, 30, 45, 60)))
                dated = rng.random() < 0.7
                actions.append(
                    (
                        action_id,
                        mid,
                        rng.choice(meeting_items[mid]),
                        number,
                        f"{rng.choice(ACTION_VERBS)} {rng.choice(ACTION_OBJECTS)} "
                        + self.sentence(3, 10).lower().rstrip("."),
                        json.dumps(owners),
                        due.isoformat() if dated else None,
                        None if dated else rng.choice(("mid-August", "end of quarter", "Q3")),
                        rng.choice(STATUSES),
                        self.stamp(day, 60 + number),
                    )
                )
                meeting_actions[mid].append(action_id)
                for position in range(1, (rng.random() < 0.2) * rng.randint(1, 3) + 1):
                    sub_id += 1
                    subs.append(
                        (
                            sub_id,
                            action_id,
                            position,
                            self.sentence(4, 12),
                            json.dumps(rng.sample(orgs, 1)),
                            self.stamp(day, 60 + number),
                        )
                    )
            before = previous[mid]
            if before is not None:
                for reviewed in rng.sample(
                    meeting_actions[before], min(3, len(meeting_actions[before]))
                ):
                    update_id += 1
                    updates.append(
                        (
                            update_id,
                            reviewed,
                            mid,
                            meeting_items[mid][0],
                            rng.choice(STATUSES),
                            self.sentence(5, 15),
                            self.stamp(day, 5),
                        )
                    )
        self.insert(
            con,
            "action",
            "id, meeting_id, item_id, number, text, owners, due_date, due_text, status, created_at",
            actions,
        )
        self.insert(
            con,
            "action_sub_item",
            "id, action_id, position, text, owners, created_at",
            subs,
        )
        self.insert(
            con,
            "action_update",
            "id, action_id, meeting_id, item_id, status, text, created_at",
            updates,
        )

    def insert(self, con: sqlite3.Connection, table: str, columns: str, rows) -> None:  # type: ignore[no-untyped-def]
        if table in SYNCED:  # every synced row has its uuid (migration 0009), seeded here
            namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"minutes-bench:{self.seed}:{table}")
            rows = ((*r, str(uuid.uuid5(namespace, str(n)))) for n, r in enumerate(rows))
            columns += ", uuid"
        marks = ", ".join("?" for _ in columns.split(","))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        total = 0
        for batch in chunks(iter(rows)):
            con.execute("BEGIN")
            con.executemany(sql, batch)
            con.execute("COMMIT")
            total += len(batch)
        self.counts[table] = total


def search_migration():  # type: ignore[no-untyped-def]
    """The latest migration that defines the search index rows: its SQL fills the index in bulk."""
    path = ROOT / "src/minutes_tui/store/migrations/versions/0021_search_folding.py"
    spec = importlib.util.spec_from_file_location("search_migration", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True, help="a new or empty folder")
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=20200709)
    parser.add_argument(
        "--triggers",
        action="store_true",
        help="index row by row through the search triggers, as the app does (about 6x slower); "
        "by default the triggers are set aside and the index is filled in bulk by the "
        "migration's own backfill, then the triggers are put back",
    )
    args = parser.parse_args()
    home = Home(args.home.resolve())
    if home.root.resolve().is_relative_to(ROOT):
        parser.error("--home must be outside the checkout (use a temp dir)")
    if args.meetings < 1 or args.entries < 0:
        parser.error("--meetings must be at least 1 and --entries not negative")

    started = time.perf_counter()
    store = Store.open(home)  # the real schema: migrations, search index, triggers
    store.close()
    con = sqlite3.connect(home.db_path, isolation_level=None)
    if con.execute("SELECT count(*) FROM meeting").fetchone()[0]:
        sys.exit(f"{home.db_path} already holds meetings: give a new or empty --home.")
    # A benchmark database, not a record: speed over durability while it is built.
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-262144")  # 256 MB
    triggers = []
    if not args.triggers:
        triggers = con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search%'"
        ).fetchall()
        for name, _sql in triggers:
            con.execute(f"DROP TRIGGER {name}")
    schema_done = time.perf_counter()
    generator = Generator(args.seed, args.meetings, args.entries)
    generator.run(con)
    inserted = time.perf_counter()
    if triggers:
        migration = search_migration()
        con.execute("BEGIN")
        for select in migration.SOURCES.values():
            con.execute(f"INSERT INTO search_index({migration.COLUMNS}) {select}")
        for _name, sql in triggers:
            con.execute(sql)
        con.execute("COMMIT")
    indexed = time.perf_counter()
    con.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    index_rows = con.execute("SELECT count(*) FROM search_index").fetchone()[0]
    con.close()
    finished = time.perf_counter()

    for table, count in generator.counts.items():
        print(f"{table:<16}{count:>12,}")
    print(f"{'search_index':<16}{index_rows:>12,}")
    rows = sum(generator.counts.values())
    load = inserted - schema_done
    how = (
        "through the triggers"
        if args.triggers
        else f"then the index in bulk {indexed - inserted:.1f} s"
    )
    print(f"database        {home.db_path} ({home.db_path.stat().st_size / 1e6:,.0f} MB)")
    print(
        f"time            {finished - started:.1f} s: schema {schema_done - started:.1f} s, "
        f"rows {load:.1f} s ({rows / load:,.0f} rows/s) {how}, "
        f"optimize {finished - indexed:.1f} s"
    )


if __name__ == "__main__":
    main()
