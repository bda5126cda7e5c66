#!/bin/sh
# Build the one-folder bundle: dist/liptwitch/liptwitch (run from anywhere).
#
#   packaging/build.sh             build with the current Python (PyInstaller installed)
#   packaging/build.sh --install   first install PyInstaller from the project's "package" extra
#
# Output: $DISTPATH/liptwitch/ (default <repo>/dist); work files in $WORKPATH
# (default <repo>/build/pyinstaller).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
python=${PYTHON:-python3}

if [ "${1:-}" = "--install" ]; then
    # The project's "package" extra: PyInstaller (the app's own dependencies must be installed).
    "$python" -m pip install "pyinstaller>=6.5"
fi

if ! "$python" -c "import PyInstaller" 2>/dev/null; then
    echo "PyInstaller is missing: run '$0 --install' or: $python -m pip install -e '$root[package]'" >&2
    exit 2
fi

distpath=${DISTPATH:-$root/dist}
workpath=${WORKPATH:-$root/build/pyinstaller}
cd "$root"
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$distpath" --workpath "$workpath" \
    "$here/liptwitch.spec"

bundle="$distpath/liptwitch"
# The bundle carries its own installer and desktop files, so an unpacked copy installs alone.
cp "$here/install.sh" "$here/uninstall.sh" \
    "$here/io.github.liptwitch.LipTwitch.desktop" \
    "$here/io.github.liptwitch.LipTwitch.metainfo.xml" "$bundle/"
echo "Bundle: $bundle ($(du -sh "$bundle" | cut -f1))"
