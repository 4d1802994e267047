"""Documents → Extraction. Pure functions: no file, socket or session is opened here.

`build_nlp()` builds the spaCy pipeline once per process (it is the only costly step);
`extract(read, nlp)` reads the kind, the Comuni, the answer, the mode and the places, each with
its evidence, and says whether a person should review the record. Only the sender's own words
answer: the quoted ANCI letter and quoted history never vote, and a forwarded text counts only
when the message has no answer of its own (an office passing on another's reply).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..records import Document, Evidence, Extraction, ReadMessage
from . import answer as answer_mod
from . import comune, kind as kind_mod, places as places_mod, review
from .text import at_words, lower

VERSION = "2.2"  # 2.2: 'non si esclude', 'noi ci stiamo', 'può ampliarlo', 'hanno già dato la loro disponibilità',
# 'conta oggi N posti', a range of minors, 'non accompagnati' negates no current figure
# 2.1: a Circondario or an Ambito answers through its members, a mode named as one of two ways is not chosen
# 2.0: offers told as wishes or as the Giunta's direction, 'in mancanza,', a correction of something else than
# places, 'casa famiglia', a procedure awaited, 'al massimo una quindicina', a weighing for another target
# 1.9: answers below or between '> ' quotes, words of absence inside an answer, answers relayed by
# another body's mailbox, an Unione carrying one Comune's answer, neighbours answering for themselves, places doubled
# 1.8: conditions told by what is missing or depended on, negated refusals, corrections that replace a refusal, per-unit
# figures at length, table rows labelled in any cell, the offer sentence's own figure, abbreviated names

# Quote headers of mail clients: where a body's own text ends, if the reader has not split it.
_QUOTE_START = re.compile(
    r"^(?:-{2,}\s*(?:messaggio originale|original message|messaggio inoltrato|forwarded message)\s*-{2,}"
    r"|_{8,}\s*$|il giorno .{5,120} ha scritto:?\s*$|in data .{5,120} ha scritto:?\s*$|on .{5,120} wrote:\s*$"
    r"|il \d{1,2}/\d{1,2}/\d{2,4}.{0,80} ha scritto:\s*$|(?:da|from):\s.+\n(?:inviato|data|sent|date):\s)",
    re.I | re.M)
_FORWARD_BODY = at_words(r"\b(?:si\s+)?inoltr\w*\s+(?:di\s+seguito|qui\s+di\s+seguito|nuovamente|la\s+(?:nostra\s+)?comunicazione)"
                         r"|\bsi\s+trasmette\s+di\s+seguito")  # lower case
_FORWARD_SUBJECT = re.compile(r"^\s*(?:i|fw|fwd|inoltro|tr|wg)\s*:", re.I)
# A forwarded message's header lines ('Oggetto: R: interesse all'avvio o all'ampliamento ...') are no one's words.
_HEADER_LINE = re.compile(r"^[ \t>]*(?:da|a|cc|oggetto|inviato|data|from|to|subject|sent|date)[ \t]*:.*$", re.I | re.M)


_ANSWERS = ("answer.offer", "answer.conditional", "answer.decline", "answer.until")  # an answer, not a promise of one


def build_nlp() -> Any:
    """The spaCy pipeline (blank Italian + Comune PhraseMatcher), built once per process."""
    from .nlp import build

    return build()


def _split_own(read: ReadMessage) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(own texts, forwarded texts) as (document index, text); quoted and letter roles are left out."""
    own: list[tuple[int, str]] = []
    fwd: list[tuple[int, str]] = []
    forward = bool(_FORWARD_SUBJECT.search(read.effective.subject)) or any(
        _FORWARD_BODY.search(lower(d.text)) for d in read.documents if d.role == "body")
    for i, d in enumerate(read.documents):
        if not d.text.strip():
            continue
        if d.role == "forwarded" or (d.role == "quoted" and forward):
            fwd.append((i, d.text))
        elif d.role in ("body", "attachment"):
            text = d.text
            if d.role == "body":
                m = _QUOTE_START.search(text)
                if m:
                    rest = text[m.start():]
                    text = text[:m.start()]
                    if forward:
                        fwd.append((i, rest))
            lines = [ln for ln in text.split("\n") if not ln.startswith(">")]
            own.append((i, "\n".join(lines) if len(lines) != text.count("\n") + 1 else text))
    return own, [(i, _HEADER_LINE.sub(lambda m: " " * len(m.group()), t)) for i, t in fwd]


