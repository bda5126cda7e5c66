"""Draws docs/architecture.svg: the layers, the composition root, the controllers and the way
a change travels. Run `python docs/architecture_diagram.py` after the layers change.

The layer stack is read from the import-linter contract in pyproject.toml (the one lint-imports
enforces), so the picture cannot show an order the tools do not hold; the root's build order
is read from app/bootstrap.py (`Root.service_steps`) for the same reason.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "architecture.svg"

# What each layer holds, in a few words (the README's "How it is built" says more).
ROLES = {
    "__main__": "the entry point: a subcommand to cli/, else app/",
    "app": "the composition root: builds every service once, in order",
    "ui": "widgets only: they read the store, call controllers to change it",
    "controllers": "what widgets call to write",
    "reminders": "scheduler, notifications",
    "cli": "headless commands",
    "report": "the doctor report painted with QtGui",
    "runtime": "the context, the change signal, the zone watcher",
    "store": "SQLite: tables/ declares each table once, migrations/",
    "platform": "data folder, log file, one instance, autostart",
    "core": "pure Python: knowledge, triage, analysis, schedules",
}

W, H = 1120, 700
FONT = "DejaVu Sans, Arial, sans-serif"
INK, MUTED, LINE = "#1f2933", "#52606d", "#9aa5b1"
FILL = {"root": "#fde8c8", "ui": "#dbeafe", "mid": "#e0f2e9", "low": "#f1f5f9", "core": "#ede9fe"}


def layers() -> list[list[str]]:
    """The import-linter layers, top to bottom, each a list of sibling packages."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for contract in config["tool"]["importlinter"]["contracts"]:
        if contract["type"] == "layers":
            return [
                [part.strip().removeprefix("liptwitch_desktop.") for part in row.split("|")]
                for row in contract["layers"]
            ]
    raise SystemExit("pyproject.toml has no layers contract")


