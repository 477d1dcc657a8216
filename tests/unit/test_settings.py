"""Settings: defaults, environment, .env file, overrides, and clear errors."""

from __future__ import annotations

import pytest

from backchannel.settings import Settings, SettingsError


def test_settings_defaults():
    settings = Settings.from_env({}, env_file=None)
    assert settings.host == "127.0.0.1" and settings.port == 8000
    assert settings.database_url == "sqlite:///.backchannel/backchannel.db"
    assert settings.bootstrap_token is None
    assert settings.public_url == "http://127.0.0.1:8000"


def test_settings_from_environment_converts_types():
    settings = Settings.from_env(
        {
            "BACKCHANNEL_PORT": "9001",
            "BACKCHANNEL_WORKERS": "3",
            "BACKCHANNEL_RATE_LIMIT_ENFORCED": "false",
            "BACKCHANNEL_TOKEN_CACHE_SECONDS": "0.5",
            "BACKCHANNEL_BOOTSTRAP_TOKEN": "tok",
            "OTHER_PORT": "1",
        },
        env_file=None,
    )
    assert (settings.port, settings.workers) == (9001, 3)
    assert settings.rate_limit_enforced is False
    assert settings.token_cache_seconds == 0.5
    assert settings.bootstrap_token == "tok"


def test_settings_env_file_then_environment_then_overrides(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# local settings\nBACKCHANNEL_PORT=7000\nexport BACKCHANNEL_HOST='0.0.0.0'\n"
        'BACKCHANNEL_LOG_LEVEL="debug"\n'
    )
    settings = Settings.from_env({"BACKCHANNEL_PORT": "7001"}, env_file=env_file, workers=2)
    assert settings.host == "0.0.0.0" and settings.public_url == "http://127.0.0.1:7001"
    assert settings.port == 7001
    assert settings.log_level == "debug"
    assert settings.workers == 2


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("BACKCHANNEL_PORT", "eighty", "BACKCHANNEL_PORT: Expected `int`, got `str`"),
        ("BACKCHANNEL_PORT", "70000", "BACKCHANNEL_PORT: Expected `int` <= 65535"),
        ("BACKCHANNEL_WORKERS", "0", "BACKCHANNEL_WORKERS: Expected `int` >= 1"),
    ],
)
def test_settings_invalid_value_names_the_variable(key, value, message):
    with pytest.raises(SettingsError) as raised:
        Settings.from_env({key: value}, env_file=None)
    assert str(raised.value) == message


def test_settings_empty_bootstrap_token_means_none():
    assert (
        Settings.from_env({"BACKCHANNEL_BOOTSTRAP_TOKEN": ""}, env_file=None).bootstrap_token
        is None
    )
