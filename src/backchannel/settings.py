"""The single typed settings object, read from ``BACKCHANNEL_*`` environment variables."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings"]

DEFAULT_DATABASE_URL = "sqlite:///.backchannel/backchannel.db"


class Settings(BaseSettings):
    """Every knob of a Backchannel process. CLI flags and ``BACKCHANNEL_<KEY>`` share keys."""

    model_config = SettingsConfigDict(env_prefix="BACKCHANNEL_", env_file=".env", extra="ignore")

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    database_url: str = DEFAULT_DATABASE_URL
    workers: int = Field(default=1, ge=1)
    bootstrap_token: str | None = None
    # Per-workspace allowance per minute, enforced in 10-second windows as Intercom does.
    rate_limit_per_minute: int = Field(default=10_000, ge=1)
    rate_limit_enforced: bool = True
    # Largest request body accepted; bigger bodies get 413.
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    # How long a resolved access token is trusted before it is looked up again.
    token_cache_seconds: float = Field(default=5.0, ge=0)
    # Routes under /_backchannel/ (health, test helpers); switch off in production.
    control_routes: bool = True
    # Time zone given to workspaces made by `serve` and `workspace create`.
    default_timezone: str = "UTC"
    log_level: str = "info"

    @property
    def public_url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::") else self.host
        return f"http://{host}:{self.port}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read once from the environment."""
    return Settings()