def _vote(pipe: Any, read: ReadMessage, texts: list[tuple[int, str]], votes: comune.Votes | None = None) -> comune.Votes:
    votes = votes or comune.Votes()
    for i, text in texts:
        comune.vote_text(votes, pipe, text, i)
    return votes


def extract(read: ReadMessage, nlp: Any, review_threshold: float = 0.8) -> Extraction:
    """One message's extraction, with evidence, confidence and the review decision."""
    auto, rule = kind_mod.classify_automatic(read)
    eff = read.effective
    own, fwd = _split_own(read) if not auto or rule == kind_mod.AUTO_TEXT else ([], [])
    own_text = "\n\n".join(t for _, t in own)
    ans = answer_mod.decide(own_text) if own else answer_mod.Answer(None, None, "", (0, 0))
    if auto and not (rule == kind_mod.AUTO_TEXT and kind_mod.REPLY_TO_LETTER.search(eff.subject) and ans.rule in _ANSWERS):
        # 'gli uffici sono chiusi', 'la nostra impiegata è in malattia' in a reply that answers: a person wrote it
        return Extraction(kind=auto, confidence=0.95, evidence=(Evidence("kind", -1, 0, 0, read.outer.subject[:80], rule),),
                          version=VERSION)
    used = own
    if ans.intent is None and fwd:
        fwd_text = "\n\n".join(t for _, t in fwd)
        ans = answer_mod.decide(fwd_text)
        used, own_text = fwd, fwd_text
    said = kind_mod.subject_words(eff.subject) if ans.intent is None else ""
    if said:  # the answer written in the subject only, the body empty or a signature
        sub = answer_mod.decide(said)
        if sub.intent:
            ans, used, own_text = sub, [(-1, said)], said
    non_municipal = kind_mod.non_municipal_sender(eff) or kind_mod.is_newsletter(eff)

    votes = comune.Votes()
    if not non_municipal:
        comune.vote_headers(votes, nlp, read)
    _vote(nlp, read, used, votes)
    ranked = comune.resolve(votes, nlp.gazetteer)
    if (not ranked or ranked[0][1] < 2) and used is own and fwd:
        _vote(nlp, read, fwd, votes)
        ranked = comune.resolve(votes, nlp.gazetteer)

    own_low = lower(own_text)
    topical = bool(kind_mod.TOPICAL.search(own_low) or kind_mod.LETTER_SUBJECT.search(eff.subject))
    speaker_ok = bool(votes.weight) and max(votes.weight.values()) >= 2  # before a homonym's weight is split
    if not ans.intent and speaker_ok and not non_municipal and kind_mod.REPLY_TO_LETTER.search(eff.subject) \
            and not kind_mod.HOUSEKEEPING.search(own_low):
        # A Comune answering the letter in words no rule knows: a reply for a person to read, not 'other'.
        mine = "\n\n".join(t for _, t in own)
        x = _reply(read, nlp, ans, used, own_text, mine, votes, ranked, review_threshold)
        return replace(x, needs_review=True, confidence=min(x.confidence, 0.4),
                       review_reasons=("answers the letter, but no answer was recognised", *x.review_reasons))
    # Only asking, about something else than minors, on a thread of its own: a question, not an answer.
    asks_else = ans.rule == "answer.defer" and not places_mod.MSNA_TERMS.search(own_low + "\n" + lower(eff.subject)) \
        and not kind_mod.REPLY_TO_LETTER.search(eff.subject)
    relayed = non_municipal and bool(kind_mod.SIGNED_BY_COMUNE.search(own_low))  # sent for the Comune, signed by it
    if not (ans.intent and topical and (speaker_ok or votes.members)) or (non_municipal and used is own and not relayed) \
            or asks_else:
        reasons = []
        if topical and speaker_ok and not non_municipal and places_mod.MSNA_TERMS.search(own_low):
            reasons.append("a Comune wrote about MSNA but no answer was found")
        return Extraction(kind="other", confidence=0.85 if not reasons else 0.5, needs_review=bool(reasons),
                          review_reasons=tuple(reasons), version=VERSION)
    mine = "\n\n".join(t for _, t in own)
    return _reply(read, nlp, ans, used, own_text, mine, votes, ranked, review_threshold)


