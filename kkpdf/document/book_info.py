"""book.yaml's facts about the book: title, budget year, labels, output file name.

Its texts may name the years by placeholder ({budget_year}, {plan_years}, …; see
`kkpdf.document.references`), so that a new budget year is one edit.
"""

from __future__ import annotations

import re
import string

from kkpdf.diagnostics import DiagnosticSink, Rule, Span
from kkpdf.document.fields import Fields
from kkpdf.document.references import FilledTexts, year_words
from kkpdf.files import NAME_FOLDER, file_name_problem
from kkpdf.messages import tr
from kkpdf.model import BookInfo, Labels
from kkpdf.money import FigureError, parse_figure
from kkpdf.parse.yaml_tree import YamlMap, YamlScalar

# The rules this module reports.
OUTPUT = Rule("book.output")
TEMPLATE = Rule("data.template")
CONTENTS_DEPTH = Rule("book.contents-depth")
POPULATION = Rule("book.population")
LANGUAGE = Rule("book.language")

# A well-formed BCP 47 tag (RFC 5646's langtag) whose language is an ISO 639 code, as
# every registered one is (4 to 8 letters are reserved: 'suomi' is no language): the
# language, extended languages, a script, a region, variants, extensions, private use.
LANGUAGE_TAG = re.compile(
    r"[a-z]{2,3}(?:-[a-z]{3}){0,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*"
    r"(?:-x(?:-[a-z0-9]{1,8})+)?",
    re.IGNORECASE | re.ASCII,
)


BOOK_KEYS = (
    "title",
    "subtitle",
    "author",
    "subject",
    "keywords",
    "language",
    "budget_year",
    "approved",
    "output",
    "chapters",
    "parts",
    "contents_depth",
    "data",
    "columns",
    "labels",
    "rounding_per_term",
    "population",
    "editions",
)
LABEL_KEYS = (
    "organisation",
    "cover_note",
    "contents",
    "page",
    "binding_row",
    "indicative_table",
    "currency",
)
OPTIONAL_LABEL_KEYS = ("draft", "check_report", "changes", "missing_translation")
# Labels that a draft's file name is made of (see kkpdf.build.target_path).
FILE_NAME_LABELS = ("draft", "changes")
# The contents show 3 levels unless book.yaml says otherwise: with parts, the parts,
# the chapters and their sections (or the chapters' own subheadings); without, the
# chapters and two levels of their headings. Five reach a section's deepest heading.
CONTENTS_DEPTH_DEFAULT = 3
CONTENTS_DEPTH_MOST = 5
# Labels with places for values, and the names of those places.
TEMPLATE_LABELS = {"page": ("page", "pages"), "cover_note": ("date",)}


def build_book_info(node: YamlMap, sink: DiagnosticSink) -> BookInfo:
    fields = Fields(node, tr("book.yaml"), sink, BOOK_KEYS)
    budget_year = fields.year("budget_year")
    texts = FilledTexts(fields, year_words(budget_year), sink)
    labels_node = fields.mapping("labels")
    label_values = {key: "" for key in LABEL_KEYS}
    if labels_node is not None:
        label_fields = Fields(
            labels_node, tr("'labels' in book.yaml"), sink, LABEL_KEYS + OPTIONAL_LABEL_KEYS
        )
        label_texts = FilledTexts(label_fields, texts.words, sink)
        label_values = {key: label_texts.text(key) for key in LABEL_KEYS
                        if key not in TEMPLATE_LABELS}  # fmt: skip
        for key in OPTIONAL_LABEL_KEYS:
            if labels_node.get(key) is not None:
                label_values[key] = label_texts.text(key)
        for key, names in TEMPLATE_LABELS.items():
            reported = len(sink.diagnostics)
            label_values[key] = label_texts.text(key, keep=names)
            label_node = labels_node.get(key)
            # A misspelt year was reported as such; the template check would say it again.
            if len(sink.diagnostics) > reported or (
                label_node and not fills(label_values[key], names, label_node.span, sink)
            ):
                label_values[key] = ""
    output_name = _output_name(node, texts.text("output"), sink)
    for key in FILE_NAME_LABELS:  # a draft's file name is made of them
        label_node = labels_node.get(key) if labels_node is not None else None
        problem = file_name_problem(label_values.get(key, "").lower())
        if label_node is not None and problem is not None:
            sink.error(label_node.span, problem.message, rule=problem.rule,
                       hint=tr("'labels: {key}:' is part of a draft's file name: give a word "
                               "with no '/' and no control characters", key=key))  # fmt: skip
            label_values[key] = ""
    return BookInfo(
        contents_depth=_contents_depth(node, fields, sink),
        title=texts.text("title"),
        subtitle=texts.text("subtitle", ""),
        author=texts.text("author"),
        subject=texts.text("subject", ""),
        keywords=texts.texts("keywords"),
        language=_language(node, fields.text("language"), sink),
        budget_year=budget_year,
        approved=fields.date("approved"),
        output_name=output_name,
        labels=Labels(**label_values),
        rounding_per_term=fields.amount("rounding_per_term"),
        span=node.span,
        population=population_of(
            fields.mapping("population") if "population" in fields else None, sink
        ),
    )


