"""Full rebuilds on a Dask cluster (searcher/cluster.py): the corpus sample
(seeds, 400 vietnews releases, 40 ntrex releases) built on a LocalCluster
of 2 workers in batches of 60 and built locally hold the same releases,
the same stored fields and the same top 10 for every development query;
a cluster that cannot be reached leaves the live index as it was."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from conftest import shared_path, write_corpus_sample

import searcher
from searcher.cluster import ClusterSpec
from searcher.eval import load_queries


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    docs = tmp_path_factory.mktemp("cluster-docs")
    write_corpus_sample(docs)
    local, remote = tmp_path_factory.mktemp("local-index"), tmp_path_factory.mktemp("cluster-index")
    searcher.build_index(docs, local, full=True, workers=1)
    report = searcher.build_index(docs, remote, full=True, cluster=ClusterSpec(workers=2, batch=60))
    assert report.full and report.releases == 442 and not report.problems
    a, b = searcher.open_index(str(local)), searcher.open_index(str(remote))
    yield a, b, remote
    a.close()
    b.close()


def _stored(engine) -> dict[str, dict]:
    gen = engine._current().gen
    return {gen.stored(d)["doc_id"]: gen.stored(d) for d in np.flatnonzero(gen.live).tolist()}


def test_the_same_releases_and_stored_fields(built):
    local, cluster, index = built
    a, b = _stored(local), _stored(cluster)
    assert a.keys() == b.keys() and len(a) == 442
    assert all(a[i] == b[i] for i in a)
    gen = cluster._current().gen
    assert len(gen.scorer.leaves) >= 7  # 442 releases in batches of 60: written by the workers, one segment each


def test_the_same_top_ten_for_every_development_query(built):
    local, cluster, _ = built
    queries = load_queries([shared_path("eval", "known-item-dev.tsv"), shared_path("eval", "xquad-dev.tsv")])
    differ = [q.text for q in queries if local.rank(q.text) != cluster.rank(q.text)]
    assert len(queries) > 3000 and not differ, differ[:5]


def test_cluster_builds_are_full_and_named_in_the_cli(tmp_path):
    with pytest.raises(ValueError, match="full"):
        searcher.build_index(tmp_path / "none", tmp_path / "ix", cluster=ClusterSpec(workers=1))
    with pytest.raises(ValueError, match="address or a number"):
        ClusterSpec()
    run = subprocess.run([sys.executable, "-m", "searcher.cli", "reindex", "--index", str(tmp_path / "ix"),
                          "--workers", "2", "--cluster", "tcp://127.0.0.1:1", "--full"], capture_output=True,
                         text=True)
    assert run.returncode == 2 and "give one" in run.stderr


def test_an_unreachable_cluster_leaves_the_live_index_as_it_was(built):
    _, cluster, index = built
    before = sorted(p.name for p in index.iterdir())
    with pytest.raises(OSError):
        searcher.build_index(None, index, full=True, cluster=ClusterSpec(address="tcp://127.0.0.1:9", timeout=2))
    assert sorted(p.name for p in index.iterdir()) == before
    assert cluster.rank("Lê Quốc Hùng")
