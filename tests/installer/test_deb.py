"""The .deb's layout and control file (installer/deb.py), from a small stand-in bundle."""

from __future__ import annotations

import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from app import __version__
from tests.installer.scripts import load

deb = load("deb")
icons = load("icons")
pytestmark = pytest.mark.usefixtures("qapp")  # icons.py draws with Qt


@pytest.fixture
def staged(tmp_path: Path) -> Path:
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    program = bundle / "docket"
    shutil.copyfile("/bin/true", program)  # a real ELF program that links against libc
    program.chmod(0o700)
    (bundle / "_internal" / "data.txt").write_text("x")
    (bundle / "_internal" / "data.txt").chmod(0o600)
    icons.write_all(tmp_path / "icons")
    root = tmp_path / "root"
    deb.stage(bundle, tmp_path / "icons", root)
    return root


def test_the_bundle_goes_under_opt_with_docket_on_the_path(staged: Path) -> None:
    assert (staged / "opt/docket/docket").is_file()
    link = staged / "usr/bin/docket"
    assert link.is_symlink()
    assert str(link.readlink()) == "/opt/docket/docket"
    share = staged / "usr/share"
    assert (share / f"applications/{deb.APP_ID}.desktop").is_file()
    assert (share / f"metainfo/{deb.APP_ID}.metainfo.xml").is_file()
    assert (share / f"icons/hicolor/48x48/apps/{deb.APP_ID}.png").is_file()
    assert (share / f"icons/hicolor/scalable/apps/{deb.APP_ID}.svg").is_file()
    assert "License: MIT" in (share / "doc/docket/copyright").read_text()


def test_modes_do_not_depend_on_the_builders_umask(staged: Path) -> None:
    assert stat.S_IMODE((staged / "opt/docket/docket").stat().st_mode) == 0o755
    assert stat.S_IMODE((staged / "opt/docket/_internal/data.txt").stat().st_mode) == 0o644
    assert stat.S_IMODE((staged / "opt/docket/_internal").stat().st_mode) == 0o755


def test_the_control_file(staged: Path) -> None:
    text = deb.control(staged, "libc6 (>= 2.34)")
    fields = dict(line.split(": ", 1) for line in text.splitlines() if not line.startswith(" "))
    assert fields["Package"] == "docket"
    assert fields["Version"] == __version__
    assert fields["Depends"] == "libc6 (>= 2.34)"
    assert int(fields["Installed-Size"]) > 0
    assert text.endswith("under /opt/docket.\n")


@pytest.mark.skipif(shutil.which("dpkg-shlibdeps") is None, reason="needs dpkg-dev")
def test_dependencies_are_found_by_dpkg_shlibdeps(staged: Path) -> None:
    (staged / "DEBIAN").mkdir()
    assert deb.depends(staged).startswith("libc6 (>= ")


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg")
@pytest.mark.parametrize(
    ("kind", "member"), [("release", b"data.tar.xz"), ("test", b"data.tar.gz")]
)
def test_the_package_builds_and_lists_its_files(
    tmp_path: Path, staged: Path, kind: str, member: bytes
) -> None:
    bundle = staged / "opt/docket"
    built = deb.build(bundle, tmp_path / "icons", tmp_path / "out", tmp_path / "work", kind)
    assert member in built.read_bytes()[:4096]  # the ar archive's member names come first
    assert built.name == f"docket_{__version__}_{deb.architecture()}.deb"
    listing = subprocess.run(["dpkg-deb", "-c", str(built)], capture_output=True, text=True).stdout
    assert "./usr/bin/docket -> /opt/docket/docket" in listing
    assert f"./usr/share/applications/{deb.APP_ID}.desktop" in listing
    md5sums = subprocess.run(
        ["dpkg-deb", "--info", str(built), "md5sums"], capture_output=True, text=True
    ).stdout
    assert "opt/docket/docket" in md5sums
