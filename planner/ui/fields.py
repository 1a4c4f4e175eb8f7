"""Input widgets that parse what people type, show a message beside a bad value and keep the last valid one.

Each field is a small ``HBox``: its label, the input, a note (the unit, or a rate's annual equivalent) and a
message (``.planner-msg``). Typing a value calls ``parse`` (the core's parsers: amounts in 元 or 万, rates as people
write them, dates as people write them); a valid value goes to ``on_valid``, which makes the change in the case —
and may itself refuse it (a duplicate id): either way the message says why, in the user's language, and the model
keeps its last valid value. Anything else raised is handed to ``on_error`` (the app's error boundary), never to the
front end. Setting a field from the model (:meth:`TextField.show`) never calls back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets

from planner.errors import InvalidInput
from planner.text import render_error

LABEL_WIDTH = "13em"

ErrorHandler = Callable[[BaseException], None]


def _unexpected(handler: ErrorHandler | None, err: Exception) -> None:
    """Hand an unexpected error to the app's boundary (the model keeps its last valid value); without one, raise."""
    if handler is None:
        raise err
    handler(err)


def _label(text: str, width: str = LABEL_WIDTH) -> widgets.HTML:
    return widgets.HTML(text, layout=widgets.Layout(width=width, min_width=width))


class TextField(widgets.HBox):
    """A text input with a parser.

    Args:
        label: the field's label, already in the user's language.
        value: the model's current value.
        parse: text → value; raises :class:`InvalidInput` for a bad value.
        show: value → text.
        on_valid: called with each valid value; may raise :class:`InvalidInput` to refuse it.
        locale: the language of messages.
        note: what to show after the input (a unit), or a function of the value (a rate's annual equivalent).
        css: a class name for the field (``planner-reserve``), for tests and the browser.
        width: the input's width.
    """

    def __init__(self, label: str, value: Any, *, parse: Callable[[str], Any], show: Callable[[Any], str],
                 on_valid: Callable[[Any], None], locale: str, note: str | Callable[[Any], str] = "",
                 css: str = "", width: str = "12em", placeholder: str = "",
                 label_width: str = LABEL_WIDTH, on_error: ErrorHandler | None = None) -> None:
        self.on_error = on_error
        self.parse = parse
        self.render = show
        self.on_valid = on_valid
        self.locale = locale
        self._note = note
        self.value = value
        self.input = widgets.Text(show(value), continuous_update=False, placeholder=placeholder,
                                  layout=widgets.Layout(width=width))
        self.note = widgets.HTML(self._note_text(value))
        self.msg = widgets.HTML("")
        self.msg.add_class("planner-msg")
        self.input.observe(self._typed, names="value")
        super().__init__([_label(label, label_width), self.input, self.note, self.msg])
        self.add_class("planner-field")
        if css:
            self.add_class(css)
        self._silent = False

    def _note_text(self, value: Any) -> str:
        if callable(self._note):
            return self._note(value)
        return f'<span style="white-space:nowrap">{_escape(self._note)}</span>' if self._note else ""

    @property
    def error(self) -> str:
        """Return the message shown beside the field ('' when the value is valid)."""
        return str(self.msg.value)

    def show(self, value: Any) -> None:
        """Show the model's ``value`` without calling back, and clear any message."""
        self.value = value
        self._silent = True
        try:
            self.input.value = self.render(value)
        finally:
            self._silent = False
        self.note.value = self._note_text(value)
        self.msg.value = ""

    def _typed(self, change: dict[str, Any]) -> None:
        if self._silent:
            return
        try:
            value = self.parse(str(change["new"]))
            self.on_valid(value)
        except InvalidInput as err:
            self.msg.value = _message(err, self.locale)
            return
        except Exception as err:  # noqa: BLE001 (handed to the app's error boundary)
            _unexpected(self.on_error, err)
            return
        self.value = value
        self.note.value = self._note_text(value)
        self.msg.value = ""


