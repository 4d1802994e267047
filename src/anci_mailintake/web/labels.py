"""Italian labels for the stored codes, one place for every page."""

from __future__ import annotations

KIND = {"reply": "Risposta", "auto_reply": "Risposta automatica", "pec_receipt": "Ricevuta PEC",
        "bounce": "Mancata consegna", "other": "Altro"}
INTENT = {"interested": "Interessato", "not_interested": "Non interessato", "undecided": "Indeciso"}
MODE = {"new_project": "Nuovo progetto", "expansion": "Ampliamento", "unspecified": "Non specificata"}
ROLE = {"body": "Testo del messaggio", "quoted": "Storico citato", "forwarded": "Messaggio inoltrato",
        "anci_letter": "Lettera ANCI citata", "attachment": "Allegato", "pec_notice": "Avviso del gestore PEC",
        "delivery_report": "Rapporto di consegna"}
FIELD = {"kind": "tipo", "comune": "Comune", "comuni": "Comune", "intent": "risposta", "mode": "modalità",
         "places": "posti nuovi", "places_total": "posti totali", "places_current": "posti attuali",
         "other": "altro"}
ACTION = {"confirm": "Conferma", "correct": "Correzione"}


def of(table: dict[str, str], code: str | None, empty: str = "—") -> str:
    """The label of a code; an unknown code is shown as it is."""
    if code is None or code == "":
        return empty
    return table.get(code, code)
