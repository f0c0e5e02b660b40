from __future__ import annotations

import datetime
import os
import subprocess

import pytest

from kkpdf.pdf.dates import DateProblem, document_date

APPROVED = datetime.date(2022, 12, 14)


def test_source_date_epoch_comes_first(tmp_path):
    date = document_date(tmp_path, APPROVED, {"SOURCE_DATE_EPOCH": "1700000000"})
    assert date == datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=datetime.UTC)


def test_a_bad_source_date_epoch_is_named(tmp_path):
    with pytest.raises(DateProblem, match="SOURCE_DATE_EPOCH='eilen'"):
        document_date(tmp_path, APPROVED, {"SOURCE_DATE_EPOCH": "eilen"})


def test_outside_git_the_approval_date_is_used(tmp_path):
    date = document_date(tmp_path, APPROVED, {})
    assert date == datetime.datetime(2022, 12, 14, tzinfo=datetime.UTC)


def test_in_git_the_last_change_of_the_sources_is_used(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "book.yaml").write_text("title: x\n")
    env = {**os.environ, "GIT_AUTHOR_DATE": "2023-01-02T03:04:05+00:00",
           "GIT_COMMITTER_DATE": "2023-01-02T03:04:05+00:00"}  # fmt: skip
    commit = ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]
    for command in (["init", "-q"], ["add", "."], commit):
        subprocess.run(["git", "-C", str(tmp_path), *command], env=env, check=True)
    date = document_date(sources, APPROVED, {})
    assert date == datetime.datetime(2023, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