def _escape(text: str) -> str:
    import html

    return html.escape(text)


def _message(err: InvalidInput, locale: str) -> str:
    """Return the message shown beside a field for a refused value, in ``locale``: beside the field, a location
    inside the case (``scenarios[0]``) says nothing the user does not see, so it is left out."""
    unlocated = InvalidInput(err.field, err.code, err.value, params=err.params)
    return f'<span style="color:#b00020">{_escape(render_error(unlocated, locale))}</span>'


class _PickField(widgets.HBox):
    """A field whose input offers only valid values (a drop-down, a slider): the model may still refuse one, and
    then the field goes back to the last value the model took."""

    def __init__(self, label: str, control: widgets.Widget, value: Any, *, on_valid: Callable[[Any], None],
                 locale: str, css: str, label_width: str, note: str | None, on_error: ErrorHandler | None) -> None:
        self.on_error = on_error
        self.on_valid = on_valid
        self.locale = locale
        self.input = control
        self.msg = widgets.HTML("")
        self.msg.add_class("planner-msg")
        parts = [_label(label, label_width), control]
        if note is not None:
            self.note = widgets.HTML(note)
            self.note.layout.max_width = "40em"
            parts.append(self.note)
        super().__init__([*parts, self.msg])
        self.add_class("planner-field")
        if css:
            self.add_class(css)
        self._silent = False
        self._last = value
        control.observe(self._picked, names="value")

    @property
    def value(self) -> Any:
        """Return the value shown."""
        return self.input.value

    def show(self, value: Any) -> None:
        """Show ``value`` without calling back."""
        self._silent = True
        try:
            self.input.value = value
        finally:
            self._silent = False
        self._last = value
        self.msg.value = ""

    def _picked(self, change: dict[str, Any]) -> None:
        if self._silent:
            return
        try:
            self.on_valid(change["new"])
        except InvalidInput as err:
            self.msg.value = _message(err, self.locale)
            self.show(self._last)
            return
        except Exception as err:  # noqa: BLE001 (handed to the app's error boundary)
            self.show(self._last)
            _unexpected(self.on_error, err)
            return
        self._last = change["new"]
        self.msg.value = ""


class ChoiceField(_PickField):
    """A drop-down of labelled values; ``on_valid`` gets the value chosen."""

    def __init__(self, label: str, value: Any, options: Sequence[tuple[str, Any]], *,
                 on_valid: Callable[[Any], None], locale: str, css: str = "", width: str = "16em",
                 label_width: str = LABEL_WIDTH, on_error: ErrorHandler | None = None) -> None:
        control = widgets.Dropdown(options=list(options), value=value, layout=widgets.Layout(width=width))
        super().__init__(label, control, value, on_valid=on_valid, locale=locale, css=css, label_width=label_width,
                         note=None, on_error=on_error)


class IntSliderField(_PickField):
    """An integer slider that reports only when released (a drag never queues work), with a note beside it."""

    def __init__(self, label: str, value: int, *, low: int, high: int, on_valid: Callable[[int], None],
                 locale: str, note: str = "", css: str = "", on_error: ErrorHandler | None = None) -> None:
        control = widgets.IntSlider(value=value, min=low, max=high, continuous_update=False,
                                    layout=widgets.Layout(width="22em"))
        super().__init__(label, control, value, on_valid=on_valid, locale=locale, css=css,
                         label_width=LABEL_WIDTH, note=note, on_error=on_error)

    @property
    def value(self) -> int:
        """Return the slider's value."""
        return int(self.input.value)


def button(text: str, on_click: Callable[[], Any], *, css: str = "", style: str = "", tooltip: str = "") -> widgets.Button:
    """Return a button calling ``on_click()``."""
    widget = widgets.Button(description=text, button_style=style, tooltip=tooltip,
                            layout=widgets.Layout(width="auto"))
    widget.on_click(lambda _b: on_click())
    if css:
        widget.add_class(css)
    return widget
