"""The answer (interested, not interested, undecided) and the mode (new project or expansion).

Phrases are data, grouped by what they mean, and written as word stems so that a phrasing
never seen before still meets them. A decline is a negation whose clause reaches a word of
taking part ("non è nelle condizioni di avviare", "ritiene di non dare seguito", "preferiamo non
partecipare", "parere non favorevole"), or a negative verdict ("la risposta è negativa"); a
negation bound to answering ("non siamo in grado di rispondere ora") defers instead. An offer
is a word of willingness (disponibile, favorevole, pronti, si candida, intende attivare, può
accogliere...). An offer with a condition ("a patto che", "purché") is undecided, and so is an
offer hedged by a decision still to be taken ("potremmo essere interessati, ma", "la decisione
spetta al Consiglio"). Mode comes from the offer's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import value
from .places import MSNA_TERMS, OTHER_TERMS
from .text import BOUNDARY as _BOUNDARY, at_words, drop_questions as _drop_questions, lower as _lower

_WS = r"\s+"
# "la decisione, che comporta una variazione di bilancio, spetta però al Consiglio": an aside between commas, a 'però'.
_ASIDE = r"(?:\s*,[^,.;:]{1,80},)?(?:\s+(?:per[oò]|comunque|tuttavia|in\s+ogni\s+caso))?"


def _rx(*phrases: str) -> re.Pattern[str]:
    """One pattern from phrases; a space in a phrase matches any run of white space (wrapped lines).

    Phrases are matched against lower-cased text (see `text.lower`): without re.I the engine is several
    times faster on these long alternations, and text.at_words makes it skip to the letters that can
    open a phrase."""
    led = [r"\b(?:" + p[2:].replace(" ", _WS) + ")" for p in phrases if p.startswith(r"\b")]
    rest = ["(?:" + p.replace(" ", _WS) + ")" for p in phrases if not p.startswith(r"\b")]
    return at_words("|".join(led + rest))


# Words of taking part: what a decline negates. Stems, so every tense and noun form counts.
_PART = (r"(?:aderi\w*|adesion\w*|partecip\w*|attiv\w*|avvi\w*|candid\w*|present(?!e\b|i\b|emente)\w*|dare\s+seguito|assum\w*|impegn\w*"
         r"|ce\s+la\s+(?:fa|facciamo|possiamo|pu[oò])|farcela|interess\w*|presuppost\w*"
         r"|ampli\w*|accoglie\w*|ospitar\w*|procede\w*|aument\w*|increment\w*|mettere\s+a\s+disposizione"
         r"|garanti\w*|sostene\w*|interessat\w*|disponibil\w*|favorevol\w*|intenzion\w*|propost\w*|iniziativa"
         r"|progett\w*|condizion\w*|possibilit\w*|possibile\b|andare\s+oltre|fare\s+di\s+pi[uù]"
         r"|ce\s+la\s+sent\w*|attrezzat\w*|percorribil\w*|(?:lo|ce\s+lo|ci)\s+(?:permett|consent)\w*|rientr\w*\s+(?:tra|fra|nei|nelle|negli)\s+(?:le\s+|i\s+|gli\s+|propri\s+|proprie\s+)?(?:priorit|programm|obiettiv|pian))")
# Negations that negate nothing here: "non appena", "non oltre 10 posti", "non solo ... ma anche".
# "che non è attualmente titolare di progetti", "non ha progetti attivi", "non si tratta di un ampliamento": what
# the Comune has today, or what its offer is not, refuses nothing; "non può non aderire" is a yes. So do a relative
# clause about someone else ("il collega di X, che non ha strutture"), other Comuni staying out ("i Comuni di X e Y non
# aderiscono") and a thing no longer in use ("non è più attivo").
_FALSE_NEGATION = at_words(r"\b(?:(?:gli\s+altri\s+|i\s+(?:vicini\s+|restanti\s+|rimanenti\s+|altri\s+)?)(?:\w+\s+)?comuni\b[^.;:!?]{0,150}?\bnon\s+(?:\w+\s+)?(?:aderiscono|aderiranno|partecipano|parteciperanno|prend\w+\s+parte|sono\s+coinvolti|saranno\s+coinvolti|hanno\s+aderito|intendono|sono\s+interessati)\b|pur\s+non\s+\w+|che\s+(?:(?:finora|sinora|fino\s+ad?\s+oggi|ancora|oggi|attualmente)\s+)?non\s+(?:ha|hanno|dispone|dispongono|possiede|possiedono)\b|non\s+(?:è|e'|sono)\s+pi[uù]\s+(?:attiv|in\s+uso|valid|utilizzat)\w*|e\s+non\s+(?:i\s+)?\d+\b|non\s+(?:(?:possiamo|pu[oò]|potremmo|possono)\s+che\b"
                             r"|(?:è|e'|siamo|sono|risulta|risultiamo)\s+(?:\w+\s+){0,2}titolar\w*"
                             r"|si\s+tratta\s+di|(?:ha|abbiamo|hanno)\s+(?:ancora\s+|attualmente\s+|oggi\s+|finora\s+|al\s+momento\s+)?(?:alcun\s+|nessun\s+)?progett\w*\s+(?:attiv|in\s+corso|nella\s+rete|siproimi|sprar)"
                             r"|(?:può|puo'|possiamo|potremmo|posso)\s+non\b"
                             r"|(?:si\s+)?(?=esclud|(?:è|e')\s+esclus)|comport\w+|accompagnat\w*|appena|oltre|meno\s+di|inferior\w*\s+a|solo|soltanto|avendo|disponendo|potendo|vedo\s+l'ora"
                             r"|essenzial\w*|(?:è|e'|sono|siamo|risulta)\s+(?:\w+\s+)?contrari\w*|(?:\w+\s+){0,2}?rinunci\w*|(?:\w+\s+){0,2}?fa(?:r|re)?\s+mancare"
                             r"|ancora\s+(?:definit|quantificat|stabilit)))|,\s*non\s+(?:i\s+)?\d+\b"
                             r"|\b(?:sono|è|e')\s+[^.;:,\n]{1,40}?\s+e\s+non\s+\w+(?=\s*[,.;:])")
# "vi faremo sapere se e in che forma il Comune potrà aderire", "vi chiediamo se possiamo sospendere", a list of
# questions after "vorremmo sapere:": an offer or a refusal asked about is not made.
_WHETHER = at_words(r"\b(?:sapere|sappiamo|sapremo|capire|capiamo|valutare|decidere|verificare|comunicare|comunicheremo|diremo|chied\w*|domand\w*|dir(?:e|vi|ti|le|ci)?)(?:\s+(?:è|e'))?\s+se\b[^.;:!?]*"
                      r"|\b(?:sapere|conoscere|chiarire|capire|chiedere|chiediamo|domandiamo)\s*:[^\n]*(?:\n[ \t]*(?:[-•*]|\d+[.)])[^\n]*)+")
# "non possiamo impegnarci finché non ci sarà chiarezza sui fondi", "in assenza di tale garanzia non potrà
# procedere": a refusal until something happens, or bound to a condition just stated, is undecided.
UNTIL = at_words(r"\b(?:finch[eé]|fino\s+a\s+quando|sino\s+a\s+quando|fintanto\s+che|fintantoch[eé])\s+(?:[^.;:!?\s]+\s+){0,8}?non\b"
                   r"|\bin\s+(?:assenza|mancanza)\s+(?:di\s+)?(?:tal[ei]|quest[aeio]|dett[aeio]|suddett\w+)\b|\bin\s+(?:assenza|mancanza)\s*[,;]"
                   r"|\bsenza\s+(?:tale|tali|questa|questo|quest'|quell\w*|que[il]|dett[oaie]|suddett\w+|ci[oò])\b|\baltrimenti\b|\bin\s+caso\s+contrario\b")
# "non sarebbe un problema", "non vede ostacoli", "nessuna difficoltà", "non vediamo motivi per non aderire":
# a yes in negative words.
NO_OBSTACLE = at_words(r"\bnon\s+(?:ha|abbiamo|hanno|avremmo|avrebbe)\s+nulla\s+in\s+contrario"
                         r"|\bnon\s+(?:vediamo|vede|vedo|trov\w+|ravvis\w+|c'è|ci\s+sono|esiston\w|sussiston\w)\s+(?:\w+\s+){0,2}?(?:motiv|ragion)\w*\s+(?:per|di)\s+non\s+\w+|\b(?:non|nessun\w*)\s+(?:(?:ci\s+|si\s+)?(?:sarebbe|sarebbero|sono|è|e'|c'è|vede|vedo|vediamo|ravvis\w+|rilev\w+"
                         r"|ha|abbiamo|ho)\s+)?(?:alcun\w*\s+|nessun\w*\s+|particolar\w+\s+|un\s+|grossi\s+)?"
                         r"(?:problem|ostacol|difficolt|impediment|controindicazion|obiezion|(?:motiv|ragion|element|caus)\w*\s+ostativ)\w*")
# "non appena avremo la struttura": an offer that waits for something ('non appena possibile' does not).
SOON = at_words(r"\bnon\s+appena\s+(?!(?:\S+\s+){0,2}possibil)(?![^.;]{0,40}\b(?:avviso|bando|decreto|modulistica|piattaforma)\b)"
                  r"(?:\S+\s+){0,3}?\w+(?:remo|rete|ranno|rà|rò)\b")  # waiting for the call to apply is procedure
# "non ha mai gestito progetti", "non abbiamo mai ospitato minori": a negation that tells the past refuses nothing.
_HISTORY = r"(?!\s+(?:ha|hanno|abbiamo|ho|avendo)\s+(?:\w+\s+)?mai\s+(?:avuto|gestito|attivato|avviato|ospitato|accolto|partecipato|aderito|fatto|preso\s+parte)\b)"
# A negation reaches the next words of its clause (no stop, colon or semicolon in between).
DECLINE = _rx(
    rf"\b(?:non|nn|né|nè)\b{_HISTORY}(?:(?!\b(?:ma|però|tuttavia)\b)[^.;:!?]){{0,70}}?\b{_PART}",  # 'nn': typed on a phone;
    # a negation reaches no further than a turn ('non dispone di un immobile, ma ... attivare')
    r"\b(?:risposta|parere|esito|riscontro|valutazione)\b[^.;:!?]{0,80}?\bnegativ\w*",
    r"\brisposta\b[^.;:!?]{0,60}?\b(?:è|e'|sar[aà])\s+(?:purtroppo\s+)?no\b", r"\bpurtroppo\s+no\b",
    r"\bimpossibilitat\w+", r"\b(?:stavolta|questa\s+volta|per\s+ora|per\s+quest'anno)\s+passiamo\b", r"\bpassiamo\s+(?:la\s+mano|stavolta|per\s+questa\s+volta)\b",
    r"\bsiamo\s+(?:gi[aà]\s+|purtroppo\s+)?(?:pieni|al\s+completo|saturi)\b", r"\bno,?\s+(?:grazie|purtroppo)\b", r"\bno\s*(?:[.;!]|$)", r"\b(?:al\s+momento|per\s+ora|per\s+adesso|per\s+il\s+momento|per\s+noi|quest'anno)\s+no\b",
    r"\b(?:interesse|adesione|disponibilit[aà])\s*:\s*no\b", r"\bpasso\s*(?:[.;!]|$)", r"\bnegativ[oa]\s*(?:[.;!]|$)", r"\bindisponibil\w*", r"\b(?:abbiamo|ha|hanno)\s+altre\s+priorit\w*",
    r"\b(?:avremmo|avrebbe)\s+(?:voluto|desiderato|potuto)\s+(?:\w+\s+){0,2}?\w+", r"\b(?:saremmo|sarebbe)\s+stat[oaie]\s+(?:felici|lieti|contenti|disponibili|pronti)\s+(?:\w+\s+){0,2}?\w+", r"\bprefer\w+\s+(?:concentrar|dedicar|limitar)\w*",
    r"\b(?:è|e'|sono|siamo|si\s+dichiara|dichiara|si\s+(?:è|sono)\s+espress\w+)\s+(?:\w+\s+)?contrari[oaie]\b", r"\bnon\s+se\s+ne\s+parla\b", r"\bnon\s+fa\s+per\s+noi\b", r"\bneanche\s+per\s+sogno\b", r"\b(?:abbiamo|ha|hanno)\s+gi[aà]\s+dato\b(?!\s+(?:(?:la|il|un|una|l')\s*)?(?:\w+\s+)?(?:disponibilit|adesion|assenso))", r"\brespin\w+\s+(?:la|l')\s*(?:propost|richiest|invito|iniziativ)",
    r"\bn'(?:est|sont)\s+pas\s+(?:int[ée]ress|disponible|en\s+mesure)", r"\bne\s+\w+\s+pas\s+(?:participer|adh[ée]rer)",
    r"\bnot\s+(?:\w+\s+){0,2}?(?:interested|willing|available|in\s+a\s+position\s+to\s+(?:join|take|host|activate)|able\s+to\s+(?:join|take|host|activate|accommodate|participate))\b",
    r"\b(?:unable|cannot|can't|can\s+not)\s+(?:\w+\s+){0,2}?(?:join|participate|activate|host|accommodate|take\s+part|expand|open)\b", r"\bmust\s+decline\b",
    r"\bdeclin(?<!si\sdeclin)(?:a|o|iamo|ano)\b", r"\bnicht\s+(?:\w+\s+){0,2}?(?:interessiert|teilnehmen|beteilig\w*|in\s+der\s+lage)", r"\bkein(?:e|en)?\s+interesse", r"\blasciamo\s+(?:stare|perdere)\b", r"\bsoprassed\w+", r"\bdeclin\w+\s+(?:l'|il\s+|la\s+)?(?:invito|propost|offert|iniziativ)",
    r"\brinunci(?<!senza.rinunci)\w+", r"\bdeclinare\b", r"\bimpossibilit[aà]\b", r"\bnessun\s+interesse\b", r"\bdinieg\w*", r"\bnessuna\s+volont[aà]\b",
    r"\bnon\s+(?:dispon\w+|abbiamo|ha|hanno|possied\w+|possediamo)\s+(?:\S+\s+){0,4}?(?:di\s+)?(?:un\s+|una\s+)?(?:strutture?|struttura|immobil[ei]|personale|risorse|local[ei]|spazi|fondi)\b", r"\bnessuna\s+(?:disponibilit|intenzion|possibilit)",
)
# A negation bound to answering or deciding defers; it is not a refusal.
NOT_YET = _rx(r"\bimpossibilitat\w+\s+(?:\w+\s+){0,2}?a\s+(?:rispondere|esprimer\w+|decidere|fornire|dare\s+(?:una\s+)?rispost)",
              r"\bimpossibilit[aà]\s+(?:\w+\s+){0,3}?di\s+(?:rispondere|esprimer\w+|decidere)",
              r"\bnon\b[^.;:!?]{0,40}\b(?:in grado|possibile)\s+di\s+(?:rispondere|esprimer\w+|fornire|decidere|dir(?:e|vi|ci|le)\b|dare\s+(?:una\s+)?rispost)",
              r"\b(?:non|nn)\b[^.;:!?]{0,30}\b(?:ancora|al momento|per ora)\s+(?:in\s+grado\s+di\s+)?(?:decis|definit|esprim|valutat|rispond)",
              r"\b(?:unable|not\s+(?:yet\s+)?(?:able|in\s+a\s+position))\s+to\s+(?:give|provide|send)\s+(?:you\s+)?(?:an?\s+|our\s+)?(?:\w+\s+)?(?:answer|reply|response)")
DEFER = _rx(
    r"\briserv\w+\s+di\s+(?:valutar|dare|rispondere|decidere|comunicare|far)", r"\bsottopost\w+\s+all'esame",
    r"\bsar[aà]\s+(?:discuss|esaminat|valutat|sottopost|portat)\w*", r"\b(?:verr[aà]|verranno)\s+(?:discuss|esaminat|valutat)\w*",
    r"\bprima\s+di\s+(?:assumere|prendere|decidere|esprimer|portare|dare|rispondere)",
    r"\bvi\s+faremo\s+(?:pervenire|sapere)", r"\b(?:ti|vi)\s+(?:faccio|facciamo|far[oò])\s+sapere", r"\bne\s+(?:parliamo|parleremo|discutiamo|discuteremo)\b", r"\b(?:faremo|sar[aà]\s+nostra\s+cura)\s+(?:comunicar|far\s+sapere|inviar)",
    r"\bvi\s+(?:aggiorneremo|informeremo|comunicheremo|scriveremo|riscriveremo|terremo\s+informat)", r"\bdata\s+da\s+(?:destinarsi|definire|stabilire)\b", r"\bricognizione\b",
    r"\b(?:chiarimento|chiarimenti|informazioni|delucidazioni)\b",
    r"\bvalutar\w*\s+(?:con\s+attenzione\s+)?(?:l'|la\s+|un\s+|se\s+)?(?:possibilit|attivazion|ampliament|propost|opportunit)",
    r"\bin\s+fase\s+di\s+(?:valutazione|istruttoria|approfondimento)", r"\bsi\s+riserva\b", r"\bstiamo\s+valutando",
    r"\brinvi\w+\s+(?:la\s+)?decisione", r"\bincontro\b", r"\?\s*$", r"\bentro\s+quando\s+(?:\w+\s+){0,3}?(?:rispondere|risposta|comunicare|aderire|dare\s+riscontro)",
    r"\b(?:scadenza|termine)\s+(?:\w+\s+){0,2}?(?:per\s+)?(?:rispondere|la\s+risposta|aderire|comunicare|dare\s+riscontro)",
    r"\bci\s+(?:pensiamo|penseremo|riflettiamo|rifletteremo)\b", r"\b(?:pi[uù]|altro|ulteriore)\s+tempo\s+per\s+(?:decidere|valutare|rispondere)", r"\bprima di esprimer", r"\bapprofondi\w+",
    r"\b(?:si )?chied\w* di conoscere", r"\bchiediamo (?:la possibilit|di sapere|di conoscere)",
    r"\bvorremmo\s+(?:sapere|capire|conoscere)", r"\bci\s+servirebbe\s+(?:capire|sapere|conoscere)",
    r"\bproroga\b", r"\bin\s+corso\s+di\s+(?:istruttoria|valutazione|approfondimento|definizione|verifica)",
    r"\brimand\w+\s+a\s+(?:una\s+)?(?:successiv|ulterior|prossim)", r"\bsuccessiva\s+comunicazione", r"\b(?:dar|fornir|invier|comunicher)\w*\s+(?:una\s+|la\s+|un\s+|il\s+)?(?:\w+\s+)?(?:rispost|riscontr)\w*",
    r"\bwill\s+be\s+(?:discussed|examined|evaluated|assessed|submitted|considered)\b", r"\bwe\s+will\s+(?:let\s+you\s+know|inform\s+you|get\s+back)",
    r"\bzur\s+(?:entscheidung|beschlussfassung)\s+vorgelegt", r"\bwerden\s+wir\s+(?:sie|ihnen)\s+(?:\w+\s+)?(?:informieren|mitteilen|benachrichtigen)",
    r"\brisposta\s+definitiva", r"\b(?:sar[aà]|saranno|verr[aà]|verranno)\s+(?:decis|definit|stabilit|valutat)\w*",
    r"\b(?:trasmess|inoltrat)\w+\s+(?:la\s+|il\s+)?(?:vostra\s+|vostro\s+|vs\.?\s+)?(?:nota|lettera|comunicazione|propost\w+|richiest\w+|quesito)\s+(?:al|alla|all|ai|agli)", r"\bper\s+le\s+(?:opportune\s+)?valutazioni", r"\brimess\w+\s+(?:\w+\s+){0,2}?(?:alla|al|all')", r"\ba\s+rispondervi\b", r"\bci\s+aggiorn\w+", r"\bstiamo\s+(?:ancora\s+)?\w+(?:ando|endo)\b", r"\bsospend\w*\s+(?:ogni\s+|la\s+|qualsiasi\s+)?decision", r"\bsegu\w+\s+(?:nostra\s+)?comunicazion", r"\bsolo\s+dopo\b",
    r"\b(?:esamin|valut|decid|discut|approfond|pronunc|esprim)\w*(?:erà|eranno|eremo|irà|iranno|iremo)\b",
    rf"\bla\s+decisione{_ASIDE}\s+(?:spetta|sar[aà]|verr[aà]|finale)", r"\bin\s+attesa\s+(?:di|della|del|dei)\s+(?:\w+\s+)?(?:decision|deliber|approvazion|bilanci)",
)
# Hedges that keep an offer from being one: the decision is still to come.
HEDGE = _rx(r"\bpotremmo\s+(?:anche\s+)?essere\s+interessat", r"\bin\s+linea\s+di\s+massima\b",
            r"\bma\s+(?!non\s+prima\s+d\w*\s+(?:gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre|\d|fine|inizio))(?:\S+\s+){0,4}?prima\b",
            r"\b(?:adesione|disponibilit[aà]|assenso|parere\s+favorevole)\s+di\s+massima\b", r"\b(?:abbiamo|ha|avremmo)\s+bisogno\s+di\s+(?:capire|sapere|conoscere|verificare)", r"\b(?:ci\s+)?serv\w+\s+(?:prima\s+)?(?:sapere|capire|conoscere|verificare)\b",
            r"\briserv\w+\s+(?:ogni\s+decisione|di\s+(?:comunicare|far\s+conoscere|esprimere|dare|formalizzare)\s+(?:la\s+|l')?"
            r"(?:propria\s+|nostra\s+)?(?:adesione|decisione|risposta|parere|disponibilit))", r"\bdobbiamo\s+(?:prima|ancora)\b",
            r"\bprima\s+(?:capire|verificare|sapere|valutare|conoscere)\b", r"\bpotr\w+\s+(?:anche\s+)?valutar", r"\bsolo\s+dopo\b", r"\bin\s+linea\s+di\s+principio",
            rf"\bla\s+decisione{_ASIDE}\s+(?:spetta|sar[aà]|verr[aà]|finale)", r"\bspett\w*\s+(?:la|ogni|qualsiasi|l'ultima)\s+(?:\w+\s+)?decision",
            r"\bprima\s+di\s+(?:decidere|assumere|prendere)",
            r"\b(?:non|nn)\s+(?:abbiamo|ha)\s+ancora\s+(?:deciso|assunto)", r"\bin\s+ipotesi\s+di\b", r"\bipotizz\w+", r"\bipotetic\w+",
            r"\ba\s+titolo\s+(?:puramente\s+|meramente\s+)?(?:indicativo|orientativo)", r"\bsenza\s+(?:che\s+ci[oò]\s+costituisca\s+)?impegno\b",
            r"\bin\s+teoria\b", r"\bin\s+linea\s+generale\b", r"\besclud\w*", r"\besclus[oa]\b", r"\btutto\s+da\s+(?:verificare|valutare|decidere|definire)\b", r"\bpotenzialmente\b",
            r"\b(?<!se\s)(?:occorr\w+|serv\w+|necessit\w+)\s+(?:prima\s+|ancora\s+)?(?:il|la|l')\s*(?:parere|assenso|autorizzazion|approvazion|via\s+libera|delibera|nulla\s+osta)", r"\bsar[aà]\s+sottopost\w+\s+(?:al|alla|all')")
# 'Dipende dai soldi.' conditions only at a clause's start ('il dato definitivo dipenderà da' does not).
# A lookbehind sits after the word it guards ('se(?<!capire.se)'): the engine tests it only where the word is.
CONDITION = _rx(r"\bsubordinatament\w*", r"\bdipende(?<!\w\sdipende)\s+(?:da|dal|dalla|dai|dalle|dall')",
                r"\bprevi[ao]\s+(?:\w+\s+)?(?:verifica|accertamento|approvazione|autorizzazione|deliber|parere|assenso|conferma|reperimento)",
                r"\bove\s+(?:\S+\s+){0,5}?\w+(?:asse|essero|isse|issero)\b",
                r"\bse(?<!capire.se)(?<!sapere.se)(?<!chiedere.se)(?<!chiediamo.se)(?<!conoscere.se)(?<!verificare.se)(?<!dirci.se)(?<!\bso.se)\s+ci\s+(?!sar[aà]\s+possibile)\w+",
                r"\bse(?<!capire.se)(?<!sapere.se)(?<!chiedere.se)(?<!conoscere.se)(?<!verificare.se)\s+(?:il|la|lo)\s+(?:ministero|regione|stato|prefettura|governo|viminale)\s+\w+",
                r"\ba\s+fronte\s+di\s+(?:un|una|il|la)\s+(?:\w+\s+)?(?:finanziament|copertur|contribut|garanzi)", r"\bqualora\b", r"\bprovided\s+that\b", r"\bon\s+condition\s+that\b", r"\bnel\s+caso\s+in\s+cui\b", r"\ba\s+condizione\s+(?:che|di)\b", r"\ba\s+patto\s+che", r"\bpurch[eé]\b",
                r"\bsolo\s+(?:se|qualora|nel\s+caso)", r"\bsoltanto\s+(?:se|qualora)",
                r"\bqualora\s+(?:venga|vengano|fosse|fossero|sia|siano)\s+(?:garantit|copert|assicurat|riconosciut)",
                r"\b(?:subordinat|vincolat)\w*\s+(?:a|al|alla|all['’]|allo|ai|alle)", r"\b(?:rest|riman|è)\w*\s+legat\w+\s+(?:a|al|alla|all['’]|allo|ai|alle)",
                r"\bse(?<!capire.se)(?<!sapere.se)(?<!chiedere.se)(?<!conoscere.se)(?<!verificare.se)\s+(?!ci\s+sar[aà]\s+possibil)(?:\S+\s+){0,6}?(?:sar[aà]|saranno|verr[aà]|verranno|avr[aà]|avranno|potr[aà]|potranno)\b",
                r"\bin\s+tal\s+caso\b", r"\bse(?<!capire.se)(?<!sapere.se)(?<!chiedere.se)(?<!conoscere.se)(?<!verificare.se)\s+(?:\S+\s+){0,5}?\w+(?:erà|irà|eranno|iranno|asse|essero|isse|issero)\b", r"\bcondizionat\w+\s+(?:a|al|alla)\b")
OFFER = _rx(
    r"\bdisponibil\w*['’]?\s+(?:ad?|all['’]?|alla|allo|al|per|nel|in|di\s+questo|del\s+comune)\b",
    r"\b(?:la|propria|nostra|piena)\s+disponibilit\w*['’]?\s+(?:ad?|all['’]?|alla|allo|al|per|del\s+comune|di\s+questo)\b",
    r"\bdisponibilit[aà]\s+(?:del|della|dello|dell')\s+(?:\S+\s+){0,5}?(?:ad?|all['’]?|alla|allo|al|per)\b",
    r"\b(?:attiv|ampli|aument|increment|port|soste|aderi|partecip|present|accogl|mett|candid|avvi|apri|raddoppi|aggiung|aggiunge|realizz|dedic)\w*(?:rà|ra'|remo)\b",
    r"\bsosterr\w+", r"\b(?:manifest|espri|comunic|conferm|dichiar)\w*\s+(?:il\s+|l')?(?:proprio\s+|nostro\s+)?interesse",
    r"\binteress[ea]\s+(?:del\s+comune|di\s+questa|dell'amministrazione|all'|alla|ad|a\s+|per)",
    r"\b(?:ha|abbiamo|hanno)\s+interesse", r"\binteressat\w+\s+(?:ad?|all|alla|al|per)\b(?!\s*(?:valutar|capire|conoscere|sapere|approfondi|ricevere|avere\s))",
    r"\bintend\w*\s+(?:\w+\s+){0,2}?(?:proceder|presentar|attivar|ampliar|aderir|candidar|avviar|partecipar|aprir"
    r"|raddoppiar|incrementar|aumentar|portar|passar|accoglier|realizzar)(?:e|ne|lo|la|li|le|si|ci)?\b",  # 'intende aumentarne
    r"\bintenzion\w+\s+(?:di|a)\s", r"\bvolont[aà]\b", r"\b(?:saremmo|siamo|sono|è|e')\s+(?:quindi\s+|ben\s+)?(?:dispost|pront|lieti)\w*",
    r"\bfavorevol\w*", r"\bsi\s+candid\w*", r"\bcandid\w+\s+(?:un|il|la)\b", r"\baderi\w+", r"\badesione\b",
    r"\b(?:possiamo|può|puo'|potr[aà]|potremo|potremmo|potrebbe|riusciamo)\s+(?:\w+\s+){0,2}?(?:attivare|accoglier(?:e|ne)|ospitar(?:e|ne)|passare|prender(?:e|ne)|aggiungere|incrementare"
    r"|mettere\s+a\s+disposizione|arrivare|ampliar(?:e|lo|la|ne)|incrementar(?:lo|la|ne)|aumentar(?:e|lo|la|ne)|potenziar(?:e|lo|la)|garantire|offrire|avviare|aprire|partire\s+con|ricavare)",
    r"\b(?:noi\s+)?ci\s+stiamo\b(?!\s+\w+ndo\b)",  # 'noi ci stiamo': we are in ('ci stiamo lavorando' is not)
    r"\bpropon\w+\s+(?:(?:quindi|pertanto|dunque|perci[oò]|allora|anche)\s+)?(?:di\s+\w+|l'|un|una|uno|il|la|i|le|ad?)\b", r"\b(?:dichiar|comunic)\w+\s+di\s+voler", r"\bvorre(?:bbe|mmo)\s+(?:(?:apri|attiva|avvia|amplia|aumenta|incrementa|raddoppia|accoglie|ospita|porta)r(?:e|ne|lo|la)|partecipare|aderire|candidar\w*|crescere)",
    r"\bci\s+piacerebbe\s+(?:\w+\s+){0,2}?(?:ospitar|accoglier|attivar|avviar|ampliar|partecipar|aderir|aprir)\w*",
    r"\bvorre(?:bbe|mmo)\s+(?:ripartire|ricominciare|tornare\s+ad?\s+(?:accogliere|ospitare))", r"\bdisponibilit[aà]\s+c['’]?\s*[eè]\b",
    r"\b(?:espress\w*|esprime|dato|d[aà])\s+(?:l['’]\s*|un\s+)?indirizzo\s+(?:favorevole\s+)?(?:di|a|ad|per|all['’]?)\b",
    r"\b(?:is|are|am)\s+(?:\w+\s+)?(?:willing|ready|available|happy|pleased|glad|interested)\s+(?:to|in)\b", r"\bwould\s+(?:like|be\s+(?:happy|glad|willing|pleased))\s+to\b",
    r"\b(?:we|it)\s+(?:can|could|will)\s+(?:\w+\s+)?(?:host|accommodate|activate|offer|provide|open|expand|increase|take\s+in)\b",
    r"\b(?:x|per)\s+noi\s+(?:va\s+bene|ok)\b", r"\b(?:la\s+)?risp(?:osta)?\s+(?:e|è|e')\s+s[iì]\b", r"\bpossiamo\s+fare\s+\+?\s*\d",
    r"\bbereit\s+(?:ist|sind|wäre|wären|sein)\b", r"\b(?:est|sont|serait|seraient)\s+(?:\w+\s+)?(?:dispos[ée]e?s?|pr[êe]te?s?|int[ée]ress[ée]e?s?|favorable)\s+(?:à|a|au|par)\b",
    r"\bist\s+bereit", r"\bs[iì],?\s+(?:confermo|confermiamo|certo|certamente|volentieri|assolutamente)\b", r"\bcertamente\s+s[iì]\b", r"\bs[iì](?<!\w\ss[iì])(?<![\w,]s[iì])\s*[.!]", r"\bs[iì]\s+(?:al|alla|allo|all'|ai)\s", r"\bm[öo]chte\b", r"\bindirizzo\s+favorevole", r"\bci\s+(?:c'è|sta|siamo)\b", r"\bc'è\s*(?:[.,;:!\n]|$)", r"\b(?:per|a)\s+noi\s+va\s+bene\b", r"\b(?<!non\s)interessat[oiae]\s*[,.!;]", r"\b(?:interesse|adesione|disponibilit[aà])\s*:\s*(?:s[iì]\b|\d)", r"\bci\s+candid\w*",
    r"\b(?:presentat|inoltrat|trasmess)\w*\s+(?:\S+\s+){0,8}?(?:domanda|istanza|richiesta)\s+di\s+(?:ampliamento|attivazione|finanziamento|adesione)", r"\bok\s+(?:per|a|ad)\s",
    r"\bchied\w+\s+di\s+(?:poter\s+)?(?:arrivare|salire|ampliare|aumentare|incrementare|attivare|passare|portare|rimodulare|avviare)", r"\bne\s+(?:prend|accogl|ospit)\w*(?:iamo|emo|emmo)\b",
    r"\bsi\s+rende\s+disponibil", r"\b(?:è|e'|siamo|sono)\s+(?:molto\s+|fortemente\s+|senz'altro\s+)?interessat\w*", r"\b(?:sarebbe|saremmo|è|e'|siamo|sono)\s+(?:anche\s+|ben\s+|senz'altro\s+)?disponibil\w*",
    r"\baccett\w+\s+(?:volentieri|la\s+propost|l'invito)", r"\baccoglie\w*\s+(?:con\s+favore\s+)?(?:la|l')\s*(?:propost|invito|richiest)", r"\britien\w+\s+di\s+poter\s+(?:\w+\s+)?(?:attivare|avviare|ampliare|aderire|accogliere|partecipare|mettere|ospitare)",
    r"\brisposta\s+(?:\S+\s+){0,2}?affermativ\w*", r"\bassenso\b", r"\boffr\w+", r"\bcandidar\w*", r"\borientat\w+\s+(?:a|ad)\b",
    r"\bdeliberat\w+\s+di\s+(?:\w+\s+)?(?:attivare|aderire|candidar|ampliare|partecipare|avviare)", r"\bcandidatura\b", r"\bpositivament\w*",
    r"\bconferm\w+\s+(?:\w+\s+){0,4}?quanto\s+(?:gi[aà]\s+)?(?:comunicat|indicat|trasmess|espress|scritt)", r"\bmett\w*\s+a\s+disposizione", r"\bpront[oiae]\s+(?:ad?|per)\b",
)
# "stiamo verificando due possibili sedi": weighing where or how an offer is carried out, not whether.
_HOW = r"(?!\s+(?:\w+\s+){0,3}?(?:sed[ei]|struttur\w*|immobil\w*|local[ei]|spazi|alloggi\w*|tempi|modalit\w*)\b)"
CONSIDER = _rx(r"\binteressat\w+\s+a\s+(?:valutar|capire|conoscere|sapere|approfondi|ricevere|avere\s+(?:maggiori\s+)?(?:informazion|dettagl|chiariment))", r"\bdispost\w+\s+a\s+valutar", r"\bintend\w+\s+valutar", r"\bsta\s+valutando", rf"\bvalutando\b{_HOW}",
               rf"\bstiamo\s+(?:valutando|verificando|approfondendo)\b{_HOW}")

NEW = _rx(r"\bnuov[oiae]\s+progett", r"\bper\s+la\s+prima\s+volta\b", r"\bprogett\w+\s+che\s+(?:\w+\s+){0,5}?(?:intende|intendiamo|vorrebbe|vorremmo|potrebbe|potremmo)\s+(?:avviare|attivare|aprire|realizzare)", r"\bnon\s+(?:ha|hanno|abbiamo|avendo)\s+mai\s+(?:avuto|gestito|attivato|avviato)\b", r"\b(?:attivar|avviar|aprir)ne\s+uno\b", r"\buno\s+nuovo\b", r"\b(?:(?<=[.!\n]\s)|(?<=\n))nuov[oa]\s*(?:[.!]|$)", r"\bdi\s+nuova\s+(?:attivazione|istituzione|costituzione)\b", r"\bex\s+novo\b", r"\bprogett\w+\s+da\s+(?:avviare|attivare|costruire|realizzare)\b", r"\bprogett\w+\s+(?:\w+,?\s+){0,2}nuov[oi]\b", r"\bprim[oa]\s+progett", r"\bneues?\b", r"\berstes?\s+projekt", r"\bnew\s+(?:\w+\s+)?project\b", r"\bnouveau\s+projet\b",
          r"\b(?:attivazione|avvio|apertura)\s+di\s+(?:un\s+)?(?:nuovo\s+|proprio\s+|nostro\s+)?progett", r"\bmai\s+(?:avuto|gestito|attivato|avviato)\s+(?:un\s+|alcun\s+)?progett",
          r"\b(?:attivare|avviare|aprire|candidare|presentare)\s+(?:anche\s+|inoltre\s+)?un\s+(?:proprio\s+|nostro\s+)?progetto")
EXPANSION = _rx(r"\bampli[aeo]\w*", r"\bamp(?:iam|lam|lim)ent\w*", r"\bin\s+pi[uù]\b", r"\bcon\s+altri\s+\d+", r"\+\s*\d+\s+posti", r"\bincrement\w+", r"\bulteriori\b", r"\b(?:expand|expansion|enlarg\w+)\b", r"\bexisting\s+project\b", r"\bposti\s+aggiuntivi", r"\baggiuntiv\w+",
                r"\bda(?:i|gli)?\s+(?:attuali\s+)?\d+\s+(?:posti\s+)?a(?:i)?\s+\d+\s+posti", r"\baument\w+\s+(?:dei|di|a|del)\b",
                r"\braddoppi\w+", r"\b(?:aument|increment|ampli|elev|innalz|accresc)\w*\s+(?:la\s+)?(?:capienza|capacit|ricettivit|dotazione)",
                r"\b(?:partecip|aderisc)\w*\s+gi[aà]\s+(?:alla\s+rete|al\s+siproimi|allo\s+sprar|al\s+sistema)", r"\b(?:ai|agli|alle)\s+\d+\s+(?:posti\s+)?gi[aà]\s+(?:attiv|esistent|in\s+essere|finanziat)", r"\bprogetto\s+(?:\w+\s+){0,6}?(?:già\s+)?(?:in\s+essere|in\s+corso|attivo|esistente)",
                r"\bgi[aà]\s+(?:attivo|in\s+essere|titolare\s+(?:del|di\s+un)\s+progetto\s+siproimi\s+(?:per|dedicato|msna|minori))",
                r"\b(?:attuali|attualmente\s+attivi)\b", r"\battualmente\s+(?:sono\s+|conta\s+|ha\s+)?\d+",
                r"\bport\w+\s+(?:la\s+capienza|il\s+progetto|i\s+posti)", r"\bcapienza\s+del\s+(?:proprio\s+|nostro\s+)?progetto",
                r"\bmodulo\s+aggiuntiv", r"\bulterior[ei]\s+(?:modul|struttur|appartament|unit)", r"\bportat[oaie]\s+a\s+\d+", r"\boggi\s+(?:di|conta|ha|sono|accoglie|ospita)\s+\d+",
                r"\bc'è\s+gi[aà]\b", r"\bne\s+aggiung\w+", r"\bsi\s+aggiung\w+\s+(?:a|ai|agli|alle)\b",
                r"\b(?:elev|innalz)\w+\s+(?:la\s+quota|il\s+numero|i\s+posti|la\s+capienza)", r"\b(?:port|pass|elev|aument|sal)\w*\s+da(?:i|gli)?\s+\w+\s+(?:posti\s+)?a(?:i|d)?\s+\w+\b", r"\boggi\s+\d+\s+posti", r"\bcresc\w+\s+di\s+\d+",
                r"\bprogett\w+\s+(?:\w+\s+){0,6}?(?:arriv|sal)\w+\s+(?:complessivamente\s+|in\s+totale\s+)?a\s+\d+", r"\battualmente\s+(?:il|la)\s+(?:nostr[oa]\s+)?(?:progetto|siproimi)\b", r"\bconta\s+(?:oggi\s+|attualmente\s+|ad\s+oggi\s+)?(?:\d+|[^\W\d_]+)\s+posti", r"\bportarl[oa]\s+a\b", r"\bpi[uù]\s+(?:di|rispetto\s+ad?)\s+(?:oggi|ora|adesso|quelli\s+attuali)\b", r"\bgi[aà]\s+c'è\b", r"\b(?:prender|accoglier|ospitar|aggiunger)ne\s+altri\b",
                r"\bprogett\w+\s+(?:\w+\s+){0,8}(?:che|ke)\s+(?:gi[aà]\s+)?(?:gestisce|gestiamo|abbiamo)")


@dataclass
class Answer:
    intent: str | None
    mode: str | None
    rule: str
    span: tuple[int, int]
    conditional: bool = False


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def decide(text: str) -> Answer:
    """Intent and mode of one text (the sender's own words)."""
    text = said = _lower(text)
    until = UNTIL.search(text)
    no_obstacle = NO_OBSTACLE.search(text)
    text = _FALSE_NEGATION.sub(_blank, UNTIL.sub(_blank, text) if until else text)
    if no_obstacle:
        text = NO_OBSTACLE.sub(_blank, text)
    not_yet = NOT_YET.search(text)
    scan = NOT_YET.sub(_blank, text) if not_yet else text
    asked = _WHETHER.sub(_blank, scan)
    decline = _decline(asked)
    offer = OFFER.search(asked) or no_obstacle
    consider = _for_minors(CONSIDER, scan) or HEDGE.search(text)  # 'interessati, ma non abbiamo ancora deciso' hedges
    defer = None if offer or consider else DEFER.search(scan) or not_yet  # asked for only when neither is there
    condition = CONDITION.search(asked) or (SOON.search(said) if offer else None)  # not inside a question
    if decline and offer and condition and offer.start() < condition.start() < decline.start() \
            and not _BOUNDARY.search(asked, condition.start(), decline.start()):
        # 'disponibile ..., a condizione che lo Stato copra il 5%, che il bilancio non consente di sostenere': a
        # negation inside the offer's condition belongs to the condition; a refusal after it still counts
        decline = _decline(asked[:condition.start()] + " " * (decline.end() - condition.start()) + asked[decline.end():])
    if decline and until and not _BOUNDARY.search(scan, min(until.start(), decline.start()), max(until.end(), decline.end())):
        return Answer("undecided", mode_of(text, decline.start()), "answer.until", until.span(), conditional=True)
    if decline:
        turn = _other_mode(text, scan, decline)
        if turn:  # 'per l'ampliamento sì (3 posti); per un nuovo progetto no'
            return Answer("undecided" if condition else "interested", turn[0], "answer.offer", turn[1].span(),
                          conditional=bool(condition))
    # A later offer, or a later 'valuterà tuttavia ...', turns a refusal of one thing into an answer about another.
    if decline and offer and offer.start() < decline.end():  # 'non amplierà il progetto adulti, ma è pronto a ...'
        offer = OFFER.search(scan, decline.end()) or offer
    if decline and not _declines_before_offer(scan, decline, offer or consider or defer):
        return Answer("not_interested", None, "answer.decline", decline.span())
    if not (offer or consider or defer):
        offer = _offered_figure(_drop_questions(scan))
        if offer is None:
            return Answer(None, None, "", (0, 0))
        intent = "undecided" if condition else "interested"
        return Answer(intent, mode_of(text, offer.start()), "answer.figure", offer.span(), conditional=bool(condition))
    if offer and not consider:
        intent, rule, m = ("undecided", "answer.conditional", condition) if condition else ("interested", "answer.offer", offer)
    else:
        found = consider or offer or defer
        if found is None:
            return Answer(None, None, "", (0, 0))
        m, intent, rule = found, "undecided", "answer.defer"
    at = offer.start() if offer else (m.start() if decline else None)  # after a refused part, the clause that turns
    return Answer(intent, mode_of(text, at), rule, m.span(), conditional=bool(condition))


# A figure of places or minors stated, not asked: "OK per 4 posti", "ne prendiamo 5 in più", "+5 posti".
_FIGURE = re.compile(r"(?:\b(\d{1,3}|[^\W\d_]{3,20})\s+(?:\(\w+\)\s+)?(?:nuovi\s+|ulteriori\s+|altri\s+)?(?:posti|minori|ragazz\w*|msna|unit[aà])(?!\w)"
                     r"|(?<![\d+])\+\s*(\d{1,3})\b|\b(\d{1,3})\s+in\s+pi[uù]\b|\bposti\b[^.;:?]{0,40}?\b(?:sono|saranno)\s+(\d{1,3}|[^\W\d_]{3,20})\b|\bposti\b[^.;:?]{0,30}?\bda\s+\d{1,3}\s+a\s+(\d{1,3})\b)")
# Words that make a figure a description of what exists, not an offer ("ospita già 30 minori").
_DESCRIBES = at_words(r"\bgi[aà]\b|\battualment|\baccolt|\bospita|\bpresenti\b|\bin\s+carico|\bgestit|\bnel\s+20\d\d")


def _offered_figure(text: str) -> re.Match[str] | None:
    """The first figure of places that a sentence offers rather than describes."""
    for m in _FIGURE.finditer(text):
        word = next(g for g in m.groups() if g)
        if value(word) in (None, 0):
            continue
        start = max((b.end() for b in _BOUNDARY.finditer(text, 0, m.start())), default=0)
        if not _DESCRIBES.search(text[start:m.start()]):
            return m
    return None


_CLAUSE = re.compile(r"[.;:!?]|\n\s*\n")


def _clause(text: str, m: re.Match[str]) -> tuple[int, int]:
    """Where the clause around a match begins and ends (a stop, colon, semicolon or blank line)."""
    lo = max((b.end() for b in _CLAUSE.finditer(text, 0, m.start())), default=0)
    hi = next((b.start() for b in _CLAUSE.finditer(text, m.end())), len(text))
    return lo, hi


def _for_minors(rx: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of RX whose clause is not about another target only ('valuterà 5 posti per adulti')."""
    for m in rx.finditer(text):
        lo, hi = _clause(text, m)
        if not (OTHER_TERMS.search(text, lo, hi) and not MSNA_TERMS.search(text, lo, hi)):
            return m
    return None


def _decline(text: str) -> re.Match[str] | None:
    """The first decline not said of another target named before it in its clause ('per gli adulti no.');
    a target named after the refusal is its reason ('abbiamo già dato con il CAS da 80 posti')."""
    for m in DECLINE.finditer(text):
        lo, hi = _clause(text, m)
        if not (OTHER_TERMS.search(text, lo, m.start()) and not MSNA_TERMS.search(text, lo, hi)):
            return m
    return None


def _other_mode(text: str, scan: str, decline: re.Match[str]) -> tuple[str, re.Match[str]] | None:
    """(mode, offer) when the decline refuses one mode ('non a un nuovo progetto') and the rest offers the other."""
    lo, hi = _clause(text, decline)
    cues = [("new_project", m) for m in NEW.finditer(text, lo, hi)] + [("expansion", m) for m in EXPANSION.finditer(text, lo, hi)]
    if not cues:
        return None
    def gap(c: tuple[str, re.Match[str]]) -> int:
        return max(0, c[1].start() - decline.end(), decline.start() - c[1].end())  # 0 inside the decline's words

    refused, cue = min(cues, key=gap)
    if gap((refused, cue)) > 40:  # the refused mode is named beside the negation, not somewhere in its clause
        return None
    a, b = min(cue.start(), decline.start()), max(cue.end(), decline.end())
    rest = scan[:a] + " " * (b - a) + scan[b:]
    other = "expansion" if refused == "new_project" else "new_project"
    if not (EXPANSION if other == "expansion" else NEW).search(rest) or DECLINE.search(rest):
        return None
    offer = OFFER.search(rest) or _offered_figure(_drop_questions(rest))
    return (other, offer) if offer else None


# "di più non riusciamo": a negation that only limits an offer already made.
_LIMIT = at_words(r"\b(?:di\s+pi[uù]|oltre)\b")
_SENTENCE_START = re.compile(r"(?:[.!?;]|\n)\s*$")
_BUT = at_words(r"\b(?:ma|però|tuttavia|invece|bensì)\b")
# "AGGIORNAMENTO – il Sindaco mi chiede di correggere quanto scritto sopra": the rest replaces all that came before.
_SUPERSEDES = re.compile(r"\b(?:correggere|rettificare|modificare)\s+quanto\s+(?:scritto|comunicato|indicato|detto)"
                         r"|^\s*(?:aggiornamento|rettifica|correzione)\b", re.M)


# "non possiamo attivare posti, ma siamo disponibili a collaborare per attività di integrazione": help, not places.
_ELSEWHERE = at_words(r"\bcollabor\w*|\battivit[aà]\s+di\b|\bsupport\w*|\bformazion\w*|\bsensibilizzazion\w*")
_PLACES_WORDS = at_words(r"\bposti\b|\bprogett|\bminori\b|\bmsna\b|\bragazz|\baccoglie|\bampli")


def _declines_before_offer(text: str, decline: re.Match[str], offer: re.Match[str] | None) -> bool:
    """'non possiamo ampliare oltre, ma siamo disponibili a ...': the later offer stands; so does an offer
    whose own clause a later 'non' only limits ('pronti ad ampliare di tre posti, di più non riusciamo')."""
    if offer is None:
        return False
    if offer.start() > decline.end():
        gap = text[decline.end():offer.start()]
        clause = text[offer.start():_clause(text, offer)[1]]
        if (_ELSEWHERE.search(clause) and not _PLACES_WORDS.search(clause)) or \
                (OTHER_TERMS.search(clause) and not MSNA_TERMS.search(clause)):
            return False  # the later offer is of help, or of places for adults or families
        if _SUPERSEDES.search(gap):
            return True  # a correction between them: the offer replaces the refusal, however far apart
        turn = _BUT.search(text, decline.end(), offer.end() + 20)  # also 'valuterà tuttavia'
        if turn is None:
            return False
        # A turn that opens a sentence ('... non avrebbe aderito.\n\nTuttavia, la Giunta ha deciso di aderire')
        # is a change of mind, however long the story before it; one inside a clause stays near its refusal.
        opens = bool(_SENTENCE_START.search(text, max(0, turn.start() - 4), turn.start()))
        return len(gap) < (600 if opens else 150)
    return bool(_LIMIT.search(text[max(0, decline.start() - 20):decline.start()]))


# Words before an expansion cue that make it about another project (ordinary, adults, CAS).
_OTHER_PROJECT = at_words(r"\b(?:ordinari\w*|adult\w*|cas|neomaggiorenn\w*|famigli\w*)\b[^.;:]{0,40}$")


def mode_of(text: str, at: int | None = None) -> str:
    """New project or expansion, from statements only: a question ('quanti posti per un progetto?') says neither.

    The offer's own clause speaks first ('non intende ampliarlo, ma è disponibile ad attivare un nuovo
    progetto'), then its sentence, then the whole text; a negated cue ('non intende ampliare') says nothing."""
    text = _drop_questions(_lower(text))
    if at is not None:
        end = next((m.end() for m in _BOUNDARY.finditer(text, at) if m.group() != "?"), len(text))
        start = max((m.end() for m in _BOUNDARY.finditer(text, 0, at)), default=0)
        for lo in (at, start):
            mode = _mode_in(text, lo, end)
            if mode != "unspecified":
                return mode
    return _mode_in(text, 0, len(text))


_NEGATED = at_words(r"\bnon\b[^.;:!?]{0,30}$")
# "Le modalità (nuovo progetto o altra forma) saranno definite", "se con un nuovo progetto o ampliando l'esistente,
# lo decideremo": a mode named as one of two ways is not chosen.
_OR_AFTER = re.compile(r"\w*\s*(?:\)\s*)?,?\s*(?:o|oppure|ovvero)\s+(?:(?:un|una|un'|l'|il|la|lo|con|per|in|di|tramite)\s*)?"
                       r"(?:altr[aoie]\b|nuov|ampli|increment|potenzi|progett|estensi)")
_OR_BEFORE = re.compile(r"\b(?:o|oppure|ovvero)\s+(?:(?:un|una|un'|l'|il|la|lo|con|per|in|di|tramite|mediante)\s*)?$")
_OR_WITHIN = re.compile(r"\s(?:o|oppure|ovvero)\s")  # 'progetto oppure ampliando quello che gestiamo


def _mode_in(text: str, lo: int, hi: int) -> str:
    def usable(m: re.Match[str], other_project: bool = False) -> bool:
        before = text[max(0, m.start() - 60):m.start()]
        return not _NEGATED.search(before) and not (other_project and _OTHER_PROJECT.search(before)) \
            and not _OR_AFTER.match(text, m.end()) and not _OR_BEFORE.search(before) and not _OR_WITHIN.search(m.group())

    new = next((m for m in NEW.finditer(text, lo, hi) if usable(m)), None)
    exp = next((m for m in EXPANSION.finditer(text, lo, hi) if usable(m, other_project=True)), None)
    if new and exp:
        return "new_project" if new.start() < exp.start() and "ampli" not in text[new.start():new.end() + 40] else "expansion"
    if new:
        return "new_project"
    if exp:
        return "expansion"
    return "unspecified"
