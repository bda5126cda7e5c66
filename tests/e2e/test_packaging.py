"""The app as people install it: the PyInstaller bundle, the desktop files, install/uninstall
into ~/.local, and a plain (non-editable) `pip install .`.

Building the bundle takes about a minute; set LIPTWITCH_BUNDLE to a built dist/liptwitch
folder to reuse one. The desktop-file checks are fast and run with the normal suite.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from liptwitch_desktop import __version__
from tests.requires import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "io.github.liptwitch.LipTwitch"
VERSION = __version__
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


def run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    kwargs.setdefault("timeout", 300)
    result = subprocess.run(cmd, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload]
    assert result.returncode == 0, (
        f"{cmd} exited {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    )
    return result


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment whose HOME and XDG folders are all inside the test's tmp folder."""
    # Not PYTHONPATH either: a source tree first on the path would shadow what was installed.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("XDG_") and k not in ("PREFIX", "PYTHONPATH")
    }
    env.update({"HOME": str(home), "QT_QPA_PLATFORM": "offscreen", **extra})
    return env


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        skip_or_fail(f"{name} is not installed (Debian: desktop-file-utils, appstream, xvfb)")
    return path


# --- desktop files and icons (fast) ------------------------------------------------------------


def test_desktop_entry_validates() -> None:
    run([tool("desktop-file-validate"), str(PACKAGING / f"{APP_ID}.desktop")])


def test_metainfo_validates() -> None:
    run([tool("appstreamcli"), "validate", "--no-net", str(PACKAGING / f"{APP_ID}.metainfo.xml")])


def test_desktop_entry_names_the_app_id_icon_and_launcher() -> None:
    from liptwitch_desktop import APP_ID as CODE_APP_ID

    assert CODE_APP_ID == APP_ID  # the file name is what Wayland compositors match on
    entry = (PACKAGING / f"{APP_ID}.desktop").read_text("utf-8").splitlines()
    assert f"Icon={APP_ID}" in entry
    assert "Exec=liptwitch" in entry
    metainfo = (PACKAGING / f"{APP_ID}.metainfo.xml").read_text("utf-8")
    assert f"<id>{APP_ID}</id>" in metainfo
    assert f'<release version="{VERSION}"' in metainfo


