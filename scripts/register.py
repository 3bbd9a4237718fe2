"""Read the register of known entities (`register.yml` in the seeds folder).

Takes: the seeds folder. Gives: a `Register` of organisations and people, each with the names
the documents may use for it (name, acronym, aliases). The file is optional: without it the
build still extracts letters and signatories by their form, and finds no mentions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scripts.data_files import KEY_LINES, LINE, fields_of, load_data_file, text_or_none
from scripts.errors import BuildError
from scripts.identifiers import slug
from scripts.organisation_kinds import ORGANISATION_KINDS

REGISTER_FILE_NAME = "register.yml"
ORGANISATION_FIELDS = {"id", "name", "acronym", "aliases", "kind", "note"}
PERSON_FIELDS = {"id", "name", "aliases", "note"}


@dataclass(frozen=True)
class Entity:
    """A known organisation or person."""

    type: str  # "organisation" or "person"
    id: str
    name: str
    line: int
    acronym: str | None = None
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    note: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every form the documents may print: name, acronym and aliases."""
        return tuple(name for name in (self.name, self.acronym, *self.aliases) if name)


@dataclass
class Register:
    organisations: list[Entity] = field(default_factory=list)
    people: list[Entity] = field(default_factory=list)

    @property
    def entities(self) -> list[Entity]:
        return self.organisations + self.people


def load_register(seeds_dir: Path) -> Register:
    path = seeds_dir / REGISTER_FILE_NAME
    content = load_data_file(path)
    if content is None or content == "":
        return Register()
    if not isinstance(content, dict):
        raise BuildError(path, "expected 'organisations:' and 'people:' lists", 1)
    unknown = set(fields_of(content)) - {"organisations", "people"}
    if unknown:
        name = sorted(unknown)[0]
        raise BuildError(path, f"unknown section {name!r} (known: organisations, people)", content[KEY_LINES][name])
    register = Register(
        organisations=_entities(path, content.get("organisations") or [], "organisation", ORGANISATION_FIELDS),
        people=_entities(path, content.get("people") or [], "person", PERSON_FIELDS),
    )
    _check_unique(path, register)
    return register


def _entities(path: Path, entries: list, entity_type: str, allowed: set[str]) -> list[Entity]:
    if not isinstance(entries, list):
        raise BuildError(path, f"the {entity_type} entries must be a list")
    entities = []
    for entry in entries:
        if not isinstance(entry, dict):
            raise BuildError(path, f"each {entity_type} must be a mapping of fields")
        line = entry[LINE]
        fields = fields_of(entry)
        unknown = set(fields) - allowed
        if unknown:
            raise BuildError(path, f"unknown field {sorted(unknown)[0]!r} (known: {', '.join(sorted(allowed))})", line)
        name = text_or_none(fields.get("name"))
        if not name:
            raise BuildError(path, f"a {entity_type} needs a name", line)
        entity_id = text_or_none(fields.get("id")) or slug(name)
        if entity_id != slug(entity_id):
            raise BuildError(path, f"id {entity_id!r} must be lower-case words joined by hyphens", line)
        aliases = fields.get("aliases") or []
        if not isinstance(aliases, list):
            raise BuildError(path, f"aliases of {name} must be a list", line)
        kind = text_or_none(fields.get("kind"))
        if entity_type == "organisation" and kind not in ORGANISATION_KINDS:
            raise BuildError(path, f"kind {kind!r} of {name} is not one of: {', '.join(ORGANISATION_KINDS)}", line)
        entities.append(
            Entity(
                type=entity_type,
                id=entity_id,
                name=name,
                line=line,
                acronym=text_or_none(fields.get("acronym")),
                aliases=tuple(text_or_none(alias) for alias in aliases if text_or_none(alias)),
                kind=kind,
                note=text_or_none(fields.get("note")),
            )
        )
    return entities


def _check_unique(path: Path, register: Register) -> None:
    """An id, or a name a document may print, must point at one entity only."""
    seen_ids: dict[str, Entity] = {}
    seen_names: dict[str, Entity] = {}
    for entity in register.entities:
        if entity.id in seen_ids:
            raise BuildError(path, f"id {entity.id!r} is used twice (first on line {seen_ids[entity.id].line})", entity.line)
        seen_ids[entity.id] = entity
        for name in entity.names:
            other = seen_names.get(name)
            if other and other is not entity:
                raise BuildError(path, f"{name!r} names both {other.id} and {entity.id}", entity.line)
            seen_names[name] = entity
