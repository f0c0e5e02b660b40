"""Signing and verifying with a throwaway certificate authority made here."""

from __future__ import annotations

import datetime
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from asn1crypto import keys as asn1_keys, x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from kkpdf.build import build_book
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.pdf.pdfa import pdfa_findings
from kkpdf.publish.signing import SigningProblem, sign_book, verify_book
from tests.conftest import FONTS, ROOT

PASSPHRASE = b"salasana"
NOW = datetime.datetime.now(datetime.UTC)


def certificate(name, key, issuer_name, issuer_key, *, ca=False, usage=None):
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer_name)]))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - datetime.timedelta(days=1))
        .not_valid_after(NOW + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if usage is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage([usage]), critical=True)
    if not ca:
        builder = builder.add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
    return builder.sign(issuer_key, hashes.SHA256())


class Authority:
    """A root CA, a signer certificate in a PKCS#12 file, and a timestamp authority."""

    def __init__(self, folder: Path, name: str = "Testijuuri") -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.root = certificate(name, self.key, name, self.key, ca=True)
        self.root_pem = folder / f"{name}.pem"
        self.root_pem.write_bytes(self.root.public_bytes(serialization.Encoding.PEM))
        signer_key = ec.generate_private_key(ec.SECP256R1())
        signer = certificate("Kirjaamo, Loviisan kaupunki", signer_key, name, self.key)
        self.p12 = pkcs12.serialize_key_and_certificates(
            b"kirjaamo", signer_key, signer, [self.root],
            serialization.BestAvailableEncryption(PASSPHRASE),
        )  # fmt: skip
        self.p12_path = folder / f"{name}.p12"
        self.p12_path.write_bytes(self.p12)
        tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        stamping = ExtendedKeyUsageOID.TIME_STAMPING
        tsa = certificate("Aikaleima", tsa_key, name, self.key, usage=stamping)
        self.timestamper = DummyTimeStamper(
            tsa_cert=asn1_x509.Certificate.load(tsa.public_bytes(serialization.Encoding.DER)),
            tsa_key=asn1_keys.PrivateKeyInfo.load(
                tsa_key.private_bytes(
                    serialization.Encoding.DER,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            ),
            certs_to_embed=[asn1_x509.Certificate.load(self.root.public_bytes(serialization.Encoding.DER))],
        )  # fmt: skip

    @property
    def roots(self):
        return [asn1_x509.Certificate.load(self.root.public_bytes(serialization.Encoding.DER))]


@pytest.fixture(scope="module")
def authority(tmp_path_factory):
    return Authority(tmp_path_factory.mktemp("ca"))


@pytest.fixture(scope="module")
def book_sources(tmp_path_factory):
    import shutil

    from tests.conftest import MINIMAL

    target = tmp_path_factory.mktemp("sources") / "book"
    shutil.copytree(MINIMAL, target)
    return target


def built(sources: Path, date=None, embed=False) -> bytes:
    sink = DiagnosticSink()
    return build_book(sources, FONTS, sink, embed_sources=embed, date=date).pdf


@pytest.fixture(scope="module")
def unsigned(book_sources) -> bytes:
    return built(book_sources)


@pytest.fixture(scope="module")
def signed(unsigned, authority) -> bytes:
    return sign_book(unsigned, authority.p12, PASSPHRASE, reason="Hyväksytty", location="Loviisa")


def rebuild_from(sources):
    return lambda date, embed, language: built(sources, date, embed)


def test_a_signed_book_verifies(signed, authority, book_sources):
    result = verify_book(signed, trust_roots=authority.roots, rebuild=rebuild_from(book_sources))
    assert result.passed, result.lines
    assert any("signer: Common Name: Kirjaamo, Loviisan kaupunki" in line for line in result.lines)
    assert any("signing time:" in line for line in result.lines)


def test_signing_appends_and_keeps_pdf_a(signed, unsigned):
    assert signed.startswith(unsigned)
    findings = pdfa_findings(signed, 2)
    # The validator has no rules for the form a signature lives in (/AcroForm) and
    # says so as "unsupported"; it must find no violation.
    assert [f for f in findings if not f.startswith("[unsupported]")] == []
    for finding in findings:
        assert "/AcroForm" in finding, finding


def test_one_flipped_byte_breaks_the_signature(signed, authority):
    damaged = bytearray(signed)
    damaged[len(damaged) // 3] ^= 0x01
    result = verify_book(bytes(damaged), trust_roots=authority.roots)
    assert not result.passed
    assert any("have been changed" in failure for failure in result.failures)


def test_an_update_after_signing_is_found(signed, authority):
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    writer.root["/Lang"] = writer.root["/Lang"]  # an edit that changes nothing visible
    writer.update_root()
    output = io.BytesIO()
    writer.write(output)
    result = verify_book(output.getvalue(), trust_roots=authority.roots)
    assert [f for f in result.failures if "changed after signing" in f] != []
    assert "bytes follow the signed revision" in result.failures[0]


def test_another_root_is_not_trusted(signed, tmp_path):
    stranger = Authority(tmp_path, "Vierasjuuri")
    result = verify_book(signed, trust_roots=stranger.roots)
    assert result.failures == ["the certificate does not chain to a trusted root"]


def test_sources_with_one_figure_changed_are_named(signed, authority, book_sources, tmp_path):
    import shutil

    changed = tmp_path / "changed"
    shutil.copytree(book_sources, changed)
    finance_file = changed / "data" / "talous.yaml"
    finance_file.write_text(
        finance_file.read_text(encoding="utf-8").replace("-100,", "-101,"), "utf-8"
    )
    result = verify_book(signed, trust_roots=authority.roots, rebuild=rebuild_from(changed))
    assert result.failures == ["the signed book is not what the given sources build to"]
    notes = "\n".join(result.lines).replace("\u00a0", " ")
    assert "signed:  " in notes and "−100" in notes
    assert "sources: " in notes and "−101" in notes


def test_a_timestamp_makes_it_b_t(unsigned, authority):
    stamped = sign_book(unsigned, authority.p12, PASSPHRASE, timestamper=authority.timestamper)
    result = verify_book(stamped, trust_roots=authority.roots)
    assert result.passed, result.lines
    assert any(line.strip().startswith("timestamp:") for line in result.lines)


def test_a_wrong_passphrase_is_a_clear_error(unsigned, authority):
    with pytest.raises(SigningProblem, match="certificate file cannot be opened"):
        sign_book(unsigned, authority.p12, "väärä".encode())


def test_the_commands_sign_and_verify(authority, book_sources, unsigned, tmp_path):
    book, signed_path = tmp_path / "kirja.pdf", tmp_path / "allekirjoitettu.pdf"
    book.write_bytes(unsigned)
    env = {**os.environ, "KKPDF_P12_PASSPHRASE": PASSPHRASE.decode()}
    run = [sys.executable, "-m", "kkpdf"]
    signing = subprocess.run(
        [*run, "sign", str(book), "--p12", str(authority.p12_path), "-o", str(signed_path)],
        env=env, capture_output=True, text=True, cwd=ROOT, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert signing.returncode == 0, signing.stderr
    assert PASSPHRASE.decode() not in signing.stdout + signing.stderr
    checking = subprocess.run(
        [*run, "verify", str(signed_path), "--trust", str(authority.root_pem),
         "--sources", str(book_sources)],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert checking.returncode == 0, checking.stdout + checking.stderr
    assert "byte for byte a build of the given sources" in checking.stdout


def test_the_archive_holds_everything_to_check_the_book_later(authority, book_sources, tmp_path):
    from kkpdf.publish.archive import make_archive

    sink = DiagnosticSink()
    folder = make_archive(book_sources, FONTS, tmp_path / "archive", sink, p12=authority.p12,
                          passphrase=PASSPHRASE, environ={})  # fmt: skip
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert "testikirja.pdf" in names and "sources/book.yaml" in names
    assert {"SHA256SUMS", "check-report.txt", "check-report.json"} <= set(names)
    sums = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True,
                          text=True)  # fmt: skip
    assert sums.returncode == 0, sums.stdout + sums.stderr
    result = verify_book((folder / "testikirja.pdf").read_bytes(), trust_roots=authority.roots,
                         rebuild=rebuild_from(folder / "sources"))  # fmt: skip
    assert result.passed, result.lines
    # In the book's language: the archivist reads Finnish.
    assert "0 virhettä" in (folder / "check-report.txt").read_text(encoding="utf-8")


def test_an_unreachable_timestamp_server_is_a_message(unsigned, authority):
    from kkpdf.publish.signing import http_timestamper

    # Port 9 (discard) on this machine: nothing listens, the connection is refused.
    with pytest.raises(SigningProblem, match="could not be signed"):
        sign_book(unsigned, authority.p12, PASSPHRASE,
                  timestamper=http_timestamper("http://127.0.0.1:9/tsa"))  # fmt: skip


def test_verify_without_a_root_says_so_quietly(signed, tmp_path):
    path = tmp_path / "allekirjoitettu.pdf"
    path.write_bytes(signed)
    checking = subprocess.run([sys.executable, "-m", "kkpdf", "verify", str(path)],
                              capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    assert checking.returncode == 1
    assert "give the root with --trust ROOT.pem" in checking.stdout
    assert "Error" not in checking.stderr and "Traceback" not in checking.stderr


def test_a_book_signed_with_its_sources_attached_verifies_against_them(book_sources, authority):
    attached = sign_book(built(book_sources, embed=True), authority.p12, PASSPHRASE)
    result = verify_book(attached, trust_roots=authority.roots, rebuild=rebuild_from(book_sources))
    assert result.passed, result.lines
    assert any("byte for byte a build of the given sources" in line for line in result.lines)


def test_an_unsigned_book_is_said_to_have_no_signature(unsigned, authority):
    result = verify_book(unsigned, trust_roots=authority.roots)
    assert not result.passed
    assert any("the file has no signature" in line for line in result.lines)


def test_a_file_that_is_no_pdf_is_said_to_be_unreadable(authority):
    result = verify_book(b"not a pdf at all", trust_roots=authority.roots)
    assert not result.passed
    assert any("cannot be read as a PDF" in line for line in result.lines)


# --- The report line by line, the signature's contents, and the difference finder ---

INDENT = " " * 8


def page_texts_pdf(*pages: str) -> bytes:
    """A plain PDF with one line of text per line of each page, for describe_difference."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    drawing = canvas.Canvas(out, invariant=1)
    for text in pages:
        for row, line in enumerate(text.splitlines()):
            drawing.drawString(72, 760 - 16 * row, line)
        drawing.showPage()
    drawing.save()
    return out.getvalue()


def plain_pdf(*, tagged: bool, next_key: int | None = None) -> bytes:
    """A one-page PDF from no kkpdf build, with or without a structure tree."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    if tagged:
        document = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, K=pikepdf.Array()
        ))  # fmt: skip
        parents = pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array()))
        tree = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructTreeRoot, K=document, ParentTree=parents
        ))  # fmt: skip
        if next_key is not None:
            tree.ParentTreeNextKey = next_key
        document.P = tree
        pdf.Root.StructTreeRoot = tree
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def recent(stamp: str) -> bool:
    moment = datetime.datetime.fromisoformat(stamp)
    return abs(datetime.datetime.now(datetime.UTC) - moment) < datetime.timedelta(hours=1)