def _language(node: YamlMap, tag: str, sink: DiagnosticSink) -> str:
    """`language:`, a well-formed BCP 47 tag: it becomes the PDF's /Lang and its metadata."""
    if not tag or LANGUAGE_TAG.fullmatch(tag):
        return tag
    language_node = node.get("language")
    sink.error(
        language_node.span if language_node is not None else node.span,
        tr("'language: {tag}' is not a language tag", tag=tag),
        rule=LANGUAGE,
        hint=tr("write a BCP 47 tag: the language and the country, such as fi-FI or sv-FI"),
    )
    return ""


def _output_name(node: YamlMap, name: str, sink: DiagnosticSink) -> str:
    """`output:`, the PDF's file name in the output folder; "" if it cannot be one."""
    output_node = node.get("output")
    span = output_node.span if output_node else node.span
    problem = file_name_problem(name) if name else None
    if problem is not None and problem.rule != NAME_FOLDER:
        sink.error(span, problem.message, rule=problem.rule, hint=problem.hint)
        return ""
    if name and (problem is not None or not name.endswith(".pdf")):
        sink.error(
            span,
            tr("'output: {name}' must be a file name ending in .pdf, with no folder", name=name),
            rule=OUTPUT,
            hint=tr("the PDF is written to the output folder; give only its name"),
        )
        return ""
    return name


def _contents_depth(node: YamlMap, fields: Fields, sink: DiagnosticSink) -> int:
    depth_node = node.get("contents_depth")
    if depth_node is None:
        return CONTENTS_DEPTH_DEFAULT
    depth = fields.integer("contents_depth")
    if depth and not 1 <= depth <= CONTENTS_DEPTH_MOST:
        sink.error(
            depth_node.span,
            tr("'contents_depth: {depth}' is not a depth the contents can have", depth=depth),
            rule=CONTENTS_DEPTH,
            hint=tr(
                "give 1 to {most} levels; without the key the contents show {default}",
                most=CONTENTS_DEPTH_MOST,
                default=CONTENTS_DEPTH_DEFAULT,
            ),
        )
    return depth if 1 <= depth <= CONTENTS_DEPTH_MOST else CONTENTS_DEPTH_DEFAULT


def fills(template: str, names: tuple[str, ...], span: Span, sink: DiagnosticSink) -> bool:
    """Whether every place in the template is a plain {name} of these; reports it if not.

    Only bare names are allowed: a format ({page:s}), an attribute ({page.x}) or an
    index would fail, or print something else, when the book fills in a number.
    """
    try:
        places = [
            (name, spec, conversion)
            for _, name, spec, conversion in string.Formatter().parse(template)
            if name is not None
        ]
        problem: str | ValueError | None = next(
            (f"'{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}'"
             for name, spec, conversion in places
             if name not in names or spec or conversion),
            None,
        )  # fmt: skip
    except ValueError as err:  # Python's own words for a brace out of place
        problem = err
    if problem is None:
        return True
    allowed = ", ".join("{" + name + "}" for name in names)
    sink.error(
        span,
        tr("'{template}' has a place the book cannot fill ({problem})",
           template=template, problem=problem),
        rule=TEMPLATE,
        hint=tr("the places here are {allowed}; write a brace itself as {{{{ or }}}}",
                allowed=allowed),
    )  # fmt: skip
    return False


def population_of(node: YamlMap | None, sink: DiagnosticSink) -> tuple[tuple[int, int], ...]:
    """book.yaml's `population:`, inhabitants by year: {2023: 14 500, …}."""
    if node is None:
        return ()
    found = []
    for year, count in node.entries:
        try:
            value = parse_figure(count.value) if isinstance(count, YamlScalar) else None
        except FigureError:
            value = None
        if type(year.value) is not int or value is None or value <= 0:  # a bool is no year
            sink.error(
                count.span,
                tr(
                    "population in {year} must be a year and a whole number of "
                    "inhabitants, not {value}",
                    year=repr(year.value),
                    value=repr(getattr(count, "value", None)),
                ),
                rule=POPULATION,
                hint=tr("write 'population: {{2023: 14 500}}'"),
            )
            continue
        found.append((year.value, value))
    return tuple(found)
