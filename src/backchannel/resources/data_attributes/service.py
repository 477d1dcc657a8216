"""Data attributes: the declared custom attributes, and checking custom attribute writes.

A custom attribute must be declared (``POST /data_attributes``) before a contact, company or
conversation carries it. The spec's create request lists only contact and company; the list
operation already filters by ``conversation``, and conversations validate their custom
attributes against these declarations, so ``conversation`` is accepted on create too (the
refusal message for other models stays the recorded one).

Names are unique in a workspace across models, compared without case. The data type never
changes; ``datetime`` is stored as ``date`` (both hold unix seconds). Archived
attributes are hidden from the list and can no longer be written, but stored values stay.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from typing import Any

from msgspec import UNSET
from sqlalchemy import Connection, Row, func, insert, select
from sqlalchemy.orm import Session

from backchannel.core.errors import ApiError, NotFound, ParameterInvalid, ParameterNotFound
from backchannel.core.ids import parse_numeric_id
from backchannel.core.scalars import check_scalar
from backchannel.core.search import FieldType
from backchannel.db.tables import DataAttribute
from backchannel.resources.data_attributes.builtins import (
    BUILTIN_ATTRIBUTES,
    BuiltinAttribute,
    builtin_names,
)
from backchannel.resources.data_attributes.indexes import ensure_search_index
from backchannel.resources.data_attributes.schemas import DataAttributeCreate, DataAttributeUpdate
from backchannel.resources.segments.service import segments_using_field

__all__ = [
    "DATA_TYPES",
    "MODELS",
    "DataAttributeInUse",
    "DataAttributeNotFound",
    "create",
    "ensure_data_attribute",
    "list_attributes",
    "merge_custom_attributes",
    "search_types",
    "update",
    "valid_name",
]

MODELS = ("contact", "company", "conversation")
LIST_MODELS = MODELS
# The data types a client may declare, and the type each is stored as.
DATA_TYPES = {
    "string": "string",
    "integer": "integer",
    "float": "float",
    "boolean": "boolean",
    "date": "date",
    "datetime": "date",
}
LIST_DATA_TYPE = "options"
MAX_NAME_LENGTH = 190
MAX_OPTIONS = 500
MAX_CUSTOM_ATTRIBUTES = 250
MAX_CUSTOM_STRING = 255

NAME_MESSAGE = (
    "Your name for this attribute must only contain alphanumeric characters, "
    "currency symbols, and hyphens"
)
_MODEL_DATA = {"contact": "people", "company": "company", "conversation": "conversation"}
_SEARCH_TYPES = {
    "string": FieldType.STRING,
    "integer": FieldType.INTEGER,
    "float": FieldType.FLOAT,
    "boolean": FieldType.BOOLEAN,
    "date": FieldType.DATE,
}
_TABLE = DataAttribute.__table__


class DataAttributeNotFound(NotFound):
    code = "field_not_found"
    default_message = "We couldn't find that data attribute to update"


class DataAttributeInUse(ApiError):
    """Archiving an attribute that a segment filters on."""

    status = 422
    code = "data_invalid"
    default_message = "The Data Attribute you are trying to archive has a dependant object"


def valid_name(name: object) -> bool:
    """Whether ``name`` may name a custom attribute: letters, digits, currency symbols,
    hyphens, underscores and inner spaces, at most 190 characters."""
    if not isinstance(name, str) or not 0 < len(name) <= MAX_NAME_LENGTH:
        return False
    if name.strip() != name:
        return False
    return all(
        char.isalnum() or char in "-_ " or unicodedata.category(char) == "Sc" for char in name
    )


def _check_model(model: object) -> str:
    if model not in MODELS:
        raise ParameterInvalid(
            "The Data Attribute model field must be either contact or company", field="model"
        )
    return str(model)


def _check_data_type(data_type: object) -> str:
    """The stored type for a declared one. ``options`` (how later API versions declare a
    list attribute, and what the current SDKs send) is a string attribute with options."""
    if data_type == LIST_DATA_TYPE:
        return "string"
    if not isinstance(data_type, str) or data_type not in DATA_TYPES:
        raise ParameterInvalid("Data Type isn't an option", field="data_type")
    return DATA_TYPES[data_type]


def _check_name(name: object) -> str:
    if name is UNSET or name is None:
        raise ParameterNotFound("name is a required parameter.", field="name")
    if not valid_name(name):
        raise ParameterInvalid(NAME_MESSAGE, field="name")
    return str(name)


def _clash_message(name: str, existing_model: str, new_model: str) -> str:
    return (
        f"You already have '{name}' in your {_MODEL_DATA[existing_model]} data. "
        f"To save this as new {_MODEL_DATA[new_model]} data, use a different name."
    )


def _check_unique(db: Session, *, workspace_id: int, name: str, model: str) -> None:
    existing = db.execute(
        select(_TABLE.c.name, _TABLE.c.model).where(
            _TABLE.c.workspace_id == workspace_id, func.lower(_TABLE.c.name) == name.lower()
        )
    ).first()
    if existing is not None:
        raise ParameterInvalid(_clash_message(existing.name, existing.model, model), field="name")
    if name.lower() in builtin_names(model):
        raise ParameterInvalid(_clash_message(name, model, model), field="name")


def _options(raw: Any, data_type: str) -> list[str] | None:
    """The options of a list attribute as plain strings; ``None`` when it is not one."""
    if raw is None:
        return None
    if not isinstance(raw, list):
        raise ParameterInvalid("Options isn't an array", field="options")
    values: list[str] = []
    for item in raw:
        value = item.get("value") if isinstance(item, dict) else item
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_CUSTOM_STRING:
            raise ParameterInvalid(
                'Each option must be a non-empty string or an object {"value": "..."}',
                field="options",
            )
        if value not in values:
            values.append(value)
    if not values:
        return None
    if data_type != "string":
        raise ParameterInvalid("Only string attributes can have options", field="options")
    if len(values) < 2:
        raise ParameterInvalid("A list attribute needs at least two options", field="options")
    if len(values) > MAX_OPTIONS:
        raise ParameterInvalid(f"A list attribute has at most {MAX_OPTIONS} options")
    return values


def list_attributes(
    db: Session | Connection, *, workspace_id: int, model: str | None, include_archived: bool
) -> tuple[list[BuiltinAttribute], list[Row[Any]]]:
    """The built-in attributes and the custom ones (rows, oldest first) of one or all models."""
    if model is not None and model not in LIST_MODELS:
        raise ParameterInvalid("model must be one of contact, company, conversation", field="model")
    builtins = [a for a in BUILTIN_ATTRIBUTES if model is None or a.model == model]
    stmt = select(_TABLE).where(_TABLE.c.workspace_id == workspace_id)
    if model is not None:
        stmt = stmt.where(_TABLE.c.model == model)
    if not include_archived:
        stmt = stmt.where(_TABLE.c.archived.is_(False))
    return builtins, list(db.execute(stmt.order_by(_TABLE.c.id)).all())


def create(
    db: Session, *, workspace_id: int, admin_id: int | None, data: DataAttributeCreate, now: int
) -> DataAttribute:
    """Declare a custom attribute; every refusal is 400 ``parameter_invalid``. A contact
    attribute gets its search index in the same transaction."""
    model = _check_model(data.model)
    name = _check_name(data.name)
    data_type = _check_data_type(data.data_type)
    _check_unique(db, workspace_id=workspace_id, name=name, model=model)
    options = None if data.options is UNSET else _options(data.options, data_type)
    if data.data_type == LIST_DATA_TYPE and options is None:
        raise ParameterInvalid("A list attribute needs at least two options", field="options")
    attribute = DataAttribute(
        workspace_id=workspace_id,
        model=model,
        name=name,
        label=name,
        description=data.description or None,
        data_type=data_type,
        options=options,
        api_writable=True,
        ui_writable=False,
        messenger_writable=True
        if data.messenger_writable in (UNSET, None)
        else data.messenger_writable,
        archived=False,
        admin_id=admin_id,
        created_at=now,
        updated_at=now,
    )
    db.add(attribute)
    db.flush()
    _index(db, model=model, name=name, data_type=data_type)
    return attribute


def _index(db: Session | Connection, *, model: str, name: str, data_type: str) -> None:
    """The search index of a newly declared attribute, in the declaring transaction."""
    connection = db.connection() if isinstance(db, Session) else db
    ensure_search_index(connection, model=model, name=name, kind=_SEARCH_TYPES[data_type])


def update(
    db: Session, *, workspace_id: int, attribute_id: str, data: DataAttributeUpdate, now: int
) -> DataAttribute:
    """Change a custom attribute's description, options, messenger_writable or archived flag.

    Raises:
        DataAttributeNotFound: no custom attribute ``attribute_id`` in the workspace.
        ParameterInvalid: bad options, or a ``data_type`` other than the attribute's own.
        DataAttributeInUse: archiving an attribute a segment filters on.
    """
    number = parse_numeric_id(attribute_id)
    attribute = db.get(DataAttribute, number) if number is not None else None
    if attribute is None or attribute.workspace_id != workspace_id:
        raise DataAttributeNotFound()
    if data.data_type is not UNSET and _check_data_type(data.data_type) != attribute.data_type:
        raise ParameterInvalid(
            "The data type of a data attribute cannot be changed", field="data_type"
        )
    if data.options is not UNSET:
        attribute.options = _options(data.options, attribute.data_type)
    if data.description is not UNSET:
        attribute.description = data.description or None
    if data.messenger_writable not in (UNSET, None):
        attribute.messenger_writable = bool(data.messenger_writable)
    if data.archived not in (UNSET, None):
        if data.archived and not attribute.archived:
            field = f"custom_attributes.{attribute.name}"
            if segments_using_field(db, workspace_id=workspace_id, field=field):
                raise DataAttributeInUse()
        attribute.archived = bool(data.archived)
    attribute.updated_at = max(now, attribute.updated_at)
    db.flush()
    return attribute


def ensure_data_attribute(
    db: Session | Connection,
    *,
    workspace_id: int,
    model: str,
    name: str,
    data_type: str,
    now: int,
) -> None:
    """Declare ``name`` for ``model`` unless an attribute of that name exists already.

    For code that writes custom attributes without going through the API (bulk seeding). An
    existing attribute is left as it is, whatever its type. A new one gets its search index
    (:mod:`~backchannel.resources.data_attributes.indexes`) in the same transaction.
    """
    model = _check_model(model)
    name = _check_name(name)
    data_type = _check_data_type(data_type)
    exists = db.execute(
        select(_TABLE.c.id).where(
            _TABLE.c.workspace_id == workspace_id, func.lower(_TABLE.c.name) == name.lower()
        )
    ).first()
    if exists is not None:
        return
    db.execute(
        insert(DataAttribute).values(
            workspace_id=workspace_id,
            model=model,
            name=name,
            label=name,
            description=None,
            data_type=data_type,
            options=None,
            api_writable=True,
            ui_writable=False,
            messenger_writable=True,
            archived=False,
            admin_id=None,
            created_at=now,
            updated_at=now,
        )
    )
    _index(db, model=model, name=name, data_type=data_type)


def search_types(
    db: Session | Connection, *, workspace_id: int, model: str
) -> dict[str, FieldType]:
    """The search type of every declared custom attribute of ``model`` (archived ones too:
    their stored values are still searchable)."""
    rows = db.execute(
        select(_TABLE.c.name, _TABLE.c.data_type).where(
            _TABLE.c.workspace_id == workspace_id, _TABLE.c.model == model
        )
    )
    return {row.name: _SEARCH_TYPES[row.data_type] for row in rows}


# Custom attribute writes -----------------------------------------------------------------

_EXPECTED = {
    "string": "a string",
    "integer": "an integer",
    "float": "a number",
    "boolean": "a boolean",
    "date": "a date in unix seconds (an integer)",
}


def _missing_message(model: str, name: str) -> str:
    noun = "Conversation attribute" if model == "conversation" else "Custom attribute"
    return f"{noun} '{name}' does not exist"


def _fits(data_type: str, value: Any) -> bool:
    if data_type == "string":
        return isinstance(value, str)
    if data_type == "boolean":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if data_type in ("integer", "date"):
        return isinstance(value, int)
    return isinstance(value, int | float)  # float: integers are numbers too


def _check_value(name: str, value: Any) -> Any:
    if check_scalar(
        value, label=f"Custom attribute '{name}'", field=name, max_string=MAX_CUSTOM_STRING
    ):
        return value
    raise ParameterInvalid(
        f"Custom attribute '{name}' must be a string, number, boolean or null", field=name
    )


def _declared(
    db: Session, *, workspace_id: int, model: str, names: Collection[str]
) -> dict[str, Any]:
    rows = db.execute(
        select(_TABLE.c.name, _TABLE.c.data_type, _TABLE.c.archived, _TABLE.c.api_writable).where(
            _TABLE.c.workspace_id == workspace_id,
            _TABLE.c.model == model,
            _TABLE.c.name.in_(list(names)),
        )
    )
    return {row.name: row for row in rows}


def merge_custom_attributes(
    db: Session,
    *,
    workspace_id: int,
    model: str,
    current: dict[str, Any],
    changes: dict[str, Any],
) -> dict[str, Any]:
    """``current`` with ``changes`` applied key by key; a ``null`` value clears that key.

    Every key must name a declared, non-archived, API-writable custom attribute of ``model``
    (``contact``, ``company`` or ``conversation``), else 400 ``parameter_invalid`` "Custom
    attribute '<name>' does not exist"; values must fit its data type (string; integer; float,
    integers allowed; boolean; date as integer unix seconds). ``null`` may also clear a key
    whose attribute has been archived since. The result holds at most 250 attributes.
    """
    merged = dict(current)
    if not changes:
        return merged
    names = [name for name in changes if isinstance(name, str)]
    declared = _declared(db, workspace_id=workspace_id, model=model, names=names)
    for name, value in changes.items():
        field = f"custom_attributes.{name}"
        if not valid_name(name):
            raise ParameterInvalid(f"Custom attribute name '{name}' is invalid", field=field)
        attribute = declared.get(name)
        usable = attribute is not None and attribute.api_writable and not attribute.archived
        if value is None and (usable or name in merged):
            merged.pop(name, None)
            continue
        if attribute is None or not usable:
            raise ParameterInvalid(_missing_message(model, name), field=field)
        value = _check_value(field, value)
        if not _fits(attribute.data_type, value):
            raise ParameterInvalid(
                f"Custom attribute '{name}' has data type {attribute.data_type}: its value "
                f"must be {_EXPECTED[attribute.data_type]}",
                field=field,
            )
        merged[name] = value
    if len(merged) > MAX_CUSTOM_ATTRIBUTES:
        raise ParameterInvalid(
            f"A {model} can hold at most {MAX_CUSTOM_ATTRIBUTES} custom attributes",
            field="custom_attributes",
            code="custom_data_limit_reached",
        )
    return merged
