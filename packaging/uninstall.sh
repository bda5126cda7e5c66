#!/bin/sh
# Remove what install.sh put in place. Your data (log, settings, backups) stays unless you
# pass --purge.
#
#   uninstall.sh [--prefix DIR] [--purge]
#
# PREFIX (default ~/.local) and XDG_DATA_HOME must match what install.sh was given.
set -eu

APP_ID=io.github.liptwitch.LipTwitch
APP_DIR=LipTwitch  # the organisation folder Qt's standard locations use for our data

purge=0
while [ $# -gt 0 ]; do
    case "$1" in
        --purge) purge=1; shift ;;
        --prefix) PREFIX=${2:?--prefix needs a folder}; shift 2 ;;
        -h|--help) sed -n '2,8s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "uninstall.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
done

PREFIX=${PREFIX:-$HOME/.local}
DATA=${XDG_DATA_HOME:-$PREFIX/share}
libdir=$PREFIX/lib/liptwitch
bindir=$PREFIX/bin

removed=0
remove() {
    for path in "$@"; do
        if [ -e "$path" ] || [ -L "$path" ]; then
            rm -rf "$path"
            echo "removed $path"
            removed=$((removed + 1))
        fi
    done
}

# The launcher only if it is ours (someone else's `liptwitch` in that folder stays).
if [ -f "$bindir/liptwitch" ] && grep -q "LipTwitch launcher" "$bindir/liptwitch" 2>/dev/null; then
    remove "$bindir/liptwitch"
fi
remove "$libdir" "$libdir.new"
remove "$DATA/applications/$APP_ID.desktop"
remove "$DATA/metainfo/$APP_ID.metainfo.xml"
for icon in "$DATA"/icons/hicolor/*/apps/"$APP_ID".*; do
    remove "$icon"
done
# A login item the reminders may have added would start a program that is gone.
remove "${XDG_CONFIG_HOME:-$HOME/.config}/autostart/$APP_ID.desktop"

if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$DATA/applications" ]; then
    update-desktop-database -q "$DATA/applications" 2>/dev/null || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$DATA/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$DATA/icons/hicolor" 2>/dev/null || true
fi

if [ "$purge" = 1 ]; then
    # The user's data lives in the standard places whatever PREFIX the app was installed to.
    remove "${XDG_DATA_HOME:-$HOME/.local/share}/$APP_DIR" \
        "${XDG_STATE_HOME:-$HOME/.local/state}/$APP_DIR" \
        "${XDG_CONFIG_HOME:-$HOME/.config}/$APP_DIR" \
        "${XDG_CACHE_HOME:-$HOME/.cache}/$APP_DIR"
else
    echo "Your LipTwitch data was kept (in ${XDG_DATA_HOME:-$HOME/.local/share}/$APP_DIR);"
    echo "run with --purge to delete it too."
fi
echo "LipTwitch uninstalled ($removed items removed)."
