"""Engine adapters: the same records from Dask and Ray Data, each on a local two-worker cluster."""

from __future__ import annotations

import json

import pytest
from conftest import seed_path

import cleaner
from cleaner.rows import RowMapping


def rows() -> list[dict]:
    good = [
        {"key": f"k{n}", "body": seed_path(n).read_text("utf-8"), "site": "seeds"}
        for n in ("000", "001", "002")
    ]
    return [*good, {"key": "bad", "body": "", "site": "seeds"}]


MAPPING = RowMapping(text_field="body", id_field="key")


def expected_titles() -> list[str | None]:
    return [cleaner.clean(seed_path(n)).title for n in ("000", "001", "002")]


@pytest.fixture(scope="module")
def dask_client():
    from dask import distributed

    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_dask_bag_cleans_each_row_and_reports_bad_ones(dask_client):
    import dask.bag as db

    from cleaner.engines.dask import clean_bag

    out = clean_bag(db.from_sequence(rows(), npartitions=2), mapping=MAPPING).compute()
    assert [r["key"] for r in out] == ["k000", "k001", "k002", "bad"]
    assert [r["article"]["title"] for r in out[:3]] == expected_titles()
    assert out[3]["article"] is None and "no text" in out[3]["error"]
    assert all(r["site"] == "seeds" for r in out)


def test_dask_dataframe_gives_article_json_and_error_columns(dask_client):
    import dask.dataframe as dd
    import pandas as pd

    from cleaner.engines.dask import clean_dataframe

    frame = dd.from_pandas(pd.DataFrame(rows()), npartitions=2)
    out = clean_dataframe(frame, mapping=MAPPING).compute()
    assert list(out.columns) == ["key", "site", "article", "error"]
    titles = [json.loads(a)["title"] for a in out["article"][:3]]
    assert titles == expected_titles()
    assert out["error"].iloc[3]


def test_ray_dataset_cleans_each_row_on_two_workers():
    import ray

    from cleaner.engines.ray import clean_dataset

    # A local two-worker cluster kept on loopback: no traffic leaves the machine.
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, _node_ip_address="127.0.0.1")
    try:
        dataset = ray.data.from_items(rows())
        out = sorted(
            clean_dataset(dataset, mapping=MAPPING, batch_size=2).take_all(), key=lambda r: r["key"]
        )
    finally:
        ray.shutdown()
    by_key = {r["key"]: r for r in out}
    assert set(by_key) == {"k000", "k001", "k002", "bad"}
    titles = [json.loads(by_key[k]["article"])["title"] for k in ("k000", "k001", "k002")]
    assert titles == expected_titles()
    assert by_key["bad"]["error"] and by_key["bad"]["site"] == "seeds"
