"""Which Comune (or Comuni) a message speaks for, from every signal, weighed.

Each signal adds weight to a set of ISTAT codes (a set, because a name like Castro or San
Teodoro stands for several Comuni until a province, a domain or a province code decides).
Certified sender, sender domain, signer and letterhead or signature ("Comune di X", "Sindaco di
X", "24063 Castro (BG)") weigh most; a bare capitalised name weighs little; names that are
ordinary words ("Ne", "Nove", "Bella") count only with such context. Lists after "Comuni di"
are members a Unione or a lead Comune answers for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..records import ComuneRef, Document, Evidence, ReadMessage
from .gazetteer import NOT_A_COMUNE_BEFORE, SPEAKER_CONTEXT, Gazetteer, normalise, slug_of
from .nlp import NameMatch, Pipeline
from .text import at_words

W_SPEAKER, W_CAP, W_PROVINCE, W_BARE, W_DOMAIN, W_CERTIFIED = 3.0, 2.0, 1.5, 0.5, 3.0, 3.5

_PROV_AFTER = re.compile(r"^\s*[,\-–]?\s*(?:\(\s*([A-Z]{2})\s*\)|([A-Z]{2})\b(?![a-z']))")
_PROV_PAREN = re.compile(r"\(\s*([A-Z]{2})\s*\)")
_PROV_NAME = re.compile(r"\bprovincia (?:autonoma )?di ((?:\w+ ?){1,3})")
_CAP_BEFORE = re.compile(r"\b\d{5}\s*$")
_SHORT_SPEAKER = re.compile(r"\b(?:comune|sindaco|sindaca|citta) di (\w{5,})\b")  # in normalised text
# "in convenzione con il Comune di Levanto", "in rete con i Comuni di Thiene e Zanè": a project's partners, who do
# not answer; named after such words a Comune neither speaks nor is a member.
_PARTNER_BEFORE = at_words(r"\b(?:in convenzione|in rete|convenzionat\w*|in partenariato)\s+(?:con|col|coi)\s+(?:(?:il|i|l|gli)\s+)?"
                             r"(?:(?:comun[ei]|citta)(?: (?:di|de|d|del|della|dello|dei))?\s*)?$")
_MEMBERS_KEY = at_words(  # one leading \b: tried only where a word starts
    r"\b(?:comuni\s+(?:partner\s+)?(?:di|de|aderenti|associati|membri|soci|facenti parte|consorziati)?\b\s*|"
    r"(?:a nome|per conto|in nome|in rappresentanza)\s+(?:anche\s+)?(?:(?:del|dello)\s+(?:vicino\s+|limitrofo\s+|confinante\s+)?comune\s+)?(?:di\s+)?(?:anche\s+)?|"
    r"(?:d intesa|insieme|assieme|congiuntamente|in accordo|in associazione|in partenariato|in rete)\s+(?:con\s+|a\s+)?(?:(?:il|al|col|con il|i|ai|gli|agli|coi)\s+)?(?:vicini\s+|limitrofi\s+|confinanti\s+)?(?:comun[ei]\s+(?:di\s+)?)?|"
    r"(?:con la partecipazione|con il coinvolgimento|con l adesione|unitamente)\s+(?:di|a|al|del|dello)\s+(?:comune\s+(?:di\s+)?)?|"
    r"in forma associata con\s+(?:il\s+comune\s+(?:di\s+)?)?|coordin\w*\s+(?:anche\s+)?(?:i\s+comuni\s+(?:di\s+)?)?|"
    r"capofila\s+(?:con|insieme a|e)\s+(?:i\s+comuni\s+(?:di\s+)?)?|per s[eé] e per\s+(?:il\s+comune\s+(?:di\s+)?)?|"
    r"rispond\w*\s+(?:anche\s+)?per\s+(?:i\s+comuni\s+(?:di\s+)?)?|sindaci\s+(?:dei\s+)?di\s+|"
    r"(?:composto|composta|formato|formata|costituito|costituita)\s+(?:da|dai)\s+)")
_DOMAIN_SPLIT = re.compile(r"[.\-]")
_PER_CONTO = re.compile(r"per conto di:?\s*\"?([^\s\"<>]+@[^\s\"<>]+)", re.I)
_LABEL_PREFIX = re.compile(r"^(?:comunedi|comune|cittadi|citta|gemeinde)")
# Bodies of several Comuni (an Unione, a Circondario, a social district's Ambito): they answer through their members.
_UNIONE = re.compile(r"\bunione\b|\bconsorzio\b|\bcomunit[àa] montana\b|circondario|\bambito (?:territoriale|sociale|distrettuale)\b",
                     re.I)  # 'circondario' inside a domain too: nuovocircondarioimolese.it
LIST_GLUE = {"e", "ed", "nonche", "il", "comune", "di", "and", "und", "partner"}
DOMAIN_NOISE = {"it", "gov", "net", "org", "eu", "com", "info", "pec", "cert", "comune", "comuni", "mail",
                "posta", "postacert", "legalmail", "gemeinde", "stadtgemeinde", "www", "protocollo", "certificata",
                "pa", "halleycert", "cittadi", "citta", "municipio", "asmepec", "actaliscertymail", "arubapec"}


@dataclass
class Votes:
    """Weight per candidate set of ISTAT codes, with the best evidence of each."""

    weight: dict[frozenset[str], float] = field(default_factory=dict)
    evidence: dict[frozenset[str], Evidence] = field(default_factory=dict)
    provinces: set[str] = field(default_factory=set)  # upper-case codes seen anywhere
    members: dict[str, Evidence] = field(default_factory=dict)
    domain: frozenset[str] = frozenset()
    speaker_text: set[frozenset[str]] = field(default_factory=set)

    def add(self, codes: frozenset[str], w: float, ev: Evidence) -> None:
        if not codes or w <= 0:
            return
        self.weight[codes] = self.weight.get(codes, 0.0) + w
        best = self.evidence.get(codes)
        if best is None or w >= W_SPEAKER:
            self.evidence[codes] = ev


def domain_codes(address: str, g: Gazetteer) -> tuple[frozenset[str], str | None]:
    """Comuni a mail domain names: comune.castro.bg.it, cert.comune.torino.it, comune.fi.it, x.gov.it."""
    domain = address.rpartition("@")[2].lower()
    labels = [x for x in domain.split(".") if x]
    if not labels:
        return frozenset(), None
    province = next((x for x in reversed(labels[:-1]) if len(x) == 2 and x in g.provinces), None)
    named = [x for x in labels[:-1] if x not in DOMAIN_NOISE]
    province_label = None
    if province is None and len(named) >= 2 and named[-1] in g.province_names:
        # comune.lanciano.chieti.it: the province written in full after the Comune's name.
        province_label = named[-1]
        province = g.province_names[province_label].lower()
    found: set[str] = set()
    unknown: list[str] = []
    for label in labels[:-1]:
        if label in DOMAIN_NOISE or label in (province, province_label):
            continue
        for cand in (label, _LABEL_PREFIX.sub("", label)):
            cand = cand.replace("-", "")
            if cand in g.slugs:
                found |= g.slugs[cand]
                break
        else:
            unknown.append(_LABEL_PREFIX.sub("", label).replace("-", ""))
    if not found and province:
        # comune.quartu.ca.it: a shortened name, unique in its province; comune.fi.it: the capital.
        for label in unknown:
            if len(label) >= 5:
                hits = {c for slug in g.slugs_starting(label) for c in g.slugs[slug]
                        if g.info(c).province.lower() == province}
                if len(hits) == 1:
                    found = hits
                    break
        if not found and not unknown and "comune" in labels:
            found = set(g.capitals.get(province, set()))
    if province and len(found) > 1:
        narrowed = {c for c in found if g.info(c).province.lower() == province}
        found = narrowed or found
    return frozenset(found), province


def _weigh_match(text: str, norm: str, start: int, end: int, key: str, g: Gazetteer) -> tuple[float, str, str | None]:
    """Weight of one name in its context, the rule id, and a province code written after it."""
    before = " ".join(norm[max(0, start - 48):start].split())
    prev = before.rsplit(" ", 3)[-3:]
    m = _PROV_AFTER.match(text[end:end + 10])
    prov = (m.group(1) or m.group(2)) if m else None
    if prov and prov.lower() not in g.provinces:
        prov = None
    if _PARTNER_BEFORE.search(before + " "):
        return 0.0, "", None
    if SPEAKER_CONTEXT.search(before + " "):
        return W_SPEAKER + (W_PROVINCE if prov else 0), "comune.speaker", prov
    if any(w in NOT_A_COMUNE_BEFORE for w in prev[-2:]):
        return 0.0, "", None
    if _CAP_BEFORE.search(text[max(0, start - 8):start]):
        return W_CAP + (W_PROVINCE if prov else 0), "comune.address", prov
    if prov:
        return W_PROVINCE, "comune.province", prov
    if key in g.weak or not text[start:start + 1].isupper():
        return 0.0, "", None
    return W_BARE, "comune.bare", None


def _members(norm: str, matches: Sequence[NameMatch], g: Gazetteer) -> list[NameMatch]:
    """Names listed after 'Comuni di' / 'Comuni aderenti:' (a Unione's or lead Comune's partners); a list whose
    clause goes on 'non aderiscono' / 'non sono coinvolti' names those who stay out."""
    out: list[NameMatch] = []
    if not matches:
        return out
    for km in _MEMBERS_KEY.finditer(norm):
        if _FORMER_BEFORE.search(norm, max(0, km.start() - 40), km.start()) or \
                _PARTNER_BEFORE.search(norm, max(0, km.start() - 60), km.start()) or (
                km.group().startswith(("in rete", "in partenariato")) and _PROJECT_MADE.search(norm, max(0, km.start() - 80), km.start())):
            continue  # 'in convenzione con i Comuni di X', 'il progetto, avviato in rete con i Comuni di X': partners
        pos = km.end()
        listed = []
        for m in matches:
            if m.start < pos:
                continue
            gap = norm[pos:m.start].split()
            if len(gap) > 6 or not all(t in LIST_GLUE or t in g.provinces or t.isdigit() for t in gap):
                break
            listed.append(m)
            pos = m.end
        if not _STAYING_OUT.match(norm, pos):
            out += listed
    return out


# "nato dalla fusione degli ex Comuni di X e Y": the Comuni it was made from, not members answering with it.
_FORMER_BEFORE = at_words(r"\b(?:ex|fusione\s+(?:de(?:i|gli)|tra\s+i|fra\s+i))\s+$")
_PROJECT_MADE = at_words(r"\b(?:gestit|avviat|attivat|realizzat|svolt|condott|costituit|nat)[oaie]\b[^.;:]*$")
_STAYING_OUT = re.compile(r"[^.;:!?]{0,60}?\b(?:non (?:\w+ )?(?:aderiscono|aderiranno|partecipano|parteciperanno|prend\w+ parte|sono coinvolti"
                          r"|saranno coinvolti|hanno aderito|intendono|sono interessati)\b|(?:hanno risposto|risponderanno|rispondono)"
                          r"(?: o \w+)? (?:direttamente|autonomamente|separatamente|per conto proprio|con comunicazion))")


@dataclass(frozen=True)
class _Found:
    """What one text says about Comuni, before it is weighed into a message's votes."""

    provinces: frozenset[str]
    names: tuple[tuple[frozenset[str], float, str, int, int, str], ...]  # codes, weight, rule, start, end, snippet
    members: tuple[tuple[str, int, int, str], ...]  # code, start, end, snippet


