"""Where a letter's address must stand to show in a window envelope, in mm.

An A4 letter (210 × 297 mm) folded twice, in three equal panels, is 210 × 99 mm. Its top panel
faces the front of the envelope, the right way up, and only that panel can show in the window.
Inside the envelope the folded sheet can slide, by the difference between the envelope's size
and the sheet's. The address shows wherever the sheet lies only if it stands inside the part of
the top panel that the window covers in *every* position (:func:`visible_area`); and nothing
else on the page may stand where the window can fall in *any* position (:func:`window_reach`).

Assumption, stated here and in the README because no envelope was measured and no published
Swedish standard with the numbers was at hand: the Swedish right-hand window ("H2") is taken as
90 × 45 mm, 20 mm from the envelope's right edge and 15 mm from its bottom edge (the figure
commonly given, the mirror image of DIN 680's DL window), on the two envelopes that take an A4
folded in three, E65 (110 × 220 mm) and C65, also sold as C5/6 (114 × 229 mm, ISO 269). The
sheet is measured without the paper's thickness, which only makes the play smaller.
"""

from __future__ import annotations

from dataclasses import dataclass

A4_WIDTH, A4_HEIGHT = 210.0, 297.0
PANEL = A4_HEIGHT / 3  # the folded sheet's height: 99 mm


@dataclass(frozen=True)
class Rect:
    """A rectangle in mm from the top left corner (of the page, or of the envelope)."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def contains(self, other: Rect) -> bool:
        return (
            self.x <= other.x
            and self.y <= other.y
            and other.right <= self.right
            and other.bottom <= self.bottom
        )

    def overlaps(self, other: Rect) -> bool:
        return (
            other.x < self.right
            and self.x < other.right
            and other.y < self.bottom
            and self.y < other.bottom
        )

    def inset(self, mm: float) -> Rect:
        return Rect(self.x + mm, self.y + mm, self.width - 2 * mm, self.height - 2 * mm)


@dataclass(frozen=True)
class Envelope:
    """A window envelope, seen from the front with the window on the right."""

    name: str
    width: float
    height: float
    window_width: float = 90.0
    window_height: float = 45.0
    from_right: float = 20.0
    from_bottom: float = 15.0

    @property
    def window(self) -> Rect:
        """The window, in mm from the envelope's top left corner."""
        return Rect(
            self.width - self.from_right - self.window_width,
            self.height - self.from_bottom - self.window_height,
            self.window_width,
            self.window_height,
        )

    @property
    def play(self) -> tuple[float, float]:
        """How far the folded sheet can slide, across and up and down."""
        return self.width - A4_WIDTH, self.height - PANEL


E65 = Envelope("E65", width=220.0, height=110.0)
C65 = Envelope("C65 (C5/6)", width=229.0, height=114.0)
ENVELOPES = (E65, C65)


def visible_area(envelope: Envelope) -> Rect:
    """The part of the page the window shows wherever the sheet lies in ``envelope``.

    With the sheet's top left corner at (dx, dy) in the envelope, 0 ≤ dx, dy ≤ the play, the
    window covers the page from ``window.x - dx`` to ``window.right - dx`` (and so on down):
    the part covered in every position runs from ``window.x`` to ``window.right - play``.
    """
    window, (play_x, play_y) = envelope.window, envelope.play
    return Rect(window.x, window.y, window.width - play_x, window.height - play_y)


def window_reach(envelope: Envelope) -> Rect:
    """Every part of the page the window can show in some position of the sheet."""
    window, (play_x, play_y) = envelope.window, envelope.play
    return Rect(window.x - play_x, window.y - play_y, window.width + play_x, window.height + play_y)


def address_area(envelopes: tuple[Envelope, ...] = ENVELOPES) -> Rect:
    """Where an address shows in all ``envelopes``: their visible areas' intersection."""
    areas = [visible_area(e) for e in envelopes]
    x, y = max(a.x for a in areas), max(a.y for a in areas)
    return Rect(x, y, min(a.right for a in areas) - x, min(a.bottom for a in areas) - y)


def reach(envelopes: tuple[Envelope, ...] = ENVELOPES) -> Rect:
    """The smallest rectangle holding every place a window can fall (their union's bounds)."""
    areas = [window_reach(e) for e in envelopes]
    x, y = min(a.x for a in areas), min(a.y for a in areas)
    return Rect(x, y, max(a.right for a in areas) - x, max(a.bottom for a in areas) - y)
