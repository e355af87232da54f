"""Extraction apart from resolution: shards written by `docgraph extract --out` or by a
Dask cluster build the same graph as a serial build of the same documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import snapshot

import docgraph
from docgraph.cli import main
from docgraph.errors import DocgraphError
from docgraph.graph.diff import diff_graphs
from docgraph.loaders.shards import MANIFEST, extract_partition, iter_shard_graphs, write_shards

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _same_graph(store_a: Path, store_b: Path) -> None:
    with docgraph.open(store_a) as a, docgraph.open(store_b) as b:
        assert diff_graphs(a.read(), b.read()).is_empty
        assert snapshot(a.store) == snapshot(b.store)


def test_shards_from_the_command_line_build_the_serial_graph(runner, tmp_path):
    shards = tmp_path / "shards"
    extracted = runner.invoke(main, ["extract", str(EXAMPLES), "--fast", "--out", str(shards)])
    assert extracted.exit_code == 0, extracted.output
    assert "wrote 3 document graph(s)" in extracted.output
    manifest = json.loads((shards / MANIFEST).read_text(encoding="utf-8"))
    assert len(manifest["documents"]) == 3 and manifest["options"]["fast"] is True

    built = runner.invoke(main, ["build", str(shards), "--store", str(tmp_path / "from-shards")])
    assert built.exit_code == 0, built.output
    serial = runner.invoke(
        main, ["build", str(EXAMPLES), "--fast", "--store", str(tmp_path / "serial")]
    )
    assert serial.exit_code == 0, serial.output
    _same_graph(tmp_path / "from-shards", tmp_path / "serial")

    again = runner.invoke(main, ["build", str(shards), "--store", str(tmp_path / "from-shards")])
    assert again.exit_code == 0 and "no changes" in again.output  # idempotent


def test_shard_input_is_checked_before_anything_is_written(runner, tmp_path):
    shards = tmp_path / "shards"
    assert (
        runner.invoke(main, ["extract", str(EXAMPLES), "--fast", "--out", str(shards)]).exit_code
        == 0
    )
    store = tmp_path / "store"
    for args, message in [
        ([str(shards), str(EXAMPLES)], "either shard folders"),
        ([str(shards), "--gazetteer", str(shards / MANIFEST)], "their own options"),
    ]:
        result = runner.invoke(main, ["build", *args, "--store", str(store)])
        assert result.exit_code != 0 and message in result.output
    # writing into a folder that holds shards would mix two extractions
    again = runner.invoke(main, ["extract", str(EXAMPLES), "--fast", "--out", str(shards)])
    assert again.exit_code != 0 and "empty folder" in again.output
    # a shard file gone: a clear error naming it
    (shards / "shard-00000.jsonl").unlink()
    with pytest.raises(DocgraphError, match="shard-00000.jsonl"):
        list(iter_shard_graphs(shards))


def test_dask_cluster_of_two_workers_builds_the_serial_graph(tmp_path):
    """The README's Dask recipe on a real dask.distributed LocalCluster (2 processes)."""
    import dask.bag as dask_bag
    import distributed

    from docgraph.loaders.read import read_documents

    documents = read_documents([EXAMPLES]).documents  # ids fixed once, on the driver
    options = {"fast": False}
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        records = (
            dask_bag.from_sequence(documents, npartitions=2)
            .map_partitions(lambda part: list(extract_partition(part, options)))
            .compute()
        )
    write_shards(records, tmp_path / "shards", options)
    with docgraph.build([tmp_path / "shards"], store=tmp_path / "dask", progress=False):
        pass
    with docgraph.build([EXAMPLES], store=tmp_path / "serial", progress=False):
        pass
    _same_graph(tmp_path / "dask", tmp_path / "serial")
