"""Scripts added to a folium map as plain text: the one adapter over branca's MacroElement rendering.

A branca ``MacroElement`` renders its ``script`` macro and wraps the result in
``Element(...)``, whose ``render`` compiles the text as a Jinja template again:
slow for large data, and "{{ ... }}" in data would be evaluated on the server.
:func:`render_script_raw`, called from a MacroElement subclass's ``render``,
does the same for the script part but adds the text as it is. It relies on what
branca's ``MacroElement.render`` and ``Figure`` do today (``Figure.render``
calls each child's ``render(**kwargs)``; ``get_root()`` is the Figure, whose
``script`` collects the page's scripts; ``_template.module.script`` is the
macro; ``_parent`` is set by ``add_child``); :func:`missing_internals` says,
naming branca's version, when an upgrade changes one of them, and
tests/test_dependency_internals.py fails with its words.
"""

from __future__ import annotations

from branca.element import Element, Figure, MacroElement
from jinja2 import Template


class RawScript(Element):
    """Already-rendered JavaScript, emitted as is (never compiled by Jinja)."""

    def __init__(self, text: str):
        super().__init__()
        self._text = text

    def render(self, **kwargs):
        return self._text


def render_script_raw(element: MacroElement, kwargs: dict) -> None:
    """Add ``element``'s rendered ``script`` macro to its figure's scripts as plain text."""
    figure = element.get_root()
    if not isinstance(figure, Figure):
        raise TypeError(f"{type(element).__name__} is not in a branca Figure (add it to a map first)")
    text = element._template.module.script(element, kwargs)
    figure.script.add_child(RawScript(text), name=element.get_name())


class _Probe(MacroElement):
    _template = Template("{% macro script(this, kwargs) %}var parent_is = '{{ this._parent.get_name() }}';"
                         "{{ this.code }}{% endmacro %}")

    def __init__(self, code: str):
        super().__init__()
        self._name = "Probe"
        self.code = code

    def render(self, **kwargs):
        render_script_raw(self, kwargs)


def missing_internals() -> list[str]:
    """What of branca's rendering :func:`render_script_raw` relies on that the installed
    branca no longer does, one sentence each naming branca's version; empty when all is there."""
    import branca

    where = f"branca {branca.__version__}: %s (dashboard/map/branca_adapter.py, which mapview's scripts go through)"
    if "render" not in vars(MacroElement):
        return [where % "MacroElement.render moved (a subclass's render may no longer be the one called)"]
    parent = MacroElement()
    parent._name = "Parent"
    figure = Figure()
    figure.add_child(parent)
    probe = _Probe("var data = '{{ 7 * 7 }}';")
    parent.add_child(probe)
    if getattr(probe, "_parent", None) is not parent:
        return [where % "add_child no longer sets the child's _parent"]
    try:
        html = figure.render()
    except Exception as exc:  # noqa: BLE001 - any failure is the news
        return [where % f"a Figure with a raw script no longer renders ({exc!r})"]
    problems = []
    if f"var parent_is = '{parent.get_name()}';" not in html:
        problems.append(where % "Figure.render no longer calls a nested MacroElement's render, or its script is lost")
    if "{{ 7 * 7 }}" not in html or "'49'" in html:
        problems.append(where % "the script was compiled as a template after all")
    return problems
