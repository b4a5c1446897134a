"""The app's Jinja environment: Flask's, with template globals that answer ``keys()`` fast.

Every ``{% from "…" import … %}`` asks Jinja which of the render context's globals the
imported template lacks (``ctx.globals_keys - template.globals.keys()``). The template's
globals are a ``ChainMap`` over the environment's, and a set minus a ``ChainMap`` key view is
computed in Python, one ``ChainMap.__contains__`` per global (fifty of them): a meeting page
imports nine macro files, and this alone took about a twentieth of its CPU. Here ``keys()``
is a plain set of the same keys, so the difference is computed in C. Lookups, iteration and
the layering of template over environment globals stay those of ``ChainMap``.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import MutableMapping
from typing import Any

from flask.templating import Environment as FlaskEnvironment


class _Globals(ChainMap):
    def keys(self) -> set[str]:  # type: ignore[override]
        # A snapshot, not a live view: Jinja only takes a set difference with it.
        return set().union(*self.maps)


class Environment(FlaskEnvironment):
    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return _Globals({} if d is None else d, self.globals)
