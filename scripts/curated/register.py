"""The register of known entities (`register.yml` in the seeds folder).

Takes: the seeds folder. Gives: a `Register` of organisations and people, each with the names
the documents may use for it (name, acronym, aliases). The file is optional: without it the
build still extracts letters and signatories by their form, and finds no mentions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, ClassVar

from pydantic import field_validator, model_validator

from scripts.common.errors import BuildError
from scripts.common.identifiers import slug
from scripts.curated.schema import CuratedFile, Entry, RequiredText, Text, Texts, check_unique_ids, one_of, read_curated_file
from scripts.pipeline.resolve.organisation_kinds import ORGANISATION_KINDS

REGISTER_FILE_NAME = "register.yml"


class KnownEntity(Entry):
    """A known organisation or person."""

    id: Text = None  # permanent; the slug of the name when not given
    name: RequiredText
    aliases: Texts = ()
    note: Text = None

    @field_validator("id")
    @classmethod
    def _id_is_a_slug(cls, entity_id: str | None) -> str | None:
        if entity_id is not None and entity_id != slug(entity_id):
            raise ValueError(f"{entity_id!r} must be lower-case words joined by hyphens")
        return entity_id

    @model_validator(mode="after")
    def _id_from_name(self):
        if self.id is None:
            object.__setattr__(self, "id", slug(self.name))
        return self

    @property
    def names(self) -> tuple[str, ...]:
        """Every form the documents may print: name, acronym and aliases."""
        return tuple(name for name in (self.name, getattr(self, "acronym", None), *self.aliases) if name)


class Person(KnownEntity):
    """A known person."""


class Organisation(KnownEntity):
    """A known organisation, with its kind from the controlled list."""

    acronym: Text = None
    kind: Annotated[RequiredText, one_of(ORGANISATION_KINDS)]


class Register(CuratedFile):
    shape: ClassVar[str] = "'organisations:' and 'people:' lists"
    organisations: tuple[Organisation, ...] = ()
    people: tuple[Person, ...] = ()

    @property
    def entities(self) -> list[KnownEntity]:
        return [*self.organisations, *self.people]


def load_register(seeds_dir: Path) -> Register:
    path = seeds_dir / REGISTER_FILE_NAME
    register = read_curated_file(Register, path) or Register()
    _check_unique(path, register)
    return register


def _check_unique(path: Path, register: Register) -> None:
    """An id, or a name a document may print, must point at one entity only."""
    check_unique_ids(register.entities, path)
    seen_names: dict[str, KnownEntity] = {}
    for entity in register.entities:
        for name in entity.names:
            other = seen_names.setdefault(name, entity)
            if other is not entity:
                raise BuildError(path, f"{name!r} names both {other.id} and {entity.id}", entity.line)
