#!/usr/bin/env bash
# The .deb tested as a member's computer would meet it (issue 13). Runs as root on
# Debian/Ubuntu: installs the package with dpkg -i (then apt-get -f install for its
# declared dependencies), runs the installed `docket` as a member would, starts it the way
# the applications menu does, validates the .desktop entry and the metainfo, then removes
# and purges the package and checks that the record, its backups and settings are all
# still there, byte for byte.
#
#   bash installer/check_deb.sh [dist/docket_VERSION_ARCH.deb]
#
# Needs: dpkg, apt-get, desktop-file-validate (desktop-file-utils), appstreamcli
# (appstream), Xvfb and xdotool, and a Python with PySide6 to look at the screenshot
# ($PYTHON, default .venv/bin/python). .ci/run installs them all.
set -euo pipefail
cd "$(dirname "$0")/.."
APP_ID=org.docketapp.Docket
PYTHON=${PYTHON:-.venv/bin/python}
DEB=${1:-$(ls -t dist/docket_*.deb | head -n 1)}
WORK=$(mktemp -d)
XVFB_PID=""
cleanup() {
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "check_deb: FAILED: $*" >&2; exit 1; }
step() { echo "check_deb: $*"; }

# What every desktop already has: the package may depend on these and nothing else.
DESKTOP_BASE='^(libc6|libstdc\+\+6|libgcc-s1|zlib1g|libbz2-1\.0|liblzma5|libzstd1|libffi8|libuuid1|libglib2\.0-0(t64)?|libdbus-1-3|libcups2(t64)?|libfontconfig1|libfreetype6|libegl1|libgl1|libx11-6|libx11-xcb1|libxcb1|libxcb-(glx0|randr0|render0|shape0|shm0|sync1|xfixes0|xkb1)|libxkbcommon0|libwayland-(client0|cursor0|egl1))$'
step "package $DEB ($(du -h "$DEB" | cut -f1))"
dpkg-deb -f "$DEB" Depends | tr ',' '\n' | sed 's/^ *//; s/ .*//; s/|.*//' | while read -r dep; do
  [[ "$dep" =~ $DESKTOP_BASE ]] || fail "declares a dependency a desktop may lack: $dep"
done

step "dpkg -i, then apt-get -f install for its dependencies"
export DEBIAN_FRONTEND=noninteractive
dpkg -i "$DEB" >/dev/null || apt-get -f install -y -qq >/dev/null
apt-get -f install -y -qq >/dev/null
dpkg -s docket | grep -q '^Status: install ok installed' || fail "docket is not installed"
[ "$(command -v docket)" = /usr/bin/docket ] || fail "docket is not on the PATH"

# A member's home, with the record in its default place, beside a record named with --db.
export HOME="$WORK/home"
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config" XDG_STATE_HOME="$HOME/.local/state"
unset DOCKET_DB DOCKET_BACKUP_DIR DOCKET_CONFIG
mkdir -p "$HOME"
T="$WORK/T.db"
cd "$WORK"  # nothing may depend on being run from the checkout

step "docket --version"
docket --version | tee "$WORK/version.txt"
grep -q "^docket [0-9]" "$WORK/version.txt" || fail "--version has no version"
grep -q "^record: $XDG_DATA_HOME/Docket/docket.db" "$WORK/version.txt" || fail "--version does not name the record"

step "docket --db T demo / overdue --as-of 2022-03-29"
docket --db "$T" demo
docket --db "$T" overdue --as-of 2022-03-29 | tee "$WORK/overdue.txt"
grep -q "Forde Report shared with the NEC" "$WORK/overdue.txt" || fail "the Forde Report is not overdue"
grep -q "29 days late" "$WORK/overdue.txt" || fail "the Forde Report is not 29 days late"

