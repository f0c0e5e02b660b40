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


def git(folder, *command, date="2023-01-02T03:04:05+00:00"):
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    identity = ["-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "-C", str(folder), *identity, *command], env=env, check=True)


def test_the_whole_message_of_a_bad_source_date_epoch(tmp_path):
    with pytest.raises(DateProblem) as caught:
        document_date(tmp_path, APPROVED, {"SOURCE_DATE_EPOCH": "eilen"})
    assert str(caught.value) == "SOURCE_DATE_EPOCH='eilen' is not a number of seconds since 1970"


@pytest.mark.parametrize("epoch", ["", "1.5", "99999999999999999999"])
def test_a_source_date_epoch_that_is_no_date_is_named(tmp_path, epoch):
    with pytest.raises(DateProblem, match="is not a number of seconds since 1970"):
        document_date(tmp_path, APPROVED, {"SOURCE_DATE_EPOCH": epoch})


def test_source_date_epoch_comes_before_git(tmp_path):
    git(tmp_path, "init", "-q")
    (tmp_path / "book.yaml").write_text("title: x\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "x")
    date = document_date(tmp_path, APPROVED, {"SOURCE_DATE_EPOCH": "0"})
    assert date == datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def test_without_an_approval_date_the_date_is_the_epoch(tmp_path):
    assert document_date(tmp_path, None, {}) == datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def test_without_git_installed_the_approval_date_is_used(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    date = document_date(tmp_path, APPROVED, {})
    assert date == datetime.datetime(2022, 12, 14, tzinfo=datetime.UTC)


def test_a_repository_without_commits_gives_the_approval_date(tmp_path):
    git(tmp_path, "init", "-q")
    date = document_date(tmp_path, APPROVED, {})
    assert date == datetime.datetime(2022, 12, 14, tzinfo=datetime.UTC)


def test_the_newest_of_several_changes_of_the_sources_is_used(tmp_path):
    git(tmp_path, "init", "-q")
    for day, text in (("01", "a"), ("05", "b")):
        (tmp_path / "book.yaml").write_text(text)
        git(tmp_path, "add", ".")
        git(tmp_path, "commit", "-qm", text, date=f"2023-02-{day}T00:00:00+00:00")
    date = document_date(tmp_path, APPROVED, {})
    assert date == datetime.datetime(2023, 2, 5, tzinfo=datetime.UTC)


def test_a_later_commit_outside_the_sources_does_not_change_the_date(tmp_path):
    # The book's date moves only when the book changes, not when the tools do.
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "book.yaml").write_text("title: x\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "book", date="2023-03-01T00:00:00+00:00")
    (tmp_path / "Makefile").write_text("all:\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "tools", date="2023-04-01T00:00:00+00:00")
    date = document_date(sources, APPROVED, {})
    assert date == datetime.datetime(2023, 3, 1, tzinfo=datetime.UTC)


def test_sources_no_commit_has_touched_give_the_approval_date(tmp_path):
    # A repository with history, and a sources folder added since and not yet committed.
    (tmp_path / "README").write_text("x\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "x")
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "book.yaml").write_text("title: x\n")
    date = document_date(sources, APPROVED, {})
    assert date == datetime.datetime(2022, 12, 14, tzinfo=datetime.UTC)
