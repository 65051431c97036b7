"""The explorers' controls: a :class:`Slider`, a :class:`Steps` slider over a list, a
:class:`Choice` menu, each with the values the book draws and the text its readout
shows."""

from __future__ import annotations

from dataclasses import dataclass

from ..plots.style import SUBSCRIPTS


# --------------------------------------------------------------------------- controls
@dataclass(frozen=True)
class Slider:
    """A number from ``lo`` to ``hi`` in steps of ``step``; ``integer`` for whole
    numbers.

    Parameters
    ----------
    label : str
        What the control is called on the screen.
    lo, hi, step : float
        Its range and step.
    value : float
        The default.
    integer : bool
        Whole numbers only.
    continuous : bool
        Redraw while dragging (False: when let go).
    """

    label: str
    lo: float
    hi: float
    step: float
    value: float
    integer: bool = False
    continuous: bool = (
        True  # redraw while dragging (False: when let go, for slow updates)
    )

    def values(self):
        """Every value the slider offers, from ``lo`` to ``hi``.

        Returns
        -------
        list of float or int
        """
        n = int(round((self.hi - self.lo) / self.step))
        values = [self.lo + k * self.step for k in range(n + 1)]
        return [int(round(v)) if self.integer else round(float(v), 10) for v in values]

    def text(self, value):
        """The value as the slider's readout shows it.

        Parameters
        ----------
        value : float
            One of :meth:`values`.

        Returns
        -------
        str
        """
        return f"{int(value)}" if self.integer else f"{value:.2f}"


@dataclass(frozen=True)
class Steps:
    """A slider over a list of values (such as batch sizes).

    Parameters
    ----------
    label : str
        What the control is called on the screen.
    options : tuple
        The values, in order.
    value : object
        The default, one of ``options``.
    """

    label: str
    options: tuple
    value: object

    def values(self):
        """The options, in order.

        Returns
        -------
        list
        """
        return list(self.options)

    def text(self, value):
        """The value as the readout shows it.

        Parameters
        ----------
        value : object
            One of the options.

        Returns
        -------
        str
        """
        return str(value)


@dataclass(frozen=True)
class Choice:
    """A drop-down menu; ``options`` are values or ``(label, value)`` pairs.

    Parameters
    ----------
    label : str
        What the control is called on the screen.
    options : tuple
        Values, or ``(label, value)`` pairs.
    value : object
        The default value.
    """

    label: str
    options: tuple
    value: object

    def pairs(self):
        """The options as ``(label, value)`` pairs.

        Returns
        -------
        list of tuple
        """
        return [o if isinstance(o, tuple) else (str(o), o) for o in self.options]

    def values(self):
        """The options' values, in order.

        Returns
        -------
        list
        """
        return [value for _, value in self.pairs()]

    def text(self, value):
        """The label the menu shows for ``value``.

        Parameters
        ----------
        value : object
            One of :meth:`values`.

        Returns
        -------
        str
        """
        return next(label for label, v in self.pairs() if v == value)


def sliders(lo, hi, step, **values):
    """Sliders over one range, one per keyword, labelled with subscripts: ``w12`` → W₁₂,
    ``z1`` → z₁.

    Parameters
    ----------
    lo, hi, step : float
        The range and step of every slider.
    **values : float
        Each slider's default, by the keyword ``update`` takes.

    Returns
    -------
    dict
        Keyword → :class:`Slider`.
    """

    def label(name):
        return name[0].replace("w", "W") + name[1:].translate(SUBSCRIPTS)

    return {
        name: Slider(label(name), lo, hi, step, value) for name, value in values.items()
    }
