"""The doctor report's Qt painting (QtGui, no widgets): HTML, the chart, the PDF."""
