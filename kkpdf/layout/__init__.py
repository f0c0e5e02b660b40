"""Stage 5, layout: the document model to PDF bytes with ReportLab.

This package is the only place that imports ReportLab. The entry is
`kkpdf.layout.book.layout_document`; `kkpdf.layout.fonts` alone is light, for
the checks, which need the fonts' coverage but no page.
"""
