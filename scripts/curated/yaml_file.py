"""Read a curated YAML file of the seeds folder, keeping line numbers for errors.

Takes: a path. Gives: plain dicts, lists and strings, where every dict also holds
`LINE` (the line it starts on) and `KEY_LINES` (the line of each key). Every scalar stays the
string the curator wrote: YAML's guessing is off, so 2020-05-10 is not turned into a date nor
"no" into False. A key given twice, bad YAML or bad encoding is a BuildError naming the line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from scripts.common.errors import BuildError

LINE = "__line__"
KEY_LINES = "__key_lines__"


class _LineNumberingLoader(yaml.BaseLoader):
    """BaseLoader reads every scalar as a string; this one also records where mappings start."""


def _construct_mapping(loader: _LineNumberingLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = {LINE: node.start_mark.line + 1, KEY_LINES: {}}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            raise BuildError(loader.name, "a key must be a plain value", line)
        if key in mapping[KEY_LINES]:
            raise BuildError(loader.name, f"{key!r} is given twice", line)
        mapping[KEY_LINES][key] = line
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_LineNumberingLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_data_file(path: Path) -> Any:
    """The file's content, or None when the file is absent or empty."""
    if not path.exists():
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise BuildError(path, f"not UTF-8 ({error.reason} at byte {error.start})") from None
    loader = _LineNumberingLoader(text)
    loader.name = str(path)
    try:
        return loader.get_single_data()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise BuildError(path, f"not valid YAML: {getattr(error, 'problem', None) or error}", line) from None
    finally:
        loader.dispose()
