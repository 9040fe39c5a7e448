"""Exporters: a report written out as a form a reviewer can open (the national template as
.xlsx, `engine.exporters.xlsx`). Nothing here is imported by `rescore report.json`."""