def _read(pipe: Pipeline, text: str) -> _Found:
    g = pipe.gazetteer
    norm = normalise(text)
    matches = pipe.find_names(norm)
    provinces = {p for p in _PROV_PAREN.findall(text) if p.lower() in g.provinces}
    for pm in _PROV_NAME.finditer(norm):
        words = pm.group(1).split()
        for n in range(len(words), 0, -1):
            code = g.province_names.get(" ".join(words[:n]))
            if code:
                provinces.add(code)
                break
    names = []
    for m in matches:
        w, rule, prov = _weigh_match(text, norm, m.start, m.end, m.key, g)
        codes = frozenset(g.keys[m.key])
        if prov and len(codes) > 1:
            codes = frozenset(c for c in codes if g.info(c).province == prov) or codes
        names.append((codes, w, rule, m.start, m.end, text[max(0, m.start - 20):m.end + 6].strip()))
    for sm in _SHORT_SPEAKER.finditer(norm):  # 'Comune di Monterosso': every Comune the name may be cut from
        cut = g.short.get(sm.group(1))
        if cut and not any(m.start < sm.end(1) and sm.start(1) < m.end for m in matches):
            names.append((frozenset(cut), W_SPEAKER, "comune.short", sm.start(1), sm.end(1),
                          text[max(0, sm.start(1) - 20):sm.end(1) + 6].strip()))
    members = []
    for m in _members(norm, matches, g):
        member = g.keys[m.key]
        members += [(c, m.start, m.end, text[m.start:m.end]) for c in (member if len(member) == 1 else ())]
    return _Found(frozenset(provinces), tuple(names), tuple(members))


