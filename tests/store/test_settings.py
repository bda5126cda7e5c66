import pytest

from liptwitch_desktop.core.settings_schema import SETTINGS, SettingError
from liptwitch_desktop.store.settings import get_setting, get_time, set_setting, set_settings


def test_defaults_are_the_declared_type(db):
    for spec in SETTINGS:
        assert get_setting(spec.key) == spec.default
    assert get_time("caffeine_cutoff").hour == 12


def test_set_validates_and_round_trips(db):
    assert set_setting("caffeine_half_life_h", "6") == 6.0
    assert get_setting("caffeine_half_life_h") == 6.0
    with pytest.raises(SettingError):
        set_setting("caffeine_half_life_h", 30)
    with pytest.raises(SettingError):
        set_setting("day_start", "25:99")
    with pytest.raises(SettingError):
        set_setting("caffeine_limit_mg", "1000")


def test_set_settings_is_all_or_nothing(db):
    with pytest.raises(SettingError):
        set_settings({"caffeine_target_mg": 150, "bedtime": "late"})
    assert get_setting("caffeine_target_mg") == 200
