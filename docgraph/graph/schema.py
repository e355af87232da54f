"""The default schema (``shared/ontology.md``) and the guard on names that reach Cypher.

Labels and relationship types cannot be Cypher parameters, so every one that is spliced
into a query passes :func:`check_label` or :func:`check_type` first: a safe identifier
pattern, then backtick quoting as a second fence.
"""

from __future__ import annotations

import re

from docgraph.errors import SchemaError

__all__ = [
    "DOCUMENT_LABEL",
    "ENTITY_LABEL",
    "ENTITY_LABELS",
    "MENTIONED_IN",
    "RELATION_TYPES",
    "check_label",
    "check_property",
    "check_type",
    "quote",
]

ENTITY_LABEL = "Entity"
DOCUMENT_LABEL = "Document"
MENTIONED_IN = "MENTIONED_IN"

ENTITY_LABELS = ("Country", "Organization", "Person", "Location", "Event", "Program")

RELATION_TYPES = (
    "DIPLOMATIC_RELATIONS",
    "MEMBER_OF",
    "LEADER_OF",
    "AMBASSADOR_OF",
    "AMBASSADOR_TO",
    "FUNDED",
    "DEPLOYED_TROOPS_IN",
    "EXPELLED",
    "CONDUCTED",
    "PARTICIPATED_IN",
    "IMPLEMENTED",
    "PART_OF",
    "LOCATED_IN",
    "CITIZEN_OF",
    "RELATED_TO",
)

_LABEL = re.compile(r"[A-Z][A-Za-z0-9]{0,63}")
_TYPE = re.compile(r"[A-Z][A-Z0-9_]{0,63}")
_PROPERTY = re.compile(r"[a-z][a-z0-9_]{0,63}")


def check_label(label: str) -> str:
    """Return ``label`` if it is a PascalCase identifier, else raise :class:`SchemaError`.

    >>> check_label("Country")
    'Country'
    """
    if not isinstance(label, str) or not _LABEL.fullmatch(label):
        raise SchemaError(
            f"invalid label {label!r}: labels are PascalCase letters and digits "
            f"(built-in: {', '.join(ENTITY_LABELS)})"
        )
    return label


def check_type(rel_type: str) -> str:
    """Return ``rel_type`` if it is an UPPER_SNAKE_CASE identifier, else raise."""
    if not isinstance(rel_type, str) or not _TYPE.fullmatch(rel_type):
        raise SchemaError(
            f"invalid relationship type {rel_type!r}: types are UPPER_SNAKE_CASE "
            f"(built-in: {', '.join(RELATION_TYPES)})"
        )
    return rel_type


def check_property(name: str) -> str:
    """Return ``name`` if it is a lower_snake_case property name, else raise."""
    if not isinstance(name, str) or not _PROPERTY.fullmatch(name):
        raise SchemaError(f"invalid property name {name!r}: use lower_snake_case")
    return name


def quote(identifier: str) -> str:
    """Backtick-quote an already checked identifier for Cypher."""
    return "`" + identifier.replace("`", "``") + "`"
