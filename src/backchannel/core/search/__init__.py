"""The search engine shared by contacts, conversations and tickets.

``body -> parse_search_request -> SearchRequest (frozen AST) -> compile_query -> WHERE``, and
``sort_keys`` for keyset paging with :func:`backchannel.core.pagination.cursor_page`. Each
searchable resource declares a :class:`FieldRegistry` of :class:`FieldSpec`.
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
from backchannel.core.search.compile import compile_query, day_bounds
from backchannel.core.search.context import CompileContext
from backchannel.core.search.fields import (
    CUSTOM_ATTRIBUTE_PREFIX,
    Builder,
    ContextBuilder,
    DateRule,
    FieldRegistry,
    FieldSpec,
    FieldType,
    custom_index_expression,
    default_operators,
)
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
    "compile_query",
    "custom_index_expression",
    "day_bounds",
    "default_operators",
    "field_sort_key",
    "parse_query",
    "parse_search_request",
    "parse_sort",
    "predicates",
    "sort_keys",
    "to_json",
]