_read_short = lru_cache(maxsize=8192)(_read)  # subjects and senders repeat across a mailbox


def vote_text(votes: Votes, pipe: Pipeline, text: str, doc_index: int, weight: float = 1.0) -> None:
    found = _read_short(pipe, text) if len(text) <= 240 else _read(pipe, text)
    votes.provinces |= found.provinces
    for codes, w, rule, start, end, snippet in found.names:
        votes.add(codes, w * weight, Evidence("comuni", doc_index, start, end, snippet, rule))
        if rule == "comune.speaker":
            votes.speaker_text.add(codes)
    for c, start, end, snippet in found.members:
        votes.members.setdefault(c, Evidence("comuni", doc_index, start, end, snippet, "comune.member"))


def sender_addresses(read: ReadMessage) -> list[tuple[str, float, str]]:
    """(address, weight, rule): the certified sender first, then the effective sender."""
    out = []
    if read.pec and read.pec.certified_sender:
        out.append((read.pec.certified_sender, W_CERTIFIED, "comune.pec_sender"))
    m = _PER_CONTO.search(read.outer.from_)
    if m:
        out.append((m.group(1), W_CERTIFIED, "comune.pec_sender"))
    eff = read.effective
    if eff.from_address:
        out.append((eff.from_address, W_DOMAIN, "comune.domain"))
    return out


