"""The shared builders: word values, and what ``compare`` refuses."""

from __future__ import annotations

import pytest

from backchannel.core.search import FieldSpec, FieldType, Operator, compare, one_word
from backchannel.db.tables import Conversation


@pytest.mark.parametrize(
    ("value", "word"),
    [
        ("support", "support"),
        (" Support ", "support"),
        ("order_42", "order_42"),
        ("Straße", "strasse"),
        ("need support", None),
        ("support!", None),
        ("<b>support</b>", None),
        ("", None),
        ("%", None),
    ],
)
def test_one_word(value, word):
    assert one_word(value) == word


def test_compare_refuses_negations_and_null():
    spec = FieldSpec("state", FieldType.STRING, Conversation.state)
    assert compare(spec, Operator.EQ, "open") is not None
    with pytest.raises(ValueError):
        compare(spec, Operator.NE, "open")
    with pytest.raises(ValueError):
        compare(spec, Operator.EQ, None)
