"""The Dask engine: a real LocalCluster of 2 workers gives the local engine's store, record
for record; its Parquet loads idempotently (``armswatch load``)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from runkit import StubAnalyzer, record, write_jsonl
from typer.testing import CliRunner

from armswatch.cli import app
from armswatch.errors import ClusterError, ParquetError
from armswatch.ingest import InputProblem
from armswatch.model import Article
from armswatch.pipeline import Analyzer
from armswatch.run import cluster
from armswatch.run.dask import run_dask
from armswatch.run.jobs import InputJob
from armswatch.run.load import load_parquet
from armswatch.run.local import RunOptions, run_local
from armswatch.run.parquet import PARQUET_TABLES, part_path, partitions
from armswatch.run.partition import write_job
from armswatch.store.columns import quote

runner = CliRunner()
WIRE = (
    "Iran delivered Shahed-136 drones to Russia in August, a U.S. official told Reuters. "
    "The drones were shipped across the Caspian Sea and assembled at a plant in Tatarstan, "
    "where Russian engineers had been trained by Iranian specialists earlier in the year."
)
ARTICLES = [
    ("drones-1", "2022-09-06", WIRE),
    ("shells-1", "2023-10-15", "North Korea shipped artillery shells to Russia last month, "
     "South Korean officials said."),
    ("tanks-1", "2023-04-02", "Belarus transferred T-72 tanks to Russia in March, according "
     "to Ukrainian intelligence."),
    ("sanctions-1", "2022-10-20", "The United States imposed sanctions on Iranian drone "
     "makers on Tuesday."),
    ("s400-1", "2021-12-10", "Russia delivered S-400 air defence systems to India in "
     "December, the Indian defence ministry said."),
    ("missiles-1", "2024-01-04", "North Korea supplied ballistic missiles to Russia in "
     "December, the White House said."),
    ("fateh-1", "2022-10-18", "Iran agreed to send Fateh-110 missiles to Russia, two "
     "Iranian officials said."),
    ("library-1", "2023-05-03", "The city council approved a new budget for public libraries "
     "on Wednesday."),
    ("summit-1", "2023-09-13", "Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome "
     "in September."),
    ("yak-1", "2022-08-01", "Myanmar received Yak-130 jets from Russia in July, state "
     "media reported."),
    ("wire-copy", "2022-09-07", WIRE.replace("told Reuters", "told the Associated Press")),
    ("condemn-1", "2022-10-24", "The European Union condemned the transfer of Iranian "
     "drones to Russia on Monday."),
    ("shells-1-again", "2023-10-16", "North Korea shipped artillery shells to Russia last "
     "month, South Korean officials said."),
    ("ammo-1", "2023-03-20", "Iran sent artillery ammunition to Russia by sea in March, "
     "according to Middle East Eye."),
    ("pantsir-1", "2019-06-11", "Russia shipped Pantsir air defence systems to Syria in "
     "May, Syrian state media said."),
    ("drones-1", "2022-09-08", WIRE.replace("in August", "in July")),
    ("eritrea-1", "2023-02-14", "Iran delivered weapons to Eritrea in January, a UN panel "
     "found."),
    ("exercise-1", "2023-07-20", "Russia and China held joint naval exercises in the Sea of "
     "Japan in July."),
    ("su30-1", "2020-01-15", "Venezuela bought Su-30 fighter jets from Russia in 2019, "
     "the defence minister said."),
    ("shells-2", "2023-11-01", "South Korea said North Korea had sent more than a million "
     "artillery shells to Russia since August."),
]  # fmt: skip
IGNORED = {"run_id", "stored_at", "seen_at", "at"}
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?")
COUNTS = ("articles_read", "articles_skipped", "articles_stored", "new_versions", "aliases",
          "near_duplicates", "errors")  # fmt: skip


def corpus(path: Path) -> Path:
    lines = [json.dumps({"id": i, "published": p, "text": t}) for i, p, t in ARTICLES]
    lines.insert(7, '{"id": "broken", "text": "unterminated')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table but runs, migrations and the page tables' state (a fingerprint of the
    rows with their timestamps), sorted, without run ids and timestamps."""
    with duckdb.connect(str(db), read_only=True) as con:
        names = con.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_name NOT IN ('runs', 'schema_migrations', 'page_state') ORDER BY 1"
        ).fetchall()
        found = {}
        for (name,) in names:
            columns = con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position",
                [name],
            ).fetchall()
            kept = ", ".join(quote(c) for (c,) in columns if c not in IGNORED)
            rows = con.execute(f"SELECT {kept} FROM {name}").fetchall()
            found[name] = sorted((tuple(map(untimed, row)) for row in rows), key=repr)
    return found


def untimed(value: object) -> object:
    """The value with timestamps inside text (e.g. a sort key using ``stored_at``) blanked."""
    return TIMESTAMP.sub("<time>", value) if isinstance(value, str) else value


def run_counts(db: Path) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"SELECT {', '.join(COUNTS)} FROM runs ORDER BY started_at").fetchall()


