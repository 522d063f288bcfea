"""The floor for `docket brief … -o brief.pdf`: Qt printing the same HTML to a PDF.

Run: `python tests/perf/floor_brief.py BRIEF.html BRIEF.pdf`. A fresh process that imports
Qt's GUI module, lays the brief's HTML (`docket brief … -o brief.html`) out in a
QTextDocument and prints it to an A4 PDF at 300 dpi: what any brief printed by Qt costs,
without reading the record, the charts or the page footers.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument


def main(source: str, target: str) -> None:
    _app = QGuiApplication(sys.argv[:1])
    document = QTextDocument()
    with open(source, encoding="utf-8") as handle:
        document.setHtml(handle.read())
    writer = QPdfWriter(target)
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(16, 16, 16, 16),
            QPageLayout.Unit.Millimeter,
        )
    )
    document.print_(writer)
    del writer


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
