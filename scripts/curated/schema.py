"""The schema every curated file is checked against, with pydantic.

Each curated file is a pydantic model (`CuratedFile`) of entries (`Entry`); `validated()`
checks a file's content, as `yaml_file` read it, against its model and turns the first thing
wrong into a `BuildError` naming the file, the line of the field at fault and the field: an
unknown field is refused (a misspelt field is an error, not a silent NULL), a missing one is
named, and a value of the wrong shape says what it should be. Every entry keeps the line it
starts on (`line`), so later checks (a correction that no longer matches its document) can
name it too.

Values are strings as the curator wrote them (YAML's guessing is off); `Text` makes their
spacing single and an empty value None, as YAML's folding leaves none.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, ClassVar, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from scripts.common.errors import BuildError
from scripts.curated.yaml_file import KEY_LINES, LINE, load_data_file


def single_spaced(value: Any) -> Any:
    """A scalar with its spacing made single, or None when empty; anything else unchanged, for
    the type check to refuse."""
    if isinstance(value, str):
        return " ".join(value.split()) or None
    return value


def _texts(value: Any) -> Any:
    """A list of scalars, single-spaced, the empty ones left out; an empty value is no list."""
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [text for text in map(single_spaced, value) if text is not None]
    return value


def _without_bookkeeping(value: Any) -> Any:
    """A mapping whose keys are names the curator chose (file names, table names): the line
    numbers `yaml_file` adds are not among them."""
    if isinstance(value, dict):
        return {key: item for key, item in value.items() if key not in (LINE, KEY_LINES)}
    return value


def _empty_is_none(value: Any) -> Any:
    return None if value == "" else value


def _blank_is_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


LINE_RANGE = re.compile(r"(\d+)(?:\s*-\s*(\d+))?")


def _line_range(value: Any) -> tuple[int, int]:
    """"134-135" or "156" -> (first, last)."""
    match = LINE_RANGE.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"{value!r} must be a line number or first-last")
    return int(match.group(1)), int(match.group(2) or match.group(1))


def _yes_no(value: Any) -> Any:
    """"yes" or "no", as a curator writes a flag; anything else is refused."""
    if isinstance(value, bool):
        return value
    if value in ("yes", "no"):
        return value == "yes"
    raise ValueError(f"{value!r} must be yes or no")


Text = Annotated[str | None, BeforeValidator(single_spaced)]
YesNo = Annotated[bool, BeforeValidator(_yes_no)]
LineRange = Annotated[tuple[int, int], BeforeValidator(_line_range)]
Number = Annotated[float | None, BeforeValidator(_empty_is_none)]
Integer = Annotated[int | None, BeforeValidator(_empty_is_none)]
RequiredText = Annotated[str, BeforeValidator(single_spaced)]
Texts = Annotated[tuple[str, ...], BeforeValidator(_texts)]
RawText = Annotated[str, BeforeValidator(_blank_is_none)]  # kept as written, line breaks and all
Keyed = BeforeValidator(_without_bookkeeping)


def one_of(choices) -> AfterValidator:
    """A value from a controlled list (a kind, a separator): anything else is refused, naming the list."""

    def check(value):
        if value is not None and value not in choices:
            raise ValueError(f"{value!r} is not one of: {', '.join(choices)}")
        return value

    return AfterValidator(check)


class Entry(BaseModel):
    """One entry of a curated file: unknown fields refused; `line` is where it starts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    line: int = Field(default=0, validation_alias=LINE, exclude=True)


class CuratedFile(Entry):
    """A whole curated file: its sections, each a list or mapping of entries. `shape` says, in
    an error, what the file must be."""

    shape: ClassVar[str] = "a mapping of fields"


Model = TypeVar("Model", bound=BaseModel)


def read_curated_file(model: type[Model], path: Path) -> Model | None:
    """The curated file at `path` checked against `model`; None when it is absent or empty."""
    content = load_data_file(path)
    if content is None or content == "":
        return None
    return validated(model, content, path)


def validated(model: type[Model], content: Any, path: Path) -> Model:
    """`content` checked against `model`, or a BuildError at the line of the first problem."""
    try:
        return model.model_validate(_line_keys_dropped(content))
    except ValidationError as error:
        problems = error.errors(include_url=False)
        # A misspelt field is also a missing one: naming the misspelling helps the curator more.
        problem = next((problem for problem in problems if problem["type"] == "extra_forbidden"), problems[0])
        raise BuildError(path, describe(problem, model), _line_of(content, problem["loc"]) or 1) from None


