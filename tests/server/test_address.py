"""A server is asked only by clients that would run the same code the same way."""

from __future__ import annotations

import os

from kkpdf.server.address import fingerprint, server_address


def package(tmp_path):
    folder = tmp_path / "kkpdf"
    (folder / "layout").mkdir(parents=True)
    (folder / "__init__.py").write_text("")
    (folder / "layout" / "book.py").write_text("PAGES = 1\n")
    return folder


def key(folder, paths=(), environ=None):
    return fingerprint([str(p) for p in paths], environ or {}, package=str(folder))


def test_the_same_code_and_settings_give_the_same_server(tmp_path):
    folder = package(tmp_path)
    environ = {"LANG": "fi_FI.UTF-8", "PWD": "/a"}
    assert key(folder, [tmp_path], environ) == key(
        folder, [tmp_path], {**environ, "PWD": "/b", "LANGUAGE": "sv"}
    )


def test_changed_code_is_another_server(tmp_path):
    folder = package(tmp_path)
    before = key(folder)
    module = folder / "layout" / "book.py"
    module.write_text("PAGES = 2\n")  # same size: the time tells
    os.utime(module, ns=(1, 1))
    assert key(folder) != before
    changed = key(folder)
    (folder / "layout" / "new.py").write_text("")
    assert key(folder) != changed
    added = key(folder)
    (folder / "layout" / "notes.txt").write_text("not code")
    (folder / "layout" / "__pycache__").mkdir()
    (folder / "layout" / "__pycache__" / "book.cpython-311.pyc").write_bytes(b"")
    assert key(folder) == added


def test_an_install_is_another_server(tmp_path):
    folder = package(tmp_path)
    site = tmp_path / "site-packages"
    site.mkdir()
    before = key(folder, [site, tmp_path / "missing"])
    (site / "newpackage").mkdir()
    os.utime(site, ns=(2, 2))
    assert key(folder, [site, tmp_path / "missing"]) != before


def test_what_imports_read_from_the_environment_is_another_server(tmp_path):
    folder = package(tmp_path)
    plain = key(folder)
    for name, value in [
        ("LANG", "sv_FI.UTF-8"),
        ("LC_ALL", "C"),
        ("PYTHONIOENCODING", "latin-1"),
        ("RL_rtlSupport", "1"),
        ("HOME", "/elsewhere"),
        ("TZ", "UTC"),
        ("KKPDF_CACHE_DIR", "/tmp/cache"),
    ]:
        assert key(folder, environ={name: value}) != plain, name


def test_the_address_is_abstract_and_names_the_user():
    address = server_address("abc")
    assert address.startswith("\0kkpdf-")
    assert address.endswith(f"-{os.getuid()}-abc")


def test_names_not_in_utf8_are_part_of_the_key(tmp_path):
    folder = package(tmp_path)
    odd = os.fsdecode(b"arvo-\xe9")  # a lone surrogate, as Python reads such bytes
    assert key(folder, environ={"LANG": odd}) != key(folder, environ={"LANG": "arvo-e"})
    assert key(folder, [tmp_path / odd]) != key(folder, [tmp_path / "arvo-e"])
    (folder / os.fsdecode(b"moduuli-\xe9.py")).write_text("")
    assert key(folder) != key(package(tmp_path / "other"))


def test_without_a_package_the_key_is_of_kkpdf_itself(tmp_path):
    assert fingerprint([], {}) == fingerprint([], {})
    assert fingerprint([], {}) != key(package(tmp_path))
