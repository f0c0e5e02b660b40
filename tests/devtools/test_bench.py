"""make bench's cases, without running the benchmark: a book in two editions is
built in its first edition alone (the case of the earlier figures) and in every
edition at once, and a book in one language has no second case but a skipped one."""

from __future__ import annotations

import sys
from pathlib import Path

from kkpdf.cache import CACHE_VARIABLE
from kkpdf.devtools.bench import COLD, EARLIER, SERVED, bench_cases, edition_ratios, run
from kkpdf.devtools.generate import generate_book
from kkpdf.server.client import MODE_VARIABLE
from tests.conftest import MINIMAL

BILINGUAL = Path(__file__).resolve().parent.parent / "fixtures" / "bilingual"
KKPDF = ["python", "-m", "kkpdf"]


def test_a_book_in_two_editions_is_timed_in_one_and_in_both(tmp_path):
    town = tmp_path / "town-300"
    generate_book(town, centres=1, seed=1)
    books = {"shipped": BILINGUAL, "town-300": town, "town-600": town}
    cases, skipped = bench_cases(KKPDF, books, tmp_path)
    assert skipped == {}
    one = cases["build town-300"]
    assert one == [
        *KKPDF,
        "build",
        str(town),
        "--edition",
        "fi",
        "-o",
        str(tmp_path / "town-300.pdf"),
    ]
    # Every edition at once is the default build; -o would refuse two editions.
    assert cases["build town-300, every edition"] == [*KKPDF, "build", str(town)]
    assert cases["build shipped, every edition"] == [*KKPDF, "build", str(BILINGUAL)]
    # The 600-page book is timed in one edition only, and the earlier figures' cases remain.
    assert "build town-600, every edition" not in cases
    # The earlier figures' cases remain, and time what they did: one edition.
    assert set(EARLIER) <= cases.keys()
    # The shipped book alone is built with a cold cache too, in one edition and in both.
    cold = [name for name in cases if name.endswith(COLD)]
    assert cold == ["build shipped, cold cache", "build shipped, every edition, cold cache"]
    assert cases["build shipped, cold cache"] == cases["build shipped"]
    assert cases["check town-300"] == [*KKPDF, "check", str(town), "--edition", "fi"]
    # And served by the build server, in one edition and in both.
    served = [name for name in cases if name.endswith(SERVED)]
    assert served == ["build shipped, served", "build shipped, every edition, served"]
    assert cases["build shipped, served"] == cases["build shipped"]


def test_a_book_in_one_language_skips_its_two_edition_case(tmp_path):
    town = tmp_path / "town-300"
    generate_book(town, centres=1, seed=1)
    cases, skipped = bench_cases(KKPDF, {"shipped": MINIMAL, "town-300": town}, tmp_path)
    assert cases["build shipped"] == [*KKPDF, "build", str(MINIMAL), "-o",
                                      str(tmp_path / "shipped.pdf")]  # fmt: skip
    assert "build shipped, every edition" not in cases
    assert list(skipped) == ["build shipped, every edition"]
    assert "no editions" in skipped["build shipped, every edition"]
    walls = {"build shipped": 1.0, "build town-300": 4.0, "build town-300, every edition": 5.0}
    assert edition_ratios(walls) == {"shipped": None, "town-300": 1.25}


def test_the_pages_of_every_edition_written_are_counted():
    said = "wrote a.pdf (45 pages) and b.pdf (44 pages) (3.2 s)"
    timed = run([sys.executable, "-c", f"import sys; print({said!r}, file=sys.stderr)"])
    assert timed["pages"] == 89
    assert timed["wall_s"] > 0


def test_each_run_is_given_its_cache_folder_and_server_mode(tmp_path):
    out = tmp_path / "seen"
    said = (
        f"import os; open({str(out)!r}, 'w').write("
        f"os.environ[{CACHE_VARIABLE!r}] + ' ' + os.environ[{MODE_VARIABLE!r}])"
    )
    run([sys.executable, "-c", said], tmp_path / "cache")
    assert out.read_text() == f"{tmp_path / 'cache'} off"
    run([sys.executable, "-c", said], tmp_path / "cache", served=True)
    assert out.read_text() == f"{tmp_path / 'cache'} on"
