"""The single typed settings object, read from ``BACKCHANNEL_*`` environment variables.

Values come, in rising priority, from the field defaults, a ``.env`` file in the working
directory, the process environment, and explicit overrides (CLI flags). They are converted
and checked by msgspec; a bad value stops start-up with a message naming the variable.
(msgspec rather than pydantic-settings: it is already the request decoder, and sparing
pydantic takes about 0.2 s and 8 MiB off every process start.)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta

__all__ = ["ENV_PREFIX", "Settings", "SettingsError", "get_settings"]

ENV_PREFIX = "BACKCHANNEL_"
DEFAULT_DATABASE_URL = "sqlite:///.backchannel/backchannel.db"


class SettingsError(ValueError):
    """A configuration value that cannot be used."""


class Settings(msgspec.Struct, kw_only=True, frozen=True):
    """Every knob of a Backchannel process. CLI flags and ``BACKCHANNEL_<KEY>`` share keys."""

    host: str = "127.0.0.1"
    port: Annotated[int, Meta(ge=0, le=65535)] = 8000
    database_url: str = DEFAULT_DATABASE_URL
    workers: Annotated[int, Meta(ge=1)] = 1
    bootstrap_token: str | None = None
    # Per-workspace allowance per minute, enforced in 10-second windows as Intercom does.
    rate_limit_per_minute: Annotated[int, Meta(ge=1)] = 10_000
    rate_limit_enforced: bool = True
    # A file through which the API processes of one host share their rate-limit counts;
    # `serve --workers N` (N > 1) makes one for its processes when this is unset.
    rate_limit_file: str | None = None
    # Largest request body accepted; bigger bodies get 413.
    max_body_bytes: Annotated[int, Meta(ge=1024)] = 1_048_576
    # How long a resolved access token is trusted before it is looked up again.
    token_cache_seconds: Annotated[float, Meta(ge=0)] = 5.0
    # Rendered contact bodies each API process keeps, by the stored row they were rendered
    # from (a changed row is a new key, so nothing goes stale), and as many of the latest per
    # contact while a SQLite database is unchanged (see core/rendered.py); about 3 KB each;
    # 0 keeps none.
    render_cache_entries: Annotated[int, Meta(ge=0)] = 4096
    # Routes under /_backchannel/ (health, test helpers); switch off in production.
    control_routes: bool = True
    # Companies with no contacts attached are left out of company lists and scrolls, as in
    # Intercom; switch off to list every company.
    hide_companies_without_contacts: bool = True
    # Time zone given to workspaces made by `serve` and `workspace create`.
    default_timezone: str = "UTC"
    log_level: str = "info"
    # Who runs background jobs (data exports): "inline" polls inside each API process;
    # "worker" leaves them to `backchannel worker` processes.
    jobs: Literal["inline", "worker"] = "inline"
    # How often a job runner looks for pending jobs.
    job_poll_seconds: Annotated[float, Meta(gt=0, le=3600)] = 1.0

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        env_file: str | Path | None = ".env",
        **overrides: Any,
    ) -> Settings:
        """Settings from ``.env``, then ``environ`` (default: the process), then ``overrides``."""
        names = set(cls.__struct_fields__)
        values: dict[str, Any] = {}
        sources: list[Mapping[str, str]] = []
        if env_file is not None and Path(env_file).is_file():
            sources.append(_read_env_file(Path(env_file)))
        sources.append(os.environ if environ is None else environ)
        for source in sources:
            for key, raw in source.items():
                if key.startswith(ENV_PREFIX) and key[len(ENV_PREFIX) :].lower() in names:
                    name = key[len(ENV_PREFIX) :].lower()
                    if raw == "" and name == "bootstrap_token":
                        values.pop(name, None)
                    else:
                        values[name] = raw
        values.update({key: value for key, value in overrides.items() if value is not None})
        try:
            return msgspec.convert(values, cls, strict=False)
        except msgspec.ValidationError as error:
            message = str(error)
            if " - at `$." in message:
                reason, _, field = message.rpartition(" - at `$.")
                message = f"{ENV_PREFIX}{field.rstrip('`').upper()}: {reason}"
            raise SettingsError(message) from None

    @property
    def public_url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::") else self.host
        return f"http://{host}:{self.port}"


def _read_env_file(path: Path) -> dict[str, str]:
    """``KEY=VALUE`` lines; blank lines and ``#`` comments skipped, matching quotes removed."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        found[key.strip()] = value
    return found


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read once from the environment."""
    return Settings.from_env()
