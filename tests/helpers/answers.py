"""Valid example answers for each blankett, and the small makers the tests build them with."""

from __future__ import annotations

import random
from datetime import date, timedelta

PNR = "19121212-1212"
PNR_CHILD = "20150314-2380"


def day(offset: int) -> str:
    """The ISO date ``offset`` days from today."""
    return (date.today() + timedelta(days=offset)).isoformat()


def filler(length: int, seed: int) -> str:
    """Readable text of exactly ``length`` characters, words numbered so each is distinct."""
    rng = random.Random(seed)
    stems = [
        "du",
        "ska",
        "få",
        "stöd",
        "hemtjänsten",
        "kommer",
        "varje",
        "morgon",
        "träning",
        "skolan",
        "kurator",
        "läkare",
        "samordning",
        "trygg",
        "hemma",
        "vecka",
    ]
    out: list[str] = []
    n = 0
    while len(" ".join(out)) < length:
        n += 1
        out.append(f"{rng.choice(stems)}{seed}x{n}")
    return " ".join(out)[:length].rstrip()


def typed_values(form, answers: dict) -> list[str]:
    """Every answer as the reader sees it (option labels, not values, dates with the
    weekday, times as 09.00), booleans left out."""
    from forms.blanketter._format import clock
    from forms.blanketter._render import display_value

    out: list[str] = []

    def walk(fields, values):
        for fld in fields:
            value = values.get(fld.name)
            if value in (None, "", []) or isinstance(value, bool):
                continue
            if fld.kind == "checkboxes":
                out.extend(display_value(fld, [v]) for v in value)
                continue
            shown = clock(value) if fld.kind == "time" else display_value(fld, value)
            out.extend(s for s in shown.split("\n") if s.strip())

    for section in form.sections:
        for item in section.items:
            if hasattr(item, "fields"):
                for row in answers.get(item.name) or []:
                    walk(item.fields, row)
            else:
                walk((item,), answers)
    return out


# -- valid example answers ---------------------------------------------------------------------


def valid_kallelse(**changes) -> dict:
    answers = {
        "person_namn": "Åsa Öhman",
        "person_personnummer": PNR,
        "skyddade_personuppgifter": False,
        "person_adress": "Lönnvägen 7",
        "person_postnummer": "653 46",
        "person_postort": "Skattkärr",
        "person_telefon": "070-123 45 67",
        "samtycke_informationsdelning": "ja",
        "behov_sip": "ja",
        "samtycke": "ja",
        "samtycke_av": "personen",
        "kallare_namn": "Karin Berg",
        "kallare_yrke": "Distriktssköterska",
        "kallare_verksamhet": "Hemsjukvården Norr",
        "kallare_huvudman": "Karlstads kommun",
        "kallare_telefon": "054-540 00 00",
        "kallare_epost": "karin.berg@karlstad.se",
        "lan": "varmland",
        "datum": day(14),
        "start": "09:00",
        "slut": "10:30",
        "motesform": "fysiskt",
        "plats": "Vårdcentralen Centrum, rum 12",
        "deltagare": [
            {
                "verksamhet": "Vårdcentralen Centrum",
                "aktor": "oppen_vard",
                "kontaktperson": "Per Ek",
                "profession": "Distriktsläkare",
            },
            {
                "verksamhet": "Biståndsenheten",
                "aktor": "kommun",
                "kontaktperson": "Ida Lund",
                "profession": "Biståndshandläggare",
            },
            {
                "verksamhet": "Kvarnbergsskolan",
                "aktor": "skola",
                "kontaktperson": "Eva Lind",
                "profession": "Kurator",
                "postadress": "Box 12\n652 21 Karlstad",
            },
            {
                "verksamhet": "Försäkringskassan",
                "aktor": "forsakringskassan",
                "kontaktperson": "Ali Demir",
                "profession": "Handläggare",
                "postadress": "Box 1164\n621 22 Visby",
            },
        ],
        "syfte": "Åsa behöver stöd från flera håll efter utskrivningen från sjukhuset.",
        "fragor": "Vem gör vad?\nHur ofta ska vi ses?",
        "tolk": "ja",
        "tolk_sprak": "Arabiska",
        "svara_senast": day(7),
        "svar_hur": "Ring eller mejla Karin Berg.",
    }
    answers.update(changes)
    return answers


def thirty_goal_rows() -> list[dict]:
    """A SIP-plan's 30 goals of ordinary length (a plan of about a dozen pages)."""
    return [
        {
            "mal": filler(300, i),
            "sikt": "kort" if i % 2 else "lang",
            "insatser": filler(400, 100 + i),
            "huvudman": ("kommun", "region", "skola")[i % 3],
            "ansvarig": f"Ansvarig {i}",
            "start": day(3),
            "klart": day(60),
        }
        for i in range(30)
    ]


