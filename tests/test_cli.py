"""The command as staff run it: exit status, messages, and the last good PDF kept."""

from __future__ import annotations

import argparse
import gc
import json
import signal
import subprocess
import sys

import pytest

from kkpdf import cli
from kkpdf.cli import main
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.interrupts import StopFlag
from kkpdf.messages import ENGLISH
from tests.conftest import MINIMAL, ROOT, outside_env


def run(args, capsys):
    status = main([str(a) for a in args])
    printed = capsys.readouterr()
    return status, printed.out, printed.err


def test_build_writes_the_pdf_and_nothing_else(minimal_book, tmp_path, capsys):
    out = tmp_path / "out" / "kirja.pdf"
    status, _, err = run(["build", minimal_book(), "-o", out], capsys)
    assert status == 0, err
    assert out.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in out.parent.iterdir()] == ["kirja.pdf"]
    assert "0 errors" in err and "wrote" in err


def test_errors_keep_the_previous_pdf(minimal_book, tmp_path, capsys):
    out = tmp_path / "kirja.pdf"
    book = minimal_book()
    assert run(["build", book, "-o", out], capsys)[0] == 0
    good = out.read_bytes()
    (book / "data" / "talous.yaml").write_text(
        "keskus:\n  years: [2021, 2022, 2023]\n  rows:\n    myyntituotot: [1, x, 3]\n",
        encoding="utf-8",
    )
    status, _, err = run(["build", book, "-o", out], capsys)
    assert status == 1
    assert f"{book}/data/talous.yaml:4:23: error: " in err
    assert "no PDF written; the previous one, if any, is kept" in err
    assert out.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []


def test_every_error_is_reported_in_one_run(minimal_book, capsys):
    book = minimal_book(
        {
            "luvut/01.md": "# A\n\n### B\n\n```{finance-table} keskus\n```\n\n"
            "```{goal-table} teema\n```\n\n> lainaus\n",
            "data/talous.yaml": "keskus:\n  years: [2021, 2022, 2023]\n  rows:\n"
            "    myyntituotot: [1, x, 3]\n    myyntitulot: [1, 2, 3]\n",
        }
    )
    status, _, err = run(["check", book], capsys)
    assert status == 1
    # The quote (parse), the cell and the row (document), the skipped level (checks).
    assert err.count(": error: ") == 4
    assert "4 errors" in err


def test_missing_font_is_an_environment_problem(minimal_book, tmp_path, capsys):
    status, _, err = run(["build", minimal_book(), "--fonts", tmp_path, "-o", tmp_path / "x.pdf"],
                         capsys)  # fmt: skip
    assert status == 2
    assert "Lato-Regular.ttf is missing" in err


def test_missing_sources_folder(tmp_path, capsys):
    status, _, err = run(["check", tmp_path / "ei-ole"], capsys)
    assert status == 1
    assert "sources folder" in err and "does not exist" in err


def test_unwritable_output_is_an_environment_problem(minimal_book, tmp_path, capsys):
    blocker = tmp_path / "tiedosto"
    blocker.write_text("not a folder")
    status, _, err = run(["build", minimal_book(), "-o", blocker / "kirja.pdf"], capsys)
    assert status == 2
    assert "cannot write" in err


def test_json_diagnostics(minimal_book, capsys):
    book = minimal_book({"luvut/01.md": "# A\n\n```{goal-table} teema\n```\n"})
    status, out, _ = run(["check", book, "--format", "json"], capsys)
    assert status == 0
    (diagnostic,) = json.loads(out)
    assert diagnostic == {
        "severity": "warning",
        "file": f"{book}/data/talous.yaml",
        "line": 1,
        "column": 1,
        "end_line": 1,
        "end_column": 7,  # the key 'keskus'
        "rule": "document.unplaced",
        "message": "finance table 'keskus' is not placed in any chapter",
        "hint": "add ```{finance-table} keskus to a chapter",
    }


def test_runs_as_a_module_in_its_own_process(minimal_book, tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kkpdf",
            "build",
            str(minimal_book()),
            "-o",
            str(tmp_path / "k.pdf"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "k.pdf").is_file()


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["rakenna"])
    assert exit.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_default_output_is_the_projects_whatever_the_working_folder(minimal_book, tmp_path):
    """The project is the folder that holds the sources: output/ goes beside them."""
    book = minimal_book()  # tmp_path / "book"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "kkpdf", "build", str(book)],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=outside_env(),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "output" / "testikirja.pdf").is_file()
    assert list(elsewhere.iterdir()) == []