def test_icons_exist_at_every_size(qapp: object) -> None:
    from PySide6.QtGui import QImage

    hicolor = ROOT / "resources" / "icons" / "hicolor"
    for size in ICON_SIZES:
        image = QImage(str(hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
        assert (image.width(), image.height()) == (size, size)
        # Not blank: the lip's colour is somewhere in the middle row.
        row = [image.pixelColor(x, size * 2 // 3) for x in range(size)]
        assert any(c.red() > 150 and c.green() < 150 for c in row), size
    scalable = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_bytes() == (ROOT / "resources" / "icons" / "liptwitch.svg").read_bytes()


# --- the bundle (slow) -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    given = os.environ.get("LIPTWITCH_BUNDLE")
    if given:
        path = Path(given).resolve()
        assert (path / "liptwitch").is_file(), f"LIPTWITCH_BUNDLE={given} holds no bundle"
        yield path
        return
    if importlib.util.find_spec("PyInstaller") is None:
        skip_or_fail("PyInstaller is not installed: pip install -e '.[package]'")
    out = tmp_path_factory.mktemp("bundle")
    env = dict(os.environ, DISTPATH=str(out / "dist"), WORKPATH=str(out / "work"))
    env["PYTHON"] = sys.executable
    run(["sh", str(PACKAGING / "build.sh")], env=env, timeout=900)
    yield out / "dist" / "liptwitch"


@pytest.mark.slow
def test_bundle_prints_its_version(bundle: Path, tmp_path: Path) -> None:
    result = run([str(bundle / "liptwitch"), "--version"], env=clean_env(tmp_path))
    assert result.stdout.strip() == f"LipTwitch {VERSION}"


@pytest.mark.slow
def test_bundle_passes_its_self_test(bundle: Path, tmp_path: Path) -> None:
    result = run([str(bundle / "liptwitch"), "--self-test"], env=clean_env(tmp_path))
    assert "self-test passed" in result.stdout
    # The self-test uses a temporary folder: nothing is left in the (fake) home.
    assert not (tmp_path / ".local" / "share" / "LipTwitch" / "LipTwitch").exists()


@pytest.mark.slow
def test_bundle_runs_on_a_real_x_server(bundle: Path, tmp_path: Path) -> None:
    """The xcb platform plugin and every library it needs are in the bundle."""
    xvfb_run = tool("xvfb-run")
    env = clean_env(tmp_path, QT_QPA_PLATFORM="xcb")
    result = run([xvfb_run, "-a", str(bundle / "liptwitch"), "--self-test"], env=env)
    assert "self-test passed" in result.stdout
    assert "Could not load the Qt platform plugin" not in result.stderr


@pytest.mark.slow
def test_bundle_is_lean(bundle: Path) -> None:
    internal = bundle / "_internal"
    qt = internal / "PySide6" / "Qt"
    libs = {p.name for p in (qt / "lib").iterdir()}
    for unwanted in ("Qml", "Quick", "WebEngine", "3D", "Multimedia", "Pdf", "EglFS"):
        assert not [n for n in libs if unwanted in n], unwanted
    plugins = qt / "plugins"
    platforms = {p.name for p in (plugins / "platforms").iterdir()}
    assert {"libqxcb.so", "libqoffscreen.so", "libqwayland.so"} <= platforms
    assert platforms <= {"libqxcb.so", "libqoffscreen.so", "libqwayland.so"} | {
        n for n in platforms if n.startswith("libqwayland")
    }
    assert [p.name for p in (plugins / "imageformats").iterdir()] == ["libqsvg.so"]
    assert [p.name for p in (plugins / "iconengines").iterdir()] == ["libqsvgicon.so"]
    assert (plugins / "platformthemes" / "libqxdgdesktopportal.so").exists()
    resources = internal / "liptwitch_desktop" / "resources"
    assert (resources / "knowledge" / "drinks.toml").is_file()
    assert (resources / "icons" / "liptwitch.svg").is_file()
    assert (resources / "i18n" / "liptwitch_en.qm").is_file()  # "1 page", "2 pages"
    assert not [p for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"bundle size: {size / 2**20:.0f} MiB")
    assert size < 260 * 2**20  # about 210 MiB today: a jump means an unwanted module got in


@pytest.mark.slow
def test_install_and_uninstall_into_a_prefix(bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    prefix = tmp_path / "prefix"
    env = clean_env(home, PREFIX=str(prefix))
    run(["sh", str(bundle / "install.sh")], env=env)

    share = prefix / "share"
    launcher = prefix / "bin" / "liptwitch"
    installed = [
        launcher,
        prefix / "lib" / "liptwitch" / "liptwitch",
        share / "applications" / f"{APP_ID}.desktop",
        share / "metainfo" / f"{APP_ID}.metainfo.xml",
        share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        *(share / "icons" / "hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png" for n in ICON_SIZES),
    ]
    for path in installed:
        assert path.is_file(), path
    desktop = share / "applications" / f"{APP_ID}.desktop"
    assert f'Exec="{launcher}"' in desktop.read_text("utf-8").splitlines()
    run([tool("desktop-file-validate"), str(desktop)])
    assert run([str(launcher), "--version"], env=env).stdout.strip() == f"LipTwitch {VERSION}"

    # Data the app made, and a login item the reminders may have added.
    data = home / ".local" / "share" / "LipTwitch" / "LipTwitch"
    data.mkdir(parents=True)
    (data / "liptwitch.sqlite3").write_bytes(b"precious")
    autostart = home / ".config" / "autostart" / f"{APP_ID}.desktop"
    autostart.parent.mkdir(parents=True)
    autostart.write_text("[Desktop Entry]\n", "utf-8")

    run(["sh", str(bundle / "uninstall.sh")], env=env)
    for path in [*installed, autostart]:
        assert not path.exists(), path
    assert not (prefix / "lib" / "liptwitch").exists()
    assert (data / "liptwitch.sqlite3").read_bytes() == b"precious"  # data stays

    run(["sh", str(bundle / "uninstall.sh"), "--purge"], env=env)
    assert not data.exists()


@pytest.mark.slow
def test_install_honours_xdg_data_home(bundle: Path, tmp_path: Path) -> None:
    xdg = tmp_path / "xdg-data"
    env = clean_env(tmp_path / "home", PREFIX=str(tmp_path / "p"), XDG_DATA_HOME=str(xdg))
    run(["sh", str(bundle / "install.sh")], env=env)
    assert (xdg / "applications" / f"{APP_ID}.desktop").is_file()
    assert (xdg / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    assert not (tmp_path / "p" / "share").exists()
    run(["sh", str(bundle / "uninstall.sh")], env=env)
    assert not (xdg / "applications" / f"{APP_ID}.desktop").exists()


# --- a plain pip install (slow) ----------------------------------------------------------------


@pytest.mark.slow
def test_wheel_install_finds_its_resources(tmp_path: Path) -> None:
    """`pip install .` (not editable) carries resources/ inside the package."""
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)])
    py = venv / "bin" / "python"
    # --force-reinstall: CI has the project installed editable in the system site-packages.
    cmd = [str(py), "-m", "pip", "install", "--no-deps", "--force-reinstall", "--quiet"]
    try:
        import hatchling  # noqa: F401  (the build backend here already: build offline)

        cmd.append("--no-build-isolation")
    except ImportError:
        pass
    # A copy of the tree, so nothing the build writes lands in the checkout.
    source = tmp_path / "src"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", "dist", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".venv*"
        ),
    )
    run([*cmd, str(source)], env=dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1"))
    env = clean_env(tmp_path / "home")
    version = run([str(venv / "bin" / "liptwitch"), "--version"], env=env, cwd=tmp_path)
    assert version.stdout.strip() == f"LipTwitch {VERSION}"
    where = run(
        [
            str(py),
            "-c",
            "from liptwitch_desktop.core.resources import knowledge_dir, icon_path,"
            " translations_dir;"
            "print(knowledge_dir()); print(icon_path('liptwitch.svg').is_file());"
            "print((translations_dir() / 'liptwitch_en.qm').is_file())",
        ],
        env=env,
        cwd=tmp_path,
    ).stdout.split()
    site_packages = run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], env=env
    ).stdout.strip()
    assert Path(where[0]).is_relative_to(site_packages), where[0]
    assert Path(where[0], "drinks.toml").is_file()
    assert where[1] == "True"
    assert where[2] == "True"  # the plural forms' translation (resources/i18n)