def test_the_report_of_a_good_book_is_exactly_these_lines(signed, authority, book_sources):
    result = verify_book(signed, trust_roots=authority.roots, rebuild=rebuild_from(book_sources))
    signer, signing_time, *checks = result.lines
    assert signer == INDENT + "signer: Common Name: Kirjaamo, Loviisan kaupunki"
    assert signing_time.startswith(INDENT + "signing time: ")
    assert recent(signing_time.removeprefix(INDENT + "signing time: "))
    # No timestamp line: this book was signed without a timestamp authority.
    assert checks == [
        "ok:     the signature is intact and matches the signed bytes",
        "ok:     the certificate chains to the trusted root",
        "ok:     nothing was added after signing",
        "ok:     the signed book is byte for byte a build of the given sources",
    ]
    assert result.failures == [] and result.passed


def test_without_a_root_the_report_says_how_to_give_one(signed):
    result = verify_book(signed, trust_roots=None)
    hint = "the certificate does not chain to a trusted root (give the root with --trust ROOT.pem)"
    assert result.lines[2:] == [
        "ok:     the signature is intact and matches the signed bytes",
        "FAILED: " + hint,
        "ok:     nothing was added after signing",
    ]
    assert result.failures == [hint] and not result.passed


def test_a_timestamped_report_names_the_timestamp(unsigned, authority):
    stamped = sign_book(unsigned, authority.p12, PASSPHRASE, timestamper=authority.timestamper)
    lines = verify_book(stamped, trust_roots=authority.roots).lines
    assert lines[0] == INDENT + "signer: Common Name: Kirjaamo, Loviisan kaupunki"
    assert lines[1].startswith(INDENT + "signing time: ")
    assert lines[2].startswith(INDENT + "timestamp: ")
    assert recent(lines[2].removeprefix(INDENT + "timestamp: "))