def test_the_sources_given_as_the_working_folder_still_write_beside_it(minimal_book, tmp_path):
    book = minimal_book()
    result = subprocess.run(
        [sys.executable, "-m", "kkpdf", "build", "."],
        capture_output=True,
        text=True,
        cwd=book,
        env=outside_env(),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "output" / "testikirja.pdf").is_file()
    assert not (book / "output").exists()


def test_a_draft_has_its_own_default_name(minimal_book, tmp_path, capsys):
    book = minimal_book()
    status, _, err = run(["build", book, "--draft"], capsys)
    assert status == 0, err
    assert [p.name for p in (tmp_path / "output").iterdir()] == ["testikirja-luonnos.pdf"]


def test_a_draft_never_takes_the_books_file_name(minimal_book, tmp_path, capsys):
    book = minimal_book()
    final = tmp_path / "output" / "testikirja.pdf"
    final.parent.mkdir()
    final.write_bytes(b"the approved book")
    status, _, err = run(["build", book, "--draft", "-o", final], capsys)
    assert status == 2
    assert err.splitlines()[-1] == (
        "kkpdf: error: a draft is not written under the book's own file name testikirja.pdf: "
        f"give -o another name, such as {final.parent}/testikirja-luonnos.pdf, or leave -o out"
    )
    assert final.read_bytes() == b"the approved book"
    assert [p.name for p in final.parent.iterdir()] == ["testikirja.pdf"]


def test_a_draft_takes_a_name_given_by_a_placeholder_into_account(minimal_book, tmp_path, capsys):
    book_yaml = (MINIMAL / "book.yaml").read_text(encoding="utf-8")
    book = minimal_book(
        {"book.yaml": book_yaml.replace("output: testikirja.pdf", "output: k-{budget_year}.pdf")}
    )
    status, _, err = run(["build", book, "--draft", "-o", tmp_path / "k-2023.pdf"], capsys)
    assert status == 2
    assert "the book's own file name k-2023.pdf" in err
    assert not (tmp_path / "k-2023.pdf").exists()


def test_json_diagnostics_of_a_figure_carry_its_numbers(capsys):
    status, out, err = run(["check", ROOT / "tests" / "fixtures" / "seed-2023", "--format", "json"],
                           capsys)  # fmt: skip
    assert status == 1
    diagnostics = json.loads(out)
    # The wrong total is a consequence of the blank cell that is the slip: its note.
    (culprit,) = [d for d in diagnostics if d["rule"] == "figures.culprit"]
    assert (culprit["row"], culprit["year"], culprit["actual"], culprit["expected"]) == (
        "toimintatuotot", 2022, 0, 12000)  # fmt: skip
    (wrong_total,) = [n for n in culprit["notes"] if n["row"] == "toimintakate"]
    keys = ("table", "row", "heading", "year", "expected", "actual")
    assert {k: wrong_total[k] for k in keys} == {
        "table": "talouspalvelut",
        "row": "toimintakate",
        "heading": "TALOUSARVIO 2022 muutoksineen",
        "year": 2022,
        "expected": -820300,
        "actual": -808300,
    }
    assert isinstance(wrong_total["column"], int)  # the source column, not the heading
    assert wrong_total["difference"] == 12000
    assert wrong_total["file"].endswith("seed-2023/data/talous.yaml")
    assert "4 tables and 145 cells checked" in err


