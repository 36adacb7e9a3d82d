"""Every Swedish text the widget page and its worker show, in one place.

The page script (``docs/assets/sip/widgets.mjs``) and the worker (``worker.mjs``) hold no text of
their own: ``macros/widgets.py`` writes :data:`PAGE` into the widget page (as JSON, on the widget
script's tag in ``<head>``, so the worker that starts before the page is parsed has it too), the
page hands it to the worker in its start message, and :mod:`forms._browser` answers with the
same :data:`FATAL`.

A text with ``{name}`` gets its values on the page (``widgets.mjs``, ``fill``), as
``str.format`` would fill it.
"""

from __future__ import annotations

#: Anything unexpected, in the page, the worker or Python. What the user has typed is kept.
FATAL = (
    "Något gick fel i formuläret. Det du har skrivit finns kvar. Försök igen, eller spara dina "
    "svar och ladda om sidan."
)

#: key -> text, read by widgets.mjs and worker.mjs.
PAGE: dict[str, str] = {
    "fatal": FATAL,
    # Python starting, stopping and starting again (widgets.mjs, class Python; worker.mjs)
    "load_failed": (
        "Formuläret kunde inte starta. Kontrollera nätverket och ladda om sidan. Du kan också "
        "skriva ut en tom blankett."
    ),
    "loading_python": "Laddar Python och formulärets kod",
    "starting_form": "Startar formuläret",
    "progress": "{message} (steg {step} av {steps}) …",
    "starting": "Formuläret startar …",
    "still_starting": "Formuläret startar fortfarande. Vänta lite …",
    "ready": "Formuläret är klart att använda.",
    "restarting": "Formuläret fick ett fel och startar om. Det du har skrivit finns kvar.",
    "restarted": (
        "Formuläret fick ett fel och har startats om. Det du har skrivit finns kvar. Du kan "
        "fortsätta."
    ),
    "call_lost": (
        "Formuläret fick ett fel och startades om. Det du har skrivit finns kvar. Försök igen."
    ),
    "gave_up": (
        "Formuläret går inte att starta om. Det du har skrivit finns kvar. Spara svaren som fil "
        "och ladda sedan om sidan."
    ),
    "fetch_failed": (
        "En del av formuläret kunde inte hämtas. Kontrollera nätverket och försök igen. Det du "
        "har skrivit finns kvar."
    ),
    "framed": (
        "Formuläret fungerar bara när sidan är öppen direkt i webbläsaren, inte inne i en annan "
        "webbplats. Öppna sidan i en egen flik."
    ),
    "unsupported": (
        "Din webbläsare är för gammal för formuläret. Använd en aktuell version av Edge, Chrome, "
        "Firefox eller Safari. Du kan också skriva ut en tom blankett."
    ),
    # making and saving files
    "pdf_made": (
        "PDF:en {filename} är skapad. Du hittar den bland dina hämtade filer. Svaren finns "
        "sparade i PDF:en, så du kan öppna den här igen."
    ),
    "saved": "Svaren är sparade i filen {filename}. Öppna filen här senare för att fortsätta.",
    "confirm_clear": "Vill du rensa formuläret? Allt du har skrivit tas bort.",
    "cleared": "Formuläret är tömt.",
    # repeat groups
    "row_added": "{label} har lagts till.",
    "row_removed": "{label} har tagits bort.",
    # opening a saved file
    "file_too_large": (
        "Filen är för stor ({size}). SIP-portalen öppnar filer på högst {limit}. Välj en PDF "
        "eller en svarsfil som du har sparat här."
    ),
    "file_reading": "Läser {name} …",
    "file_crashed": (
        "{name} gick inte att läsa, och formuläret startades om. Det du har skrivit finns kvar. "
        "Be den som skickade filen om en ny."
    ),
    "file_filled": "Svaren från {name} är ifyllda. Kontrollera dem och fortsätt.",
    "file_partly_filled": (
        "Svaren från {name} är ifyllda, men allt kom inte med. Läs vad som saknas ovanför "
        "formuläret."
    ),
    "rows_left_out": (
        "Det fanns {count} rader i ”{legend}”. Blanketten rymmer {max}, så bara de första {max} "
        "togs med."
    ),
    "text_cut": (
        "Texten i ”{label}” hade {length} tecken. Fältet rymmer {max}, så resten togs inte med."
    ),
    "notices_title": "Allt i filen kom inte med",
    "notices_intro": "Kontrollera svaren innan du skapar PDF:en. Det här togs inte med från filen:",
    # the needs assessment's result and what it hands over
    "source": "Källa",
    "verdict_now": "Resultat: {verdict}",  # announced when the verdict changes, nothing more
    "start_kallelse": "Starta en kallelse med de här uppgifterna",
    "prefilled": "Uppgifterna från behovsbedömningen är ifyllda. Fyll i resten.",
    # "Granska dina svar": each answer as the form shows it
    "review_change": "Ändra",
    "review_empty": "Inte ifyllt",
    "review_yes": "Ja",
    "review_no": "Nej",
    "review_continued": "{section} (forts.)",  # the questions after a group in its section
}