def service_steps() -> list[str]:
    """The names of the after-paint steps, in `Root.service_steps` order."""
    tree = ast.parse((ROOT / "liptwitch_desktop" / "app" / "bootstrap.py").read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "service_steps":
            returned = next(n for n in ast.walk(node) if isinstance(n, ast.Return))
            assert isinstance(returned.value, ast.List)
            names = []
            for item in returned.value.elts:
                assert isinstance(item, ast.Tuple) and isinstance(item.elts[0], ast.Call)
                text = item.elts[0].args[1]
                assert isinstance(text, ast.Constant)
                names.append(str(text.value))
            return names
    raise SystemExit("app/bootstrap.py has no Root.service_steps")


def text(x: float, y: float, s: str, size: int = 13, weight: str = "normal", **kw: str) -> str:
    anchor = kw.get("anchor", "start")
    fill = kw.get("fill", INK)
    return (
        f'<text x="{x:.0f}" y="{y:.0f}" font-family="{FONT}" font-size="{size}" '
        f'font-weight="{weight}" fill="{fill}" text-anchor="{anchor}">{escape(s)}</text>'
    )


def box(x: float, y: float, w: float, h: float, fill: str, rx: int = 8) -> str:
    return (
        f'<rect x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="{h:.0f}" rx="{rx}" '
        f'fill="{fill}" stroke="{LINE}" stroke-width="1.2"/>'
    )


def arrow(x1: float, y1: float, x2: float, y2: float, dashed: bool = False) -> str:
    dash = ' stroke-dasharray="5 4"' if dashed else ""
    return (
        f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke="{MUTED}" '
        f'stroke-width="1.6" marker-end="url(#head)"{dash}/>'
    )


def fill_of(name: str) -> str:
    if name in ("__main__", "app"):
        return FILL["root"]
    if name == "ui":
        return FILL["ui"]
    if name == "core":
        return FILL["core"]
    if name in ("controllers", "reminders", "cli", "report"):
        return FILL["mid"]
    return FILL["low"]


def draw() -> str:
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}">',
        '<defs><marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{MUTED}"/>'
        "</marker></defs>",
        f'<rect width="{W}" height="{H}" fill="white"/>',
        text(24, 34, "LipTwitch Desktop: the house", 20, "bold"),
        text(
            24,
            56,
            "Layers import only downwards (lint-imports holds the order drawn here).",
            12,
            fill=MUTED,
        ),
    ]
    # --- the layer stack (left) ---
    x0, width, top, row_h, gap = 24, 560, 76, 46, 12
    rows = layers()
    for i, row in enumerate(rows):
        y = top + i * (row_h + gap)
        cell_w = (width - (len(row) - 1) * 8) / len(row)
        for j, name in enumerate(row):
            x = x0 + j * (cell_w + 8)
            out.append(box(x, y, cell_w, row_h, fill_of(name)))
            out.append(text(x + 10, y + 19, f"{name}/" if name != "__main__" else name, 14, "bold"))
            role = ROLES.get(name, "")
            limit = int(cell_w / 6.6)
            out.append(
                text(
                    x + 10,
                    y + 37,
                    role if len(role) <= limit else role[: limit - 1] + "…",
                    11,
                    fill=MUTED,
                )
            )
        if i + 1 < len(rows):
            out.append(arrow(x0 + width / 2, y + row_h, x0 + width / 2, y + row_h + gap))
    bottom = top + len(rows) * (row_h + gap) - gap

    # --- the composition root (right, top) ---
    rx, rw, ry = 620, 476, 76
    steps = service_steps()
    rh = 86 + 18 * len(steps)
    out.append(box(rx, ry, rw, rh, FILL["root"]))
    out.append(text(rx + 14, ry + 24, "The composition root: app/bootstrap.py (Root)", 14, "bold"))
    out.append(text(rx + 14, ry + 46, "Before the first paint: the controllers and the window", 12))
    out.append(text(rx + 14, ry + 62, "holder (WindowOnDemand); each object gets what it uses", 12))
    out.append(text(rx + 14, ry + 78, "through its constructor. After the paint, in order:", 12))
    for k, step in enumerate(steps, 1):
        out.append(text(rx + 30, ry + 78 + 18 * k, f"{k}. {step}", 12, fill=MUTED))

    # --- one change, end to end (right, bottom) ---
    cy = ry + rh + 28
    out.append(text(rx, cy, "One user action, one change", 14, "bold"))
    flow = [
        ("widget (ui/)", FILL["ui"]),
        ("controller: one store transaction", FILL["mid"]),
        ("ctx.signals.changed(Change.X)", FILL["low"]),
        ("every view and the reminder service refresh", FILL["ui"]),
    ]
    fy = cy + 14
    for k, (label, colour) in enumerate(flow):
        out.append(box(rx, fy, rw, 34, colour, rx=6))
        out.append(text(rx + rw / 2, fy + 22, label, 13, anchor="middle"))
        if k + 1 < len(flow):
            out.append(arrow(rx + rw / 2, fy + 34, rx + rw / 2, fy + 50))
        fy += 50
    out.append(
        text(
            rx,
            fy + 8,
            "Change is an enum (core/changes.py); the zone watcher emits",
            11,
            fill=MUTED,
        )
    )
    out.append(
        text(rx, fy + 24, "Change.ZONE, widgets never write the store themselves.", 11, fill=MUTED)
    )
    # The root knows every layer: a dashed arrow from it to the stack.
    out.append(arrow(rx, ry + 30, x0 + width + 4, top + row_h + gap + 20, dashed=True))
    height = max(bottom, fy + 30) + 20
    out[0] = (
        out[0]
        .replace(f'height="{H}"', f'height="{height}"')
        .replace(f"0 0 {W} {H}", f"0 0 {W} {height}")
    )
    out[3] = out[3].replace(f'height="{H}"', f'height="{height}"')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main() -> int:
    OUT.write_text(draw(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    if "--png" in sys.argv:  # a look at it, through Qt's own SVG renderer
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtGui import QGuiApplication, QImage, QPainter
        from PySide6.QtSvg import QSvgRenderer

        app = QGuiApplication([])
        renderer = QSvgRenderer(str(OUT))
        image = QImage(renderer.defaultSize(), QImage.Format.Format_ARGB32)
        image.fill(0xFFFFFFFF)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        png = OUT.with_suffix(".png")
        image.save(str(png))
        print(f"wrote {png.relative_to(ROOT)}")
        del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
