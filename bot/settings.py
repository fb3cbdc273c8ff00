"""Settings from the environment and ``.env``, validated once at start-up.

Every field has the environment variable it is read from next to it; ``.env.example`` documents
each one. A wrong value stops start-up with one sentence naming the variable and what to do.
"""

from __future__ import annotations

from datetime import time
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, BaseModel, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

Language = Literal["en", "he"]
SUPPORTED_LANGUAGES: tuple[Language, ...] = ("en", "he")


class Helpline(BaseModel):
    name: str = Field(min_length=1)
    phone: str = Field(min_length=1)
    note: str = ""


DEFAULT_HELPLINES = [
    Helpline(name="ERAN · ער״ן (emotional first aid)", phone="1201", note="24/7"),
    Helpline(name="Emergency · מד״א", phone="101"),
]
# The defaults' names as the bot shows them, in the reader's language (prompts/*.json), in the
# same order as DEFAULT_HELPLINES.
DEFAULT_HELPLINE_NAME_KEYS = ("help.helpline_eran", "help.helpline_emergency")


def _env(name: str) -> AliasChoices:
    return AliasChoices(name)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,  # "KEY=" in .env means "use the default", as in .env.example
        extra="ignore",
        populate_by_name=True,
    )

    telegram_bot_token: SecretStr | None = Field(
        default=None, validation_alias=_env("TELEGRAM_BOT_TOKEN")
    )
    telegram_api_base_url: str | None = Field(
        default=None, validation_alias=_env("TELEGRAM_API_BASE_URL")
    )
    database_path: Path = Field(
        default=Path("data/kindred.db"), validation_alias=_env("KINDRED_DATABASE_PATH")
    )
    master_key: SecretStr | None = Field(default=None, validation_alias=_env("KINDRED_MASTER_KEY"))
    master_key_file: Path = Field(
        default=Path("data/kindred.key"), validation_alias=_env("KINDRED_MASTER_KEY_FILE")
    )
    default_language: Language = Field(
        default="en", validation_alias=_env("KINDRED_DEFAULT_LANGUAGE")
    )
    timezone: str = Field(default="Asia/Jerusalem", validation_alias=_env("KINDRED_TIMEZONE"))
    helplines: Annotated[list[Helpline], NoDecode] = Field(
        default_factory=lambda: list(DEFAULT_HELPLINES), validation_alias=_env("KINDRED_HELPLINES")
    )
    enrolment_mode: Literal["open", "code"] = Field(
        default="open", validation_alias=_env("KINDRED_ENROLMENT_MODE")
    )
    quiet_hours_start: time = Field(
        default=time(22, 0), validation_alias=_env("KINDRED_QUIET_HOURS_START")
    )
    quiet_hours_end: time = Field(
        default=time(8, 0), validation_alias=_env("KINDRED_QUIET_HOURS_END")
    )
    checkin_grace_minutes: int = Field(
        default=120, validation_alias=_env("KINDRED_CHECKIN_GRACE_MINUTES")
    )
    rate_limit: bool = Field(default=True, validation_alias=_env("KINDRED_RATE_LIMIT"))
    min_group_size: int = Field(default=5, validation_alias=_env("KINDRED_MIN_GROUP_SIZE"))
    # Beside bot/ in the checkout, wherever the bot is started from (a relative path in the
    # environment is the operator's own, read from where they start it).
    model_dir: Path = Field(
        default=Path(__file__).resolve().parent.parent / "data" / "model",
        validation_alias=_env("KINDRED_MODEL_DIR"),
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", validation_alias=_env("KINDRED_LOG_LEVEL")
    )

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(
                f"{value!r} is not a known time zone; use an IANA name such as Asia/Jerusalem"
            ) from exc
        return value

    @field_validator("checkin_grace_minutes")
    @classmethod
    def _sane_grace(cls, value: int) -> int:
        if not 1 <= value <= 720:
            raise ValueError("must be between 1 and 720 minutes (12 hours)")
        return value

    @field_validator("min_group_size")
    @classmethod
    def _safe_group_size(cls, value: int) -> int:
        if value < 3:
            raise ValueError(
                "must be at least 3: smaller groups let a lead work out one person's answers"
            )
        return value

    @field_validator("helplines", mode="before")
    @classmethod
    def _parse_helplines(cls, value: object) -> object:
        # "Name=phone; Name=phone" is easier to write in .env than JSON.
        if isinstance(value, str):
            lines = []
            for part in value.split(";"):
                if not part.strip():
                    continue
                name, sep, phone = part.partition("=")
                if not sep or not name.strip() or not phone.strip():
                    raise ValueError(
                        "write helplines as 'Name=phone; Name=phone', for example "
                        "'ERAN=1201; Emergency=101'"
                    )
                lines.append({"name": name.strip(), "phone": phone.strip()})
            if not lines:
                raise ValueError("give at least one helpline, for example 'ERAN=1201'")
            return lines
        return value

    @field_validator("telegram_api_base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://, e.g. http://127.0.0.1:8081/bot")
        return value

    @property
    def helplines_are_defaults(self) -> bool:
        return self.helplines == DEFAULT_HELPLINES


_ENV_NAMES = {
    name: str(field.validation_alias.choices[0])
    for name, field in Settings.model_fields.items()
    if isinstance(field.validation_alias, AliasChoices)
}


class SettingsError(Exception):
    """One sentence telling the operator which setting to fix and how."""


def describe_validation_error(error: ValidationError) -> str:
    first = error.errors()[0]
    location = first.get("loc", ())
    field = str(location[0]) if location else "settings"
    env_name = _ENV_NAMES.get(field, field)
    message = str(first.get("msg", "is not valid")).removeprefix("Value error, ")
    value = first.get("input")
    shown = (
        ""
        if isinstance(value, dict) or "KEY" in env_name or "TOKEN" in env_name
        else f" ({value!r})"
    )
    return f"Setting {env_name}{shown} is not valid: {message}. Fix it in .env or the environment."


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        raise SettingsError(describe_validation_error(error)) from None
