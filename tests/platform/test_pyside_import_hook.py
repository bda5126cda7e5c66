import linecache
import sys

import PySide6.QtCore  # noqa: F401  (the hook exists once PySide is imported)

from liptwitch_desktop.platform.pyside_import_hook import lighten_pyside_import_check


def test_pyside_still_checks_each_import_but_keeps_no_source(tmp_path, monkeypatch):
    lighten_pyside_import_check()
    assert lighten_pyside_import_check() is False  # applied on import, and only once
    (tmp_path / "lt_plain_module.py").write_text("VALUE = 1\n")
    (tmp_path / "lt_qt_module.py").write_text("import PySide6.QtCore\nVALUE = 2\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    plain = __import__("lt_plain_module")  # an import statement: PySide hooks __import__
    qt = __import__("lt_qt_module")
    try:
        features = sys.modules["shibokensupport.feature"].pyside_feature_dict
        assert features["lt_plain_module"] == -1  # "ignore": no PySide in it
        assert features["lt_qt_module"] == 0  # uses PySide: its switches apply
        assert plain.__file__ not in linecache.cache
        assert qt.__file__ not in linecache.cache
        assert linecache.getline(plain.__file__, 1) == "VALUE = 1\n"  # read again on demand
    finally:
        del sys.modules["lt_plain_module"], sys.modules["lt_qt_module"]