step "docket --db T gui --screenshot S.png (offscreen)"
QT_QPA_PLATFORM=offscreen docket --db "$T" gui --screenshot "$WORK/S.png" --as-of 2022-03-29
"$OLDPWD/$PYTHON" - "$WORK/S.png" <<'EOF' || fail "the screenshot is blank"
import sys
from collections import Counter
from PySide6.QtGui import QImage
image = QImage(sys.argv[1])
assert (image.width(), image.height()) == (1280, 800), image.size()
pixels = Counter(image.pixel(x, y) for x in range(0, 1280, 4) for y in range(0, 800, 4))
share = pixels.most_common(1)[0][1] / sum(pixels.values())
print(f"screenshot: {len(pixels)} colours, the commonest on {share:.0%} of it")
assert len(pixels) > 30 and share < 0.95
EOF

step "the record in its default place, and a backup"
docket demo >/dev/null
docket backup >/dev/null
ls "$XDG_DATA_HOME/Docket/docket.db" >/dev/null || fail "no record in the user data folder"
find "$XDG_DATA_HOME/Docket/backups" -name '*.db' | grep -q . || fail "no backup was written"
echo '{"due_soon_days": 10}' > "$WORK/settings-before.json"
mkdir -p "$XDG_CONFIG_HOME/Docket" && cp "$WORK/settings-before.json" "$XDG_CONFIG_HOME/Docket/settings.json"

step "started as the applications menu starts it (Exec=, no terminal, on a virtual screen)"
DESKTOP=/usr/share/applications/$APP_ID.desktop
EXEC=$(sed -n 's/^Exec=//p' "$DESKTOP" | sed 's/ %[fFuU]//')
DISPLAY_NUMBER=:$((90 + RANDOM % 100))
Xvfb "$DISPLAY_NUMBER" -screen 0 1280x900x24 >/dev/null 2>&1 &
XVFB_PID=$!
sleep 2
(cd / && env -i HOME="$HOME" PATH=/usr/bin:/bin DISPLAY="$DISPLAY_NUMBER" XDG_DATA_HOME="$XDG_DATA_HOME" \
  XDG_CONFIG_HOME="$XDG_CONFIG_HOME" XDG_STATE_HOME="$XDG_STATE_HOME" $EXEC </dev/null >"$WORK/menu.log" 2>&1) &
APP_PID=$!
found=""
for _ in $(seq 1 60); do
  found=$(DISPLAY="$DISPLAY_NUMBER" xdotool search --class Docket 2>/dev/null | head -n 1 || true)
  [ -n "$found" ] && break
  sleep 0.5
done
kill "$APP_PID" 2>/dev/null || true
wait "$APP_PID" 2>/dev/null || true
[ -n "$found" ] || { cat "$WORK/menu.log"; fail "no Docket window appeared"; }
step "a window of class Docket appeared (StartupWMClass=Docket)"

step "desktop-file-validate, appstreamcli validate"
desktop-file-validate "$DESKTOP"
appstreamcli validate --no-net "/usr/share/metainfo/$APP_ID.metainfo.xml"
for size in 16 24 32 48 64 128 256 512; do
  [ -s "/usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png" ] || fail "no ${size}px icon"
done
[ -s "/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg" ] || fail "no scalable icon"

step "remove and purge the package; the member's files stay"
( cd "$HOME" && find . -type f ! -path './.cache/*' ! -name '*.lock' -print0 | sort -z | xargs -0 sha256sum ) >"$WORK/home-before.txt"
sha256sum "$T" >"$WORK/T-before.txt"
apt-get remove -y -qq docket >/dev/null
dpkg --purge docket >/dev/null 2>&1  # nothing is left to purge: it has no configuration files
! dpkg -s docket >/dev/null 2>&1 || fail "docket is still installed"
[ ! -e /opt/docket ] || fail "/opt/docket is still there"
[ ! -e /usr/bin/docket ] || fail "/usr/bin/docket is still there"
( cd "$HOME" && find . -type f ! -path './.cache/*' ! -name '*.lock' -print0 | sort -z | xargs -0 sha256sum ) >"$WORK/home-after.txt"
diff "$WORK/home-before.txt" "$WORK/home-after.txt" || fail "removing the package changed the member's files"
sha256sum -c --quiet "$WORK/T-before.txt" || fail "the record named with --db changed"
step "the record, its backups and the settings are still there: $(wc -l <"$WORK/home-after.txt") files unchanged"
echo "check_deb: passed"
