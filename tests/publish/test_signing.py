"""Signing and verifying with a throwaway certificate authority made here."""

from __future__ import annotations

import datetime
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
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
    return lambda date, embed: built(sources, date, embed)


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
    assert "0 error(s)" in (folder / "check-report.txt").read_text(encoding="utf-8")


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
