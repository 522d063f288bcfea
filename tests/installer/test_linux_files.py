"""The .desktop entry and AppStream metainfo: valid, and naming Docket's one id and version."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app import __version__
from tests.installer.scripts import INSTALLER, load
from ui.application import APP_ID

LINUX = INSTALLER.parent / "resources" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_one_id_everywhere() -> None:
    """The window's app id, the file names, the icon and the build scripts agree."""
    assert DESKTOP.exists()
    assert METAINFO.exists()
    assert desktop_entry()["Icon"] == APP_ID
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert load("icons").APP_ID == APP_ID
    assert load("deb").APP_ID == APP_ID
    assert f'APP_ID = "{APP_ID}"' in (INSTALLER / "docket.spec").read_text(encoding="utf-8")


def test_the_menu_entry_starts_the_app_without_a_terminal() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "docket"
    assert entry["Terminal"] == "false"
    assert entry["Categories"] == "Office;ProjectManagement;"
    assert entry["StartupWMClass"] == "Docket"  # Qt's WM_CLASS is the application's name
    for key in ("Name", "GenericName", "Comment"):
        assert entry[key]


def test_the_metainfo_describes_this_version() -> None:
    """A new version needs its release entry, so software centres show what changed."""
    releases = ET.parse(METAINFO).getroot().findall("releases/release")
    assert releases[0].get("version") == __version__


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_the_desktop_file_validates() -> None:
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stdout + done.stderr == ""


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="needs appstream")
def test_the_metainfo_validates() -> None:
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout
    for level in ("E:", "W:", "I:"):  # errors, warnings and even infos: none
        assert level not in done.stdout


def test_bad_metainfo_is_caught(tmp_path: Path) -> None:
    """The validator really reads the file: a broken copy fails."""
    if shutil.which("appstreamcli") is None:
        pytest.skip("needs appstream")
    broken = tmp_path / METAINFO.name
    broken.write_text(METAINFO.read_text(encoding="utf-8").replace("<summary>", "<sumary>"))
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(broken)], capture_output=True
    )
    assert done.returncode != 0
