"""Watch mode in a real process: a save rebuilds, a broken save keeps the last good PDF."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from pypdf import PdfReader

from tests.conftest import ROOT


def wait_for(condition, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def text_of(pdf: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(pdf).pages)


def test_a_save_rebuilds_and_a_broken_save_keeps_the_pdf(minimal_book, tmp_path):
    book, output = minimal_book(), tmp_path / "kirja.pdf"
    process = subprocess.Popen(
        [sys.executable, "-m", "kkpdf", "watch", str(book), "-o", str(output)],
        cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert wait_for(output.exists)
        first = output.stat().st_mtime_ns
        chapter = book / "luvut" / "01.md"
        chapter.write_text(chapter.read_text(encoding="utf-8") + "\nUusi kappale.\n", "utf-8")
        assert wait_for(lambda: output.stat().st_mtime_ns != first)
        assert wait_for(lambda: "Uusi kappale." in text_of(output))
        good = output.read_bytes()
        (book / "data" / "talous.yaml").write_text("keskus: [\n", encoding="utf-8")
        time.sleep(3)  # a rebuild that fails must not touch the PDF
        assert output.read_bytes() == good
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    assert err.count("kkpdf watch: 0 errors") >= 2
    assert "kkpdf watch: 1 error," in err
    assert "Traceback" not in err
