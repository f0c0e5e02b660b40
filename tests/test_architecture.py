"""The package's shape: the pipeline's rooms in order, named rules, ReportLab in one room.

Read from the source with `ast`, so that a module moved to the wrong room or an
import against the pipeline fails here, whatever the tests of behaviour say.
"""

from __future__ import annotations

import ast
import graphlib
import importlib
import re
from pathlib import Path

import pytest

from kkpdf.diagnostics import Rule

PACKAGE = Path(__file__).resolve().parent.parent / "kkpdf"

# The rooms in pipeline order. A module may import from its own room and from
# rooms before it, never after: stage 2 knows nothing of stage 3. `core` is what
# every stage shares (the model, spans and diagnostics, money, files); `build`
# chains the stages, `rollover` edits the sources on to the next budget year (after
# `build`, because it runs every check before and after the edit, and no stage of a
# build may edit the sources), `importing` puts a spreadsheet's figures into the data
# (after `rollover`, whose text edits it uses, and for the same reason), `publish`
# signs and files what a build made, `cli` is the command over all of them, `server`
# runs `cli`'s commands in workers forked from a process that has made the imports,
# and the developers' tools may use anything.
ROOMS = (
    "core",
    "parse",
    "document",
    "checks",
    "language",
    "proof",
    "layout",
    "pdf",
    "build",
    "rollover",
    "importing",
    "publish",
    "cli",
    "server",
    "devtools",
)
TOP_ROOMS = {"__main__": "cli"}


def room(module: str) -> str:
    """The room of a dotted module name inside kkpdf."""
    parts = module.split(".")[1:]
    if not parts:
        return "core"
    if len(parts) == 1 and not (PACKAGE / parts[0]).is_dir():
        return TOP_ROOMS.get(parts[0], "core")
    return parts[0]


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        found.append((".".join(relative.parts).removesuffix(".__init__"), path))
    return found


def imported(path: Path) -> set[str]:
    """Every module named by an import statement, at the top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_rooms_are_the_package_folders():
    # A folder with no module is data (locale/: the message catalogs), not a room.
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and any(p.glob("*.py"))}
    assert folders == set(ROOMS) - {"core"}


@pytest.mark.parametrize(("module", "path"), modules(), ids=[m for m, _ in modules()])
def test_no_module_imports_from_a_later_room(module, path):
    known = {name for name, _ in modules()}
    own = ROOMS.index(room(module))
    later = sorted(name for name in imported(path) & known if ROOMS.index(room(name)) > own)
    assert later == [], f"{module} ({room(module)}) imports from later rooms"


def test_only_the_layout_imports_reportlab():
    users = [
        module
        for module, path in modules()
        if any(name.split(".")[0] == "reportlab" for name in imported(path))
    ]
    assert users and all(module.startswith("kkpdf.layout.") for module in users), users


def test_every_function_has_a_name():
    unnamed = [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
        for _, path in modules()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef) and node.name == "_"
    ]
    assert unnamed == [], "a dispatch rule named _ cannot be told apart in a traceback"


def test_no_rule_is_registered_by_a_decorator():
    """mutmut leaves decorated functions alone, so a dispatch rule is registered by a
    call below it (`parse_figure.register(str, _parse_text)`) and mutation testing
    reaches it like any other function."""
    decorated = [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
        for _, path in modules()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef)
        for decorator in node.decorator_list
        if isinstance(decorator, ast.Attribute) and decorator.attr == "register"
    ]
    assert decorated == []


def test_the_top_of_the_package_stays_small():
    # 13: the process clock is here rather than in cli/, so that the `kkpdf` client
    # reads it without importing the command line's package.
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert len(top) <= 13, top


def test_no_module_is_too_long_to_hold_one_idea():
    long = {
        str(path.relative_to(PACKAGE.parent)): lines
        for _, path in modules()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert long == {}


def test_no_modules_import_each_other():
    """Module-level imports form no cycle (one inside a function may break a cycle
    only where it also spares a command an import it does not use)."""
    known = {name for name, _ in modules()}
    graph = {}
    for module, path in modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names: set[str] = set()
        for node in tree.body:
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
        graph[module] = (names & known) - {module, "kkpdf"}
    graphlib.TopologicalSorter(graph).prepare()  # raises CycleError on a cycle


def declared_rules() -> list[tuple[str, Rule]]:
    """Every `NAME = Rule(...)` at the top of a module, with the module that declares it."""
    found = []
    for module, path in modules():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Call)
                and getattr(node.value.func, "id", None) == "Rule"
            ):
                (target,) = node.targets
                found.append((module, getattr(importlib.import_module(module), target.id)))
    return found


def test_every_rule_is_declared_once_with_an_id_of_its_area():
    rules = declared_rules()
    ids = [rule.id for _, rule in rules]
    assert len(ids) > 50
    assert len(set(ids)) == len(ids), sorted(i for i in ids if ids.count(i) > 1)
    assert all(re.fullmatch(r"[a-z]+\.[a-z]+(-[a-z]+)*", i) for i in ids), ids


def test_no_diagnostic_names_its_rule_by_a_string():
    """A rule is a declared `Rule`: a typo in a string would be a new, unknown rule."""
    literal = [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
        for _, path in modules()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.keyword)
        and node.arg == "rule"
        and isinstance(node.value, ast.Constant)
    ]
    assert literal == []


def test_a_draft_shows_only_errors_in_the_figures_glyphs_and_translations():
    shown = {rule.id for _, rule in declared_rules() if rule.draft_shows}
    assert shown and all(i.startswith(("figures.", "glyphs.", "translation.")) for i in shown)


def test_every_test_folder_is_collected():
    """pytest skips folders that match `norecursedirs` (its default list has "build"):
    a test folder so named would hold tests that never run."""
    import fnmatch
    import tomllib

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    skipped = config["tool"]["pytest"]["ini_options"]["norecursedirs"]
    tests = PACKAGE.parent / "tests"
    folders = {p.name for p in tests.rglob("*") if p.is_dir() and any(p.glob("test_*.py"))}
    assert "build" in folders  # the folder the default list would have skipped
    assert [f for f in folders if any(fnmatch.fnmatch(f, pattern) for pattern in skipped)] == []