def test_sarif_for_code_scanning_places_each_result_in_the_checkout(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    status, out, err = run(["check", "tests/fixtures/seed-2023", "--format", "sarif"], capsys)
    assert status == 1
    (run_log,) = json.loads(out)["runs"]
    assert run_log["tool"]["driver"]["name"] == "kkpdf"
    (culprit,) = [r for r in run_log["results"] if r["ruleId"] == "figures.culprit"]
    assert culprit["level"] == "error"
    (place,) = culprit["locations"]
    assert place["physicalLocation"]["artifactLocation"] == {
        "uri": "tests/fixtures/seed-2023/data/talous.yaml", "uriBaseId": "%SRCROOT%"}  # fmt: skip
    assert culprit["properties"]["difference"] == -12000  # blank, where 12 000 was meant
    assert len(culprit["relatedLocations"]) == 2  # the two sums it breaks
    assert "errors" in err  # the summary still goes to stderr, leaving stdout to the log


def test_check_summary_counts_what_was_checked(capsys):
    status, _, err = run(["check", ROOT / "sources"], capsys)
    assert status == 0
    assert "0 errors, 8 warnings; 4 tables and 145 cells checked" in err


@pytest.fixture
def collector_restored():
    """The test process's collector as it was, whatever the command did to it."""
    yield
    gc.unfreeze()
    gc.enable()


def test_a_command_runs_with_the_collector_off_and_exits_without_its_pass(
    monkeypatch, collector_restored
):
    seen = []
    monkeypatch.setattr(cli, "main", lambda started: seen.append(gc.isenabled()) or 3)
    with pytest.raises(SystemExit) as exited:
        cli.run()
    assert exited.value.code == 3
    assert seen == [False]
    assert gc.get_freeze_count() > 0  # what is left is frozen, out of the exit's pass


def test_watch_turns_the_collector_back_on(monkeypatch, minimal_book, collector_restored):
    gc.disable()
    seen = []
    monkeypatch.setattr(
        cli, "_watched_build", lambda args, session, language: seen.append(gc.isenabled())
    )
    stop = StopFlag()
    stop.request(signal.SIGTERM, None)  # the watcher returns at once
    args = argparse.Namespace(sources=minimal_book())
    status, outcome = cli._watch(args, DiagnosticSink(), stop, ENGLISH)
    assert (status, str(outcome)) == (0, "stopped watching")
    assert seen == [True]


def test_every_command_preloads_modules_that_exist():
    """A module renamed or moved fails here, not in the first user's build."""
    commands = next(
        action.choices
        for action in cli.parser()._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    assert set(cli.PRELOADS) == set(commands)
    for loads in cli.PRELOADS.values():
        for load in loads:
            load()


def _wrong_cell(minimal_book):
    return minimal_book({"data/talous.yaml": "keskus:\n  years: [2021, 2022, 2023]\n  rows:\n"
                                             "    myyntituotot: [1, x, 3]\n"})  # fmt: skip


@pytest.mark.parametrize(
    "code, counted, severity",
    [("en", "1 error, 0 warnings", "error"), ("fi", "1 virhe, 0 varoitusta", "virhe"),
     ("sv", "1 fel, 0 varningar", "fel")],
)  # fmt: skip
def test_messages_and_the_summary_speak_the_chosen_language(
    minimal_book, capsys, code, counted, severity
):
    book = _wrong_cell(minimal_book)
    english = run(["check", book, "--lang", "en"], capsys)[2].splitlines()
    status, _, err = run(["check", book, "--lang", code], capsys)
    lines = err.splitlines()
    assert status == 1 and lines[-1].startswith(f"kkpdf: {counted}; ")
    place = f"{book}/data/talous.yaml:4:23: "
    assert lines[0].startswith(f"{place}{severity}: ")
    # The same diagnostic, line for line, and every word of it in the language.
    assert len(lines) == len(english)
    if code != "en":
        assert all(ours != theirs for ours, theirs in zip(lines, english, strict=True))


def test_json_keeps_its_field_names_and_rule_ids_in_english(minimal_book, capsys):
    book = _wrong_cell(minimal_book)
    english = json.loads(run(["check", book, "--format", "json", "--lang", "en"], capsys)[1])
    finnish = json.loads(run(["check", book, "--format", "json", "--lang", "fi"], capsys)[1])
    assert [sorted(d) for d in finnish] == [sorted(d) for d in english]
    assert [(d["severity"], d["rule"]) for d in finnish] == [
        (d["severity"], d["rule"]) for d in english
    ]
    assert finnish[0]["message"] != english[0]["message"]
    assert finnish[0]["hint"] != english[0]["hint"]


def test_the_locale_chooses_the_language_when_no_option_does(minimal_book, capsys, monkeypatch):
    monkeypatch.delenv("LANGUAGE")
    monkeypatch.setenv("LANG", "sv_FI.UTF-8")
    err = run(["check", _wrong_cell(minimal_book)], capsys)[2]
    assert err.splitlines()[-1].startswith("kkpdf: 1 fel, 0 varningar; ")


def test_a_path_no_file_can_have_is_refused_before_anything_runs(minimal_book, capsys, tmp_path):
    book = minimal_book()
    assert main(["build", str(book), "-o", str(tmp_path / "kirja\0.pdf")]) == 2
    assert main(["check", str(book) + "\0"]) == 2
    err = capsys.readouterr().err
    assert "kkpdf: error: --output: '" in err and "kirja\\u0000.pdf' has a control" in err
    assert "kkpdf: error: sources: '" in err
    assert [path.name for path in tmp_path.iterdir()] == [book.name]  # nothing written