def test_an_update_after_signing_is_reported_with_its_size_and_kind(signed, authority):
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    writer.root["/Lang"] = writer.root["/Lang"]
    writer.update_root()
    output = io.BytesIO()
    writer.write(output)
    updated = output.getvalue()
    added = len(updated) - len(signed)
    result = verify_book(updated, trust_roots=authority.roots)
    # The bytes after the signed revision are exactly the update that was appended.
    message = f"the file was changed after signing: {added} bytes follow the signed revision"
    assert result.failures == [message + " (lta_updates)"]
    assert result.lines[-1] == "FAILED: " + message + " (lta_updates)"


def signature_value_flipped(signed: bytes) -> bytes:
    """The signed file with one bit of the signature value itself changed, bytes untouched."""
    from asn1crypto import cms

    start, end = signed.rindex(b"/Contents <") + len(b"/Contents <"), None
    end = signed.index(b">", start)
    container = cms.ContentInfo.load(bytes.fromhex(signed[start:end].decode()), strict=False)
    der = bytearray(container.dump())
    der[-1] ^= 0x01  # the last byte of the ECDSA signature value: still well-formed DER
    hexed = der.hex().encode()
    return signed[:start] + hexed + signed[start + len(hexed) :]


def test_a_forged_signature_value_over_intact_bytes_fails(signed, authority):
    result = verify_book(signature_value_flipped(signed), trust_roots=authority.roots)
    bad = "the signed bytes have been changed, or the signature does not match them"
    assert "FAILED: " + bad in result.lines
    assert bad in result.failures