def _line_keys_dropped(value: Any, line: int | None = None) -> Any:
    """The content as pydantic reads it: each mapping's line kept as LINE (an entry's `line`:
    the line of the key it is the value of, else where it starts), the line of each key dropped."""
    if isinstance(value, dict):
        key_lines = value.get(KEY_LINES, {})
        plain = {key: _line_keys_dropped(item, key_lines.get(key)) for key, item in value.items() if key != KEY_LINES}
        if line is not None and LINE in plain:
            plain[LINE] = line
        return plain
    if isinstance(value, list):
        return [_line_keys_dropped(item) for item in value]
    return value


def _line_of(content: Any, location: tuple) -> int | None:
    """The line of the deepest key or list item on the way to the field at fault."""
    line, current = content.get(LINE) if isinstance(content, dict) else None, content
    for step in location:
        if isinstance(current, dict) and step in current.get(KEY_LINES, {}):
            line, current = current[KEY_LINES][step], current[step]
        elif isinstance(current, list) and isinstance(step, int) and step < len(current):
            current = current[step]
            line = current.get(LINE, line) if isinstance(current, dict) else line
        else:
            break
    return line


def describe(problem: dict, model: type[BaseModel]) -> str:
    """A pydantic error in the curator's words: the field, what is wrong, and where."""
    location = [step for step in problem["loc"] if not (isinstance(step, str) and step.startswith(("function-", "tuple[", "[key]")))]
    kind, value = problem["type"], problem.get("input")
    if not location:
        return f"expected {getattr(model, 'shape', 'a mapping of fields')}"
    # The field at fault, or none when a whole entry of a list is (a check across its fields).
    field, within = (location[-1], location[:-1]) if isinstance(location[-1], str) else (None, location)
    steps = [f"entry {step + 1}" if isinstance(step, int) else step for step in within]
    where = f" (in {' › '.join(steps)})" if steps else ""
    if kind == "extra_forbidden":
        known = ", ".join(sorted(_fields_at(model, location[:-1]))) or "none"
        return f"unknown field {field!r}{where} (known: {known})"
    if kind == "missing" or (kind == "string_type" and value is None):
        return f"{field} is required{where}"
    if kind == "value_error":
        return f"{field + ' ' if field else ''}{problem['ctx']['error']}{where}"
    if kind == "too_short":
        return f"{field} needs at least {problem['ctx']['min_length']} {'entry' if problem['ctx']['min_length'] == 1 else 'entries'}{where}"
    if kind in ("list_type", "tuple_type"):
        return f"{field} must be a list{where}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{field or 'each entry'} must be a mapping of fields{where}"
    if kind == "string_type":
        return f"{field} must be a plain value{where}"
    if kind in ("float_parsing", "int_parsing", "float_type", "int_type", "int_from_float"):
        return f"{field} must be a number, not {value!r}{where}"
    return f"{field or 'the entry'}: {problem['msg']}{where}"


def check_unique_ids(entries, path: Path) -> None:
    """An id names one entry only: its second use stops the build at that entry's line."""
    first: dict[str, Entry] = {}
    for entry in entries:
        earlier = first.setdefault(entry.id, entry)
        if earlier is not entry:
            raise BuildError(path, f"id {entry.id!r} is used twice (first on line {earlier.line})", entry.line)


def _fields_at(model: type[BaseModel], location: list) -> set[str]:
    """The field names the model allows at a location (for "known: …")."""
    current: Any = model
    for step in location:
        if isinstance(step, int):
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(step) or current.model_fields.get("root")
            if field is not None:  # else a key the curator chose (a file name) in a mapping
                current = _model_in(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return {name for name in current.model_fields if name != "line"}
    return set()


def _model_in(annotation: Any) -> Any:
    """The model an annotation holds (directly, in a list, tuple or mapping, or Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()) + tuple(getattr(annotation, "__metadata__", ())):
        found = _model_in(argument)
        if found is not None:
            return found
    origin = getattr(annotation, "__origin__", None)
    return _model_in(origin) if origin not in (None, annotation) else None
