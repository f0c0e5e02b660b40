"""The command line of `kkpdf`: its commands and their options."""

from __future__ import annotations

import argparse
from pathlib import Path

from kkpdf.messages import LANGUAGES

PASSPHRASE_VARIABLE = "KKPDF_P12_PASSPHRASE"


def parser() -> argparse.ArgumentParser:
    from kkpdf import DEFAULT_FONTS

    parser = argparse.ArgumentParser(prog="kkpdf", description="Compile a budget book to PDF.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="check the sources and write the PDF")
    check = commands.add_parser("check", help="check the sources without writing a PDF")
    spell = commands.add_parser("spell", help="check the spelling of the book's language")
    diff = commands.add_parser(
        "diff", help="what changed between two versions: git revisions or source folders"
    )
    diff.add_argument("old", help="a git revision (e.g. HEAD~3, a tag) or a sources folder")
    diff.add_argument("new", nargs="?", help="the same; default: the sources as they are now")
    diff.add_argument(
        "--sources",
        type=Path,
        default=Path("sources"),
        help="the sources folder whose history is meant (default: sources)",
    )
    diff.add_argument("--format", choices=("text", "json"), default="text")
    next_year = commands.add_parser(
        "next-year",
        help="roll the sources on to the next budget year, in place, and list the cells to fill in",
    )
    next_year.add_argument(
        "--dry-run", action="store_true", help="list what would change, and write nothing"
    )
    importing = commands.add_parser(
        "import",
        help="put the figures of a spreadsheet export (xlsx, xls, ods, csv) into the data, "
        "through a mapping file, and list each figure changed",
    )
    importing.add_argument("export", type=Path, metavar="FILE",
                           help="the export: .xlsx, .xls, .ods or .csv (Finnish: ';' and a "
                           "decimal comma)")  # fmt: skip
    importing.add_argument("--mapping", type=Path, required=True, metavar="MAPPING.yaml",
                           help="which sheets, columns and rows of the export are which "
                           "tables, years and rows (see README.md)")  # fmt: skip
    importing.add_argument(
        "--dry-run", action="store_true", help="list what would change, and write nothing"
    )
    comments = commands.add_parser(
        "comments", help="reviewers' comments in copies of the book, at their lines in the sources"
    )
    comments.add_argument("pdfs", nargs="+", type=Path, metavar="PDF", help="a reviewed copy")
    comments.add_argument(
        "--sources", type=Path, default=Path("sources"),
        help="the sources folder the book was built from (default: sources)",
    )  # fmt: skip
    comments.add_argument("--format", choices=("text", "json", "csv", "xlsx"), default="text")
    comments.add_argument("-o", "--output", type=Path,
                          help="the file to write (default: the standard output)")  # fmt: skip
    watch = commands.add_parser("watch", help="build, then build again on every save")
    watch.add_argument("-o", "--output", type=Path, help="the PDF to write")
    for command in (build, check, watch, spell, next_year, importing):
        command.add_argument(
            "sources",
            nargs="?",
            type=Path,
            default=Path("sources"),
            help="the folder that holds book.yaml (default: sources)",
        )
        command.add_argument(
            "--fonts",
            type=Path,
            default=DEFAULT_FONTS,
            help="the folder with the TrueType fonts (default: %(default)s)",
        )
        command.add_argument(
            "--format", choices=("text", "json", "sarif"), default="text",
            help="how diagnostics are printed (sarif: SARIF 2.1.0, for code scanning)",
        )  # fmt: skip
    build.add_argument(
        "--embed-sources",
        action="store_true",
        help="attach the book's YAML files to the PDF (PDF/A-3a instead of PDF/A-2a)",
    )
    build.add_argument(
        "--draft",
        action="store_true",
        help="a draft for proofreading: built even with errors in the figures, each problem "
        "marked where it stands and listed at the end",
    )
    build.add_argument(
        "--since",
        help="with a draft, mark what changed since this git revision or sources folder",
    )
    build.add_argument(
        "--report",
        type=Path,
        metavar="FILE",
        help="with a draft, also write its findings and changes, page by page, to FILE.xlsx "
        "or FILE.csv for a spreadsheet",
    )
    build.add_argument(
        "--comments", nargs="+", type=Path, metavar="PDF", default=(),
        help="with a draft, show the open comments of these reviewed copies where their "
        "words now stand",
    )  # fmt: skip
    build.add_argument(
        "--validate",
        action="store_true",
        help="run the PDF/A validator over the written file (the archive always does)",
    )
    build.add_argument(
        "-o",
        "--output",
        type=Path,
        help="the PDF to write (default: output/ beside the sources folder, and the name in "
        "book.yaml; a draft's name ends in -luonnos)",
    )

    sign = commands.add_parser(
        "sign",
        help="sign a built book (PAdES); the passphrase comes from "
        f"{PASSPHRASE_VARIABLE} or a prompt, never from the command line",
    )
    sign.add_argument("book", type=Path, help="the PDF to sign")
    sign.add_argument("-o", "--output", type=Path, required=True, help="the signed PDF to write")

    archive = commands.add_parser(
        "archive",
        help="build, sign and file the book with its sources, check report and digests",
    )
    archive.add_argument(
        "sources", nargs="?", type=Path, default=Path("sources"), help="the sources folder"
    )
    for command in (sign, archive):
        command.add_argument("--p12", type=Path, required=True, help="the signer's PKCS#12 file")
        command.add_argument(
            "--reason", help="why it is signed, e.g. 'Kaupunginvaltuuston hyväksymä'"
        )
        command.add_argument("--location", help="where it is signed, e.g. 'Loviisa'")
        command.add_argument("--timestamp-url", help="a timestamp server (RFC 3161): PAdES B-T")
    archive.add_argument("-o", "--output", type=Path,
                         help="the folder (default: output/archive by the sources)")  # fmt: skip
    archive.add_argument("--fonts", type=Path, default=DEFAULT_FONTS, help=argparse.SUPPRESS)

    verify = commands.add_parser("verify", help="check a signed book")
    verify.add_argument("signed", type=Path, help="the signed PDF")
    verify.add_argument("--trust", type=Path, help="the root certificate to trust (PEM or DER)")
    verify.add_argument(
        "--sources", type=Path, help="also check that the signed book is what these sources build"
    )
    verify.add_argument("--fonts", type=Path, default=DEFAULT_FONTS, help=argparse.SUPPRESS)
    for command in (build, check, watch, spell, diff, archive):
        command.add_argument(
            "--edition",
            metavar="CODE",
            help="the edition: a code book.yaml lists under 'editions:' (fi, sv), or 'all' "
            "(default: every edition; the first for diff and watch)",
        )
    for command in (sign, verify, archive):
        command.set_defaults(format="text")
    for command in commands.choices.values():
        command.add_argument(
            "--lang",
            choices=LANGUAGES,
            help="the language of messages and the summary: fi, sv or en (default: the "
            "locale's, LANGUAGE, LC_ALL, LC_MESSAGES or LANG, else en)",
        )
    return parser
