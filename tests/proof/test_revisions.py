"""The sources as they were: a folder as given, or a git revision unpacked."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from kkpdf.proof.revisions import RevisionProblem, sources_at
from tests.conftest import MINIMAL


def test_a_folder_is_taken_as_it_is(tmp_path):
    assert sources_at(str(MINIMAL), MINIMAL, tmp_path) == MINIMAL


def test_a_revision_is_unpacked_with_its_own_text(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo / "kirja")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "eka"], check=True)
    (repo / "kirja" / "luvut" / "01.md").write_text("# Muutettu\n", encoding="utf-8")
    old = sources_at("HEAD", repo / "kirja", tmp_path / "scratch")
    assert (old / "luvut" / "01.md").read_text(encoding="utf-8").startswith("# Keskus")


def test_an_unknown_revision_is_named(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo)
    subprocess.run(["git", "-C", str(repo), "init", "-q"], check=True)
    with pytest.raises(RevisionProblem, match="git archive"):
        sources_at("ei-ole", repo, tmp_path / "scratch")
