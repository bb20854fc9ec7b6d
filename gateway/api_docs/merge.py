"""Combining OpenAPI 3 documents into one: paths moved to other prefixes, components merged
without name clashes, and components no path uses left out. Pure functions on plain dicts;
the inputs are never changed."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

# Components a path can reach only through a "$ref"; security schemes are named, not referenced.
REFERENCED_KINDS = ("schemas", "responses", "parameters", "examples", "requestBodies", "headers", "links", "callbacks")


@dataclass
class Part:
    """Paths and the components they use, from one source. `name` prefixes the source's
    components whose names another source already uses for something else."""

    name: str
    paths: dict[str, Any]
    components: dict[str, dict[str, Any]] = field(default_factory=dict)
    tags: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Merged:
    paths: dict[str, Any]
    components: dict[str, dict[str, Any]]
    tags: list[dict[str, Any]]


def moved_paths(document: dict, upstream_prefix: str, public_prefix: str) -> dict[str, Any]:
    """The document's paths at or under `upstream_prefix`, with that prefix replaced."""
    return {
        public_prefix + path[len(upstream_prefix) :]: copy.deepcopy(item)
        for path, item in document.get("paths", {}).items()
        if path == upstream_prefix or path.startswith(upstream_prefix + "/")
    }


def merge(parts: list[Part]) -> Merged:
    """One set of paths and components; a component of a later part that clashes with an
    earlier one of the same name is renamed `<Part><Name>`, one equal to it is shared."""
    merged = Merged(paths={}, components={}, tags=[])
    for part in parts:
        renames = _renames(part, merged.components)
        for kind, named in _with_refs_renamed(part.components, renames).items():
            into = merged.components.setdefault(kind, {})
            for name, value in named.items():
                if kind in REFERENCED_KINDS:
                    into[renames[kind].get(name, name)] = value
                else:  # a security scheme: the first source's definition of a name stands
                    into.setdefault(name, value)
        for path, item in _with_refs_renamed(part.paths, renames).items():
            if path in merged.paths:
                raise ValueError(f"{path} is documented twice (again by {part.name})")
            merged.paths[path] = item
        known_tags = {tag["name"] for tag in merged.tags}
        merged.tags += [copy.deepcopy(tag) for tag in part.tags if tag["name"] not in known_tags]
    return merged


def without_unused(merged: Merged) -> Merged:
    """Only the components and tags some path uses (security schemes are all kept)."""
    used: dict[str, set[str]] = {}
    pending = list(_refs(merged.paths))
    while pending:
        kind, name = pending.pop()
        if name in used.setdefault(kind, set()):
            continue
        used[kind].add(name)
        pending += _refs(merged.components.get(kind, {}).get(name, {}))
    components = {
        kind: {
            name: value for name, value in named.items() if kind not in REFERENCED_KINDS or name in used.get(kind, ())
        }
        for kind, named in merged.components.items()
    }
    tag_names = {
        tag for item in merged.paths.values() for operation in operations(item) for tag in operation.get("tags", ())
    }
    return Merged(
        paths=merged.paths,
        components={kind: named for kind, named in components.items() if named},
        tags=[tag for tag in merged.tags if tag["name"] in tag_names],
    )


def operations(path_item: dict) -> list[dict]:
    """The operations of a path item (its HTTP methods), not its shared parameters."""
    return [
        operation
        for method, operation in path_item.items()
        if method in ("get", "put", "post", "delete", "options", "head", "patch", "trace")
    ]


def _renames(part: Part, taken: dict[str, dict[str, Any]]) -> dict[str, dict[str, str]]:
    """New names for the part's components that differ from a taken one of the same name.
    Repeated until nothing changes: renaming one component changes the references in others."""
    renames: dict[str, dict[str, str]] = {kind: {} for kind in REFERENCED_KINDS}
    changed = True
    while changed:
        changed = False
        for kind, named in part.components.items():
            if kind not in REFERENCED_KINDS:
                continue
            for name, value in named.items():
                existing = taken.get(kind, {}).get(name)
                if name in renames[kind] or existing is None or existing == _with_refs_renamed(value, renames):
                    continue
                in_use = set(taken.get(kind, {})) | set(named) | set(renames[kind].values())
                renames[kind][name] = _free_name(part.name[:1].upper() + part.name[1:] + name, in_use)
                changed = True
    return renames


def _free_name(wanted: str, in_use: set[str]) -> str:
    name, number = wanted, 2
    while name in in_use:
        name, number = f"{wanted}{number}", number + 1
    return name


def _with_refs_renamed(value: Any, renames: dict[str, dict[str, str]]) -> Any:
    if isinstance(value, dict):
        ref = value.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/"):
            _, _, kind, name = ref.split("/", 3)
            if name in renames.get(kind, {}):
                return {**value, "$ref": f"#/components/{kind}/{renames[kind][name]}"}
        return {key: _with_refs_renamed(item, renames) for key, item in value.items()}
    if isinstance(value, list):
        return [_with_refs_renamed(item, renames) for item in value]
    return value


def _refs(value: Any):
    """(kind, name) of every local component reference in `value`."""
    if isinstance(value, dict):
        ref = value.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/"):
            _, _, kind, name = ref.split("/", 3)
            yield kind, name
        for item in value.values():
            yield from _refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _refs(item)
