"""Is the record somewhere SQLite is unsafe? A network share, or a folder a cloud service syncs.

SQLite's locking is unreliable over network file systems, and sync clients (Dropbox,
OneDrive, iCloud, Google Drive…) copy the file, its -wal and its -shm separately while
they change, which can corrupt the record or resurrect old versions. Docket still opens
such a record but says why it would be better kept elsewhere.
"""

from __future__ import annotations

import sys
from pathlib import Path, PureWindowsPath

NETWORK_FILE_SYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afs", "ncpfs", "9p", "ceph",
     "glusterfs", "lustre", "gpfs", "davfs", "fuse.sshfs", "sshfs", "fuse.rclone",
     "fuse.s3fs", "fuse.gcsfuse", "fuse.davfs2", "webdav"}
)  # fmt: skip
CLOUD_FOLDERS = (
    "dropbox",
    "onedrive",
    "google drive",
    "googledrive",
    "my drive",
    "icloud drive",
    "mobile documents",  # macOS: ~/Library/Mobile Documents (iCloud)
    "cloudstorage",  # macOS: ~/Library/CloudStorage (every modern sync client)
    "box",
    "box sync",
    "pcloud",
    "pclouddrive",
    "nextcloud",
    "owncloud",
    "mega",
    "megasync",
    "sync.com",
    "syncthing",
    "seafile",
    "tresorit",
    "synologydrive",
    "yandex.disk",
)


def location_warning(path: Path, *, mounts: str | None = None) -> str | None:
    """A warning when `path` is on a network share or in a cloud-synced folder, else None."""
    cloud = _cloud_folder(path)
    if cloud is not None:
        return (
            f"The record {path} is in a folder synced by a cloud service ({cloud}). Sync"
            " clients can copy the database while it changes and damage it or bring back old"
            " versions: keep it in a local folder (Docket's default) and let Docket's"
            " backups be what you sync."
        )
    network = _network_share(path, mounts)
    if network is not None:
        return (
            f"The record {path} is on a network share ({network}). SQLite cannot lock files"
            " reliably over a network, so two computers could damage it: keep it on this"
            " computer's own disk."
        )
    return None


def _cloud_folder(path: Path) -> str | None:
    for part in path.resolve().parts[:-1]:
        name = part.lower()
        for cloud in CLOUD_FOLDERS:
            # "Dropbox", "Dropbox (Personal)", "OneDrive - Contoso", "GoogleDrive-me@x.org"
            if name == cloud or name.startswith((cloud + " ", cloud + "-", cloud + "(")):
                return part
    return None


def _network_share(path: Path, mounts: str | None) -> str | None:
    if sys.platform == "win32":
        return _windows_network(path)
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None  # macOS and others: no mount table to read without extra tools
    target = str(path.resolve())
    best: tuple[int, str] | None = None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) > best[0]):
            best = (len(point), fields[2])
    if best is not None and best[1].lower() in NETWORK_FILE_SYSTEMS:
        return best[1]
    return None


def _windows_network(path: Path) -> str | None:
    text = str(path)
    if text.startswith(("\\\\", "//")) and not text.startswith(("\\\\?\\", "\\\\.\\")):
        return "a UNC path"
    drive = PureWindowsPath(text).drive
    if not drive:
        return None
    try:
        import ctypes

        drive_remote = 4
        kernel = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined,unused-ignore]
        if kernel.GetDriveTypeW(f"{drive}\\") == drive_remote:
            return f"mapped drive {drive}"
    except (OSError, AttributeError):
        return None
    return None
