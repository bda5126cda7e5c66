#!/bin/sh
# Install the LipTwitch bundle for the current user, so it appears in the desktop's menu.
#
#   packaging/install.sh [--bundle DIR]        (from a source tree, after packaging/build.sh)
#   ./install.sh                               (from an unpacked bundle: it ships this script)
#
# Puts:  the bundle         in $PREFIX/lib/liptwitch
#        a launcher         in $PREFIX/bin/liptwitch
#        the desktop entry  in $DATA/applications
#        the icons          in $DATA/icons/hicolor/<size>/apps
#        the AppStream file in $DATA/metainfo
# where PREFIX defaults to ~/.local and DATA to $XDG_DATA_HOME, else $PREFIX/share.
# Nothing here needs root; packaging/uninstall.sh removes exactly these files.
set -eu

APP_ID=io.github.liptwitch.LipTwitch
here=$(cd "$(dirname "$0")" && pwd)

usage() {
    sed -n '2,14s/^# \{0,1\}//p' "$0"
    exit "${1:-0}"
}

bundle=""
while [ $# -gt 0 ]; do
    case "$1" in
        --bundle) bundle=${2:?--bundle needs a folder}; shift 2 ;;
        --prefix) PREFIX=${2:?--prefix needs a folder}; shift 2 ;;
        -h|--help) usage 0 ;;
        *) echo "install.sh: unknown argument: $1" >&2; usage 2 ;;
    esac
done

PREFIX=${PREFIX:-$HOME/.local}
DATA=${XDG_DATA_HOME:-$PREFIX/share}
libdir=$PREFIX/lib/liptwitch
bindir=$PREFIX/bin

# The bundle: given, or the folder this script ships in, or a source tree's dist/liptwitch.
if [ -z "$bundle" ]; then
    if [ -x "$here/liptwitch" ] && [ -d "$here/_internal" ]; then
        bundle=$here
    else
        bundle=$(dirname "$here")/dist/liptwitch
    fi
fi
if [ ! -x "$bundle/liptwitch" ]; then
    echo "install.sh: no LipTwitch bundle at $bundle (build it with packaging/build.sh)" >&2
    exit 1
fi
bundle=$(cd "$bundle" && pwd)
icons=$bundle/_internal/liptwitch_desktop/resources/icons/hicolor
for f in "$here/$APP_ID.desktop" "$here/$APP_ID.metainfo.xml" "$icons"; do
    [ -e "$f" ] || { echo "install.sh: missing $f" >&2; exit 1; }
done

# 1. The bundle: copied beside, then swapped in, so a failed copy leaves the old one working.
if [ "$bundle" != "$libdir" ]; then
    mkdir -p "$PREFIX/lib"
    rm -rf "$libdir.new"
    cp -R "$bundle" "$libdir.new"
    rm -rf "$libdir"
    mv "$libdir.new" "$libdir"
fi

# 2. The launcher (a script, not a symlink, so the bundle finds its own folder).
mkdir -p "$bindir"
cat > "$bindir/liptwitch" <<LAUNCHER
#!/bin/sh
# LipTwitch launcher (installed by install.sh; removed by uninstall.sh)
exec "$libdir/liptwitch" "\$@"
LAUNCHER
chmod 755 "$bindir/liptwitch"

# 3. The desktop entry, pointing at the launcher by its full path (~/.local/bin may not be on
#    the PATH the desktop session uses).
mkdir -p "$DATA/applications"
sed -e "s|^Exec=liptwitch|Exec=\"$bindir/liptwitch\"|" -e "s|^TryExec=.*|TryExec=$bindir/liptwitch|" \
    "$here/$APP_ID.desktop" > "$DATA/applications/$APP_ID.desktop"
chmod 644 "$DATA/applications/$APP_ID.desktop"

# 4. Icons, in the hicolor theme layout they are shipped in.
for src in "$icons"/*/apps/"$APP_ID".*; do
    size=$(basename "$(dirname "$(dirname "$src")")")
    mkdir -p "$DATA/icons/hicolor/$size/apps"
    cp "$src" "$DATA/icons/hicolor/$size/apps/"
done

# 5. AppStream metadata, for software centres.
mkdir -p "$DATA/metainfo"
cp "$here/$APP_ID.metainfo.xml" "$DATA/metainfo/"

# Refresh the menu and icon caches where the tools exist; a missing tool is harmless.
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$DATA/applications" 2>/dev/null || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$DATA/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$DATA/icons/hicolor" 2>/dev/null || true
fi

echo "LipTwitch installed: $bindir/liptwitch (bundle in $libdir)"
case ":$PATH:" in
    *":$bindir:"*) ;;
    *) echo "Note: $bindir is not on your PATH; the menu entry works anyway." ;;
esac
