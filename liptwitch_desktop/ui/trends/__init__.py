"""The Trends page. Imports pyqtgraph: the main window loads this package on first use."""

from .page import TrendsPage

__all__ = ["TrendsPage"]
