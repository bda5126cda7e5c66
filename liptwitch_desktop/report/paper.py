"""Laying the report out on pages: the paper for the locale, page 1 shrunk to fit, the
details flowed over the pages after it with the chart drawn in its place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QLocale, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QImage,
    QPagedPaintDevice,
    QPageSize,
    QPainter,
    QPalette,
    QTextDocument,
)

from ..core.report.data import ReportData
from .analysis_chart import draw_analysis_picture, picture_height
from .chart import draw_weekly_chart
from .details import CHART_SPACER, PICTURE_SPACER, details_html
from .fonts import BASE_PT, POINTS_PER_INCH, device_font, report_font
from .summary import summary_html
from .words import _day, _style, tr

MARGIN_PT = 40.0
SMALLEST_PT = 6.5
CHART_HEIGHT_PT = 270.0  # three panels, one y-axis each


def paper_for_locale(locale: QLocale | None = None) -> QPageSize:
    """Letter in the US and Canada (and wherever the locale measures in US units), else A4."""
    locale = locale or QLocale()
    letter = locale.territory() in (QLocale.Country.UnitedStates, QLocale.Country.Canada)
    if letter or locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


_LAYOUT_DEVICE: list[QImage] = []


def _points_device() -> QImage:
    """A 72-dpi device for layout: one unit is one point, whatever the output device.

    One image for the whole process: a text layout keeps a raw pointer to its paint device,
    so the device must outlive every document laid out against it.
    """
    if not _LAYOUT_DEVICE:
        image = QImage(4, 4, QImage.Format.Format_ARGB32)
        dots_per_metre = round(POINTS_PER_INCH / 0.0254)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        _LAYOUT_DEVICE.append(image)
    return _LAYOUT_DEVICE[0]


def paper_palette() -> QPalette:
    """Black ink on white paper, whatever the app's theme.

    A text document draws in the palette it is handed (the app's by default): in dark mode
    that is light text, unreadable on paper. The report always gets this fixed palette.
    """
    palette = QPalette(QColor("#ffffff"))
    role = QPalette.ColorRole
    for r, colour in (
        (role.Text, "#000000"),
        (role.WindowText, "#000000"),
        (role.Base, "#ffffff"),
        (role.Window, "#ffffff"),
        (role.Link, "#1a4f9c"),
        (role.Highlight, "#cfe3ff"),
        (role.HighlightedText, "#000000"),
    ):
        palette.setColor(r, QColor(colour))
    return palette


@dataclass
class _Doc:
    doc: QTextDocument


def _document(body: str, base_pt: float, width: float, height: float) -> _Doc:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(_points_device())
    doc.setDefaultFont(report_font(base_pt))
    doc.setDefaultStyleSheet(_style(base_pt))
    doc.setDocumentMargin(0)
    blank = QImage(1, 1, QImage.Format.Format_ARGB32)
    blank.fill(Qt.GlobalColor.transparent)
    for spacer in (CHART_SPACER, PICTURE_SPACER):
        doc.addResource(QTextDocument.ResourceType.ImageResource, spacer, blank)
    doc.setHtml(body)
    doc.setPageSize(QSizeF(width, height))
    return _Doc(doc)


class ReportPages:
    """The laid-out report: `page_count` pages, each painted by `paint_page`."""

    def __init__(self, data: ReportData, page_size: QPageSize | None = None) -> None:
        self.data = data
        self.page_size = page_size or paper_for_locale()
        size = self.page_size.size(QPageSize.Unit.Point)
        self.width, self.height = size.width(), size.height()
        self.content = QRectF(
            MARGIN_PT, MARGIN_PT, self.width - 2 * MARGIN_PT, self.height - 2 * MARGIN_PT - 14
        )
        self.summary, self.summary_pt = self._fit_summary()
        self.picture_rect = QRectF()
        self.details, self.chart_rect = self._lay_out_details()

    def _fit_summary(self) -> tuple[_Doc, float]:
        """Page 1 in the largest font (and the longest lists) that still fit on one page."""
        attempts = [
            (size / 2, 12) for size in range(int(BASE_PT * 2), int(SMALLEST_PT * 2) - 1, -1)
        ]
        attempts += [(SMALLEST_PT, n) for n in (8, 5, 3, 2, 1)]
        for size, items in attempts:
            doc = _document(summary_html(self.data, items), size, self.content.width(), 1e6)
            if doc.doc.size().height() <= self.content.height():
                return doc, size
        return doc, size  # the last, smallest attempt (only pathological input reaches here)

    def _lay_out_details(self) -> tuple[_Doc, QRectF]:
        """Lay out pages 2+, with the chart's place exactly CHART_HEIGHT_PT tall (and the
        analysis picture's exactly its height).

        Qt sizes an image by the screen's resolution, not the layout device's, so the first
        layout measures the factor and the second asks for the size that comes out right.
        """
        width = self.content.width()
        picture = self.data.picture
        picture_pt = picture_height(picture) if picture is not None and picture.rows else 0.0
        factor = 1.0
        for _ in range(2):
            details = _document(
                details_html(self.data, width, CHART_HEIGHT_PT * factor, picture_pt * factor),
                BASE_PT * 0.9,
                width,
                self.content.height(),
            )
            boxes = _image_blocks(details.doc)
            if not boxes or boxes[0].height() <= 0:
                self.picture_rect = QRectF()
                return details, QRectF()
            if abs(boxes[0].height() - CHART_HEIGHT_PT) < 1:
                break
            factor *= CHART_HEIGHT_PT / boxes[0].height()
        box = boxes[0]
        self.picture_rect = (
            QRectF(boxes[1].left(), boxes[1].top(), width, boxes[1].height())
            if picture_pt and len(boxes) > 1
            else QRectF()
        )
        return details, QRectF(box.left(), box.top(), width, box.height())

    @property
    def summary_fits(self) -> bool:
        return self.summary.doc.size().height() <= self.content.height()

    @property
    def page_count(self) -> int:
        return 1 + self.details.doc.pageCount()

    def _footer(self, painter: QPainter, index: int) -> None:
        painter.setFont(device_font(painter, 7))
        painter.setPen(QColor("#555555"))
        text = (
            tr("LipTwitch report, %1 to %2 — page %3 of %4")
            .replace("%1", _day(self.data.first))
            .replace("%2", _day(self.data.last))
            .replace("%3", str(index + 1))
            .replace("%4", str(self.page_count))
        )
        painter.drawText(
            QRectF(MARGIN_PT, self.height - MARGIN_PT, self.width - 2 * MARGIN_PT, 14),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
            text,
        )

    def _on_page(self, rect: QRectF, page: int) -> bool:
        """Whether a chart's place (in the details' document coordinates) is on `page`."""
        return not rect.isNull() and int(rect.center().y() // self.content.height()) == page

    def paint_page(self, painter: QPainter, index: int, scale: float = 1.0) -> None:
        """Paint page `index` (0-based); `scale` maps points to the device's units."""
        painter.save()
        painter.scale(scale, scale)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette = paper_palette()
        if index == 0:
            painter.translate(self.content.topLeft())
            context.clip = QRectF(0, 0, self.content.width(), self.content.height())
            painter.setClipRect(context.clip)
            self.summary.doc.documentLayout().draw(painter, context)
        else:
            page = index - 1
            top = page * self.content.height()
            painter.translate(self.content.left(), self.content.top() - top)
            context.clip = QRectF(0, top, self.content.width(), self.content.height())
            painter.setClipRect(context.clip)
            self.details.doc.documentLayout().draw(painter, context)
            painter.setClipping(False)
            if self._on_page(self.chart_rect, page):
                draw_weekly_chart(painter, self.chart_rect, self.data.weeks)
            if self._on_page(self.picture_rect, page) and self.data.picture is not None:
                draw_analysis_picture(painter, self.picture_rect, self.data.picture)
        painter.restore()
        painter.save()
        painter.scale(scale, scale)
        self._footer(painter, index)
        painter.restore()

    def render_images(self, dpi: float = 96.0) -> list[QImage]:
        """Every page as an image (the preview), painted by the same code as the PDF."""
        scale = dpi / POINTS_PER_INCH
        images = []
        for index in range(self.page_count):
            image = QImage(
                round(self.width * scale), round(self.height * scale), QImage.Format.Format_RGB32
            )
            dots_per_metre = round(dpi / 0.0254)
            image.setDotsPerMeterX(dots_per_metre)
            image.setDotsPerMeterY(dots_per_metre)
            image.fill(Qt.GlobalColor.white)
            painter = QPainter(image)
            self.paint_page(painter, index, scale)
            painter.end()
            images.append(image)
        return images

    def paint_on(
        self, device: QPagedPaintDevice, new_page: Callable[[], bool] | None = None
    ) -> None:
        """Paint every page on a PDF writer or a printer (already set to this page size)."""
        painter = QPainter()
        if not painter.begin(device):
            raise OSError("could not start painting the report")
        try:
            # logicalDpiX is the resolution of both QPdfWriter and QPrinter (QPagedPaintDevice,
            # their common base, has no resolution()).
            rect = device.pageLayout().fullRectPixels(device.logicalDpiX())
            scale = rect.width() / self.width
            for index in range(self.page_count):
                if index:
                    (new_page or device.newPage)()
                self.paint_page(painter, index, scale)
        finally:
            if not painter.end():
                raise OSError("could not finish writing the report")


def _image_blocks(doc: QTextDocument) -> list[QRectF]:
    """The places of the images (the charts' spacers), in document order."""
    boxes = []
    block = doc.begin()
    while block.isValid():
        if "\ufffc" in block.text():  # an image sits in the text as this character
            boxes.append(doc.documentLayout().blockBoundingRect(block))
        block = block.next()
    return boxes