def _reply(read: ReadMessage, pipe: Any, ans: answer_mod.Answer, used: list[tuple[int, str]], text: str,
           own_text: str, votes: comune.Votes, ranked: list, threshold: float) -> Extraction:
    g = pipe.gazetteer
    reasons: list[str] = []
    evidence: list[Evidence] = []
    confidences: list[float] = []
    first_doc = used[0][0] if used else 0

    # Comuni: the speaker, plus named members; a Unione is replaced by its members.
    # An Unione's mail speaks through its members, unless it only carries one Comune's answer, named again and again.
    alone = bool(ranked) and not votes.members and ranked[0][1] >= 2 * comune.W_SPEAKER
    speaker = [ranked[0]] if ranked and (ranked[0][1] >= 2 or ranked[0][3]) and (alone or not comune.is_unione(read)) else []
    codes = [c for c, *_ in speaker]
    for c, ev in votes.members.items():
        if c not in codes:
            codes.append(c)
            evidence.append(ev)
    for c, w, ev, ambiguous in speaker:
        evidence.append(ev)
        if ambiguous:
            reasons.append(f"the name {g.info(c).name!r} fits several Comuni and nothing decides which")
    if len(codes) > 1:
        reasons.append(f"the answer speaks for {len(codes)} Comuni")
    top = ranked[0][1] if ranked else 0.0
    confidences.append(review.comune_confidence(top) if speaker else (0.85 if codes else 0.2))
    if speaker and len(ranked) > 1:
        c2, w2, ev2, _ = ranked[1]
        if w2 >= 3 and c2 not in codes and w2 >= 0.5 * top:
            reasons.append(f"two candidate Comuni: {g.info(ranked[0][0]).name} and {g.info(c2).name}")
            evidence.append(ev2)
    if votes.domain and speaker and codes[0] not in votes.domain and votes.speaker_text and \
            not any(codes[0] in s for s in votes.speaker_text if votes.domain & s):
        if not any(votes.domain & s for s in votes.speaker_text):
            reasons.append("the sender's domain and the letter name different Comuni")

    # Answer and mode.
    if ans.rule:
        evidence.append(Evidence("intent", first_doc, ans.span[0], ans.span[1], text[ans.span[0]:ans.span[1]][:120], ans.rule))
    confidences.append(0.9 if ans.rule != "answer.defer" else 0.85)
    if ans.conditional and ans.intent == "undecided":
        reasons.append("the offer depends on a condition")

    p = places_mod.Places()
    if ans.intent in ("interested", "undecided"):
        figures, corrected = places_mod.find_figures(text)
        offered = places_mod.sentence_at(text, ans.span[0]) if ans.rule else None
        p = places_mod.choose(figures, ans.mode == "expansion", offered)
        if corrected:
            reasons.append("corrects an earlier message")
        if p.figure is not None:
            f = p.figure
            evidence.append(Evidence("places", first_doc, f.start, f.end, text[f.start:f.end][:120], f"places.{f.kind}"))
        reasons += [f"the figure is {flag}" if flag != "range" else "the places are given as a range" for flag in p.flags]
        if ans.intent == "interested" and p.places is None:
            reasons.append("interested, but no figure for the places")
        if ans.intent == "undecided" and not ans.conditional and p.places is not None:
            reasons.append("undecided, yet it names a figure: a hedged yes?")  # 'in linea di massima favorevole, 4 posti'

        reasons += review.doubts(ans.intent, ans.mode, p.figure.kind if p.figure else None, lower(text),
                                 (p.figure.start, p.figure.end) if p.figure else None)
    mine = lower(own_text)
    if review.CORRECTION.search(mine + "\n" + lower(read.effective.subject)) and "corrects an earlier message" not in reasons:
        reasons.append("corrects an earlier message")
    if review.RESENT.search(mine):
        reasons.append("re-sends an earlier answer (possible duplicate)")
    if any(d.method == "ocr" for d in _docs(read, used)):
        reasons.append("read by OCR")
        confidences.append(0.7)
    mode = ans.mode if ans.intent in ("interested", "undecided") else None
    confidence, needs = review.decide(reasons, confidences, threshold)
    return Extraction(kind="reply", comuni=tuple(comune.to_ref(g, c) for c in codes), intent=ans.intent, mode=mode,
                      places=p.places, places_total=p.total, places_current=p.current, confidence=confidence,
                      needs_review=needs, review_reasons=tuple(dict.fromkeys(reasons)), evidence=tuple(evidence),
                      version=VERSION)


def _docs(read: ReadMessage, used: list[tuple[int, str]]) -> list[Document]:
    return [read.documents[i] for i, _ in used if 0 <= i < len(read.documents)]