def is_unione(read: ReadMessage) -> bool:
    eff = read.effective
    return bool(_UNIONE.search(eff.from_) or _UNIONE.search(eff.from_address.partition("@")[2]))


def vote_headers(votes: Votes, pipe: Pipeline, read: ReadMessage) -> None:
    g = pipe.gazetteer
    seen: set[str] = set()
    for addr, w, rule in sender_addresses(read):
        codes, _prov = domain_codes(addr, g)
        dom = addr.rpartition("@")[2]
        if codes and dom not in seen:
            seen.add(dom)
            votes.add(codes, w, Evidence("comuni", -1, 0, len(addr), addr, rule))
            votes.domain = votes.domain or codes
    eff = read.effective
    display = eff.from_.split("<")[0]
    for s in read.signers:
        display += " / " + " / ".join(x for x in (s.organization, s.common_name) if x)
    vote_text(votes, pipe, display, -1, weight=1.0)
    vote_text(votes, pipe, eff.subject, -1, weight=0.6)


def resolve(votes: Votes, g: Gazetteer) -> list[tuple[str, float, Evidence, bool]]:
    """Per ISTAT code: (code, weight, evidence, homonym left unresolved), heaviest first."""
    hints = {p for p in votes.provinces} | {g.info(c).province for c in votes.domain if len(votes.domain) == 1}
    per: dict[str, tuple[float, Evidence, bool]] = {}
    for codes, w in votes.weight.items():
        chosen, ambiguous = set(codes), False
        if len(codes) > 1:
            narrowed = {c for c in codes if g.info(c).province in hints}
            if len(narrowed) == 1:
                chosen = narrowed
            else:
                ambiguous = True
        for c in sorted(chosen):  # in code order: ties rank the same in every process
            old = per.get(c, (0.0, votes.evidence[codes], False))
            share = w / len(chosen)
            per[c] = (old[0] + share, old[1] if old[0] >= share else votes.evidence[codes], old[2] or ambiguous)
    return sorted(((c, *v) for c, v in per.items()), key=lambda x: -x[1])


def to_ref(g: Gazetteer, code: str) -> ComuneRef:
    info = g.info(code)
    return ComuneRef(info.istat, info.name, info.province)


def documents_voting(read: ReadMessage) -> list[tuple[int, Document]]:
    return [(i, d) for i, d in enumerate(read.documents) if d.role in ("body", "attachment") and d.text]
