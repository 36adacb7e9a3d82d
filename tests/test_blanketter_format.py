"""Dates and times the way a Swedish reader reads them (forms.blanketter._format), without a
locale: the forms take ÅÅÅÅ-MM-DD and TT:MM, the PDFs print "tisdag 15 december 2026" and
"kl. 09.00–10.30"."""

from __future__ import annotations

import locale
from datetime import date, time

import pytest

from forms.blanketter._format import MONTHS, clock, date_text, time_span, time_text


class TestDates:
    @pytest.mark.parametrize(
        ("iso", "shown"),
        [
            ("2026-12-15", "tisdag 15 december 2026"),
            ("2024-02-29", "torsdag 29 februari 2024"),
            ("2027-01-01", "fredag 1 januari 2027"),
            ("2026-06-06", "lördag 6 juni 2026"),
            ("2026-03-01", "söndag 1 mars 2026"),
            ("2026-08-31", "måndag 31 augusti 2026"),
            ("2026-10-14", "onsdag 14 oktober 2026"),
        ],
    )
    def test_weekday_day_month_year(self, iso, shown):
        """A date prints with its weekday, the day without a leading zero and the month's
        name, all in lower case as Swedish writes them."""
        assert date_text(iso) == shown
        assert date_text(date.fromisoformat(iso)) == shown

    def test_without_weekday(self):
        """A letter's own date is printed without the weekday."""
        assert date_text("2026-12-01", weekday=False) == "1 december 2026"

    def test_every_month(self):
        """All twelve months have their Swedish name."""
        names = [date_text(f"2026-{m:02d}-10", weekday=False).split()[1] for m in range(1, 13)]
        assert names == list(MONTHS) and names[4] == "maj" and names[8] == "september"

    @pytest.mark.parametrize("text", ["", "2026-02-30", "snart", "15/12"])
    def test_no_date_is_left_as_it_is(self, text):
        """Text that is no real date is printed as typed, never dropped."""
        assert date_text(text) == text

    def test_same_under_another_locale(self):
        """The names do not come from the process's locale (Pyodide has no Swedish one)."""
        before = locale.setlocale(locale.LC_TIME)
        try:
            locale.setlocale(locale.LC_TIME, "C")
            assert date_text("2026-12-15") == "tisdag 15 december 2026"
        finally:
            locale.setlocale(locale.LC_TIME, before)


class TestTimes:
    @pytest.mark.parametrize(
        ("start", "end", "shown"),
        [
            ("09:00", "10:30", "kl. 09.00–10.30"),
            ("9:05", "9:45", "kl. 09.05–09.45"),
            ("13:00", "", "kl. 13.00"),
            ("", "16:00", "kl. 16.00"),
            (time(8, 0), time(8, 30), "kl. 08.00–08.30"),
        ],
    )
    def test_span_with_full_stops_and_an_en_dash(self, start, end, shown):
        """Hours and minutes are joined by a full stop, two times by an en dash, after
        "kl."."""
        assert time_span(start, end) == shown

    def test_one_time(self):
        """A single time is "kl. 13.00"; the bare clock is "13.00"."""
        assert time_text("13:00") == "kl. 13.00" and clock("13:00") == "13.00"
        assert time_text("") == "" and clock("25:00") == "25:00"
