"""The app's translation file, installed on the application before any text is built.

The source texts that pass a count are written once with Qt's `%n` ("%n page(s)"); the
translation gives each language its singular and plural forms. English ships too, so the
person reads "1 page" and "2 pages", never "page(s)". A language without its own file falls
back to English. Loading it reads one file of a few KB (well under a millisecond).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator

from ..core.resources import translations_dir

FILE_PREFIX = "liptwitch"
# The translator is a child of the application (it lives as long as it), named so that a
# second call finds it and installs nothing twice. Found by name, not kept in a dynamic
# property: setProperty's name makes PySide build QByteArray's class (~1.3 ms before the
# first paint).
_NAME = "liptwitchTranslator"


def load_translator(locale: QLocale, parent: QObject | None = None) -> QTranslator | None:
    """The translation for `locale`'s languages, else the English one; None if neither loads."""
    folder = str(translations_dir())
    translator = QTranslator(parent)
    if translator.load(locale, FILE_PREFIX, "_", folder):
        return translator
    if translator.load(f"{FILE_PREFIX}_en", folder):
        return translator
    return None


def install_translations(app: QCoreApplication, locale: QLocale | None = None) -> bool:
    """Install the translation for `locale` (the system's) on `app`, once; False if none."""
    if app.findChild(QTranslator, _NAME) is not None:
        return True
    translator = load_translator(locale or QLocale(), app)
    if translator is None:
        return False
    translator.setObjectName(_NAME)
    app.installTranslator(translator)
    return True
