"""`kkpdf import`: the finance system's figures, from a spreadsheet export into the data.

An export (xlsx, xls, ods or a Finnish CSV) is read into a grid of cells that know
their addresses (`readers.py`); a mapping file in the sources (`mapping.py`) says
which sheet or column is which unit's table, which label or account number is which
row of the chart of accounts, and which heading is which year; `matching.py` turns
cells into figures, each with the cell it came from, and `writing.py` puts them in
the data files by the spans of their YAML nodes, so that comments and the columns of
figures stay as they are. `run.py` ties these together with the checks.
"""
