"""The Jinja2 environment for Docket's documents (briefs, printed lists).

Autoescaping is always on: any text from the record is shown as text, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from typing import Any

import jinja2


def environment(filters: dict[str, Callable[..., Any]]) -> jinja2.Environment:
    folder = resources.files("resources") / "templates"
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: (folder / name).read_text(encoding="utf-8")),
        autoescape=True,  # user text is always shown as text
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(filters)
    return env
