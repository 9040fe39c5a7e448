"""Saving a workbook so that the same input gives the same bytes.

openpyxl stamps a workbook with the time it was made and saved (docProps/core.xml) and every
member of the zip with the time it was written, so two runs on one report gave different
files. Here the stamps are one fixed time: `SOURCE_DATE_EPOCH` when it is set (the convention of
reproducible builds), else 2000-01-01 00:00 UTC; the zip members keep their order and
compression and get the same date (zip dates start in 1980).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

_DEFAULT = datetime(2000, 1, 1)
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def fixed_time() -> datetime:
    """The time written into every workbook (naive UTC, as openpyxl expects)."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw.isdigit() and len(raw) <= 12:
        try:
            return datetime.fromtimestamp(int(raw), tz=timezone.utc).replace(tzinfo=None)
        except (OverflowError, OSError, ValueError):
            pass
    return _DEFAULT


def save_workbook(book: Any, target: Path | str | IO[bytes]) -> None:
    """`book.save(target)` with fixed time stamps."""
    when = fixed_time()
    book.properties.created = when
    buffer = io.BytesIO()
    book.save(buffer)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    date = max(when, datetime(1980, 1, 1)).timetuple()[:6]
    packed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
            zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _STAMP.sub(lambda m: m.group(1) + stamp + m.group(2), body)
            member = zipfile.ZipInfo(info.filename, date_time=date)
            member.compress_type, member.external_attr = info.compress_type, info.external_attr
            out.writestr(member, body)
    if isinstance(target, (str, Path)):
        Path(target).write_bytes(packed.getvalue())
    else:
        target.write(packed.getvalue())
