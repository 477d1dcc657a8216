"""The search engine shared by contacts, conversations and tickets.

``body -> parse_search_request -> SearchRequest (frozen AST) -> compile_query -> WHERE``, and
``sort_keys`` for keyset paging with :func:`backchannel.core.pagination.cursor_page`. Each
searchable resource declares a :class:`FieldRegistry` of :class:`FieldSpec`; fields that are
not one plain column use the builders of :mod:`backchannel.core.search.builders`.
"""

from __future__ import annotations

from backchannel.core.search.ast import (
    And,
    Node,
    Operator,
    Or,
    Predicate,
    Scalar,
    Value,
    predicates,
    to_json,
)
from backchannel.core.search.builders import (
    ElementCompare,
    exists_builder,
    numeric_id_compare,
    one_word,
    text_compare,
    value_builder,
    words_builder,
)
from backchannel.core.search.compile import compare, compile_query, day_bounds
from backchannel.core.search.context import CompileContext
from backchannel.core.search.fields import (
    CUSTOM_ATTRIBUTE_PREFIX,
    Builder,
    ContextBuilder,
    DateRule,
    DynamicFields,
    FieldRegistry,
    FieldSpec,
    FieldType,
    custom_index_expression,
    default_operators,
)
from backchannel.core.search.paging import search_page
from backchannel.core.search.parse import (
    MAX_DEPTH,
    MAX_GROUP_ITEMS,
    SearchRequest,
    Sort,
    SortOrder,
    parse_query,
    parse_search_request,
    parse_sort,
)
from backchannel.core.search.sorting import field_sort_key, sort_keys
from backchannel.core.search.values import MAX_ARRAY_ITEMS, MAX_STRING_LENGTH, check_predicate

__all__ = [
    "CUSTOM_ATTRIBUTE_PREFIX",
    "MAX_ARRAY_ITEMS",
    "MAX_DEPTH",
    "MAX_GROUP_ITEMS",
    "MAX_STRING_LENGTH",
    "And",
    "Builder",
    "CompileContext",
    "ContextBuilder",
    "DateRule",
    "DynamicFields",
    "ElementCompare",
    "FieldRegistry",
    "FieldSpec",
    "FieldType",
    "Node",
    "Operator",
    "Or",
    "Predicate",
    "Scalar",
    "SearchRequest",
    "Sort",
    "SortOrder",
    "Value",
    "check_predicate",
    "compare",
    "compile_query",
    "custom_index_expression",
    "day_bounds",
    "default_operators",
    "exists_builder",
    "field_sort_key",
    "numeric_id_compare",
    "one_word",
    "parse_query",
    "parse_search_request",
    "parse_sort",
    "predicates",
    "search_page",
    "sort_keys",
    "text_compare",
    "to_json",
    "value_builder",
    "words_builder",
]
