"""The application icon in every form a desktop wants, drawn from the SVG master (installer/icons.py)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QImageReader

from tests.installer.scripts import load

icons = load("icons")
# The tests' QApplication first: icons.py would otherwise make a bare QGuiApplication.
pytestmark = pytest.mark.usefixtures("qapp")


def distinct_colours(image: QImage) -> int:
    return len({image.pixel(x, y) for x in range(image.width()) for y in range(image.height())})


def test_every_hicolor_size_is_drawn_and_not_blank(tmp_path: Path) -> None:
    written = icons.write_all(tmp_path)
    for size in icons.HICOLOR_SIZES:
        png = tmp_path / "hicolor" / f"{size}x{size}" / "apps" / f"{icons.APP_ID}.png"
        assert png in written
        image = QImage(str(png))
        assert (image.width(), image.height()) == (size, size)
        assert distinct_colours(image) > 8  # the tile, the page, the ribbon and the bars
        assert image.pixelColor(0, 0).alpha() == 0  # round corners stay transparent
        assert image.pixelColor(size // 2, size // 2).alpha() == 255
    svg = tmp_path / "hicolor" / "scalable" / "apps" / f"{icons.APP_ID}.svg"
    assert svg.read_bytes() == icons.MASTER.read_bytes()


def test_the_windows_icon_holds_each_size(tmp_path: Path) -> None:
    icons.write_all(tmp_path)
    data = (tmp_path / "docket.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(icons.ICO_SIZES))
    sides = [data[6 + 16 * i] or 256 for i in range(count)]
    assert sides == sorted(icons.ICO_SIZES)
    reader = QImageReader(str(tmp_path / "docket.ico"))
    assert reader.imageCount() == len(icons.ICO_SIZES)
    assert reader.read().width() in icons.ICO_SIZES


def test_the_macos_icon_is_a_whole_icns(tmp_path: Path) -> None:
    icons.write_all(tmp_path)
    data = (tmp_path / "docket.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack_from(">I", data, 4)[0] == len(data)
    kinds, offset = [], 8
    while offset < len(data):
        kind, length = data[offset : offset + 4], struct.unpack_from(">I", data, offset + 4)[0]
        assert data[offset + 8 : offset + 16] == b"\x89PNG\r\n\x1a\n"
        kinds.append(kind)
        offset += length
    assert offset == len(data)
    assert kinds == [kind for kind, _ in icons.ICNS_TYPES]
