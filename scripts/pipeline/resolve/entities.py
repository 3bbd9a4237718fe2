"""Resolve stage: which organisation or person each name stands for.

Takes: the register of known entities, then every organisation and person the signatures name.
Gives: one `OrganisationRecord` or `PersonRecord` per distinct entity, found by any of its
names (name, acronym, alias; compared after `normalise_name`, so case, accents, punctuation
and "&"/"and" do not matter), and the table of printed names that `mentions` looks for.
Organisations the register does not list get their kind from `organisation_kinds` rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scripts.common.identifiers import normalise_name, slug
from scripts.curated.register import Organisation, Register
from scripts.pipeline.extract.names import STARTS_WITH_HONORIFIC
from scripts.pipeline.resolve.organisation_kinds import kind_by_rules


@dataclass
class OrganisationRecord:
    id: str
    name: str
    kind: str
    kind_rule: str
    acronym: str | None = None
    member_count: int | None = None
    member_unit: str | None = None
    in_register: bool = False
    note: str | None = None
    printed_names: set[str] = field(default_factory=set)


@dataclass
class PersonRecord:
    id: str
    name: str
    in_register: bool = False
    note: str | None = None
    printed_names: set[str] = field(default_factory=set)


class EntityResolver:
    def __init__(self, register: Register):
        self.organisations: dict[str, OrganisationRecord] = {}
        self.people: dict[str, PersonRecord] = {}
        self._organisation_keys: dict[str, str] = {}  # normalised name or acronym -> id
        self._person_keys: dict[str, str] = {}
        for entity in register.organisations:
            self._add_organisation(self._from_register(entity), entity.names)
        for entity in register.people:
            record = PersonRecord(entity.id, entity.name, in_register=True, note=entity.note, printed_names=set(entity.names))
            self.people[record.id] = record
            for name in entity.names:
                self._person_keys.setdefault(normalise_name(name), record.id)

    @staticmethod
    def _from_register(entity: Organisation) -> OrganisationRecord:
        return OrganisationRecord(
            id=entity.id, name=entity.name, kind=entity.kind, kind_rule="register", acronym=entity.acronym,
            in_register=True, note=entity.note, printed_names=set(entity.names),
        )

    def _add_organisation(self, record: OrganisationRecord, names) -> None:
        self.organisations[record.id] = record
        for name in names:
            self._organisation_keys.setdefault(normalise_name(name), record.id)
        if record.acronym:
            self._organisation_keys.setdefault(normalise_name(record.acronym), record.id)

    def find_organisation(self, name: str, acronym: str | None = None) -> OrganisationRecord | None:
        for key in (normalise_name(name), normalise_name(acronym) if acronym else None):
            if key and key in self._organisation_keys:
                return self.organisations[self._organisation_keys[key]]
        return None

    def organisation(
        self, name: str, printed: str, acronym: str | None = None, member_count: int | None = None, member_unit: str | None = None
    ) -> OrganisationRecord:
        """The organisation a signature names, created from the signature when it is new."""
        record = self.find_organisation(name, acronym) or self.find_organisation(printed)
        if record is None:
            kind, rule = kind_by_rules(printed, member_unit)
            record = OrganisationRecord(id=slug(name), name=name, kind=kind, kind_rule=rule, acronym=acronym)
            self._add_organisation(record, {name})
        if record.acronym is None and acronym:
            record.acronym = acronym
            self._organisation_keys.setdefault(normalise_name(acronym), record.id)
        if record.member_count is None and member_count is not None:
            record.member_count, record.member_unit = member_count, member_unit
        record.printed_names.update({printed, name} | ({acronym} if acronym else set()))
        return record

    def person(self, printed: str) -> PersonRecord:
        """The person a signature names; an honorific ("Cllr", "Dr") is not part of who they are."""
        name = STARTS_WITH_HONORIFIC.sub("", printed).strip() or printed
        key = normalise_name(name)
        if key in self._person_keys:
            record = self.people[self._person_keys[key]]
        else:
            record = PersonRecord(id=slug(name), name=name)
            self.people[record.id] = record
            self._person_keys[key] = record.id
        record.printed_names.add(printed)
        return record

    def printed_names(self) -> dict[str, tuple[str, str]]:
        """Every printed form to look for in the texts -> (entity type, id). People's names and
        register entries win over a signature-derived name printed the same way."""
        names: dict[str, tuple[str, str]] = {}
        for record in sorted(self.organisations.values(), key=lambda r: not r.in_register):
            for name in record.printed_names:
                names.setdefault(name, ("organisation", record.id))
        for record in self.people.values():
            for name in record.printed_names:
                names[name] = ("person", record.id)
        return names
