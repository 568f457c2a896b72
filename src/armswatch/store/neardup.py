"""Near-duplicate articles (wire copies, republications): MinHash LSH kept in DuckDB.

Signatures are datasketch ``MinHash`` values (128 permutations, scheme ``affine32``,
seed 1) of lowercase word 3-shingles. The LSH index is not a Python object: each
signature's ``b`` band buckets (``MinHashLSH``'s optimal ``b``×``r`` for the threshold)
are rows of ``minhash_bands``, written in the same transaction as the article. A new
batch finds its candidates with one join, so a run links to articles stored by earlier
runs, memory does not grow with the corpus, nothing is rebuilt on open, and a rolled-back
batch leaves no index entries behind. A candidate is linked when the estimated Jaccard
similarity of the two signatures is at least ``THRESHOLD``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from functools import lru_cache

import duckdb
import numpy as np
import pyarrow as pa
from datasketch import MinHash, MinHashLSH

from armswatch.store.sql import Row, registered

NUM_PERM = 128
THRESHOLD = 0.7
SHINGLE_WORDS = 3
MAX_CANDIDATES = 20
BUCKET_CAP = 50
MAX_LINKS = 5
_WORD = re.compile(r"\w+")

Links = dict[str, list[tuple[str, float]]]
"""Per new article: the earlier articles it copies, with their similarity, best first."""


@lru_cache(maxsize=1)
def lsh_shape() -> tuple[int, int]:
    """(bands, rows per band) that datasketch finds optimal for ``THRESHOLD``."""
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return int(lsh.b), int(lsh.r)


def shingles(text: str) -> list[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return [" ".join(words).encode("utf-8")]
    return [" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - 2)]


@lru_cache(maxsize=1)
def _permutations() -> object:
    return MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32").permutations


def signature(text: str) -> bytes:
    """The MinHash signature of ``text`` as ``NUM_PERM`` little-endian uint32."""
    minhash = MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32", permutations=_permutations())
    minhash.update_batch(list(set(shingles(text))))
    return bytes(minhash.hashvalues.astype("<u4").tobytes())


def similarity(left: bytes, right: bytes) -> float:
    """The Jaccard estimate of two signatures: the share of equal hash values."""
    a, b = np.frombuffer(left, dtype="<u4"), np.frombuffer(right, dtype="<u4")
    return float(np.count_nonzero(a == b)) / NUM_PERM


def bands(sig: bytes) -> list[tuple[int, int]]:
    """The (band, bucket) pairs of a signature; bucket is a signed 64-bit hash."""
    count, width = lsh_shape()
    step = 4 * width
    return [(band, bucket(sig[band * step : (band + 1) * step])) for band in range(count)]


def bucket(chunk: bytes) -> int:
    digest = hashlib.blake2b(chunk, digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def band_rows(signatures: Sequence[tuple[str, bytes]]) -> list[dict[str, object]]:
    return [
        {"band": band, "bucket": bucket, "sha256": sha}
        for sha, sig in signatures
        for band, bucket in bands(sig)
    ]


def find_links(con: duckdb.DuckDBPyConnection, signatures: Sequence[tuple[str, bytes]]) -> Links:
    """Earlier articles (stored, or before it in ``signatures``) each new one copies."""
    rows = band_rows(signatures)
    candidates = stored_candidates(con, rows)
    order = {sha: i for i, (sha, _) in enumerate(signatures)}
    seen: dict[tuple[object, object], list[str]] = {}
    for row in rows:
        earlier = seen.setdefault((row["band"], row["bucket"]), [])
        candidates.setdefault(str(row["sha256"]), set()).update(earlier)
        earlier.append(str(row["sha256"]))
    known = dict(signatures) | stored_signatures(con, {c for cs in candidates.values() for c in cs})
    links: Links = {}
    for sha, others in candidates.items():
        earlier = [o for o in others if order.get(o, -1) < order[sha]]
        scored = [(o, similarity(known[sha], known[o])) for o in earlier]
        kept = sorted((s for s in scored if s[1] >= THRESHOLD), key=lambda s: (-s[1], s[0]))
        if kept:
            links[sha] = kept[:MAX_LINKS]
    return links


def stored_candidates(
    con: duckdb.DuckDBPyConnection, rows: list[dict[str, object]]
) -> dict[str, set[str]]:
    """Stored articles sharing buckets with a new one, the most shared first.

    A bucket contributes at most ``BUCKET_CAP`` members, so a text shared by thousands
    of articles (a template, a wire story copied everywhere) costs a bounded join.
    """
    if not rows:
        return {}
    with registered(con, "new_bands", pa.Table.from_pylist(rows)):
        found = con.execute(
            "WITH hits AS (SELECT band, bucket, sha256 AS other FROM minhash_bands "
            "WHERE (band, bucket) IN (SELECT band, bucket FROM new_bands) "
            "QUALIFY row_number() OVER (PARTITION BY band, bucket ORDER BY other) <= ?) "
            "SELECT sha256, other FROM (SELECT n.sha256, h.other, count(*) AS shared "
            "FROM new_bands n JOIN hits h USING (band, bucket) GROUP BY ALL) "
            "QUALIFY row_number() OVER (PARTITION BY sha256 ORDER BY shared DESC, other) <= ?",
            [BUCKET_CAP, MAX_CANDIDATES],
        ).fetchall()
    candidates: dict[str, set[str]] = {}
    for sha, other in found:
        candidates.setdefault(sha, set()).add(other)
    return candidates


def stored_signatures(con: duckdb.DuckDBPyConnection, shas: set[str]) -> dict[str, bytes]:
    if not shas:
        return {}
    found = con.execute(
        "SELECT sha256, signature FROM minhashes WHERE sha256 IN (SELECT unnest(?))", [list(shas)]
    ).fetchall()
    return {sha: bytes(sig) for sha, sig in found}


def assign_clusters(con: duckdb.DuckDBPyConnection, articles: list[Row], links: Links) -> None:
    """Put each new article in the cluster of the article it copies best (else its own)."""
    best = {sha: found[0][0] for sha, found in links.items()}
    clusters = {row["sha256"]: row["cluster"] for row in articles}
    outside = sorted(set(best.values()) - clusters.keys())
    if outside:
        found = con.execute(
            "SELECT sha256, cluster FROM articles WHERE sha256 IN (SELECT unnest(?))", [outside]
        ).fetchall()
        clusters |= dict(found)
    for row in articles:
        if row["sha256"] in best:
            row["cluster"] = clusters[best[row["sha256"]]] or best[row["sha256"]]
            clusters[row["sha256"]] = row["cluster"]


def link_rows(links: Links, run_id: str) -> list[Row]:
    return [
        {"sha256": sha, "duplicate_of": other, "similarity": score, "run_id": run_id}
        for sha, found in links.items()
        for other, score in found
    ]