@dataclass(frozen=True)
class Runs:
    local: Path
    dask: Path
    parquet: Path
    said: list[str]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> Runs:
    """The same input through the local engine (in process) and Dask (2 workers)."""
    folder = tmp_path_factory.mktemp("dask")
    source = corpus(folder / "news.jsonl")
    run_local([source], folder / "local.duckdb", RunOptions(batch_size=64), analyzer=analyzer)
    said: list[str] = []
    options = RunOptions(workers=2, batch_size=4, progress=False)
    parquet = folder / "parquet"
    run_dask([source], folder / "dask.duckdb", options, say=said.append, parquet=parquet)
    return Runs(folder / "local.duckdb", folder / "dask.duckdb", parquet, said)


def test_dask_stores_exactly_what_the_local_engine_stores(runs: Runs) -> None:
    local, dask = dump(runs.local), dump(runs.dask)
    assert local.keys() == dask.keys()
    for table in local:
        assert dask[table] == local[table], table
    assert run_counts(runs.dask) == run_counts(runs.local)
    assert len(local["articles"]) == 19 and len(local["errors"]) == 1
    assert len(local["article_ids"]) == 20 and local["near_duplicates"]
    assert any(row[-1] for row in local["events"]), "events carry their actor keys"


def test_the_bad_record_is_reported_and_stored_as_an_error(runs: Runs) -> None:
    assert [line for line in runs.said if "[AW001]" in line] == [
        f"{runs.parquet.parent / 'news.jsonl'}:8: [AW001] " + line.split("[AW001] ", 1)[1]
        for line in runs.said
        if "[AW001]" in line
    ]
    with duckdb.connect(str(runs.dask), read_only=True) as con:
        assert con.execute("SELECT source, code FROM errors").fetchall() == [
            (f"{runs.parquet.parent / 'news.jsonl'}:8", "AW001")
        ]


def test_one_parquet_file_per_table_and_partition(runs: Runs) -> None:
    assert partitions(runs.parquet) == [1, 2, 3, 4, 5, 6]
    for table in PARQUET_TABLES:
        assert part_path(runs.parquet, table, 6).is_file(), table


def test_parquet_written_alone_loads_into_the_same_store_and_again_adds_nothing(
    runs: Runs, tmp_path: Path
) -> None:
    folder, db = tmp_path / "parquet", tmp_path / "loaded.duckdb"
    args = ["--engine", "dask", "--workers", "2", "--batch-size", "4", "--no-load"]
    source = str(runs.parquet.parent / "news.jsonl")
    written = runner.invoke(app, ["run", source, *args, "--parquet", str(folder)])
    assert written.exit_code == 0, written.output
    assert "wrote 6 partitions" in written.stderr and not db.exists()
    result = runner.invoke(app, ["load", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "20 articles read = 19 stored" in result.stderr
    assert dump(db) == dump(runs.local)
    before = dump(db)
    again = load_parquet(folder, db)
    assert (again.run.articles_read, again.run.articles_skipped) == (20, 20)
    assert again.run.articles_stored == 0
    after = dump(db)
    assert after.pop("errors") == before.pop("errors") * 2  # each run records its errors
    assert after == before


def test_a_failed_analysis_becomes_an_error_row(tmp_path: Path) -> None:
    articles = [Article(**record(i)) for i in range(3)]
    job = InputJob(1, articles, problems=[InputProblem("x.jsonl:9", "malformed JSON")])
    write_job(job, tmp_path / "pq", StubAnalyzer(fail_on="day 1."))  # type: ignore[arg-type]
    summary = load_parquet(tmp_path / "pq", tmp_path / "a.duckdb")
    assert (summary.run.articles_read, summary.run.articles_stored) == (3, 2)
    with duckdb.connect(str(tmp_path / "a.duckdb"), read_only=True) as con:
        errors = con.execute("SELECT source, code, sha256 IS NULL FROM errors ORDER BY 1")
        assert errors.fetchall() == [("art-1", "AW004", False), ("x.jsonl:9", "AW001", True)]


def test_an_empty_folder_cannot_be_loaded(tmp_path: Path) -> None:
    with pytest.raises(ParquetError, match="holds no partitions"):
        load_parquet(tmp_path, tmp_path / "a.duckdb")
    result = runner.invoke(app, ["load", str(tmp_path / "missing"), "--db", "x.duckdb"])
    assert result.exit_code == 1 and "[AW047]" in result.stderr


def test_an_unreachable_scheduler_is_a_cluster_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "1s")
    source = write_jsonl(tmp_path / "a.jsonl", [record(1)])
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler"):
        run_dask([source], tmp_path / "a.duckdb", scheduler="tcp://127.0.0.1:9")


@pytest.mark.parametrize(
    "args",
    [
        ["--scheduler", "tcp://127.0.0.1:8786"],
        ["--parquet", "pq"],
        ["--engine", "dask", "--no-load"],
    ],
)
def test_dask_options_need_the_dask_engine_and_a_folder(args: list[str], tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", "x.jsonl", "--db", str(tmp_path / "a.duckdb"), *args])
    assert result.exit_code == 2