def test_a_flipped_byte_is_reported_as_changed_bytes(signed, authority):
    damaged = bytearray(signed)
    damaged[len(damaged) // 3] ^= 0x01
    result = verify_book(bytes(damaged), trust_roots=authority.roots)
    bad = "the signed bytes have been changed, or the signature does not match them"
    assert result.lines[2] == "FAILED: " + bad
    assert result.failures[0] == bad


def test_the_unsigned_and_the_unreadable_get_one_failure_line_each(unsigned, authority):
    assert verify_book(unsigned, trust_roots=authority.roots).lines == [
        "FAILED: the file has no signature"
    ]
    unreadable = verify_book(b"not a pdf at all", trust_roots=authority.roots)
    (line,) = unreadable.lines
    assert line.startswith("FAILED: the file cannot be read as a PDF: ")
    assert unreadable.failures == [line.removeprefix("FAILED: ")]


def test_the_signature_records_reason_location_and_pades(unsigned, authority):
    # Signed here, not by the module fixture: mutmut runs only the tests that call sign_book.
    signed = sign_book(unsigned, authority.p12, PASSPHRASE, reason="Hyväksytty", location="Loviisa")
    import pikepdf

    with pikepdf.open(io.BytesIO(signed)) as pdf:
        (field,) = pdf.Root.AcroForm.Fields
        assert str(field.T) == "Hyvaksynta"
        assert str(field.TU) == "Sähköinen allekirjoitus"  # what a screen reader says
        assert str(field.V.Reason) == "Hyväksytty"
        assert str(field.V.Location) == "Loviisa"
        assert field.V.SubFilter == pikepdf.Name("/ETSI.CAdES.detached")


def test_the_signed_file_declares_pdf_1_7_with_the_pades_extension(unsigned, authority):
    # Signed here, not by the module fixture: mutmut runs only the tests that call sign_book.
    signed = sign_book(unsigned, authority.p12, PASSPHRASE, reason="Hyväksytty", location="Loviisa")
    import pikepdf

    # PDF/A-2 allows no PDF 2.0: the version stays 1.7 and only ESIC is declared.
    with pikepdf.open(io.BytesIO(signed)) as pdf:
        assert pdf.Root.Version == pikepdf.Name("/1.7")
        assert set(pdf.Root.Extensions.keys()) == {"/ESIC"}
        esic = pdf.Root.Extensions.ESIC
        assert esic.BaseVersion == pikepdf.Name("/1.7") and int(esic.ExtensionLevel) == 1


def test_the_signature_field_is_a_form_element_in_the_structure_tree(unsigned, authority):
    # Signed here, not by the module fixture: mutmut runs only the tests that call sign_book.
    signed = sign_book(unsigned, authority.p12, PASSPHRASE, reason="Hyväksytty", location="Loviisa")
    import pikepdf

    with pikepdf.open(io.BytesIO(unsigned)) as before:
        next_key = int(before.Root.StructTreeRoot.ParentTreeNextKey)
        kids = len(before.Root.StructTreeRoot.K.K)
    with pikepdf.open(io.BytesIO(signed)) as pdf:
        tree = pdf.Root.StructTreeRoot
        (field,) = pdf.Root.AcroForm.Fields
        document = tree.K
        assert len(document.K) == kids + 1
        form = document.K[-1]
        assert form.Type == pikepdf.Name.StructElem
        assert str(form.S) == "/Form"
        assert form.P.objgen == document.objgen
        assert str(form.Alt) == "Sähköinen allekirjoitus"
        assert form.K.Type == pikepdf.Name.OBJR
        assert form.K.Obj.objgen == field.objgen
        assert form.K.Pg.objgen == field.P.objgen
        # The widget finds its element through the parent tree, under the next free key.
        assert int(field.StructParent) == next_key
        assert int(tree.ParentTree.Nums[-2]) == next_key
        assert tree.ParentTree.Nums[-1].objgen == form.objgen
        assert int(tree.ParentTreeNextKey) == next_key + 1


def test_a_tagged_pdf_without_a_next_key_gets_key_0(authority):
    import pikepdf

    signed_plain = sign_book(plain_pdf(tagged=True), authority.p12, PASSPHRASE)
    with pikepdf.open(io.BytesIO(signed_plain)) as pdf:
        tree = pdf.Root.StructTreeRoot
        (field,) = pdf.Root.AcroForm.Fields
        assert int(field.StructParent) == 0
        assert [int(tree.ParentTree.Nums[0])] == [0] and len(tree.ParentTree.Nums) == 2
        assert int(tree.ParentTreeNextKey) == 1
    assert verify_book(signed_plain, trust_roots=authority.roots).passed


def test_an_untagged_pdf_is_signed_without_a_structure_tree(authority):
    import pikepdf

    plain = plain_pdf(tagged=False)
    signed_plain = sign_book(plain, authority.p12, PASSPHRASE)
    assert signed_plain.startswith(plain)
    with pikepdf.open(io.BytesIO(signed_plain)) as pdf:
        assert "/StructTreeRoot" not in pdf.Root
    # No XMP creation date: the rebuild is asked for the epoch, and without attachments.
    asked = []

    def rebuild(date, embed, language):
        asked.append((date, embed, language))
        return plain

    result = verify_book(signed_plain, trust_roots=authority.roots, rebuild=rebuild)
    assert asked == [(datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC), False, "")]
    assert result.passed, result.lines