def valid_plan(**changes) -> dict:
    answers = {
        "person_namn": "Åsa Öhman",
        "person_personnummer": PNR,
        "datum": day(0),
        "version": "1",
        "kontakttyp": "hembesok",
        "lan": "jonkoping",
        "narvarande": [
            {"namn": "Åsa Öhman", "roll": "Du själv"},
            {"namn": "Ingrid Öhman", "roll": "Din dotter"},
            {"namn": "Maria Johansson", "roll": "Fysioterapeut, Vårdcentralen Centrum"},
        ],
        "berattelse": "Du känner dig yr och trött. Du vill fortsätta spela bridge på tisdagar.",
        "behov": "Du behöver stöd för att gå säkert och hjälp med frukosten på morgonen.",
        "huvudmal": "Du vill bo kvar hemma och känna dig trygg.",
        "mal": [
            {
                "mal": "Du ska känna dig säkrare när du går.",
                "sikt": "kort",
                "insatser": "Fysioterapeuten ger dig ett träningsprogram för balansen.",
                "huvudman": "region",
                "ansvarig": "Maria Johansson, fysioterapeut",
                "start": day(3),
                "klart": day(60),
            },
            {
                "mal": "Du ska kunna äta frukost varje morgon.",
                "sikt": "lang",
                "insatser": "Hemtjänsten kommer varje morgon och stöttar dig.",
                "huvudman": "kommun",
                "ansvarig": "Ida Lund, biståndshandläggare",
                "start": day(7),
                "klart": "",
            },
        ],
        "egna_insatser": "Du gör balansövningar varje dag. Ingrid handlar på fredagar.",
        "andra_insatser": "Pensionärsföreningen skjutsar dig till bridgen.",
        "situationer": [
            {
                "situation": "Ingrid reser bort i juli.",
                "typ": "forvantad",
                "atgard": "Hemtjänsten handlar åt dig de veckorna.",
                "kontakt": "Ida Lund",
            },
        ],
        "kris": "Ring hemsjukvården på 054-11 22 33 om du ramlar. Kvällar och helger: 1177.",
        "samordningsansvarig_namn": "Helen Nilsson",
        "samordningsansvarig_verksamhet": "Hemsjukvården Karlstad",
        "samordningsansvarig_huvudman": "kommun",
        "samordningsansvarig_telefon": "054-123 45 67",
        "kontaktpersoner": [
            {"namn": "Ida Lund", "verksamhet": "Biståndsenheten", "telefon": "054-222 33 44"},
        ],
        "oenighet": "Ingrid tycker att du borde flytta till ett boende. Du vill bo kvar.",
        "uppfoljning_datum": day(90),
        "uppfoljning_tid": "13:00",
        "uppfoljning_plats": "Hemma hos dig",
        "uppfoljning_form": "hembesok",
        "samtycke_parter": "Hemsjukvården, Vårdcentralen Centrum och Biståndsenheten",
        "samtycke_information": "Mediciner och risk för fall",
        "samtycke_giltig_till": day(365),
        "godkand_datum": day(0),
        "godkand_av": "Du och Helen Nilsson",
        "lamnad_datum": day(0),
        "mottagare": [
            {"namn": "Ingrid Öhman", "roll": "narstaende", "samtycke": True, "datum": day(0)},
        ],
    }
    answers.update(changes)
    return answers


def valid_uppfoljning(**changes) -> dict:
    answers = {
        "person_namn": "Åsa Öhman",
        "person_personnummer": PNR,
        "plan_datum": day(-90),
        "plan_version": "1",
        "lan": "jonkoping",
        "datum": day(0),
        "motesform": "hembesok",
        "narvarande": [
            {"namn": "Åsa Öhman", "roll": "Du själv"},
            {"namn": "Helen Nilsson", "roll": "Samordningsansvarig"},
        ],
        "mal": [
            {
                "mal": "Du ska känna dig säkrare när du går.",
                "resultat": "uppnatt",
                "kommentar": "Du går ut själv varje dag nu.",
            },
            {
                "mal": "Du ska kunna äta frukost varje morgon.",
                "resultat": "delvis",
                "kommentar": "Det fungerar de flesta dagar.",
            },
            {"mal": "Du ska komma till bridgen.", "resultat": "inte", "kommentar": ""},
        ],
        "behov": "Du behöver hjälp med att duscha.",
        "beslut": "revidera",
        "nasta_datum": day(90),
        "nasta_plats": "Hemma hos dig",
    }
    answers.update(changes)
    return answers


def valid_samtycke(**changes) -> dict:
    answers = {
        "person_namn": "Noah Lind",
        "person_personnummer": PNR_CHILD,
        "barn": True,
        "lan": "jonkoping",
        "samtycke_av": "vardnadshavare",
        "vardnad": "gemensam",
        "vh1_namn": "Sara Lind",
        "vh1_telefon": "070-111 22 33",
        "vh2_namn": "Omar Haddad",
        "vh2_telefon": "070-444 55 66",
        "barnet_informerat": "ja",
        "barnets_asikt": "Noah vill att skolan och BUP pratar med varandra.",
        "form": "skriftligt",
        "datum": day(0),
        "omfattning": ["sip_mote", "informationsoverforing"],
        "parter": [
            {"verksamhet": "BUP Jönköping", "kontaktperson": "Lena Ek"},
            {"verksamhet": "Råslättsskolan", "kontaktperson": "Per Al"},
        ],
        "information": "Diagnos, pågående behandling och stöd i skolan.",
        "giltig_till": day(180),
        "aterkalla_till": "Lena Ek, BUP Jönköping, 010-242 00 00",
    }
    answers.update(changes)
    return answers


#: Each blankett's id and the function that gives valid answers for it.
VALID = {
    "kallelse": valid_kallelse,
    "sip-plan": valid_plan,
    "uppfoljning": valid_uppfoljning,
    "samtycke": valid_samtycke,
}
