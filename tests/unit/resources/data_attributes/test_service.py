"""The data attribute service: names, declaring attributes outside the API, typed writes."""

from __future__ import annotations

import pytest

from backchannel.core.errors import ParameterInvalid
from backchannel.core.search import FieldType
from backchannel.db.tables import DataAttribute
from backchannel.resources.data_attributes import service
from backchannel.resources.data_attributes.schemas import DataAttributeCreate
from tests.conftest import START


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("plan", True),
        ("Mithril Shirt", True),
        ("price-in-$", True),
        ("prix €", True),
        ("snake_case_2", True),
        ("naïve", True),
        ("", False),
        (" plan", False),
        ("plan ", False),
        ("a.b", False),
        ('a"b', False),
        ("a\\b", False),
        ("!nv@l!d", False),
        ("x" * 190, True),
        ("x" * 191, False),
        (7, False),
        (None, False),
    ],
)
def test_valid_name(name, valid):
    assert service.valid_name(name) is valid


def _create(db, workspace, name, data_type="string", model="contact"):
    return service.create(
        db,
        workspace_id=workspace.workspace.id,
        admin_id=workspace.admin.id,
        data=DataAttributeCreate(name=name, model=model, data_type=data_type),
        now=START,
    )


def test_ensure_data_attribute_declares_once(db, workspace):
    ws = workspace.workspace.id
    for _ in range(2):
        service.ensure_data_attribute(
            db, workspace_id=ws, model="contact", name="seats", data_type="integer", now=START
        )
    rows = db.query(DataAttribute).filter_by(workspace_id=ws).all()
    assert [(r.name, r.data_type, r.admin_id, r.archived) for r in rows] == [
        ("seats", "integer", None, False)
    ]


def test_ensure_data_attribute_keeps_an_existing_one(db, workspace):
    made = _create(db, workspace, "Seats", "float")
    service.ensure_data_attribute(
        db,
        workspace_id=workspace.workspace.id,
        model="contact",
        name="seats",
        data_type="integer",
        now=START,
    )
    assert db.query(DataAttribute).count() == 1
    assert made.data_type == "float"


def test_ensure_data_attribute_checks_its_input(db, workspace):
    with pytest.raises(ParameterInvalid):
        service.ensure_data_attribute(
            db,
            workspace_id=workspace.workspace.id,
            model="contact",
            name="bad.name",
            data_type="string",
            now=START,
        )


def test_search_types(db, workspace, other_workspace):
    _create(db, workspace, "plan")
    _create(db, workspace, "renews", "datetime")
    _create(db, workspace, "score", "float")
    _create(db, workspace, "tier", "string", model="company")
    service.ensure_data_attribute(
        db,
        workspace_id=other_workspace.workspace.id,
        model="contact",
        name="seats",
        data_type="integer",
        now=START,
    )
    assert service.search_types(db, workspace_id=workspace.workspace.id, model="contact") == {
        "plan": FieldType.STRING,
        "renews": FieldType.DATE,
        "score": FieldType.FLOAT,
    }


def test_merge_custom_attributes(db, workspace):
    _create(db, workspace, "plan")
    _create(db, workspace, "seats", "integer")
    merged = service.merge_custom_attributes(
        db,
        workspace_id=workspace.workspace.id,
        model="contact",
        current={"plan": "free", "seats": 1},
        changes={"plan": None, "seats": 2},
    )
    assert merged == {"seats": 2}


def test_merge_custom_attributes_without_changes_reads_nothing(db, workspace):
    current = {"legacy": "kept"}
    merged = service.merge_custom_attributes(
        db, workspace_id=workspace.workspace.id, model="contact", current=current, changes={}
    )
    assert merged == current and merged is not current


def test_merge_custom_attributes_conversation_wording(db, workspace):
    with pytest.raises(ParameterInvalid) as raised:
        service.merge_custom_attributes(
            db,
            workspace_id=workspace.workspace.id,
            model="conversation",
            current={},
            changes={"anything": "x"},
        )
    assert raised.value.message == "Conversation attribute 'anything' does not exist"


def test_merge_custom_attributes_not_api_writable(db, workspace):
    attribute = _create(db, workspace, "plan")
    attribute.api_writable = False
    db.flush()
    with pytest.raises(ParameterInvalid) as raised:
        service.merge_custom_attributes(
            db,
            workspace_id=workspace.workspace.id,
            model="contact",
            current={},
            changes={"plan": "pro"},
        )
    assert raised.value.message == "Custom attribute 'plan' does not exist"


def test_merge_custom_attributes_limit(db, workspace):
    _create(db, workspace, "one_more")
    current = {f"k{i}": i for i in range(service.MAX_CUSTOM_ATTRIBUTES)}
    with pytest.raises(ParameterInvalid) as raised:
        service.merge_custom_attributes(
            db,
            workspace_id=workspace.workspace.id,
            model="contact",
            current=current,
            changes={"one_more": "x"},
        )
    assert raised.value.code == "custom_data_limit_reached"