def test_the_rebuild_is_asked_for_the_books_own_date_and_attachments(signed, authority):
    import pikepdf

    with pikepdf.open(io.BytesIO(signed)) as pdf:
        created = datetime.datetime.fromisoformat(str(pdf.open_metadata()["xmp:CreateDate"]))
    asked = []

    def rebuild(date, embed, language):
        asked.append((date, embed, language))
        return signed  # the whole signed file is no build: it holds the signature

    result = verify_book(signed, trust_roots=authority.roots, rebuild=rebuild)
    assert asked == [(created, False, "fi-FI")]
    assert result.failures == ["the signed book is not what the given sources build to"]
    assert "FAILED: the signed book is not what the given sources build to" in result.lines


def test_validation_logs_nothing_of_its_own(signed, tmp_path, caplog):
    import logging

    # pyHanko logs an unbuildable path with a traceback; the report says it in one line.
    caplog.set_level(logging.DEBUG)
    stranger = Authority(tmp_path, "Vierasjuuri")
    verify_book(signed, trust_roots=stranger.roots)
    assert [r.name for r in caplog.records if r.name.startswith("pyhanko")] == []


def test_the_timestamp_request_goes_to_the_given_server(unsigned, authority):
    import http.server
    import threading

    from kkpdf.publish.signing import http_timestamper

    paths = []

    class Refusing(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            paths.append(self.path)
            self.send_response(503)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Refusing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/tsa"
        with pytest.raises(SigningProblem, match="could not be signed"):
            sign_book(unsigned, authority.p12, PASSPHRASE, timestamper=http_timestamper(url))
    finally:
        server.shutdown()
    assert paths == ["/tsa"]


def test_a_damaged_certificate_file_is_a_clear_error(unsigned):
    with pytest.raises(SigningProblem, match=r"^the certificate file cannot be opened: "):
        sign_book(unsigned, b"no pkcs12 here", PASSPHRASE)


def test_a_trust_root_is_read_and_a_missing_one_named(authority, tmp_path):
    from kkpdf.publish.signing import load_trust_roots

    (root,) = load_trust_roots(authority.root_pem)
    assert root.subject.human_friendly == "Common Name: Testijuuri"
    missing = tmp_path / "puuttuu.pem"
    with pytest.raises(
        SigningProblem, match=f"^the trust root {re.escape(str(missing))} cannot be read: "
    ):
        load_trust_roots(missing)


# describe_difference on small PDFs made here: its rules do not need a whole book.


def test_the_difference_names_the_page_and_both_versions_of_the_line():
    from kkpdf.publish.signing import describe_difference

    signed_text = page_texts_pdf("Johdanto\nsama", "Menot 100\nTulot 50", "Loppu")
    fresh_text = page_texts_pdf("Johdanto\nsama", "Menot 101\nTulot 50", "Loppu")
    assert describe_difference(signed_text, fresh_text) == [
        "page 2: signed:  Menot 100",
        "page 2: sources: Menot 101",
    ]


def test_a_different_page_count_is_said_first():
    from kkpdf.publish.signing import describe_difference

    lines = describe_difference(page_texts_pdf("A", "B"), page_texts_pdf("A", "B", "C"))
    assert lines == ["the signed book has 2 pages, the sources give 3"]


def test_the_same_texts_point_at_layout_fonts_or_metadata():
    from kkpdf.publish.signing import describe_difference

    book = page_texts_pdf("Sama teksti")
    assert describe_difference(book, book) == [
        "the texts agree; the difference is in layout, fonts or metadata"
    ]


def test_the_difference_stops_at_its_limit_six_by_default():
    from kkpdf.publish.signing import describe_difference

    signed_text = page_texts_pdf(*[f"rivi {n}" for n in range(10)])
    fresh_text = page_texts_pdf(*[f"rivi {n}0" for n in range(10)])
    lines = describe_difference(signed_text, fresh_text)
    assert lines == [
        "page 1: signed:  rivi 0",
        "page 1: sources: rivi 00",
        "page 2: signed:  rivi 1",
        "page 2: sources: rivi 10",
        "page 3: signed:  rivi 2",
        "page 3: sources: rivi 20",
    ]
    assert describe_difference(signed_text, fresh_text, limit=3) == lines[:3]


def test_a_changed_line_that_starts_with_dashes_or_pluses_is_named():
    from kkpdf.publish.signing import describe_difference

    # A diff marks removed lines with "-": "--" in the text must not read as a file header.
    lines = describe_difference(
        page_texts_pdf("-- luonnos --\n++ 1"), page_texts_pdf("-- valmis --\n++ 2")
    )
    assert lines == [
        "page 1: signed:  -- luonnos --",
        "page 1: signed:  ++ 1",
        "page 1: sources: -- valmis --",
        "page 1: sources: ++ 2",
    ]


def test_a_book_with_a_single_attachment_is_rebuilt_with_its_sources(authority):
    import pikepdf

    with pikepdf.open(io.BytesIO(plain_pdf(tagged=False))) as pdf:
        pdf.attachments["book.yaml"] = pikepdf.AttachedFileSpec(pdf, b"nimi: Testi\n")
        out = io.BytesIO()
        pdf.save(out)
    asked = []

    def rebuild(date, embed, language):
        asked.append(embed)
        return out.getvalue()

    signed_one = sign_book(out.getvalue(), authority.p12, PASSPHRASE)
    assert verify_book(signed_one, trust_roots=authority.roots, rebuild=rebuild).passed
    assert asked == [True]


def test_a_rebuild_reaching_into_the_signature_is_no_build(signed, authority):
    import pikepdf

    with pikepdf.open(io.BytesIO(signed)) as pdf:
        contents_start = int(pdf.Root.AcroForm.Fields[0].V.ByteRange[1])
    # Everything up to the signature's value: a prefix of the file, but one that holds
    # the signature dictionary, which no build of the sources writes.
    result = verify_book(
        signed,
        trust_roots=authority.roots,
        rebuild=lambda date, embed, language: signed[:contents_start],
    )
    assert result.failures == ["the signed book is not what the given sources build to"]


def test_each_edition_is_archived_signed_and_verified_as_itself(authority, tmp_path):
    from tests.conftest import copy_book, outside_env

    bilingual = copy_book(Path(__file__).parent.parent / "fixtures" / "bilingual",
                          tmp_path / "src")  # fmt: skip
    env = {**outside_env(), "KKPDF_P12_PASSPHRASE": PASSPHRASE.decode()}
    run = [sys.executable, "-m", "kkpdf"]
    archiving = subprocess.run(
        [*run, "archive", str(bilingual), "--p12", str(authority.p12_path),
         "-o", str(tmp_path / "a")],
        env=env, capture_output=True, text=True, cwd=ROOT, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert archiving.returncode == 0, archiving.stderr
    signed = sorted((tmp_path / "a").glob("*/*.pdf"))
    assert [p.name for p in signed] == ["testbok.pdf", "testikirja.pdf"]
    for path in signed:
        # No --edition: the signed book's language says which edition to build again.
        checking = subprocess.run(
            [*run, "verify", str(path), "--trust", str(authority.root_pem),
             "--sources", str(path.parent / "sources")],
            env=outside_env(), capture_output=True, text=True, cwd=ROOT,
        )  # fmt: skip
        assert checking.returncode == 0, checking.stdout + checking.stderr
        assert "byte for byte a build of the given sources" in checking.stdout
