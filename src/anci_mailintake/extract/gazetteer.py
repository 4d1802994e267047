"""The gazetteer of current Comuni: every name a clerk might type for one, in normalised form.

Text and names are compared after `normalise()`: lower case, accents dropped and every
character that is not a letter or digit turned into a space, one character for one, so
offsets in the normalised text are offsets in the original. "Vo'", "Vò", "L’Aquila" and
"Sant'Agata de' Goti" then meet their official spellings. Built once, at pipeline build time.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field

from ..istat import ComuneInfo, by_istat, comuni, former_names
from .text import at_words


def _table() -> dict[int, str]:
    """A str.translate table: one character in, one character out."""
    table: dict[int, str] = {}
    for cp in range(0x250):
        ch = chr(cp)
        if not ch.isalnum():
            table[cp] = " "
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).lower()
        table[cp] = base if len(base) == 1 else (ch.lower() if len(ch.lower()) == 1 else ch)
    for cp in range(0x2000, 0x2070):  # typographic quotes, dashes, bullets
        table[cp] = " "
    table[ord("€")] = " "
    return table


_TABLE = _table()


def normalise(text: str) -> str:
    """Lower case, no accents, punctuation as spaces; same length as the input."""
    return text.translate(_TABLE)


def key_of(name: str) -> str:
    return " ".join(normalise(name).split())


def slug_of(name: str) -> str:
    return "".join(normalise(name).split())


# Names that are also ordinary Italian words, numbers or first names: they count only with
# context ("Comune di Ne", "Nove (VI)", a matching domain). Names of three letters or fewer
# are added automatically.
COMMON_WORDS = """
ne re none nove cento quarto bella vita fondi posta ore mese sale opera porte ponte ponti monti
lago laghi grotte fonte rose paese massa alto bianco grosso minori norma mira calcio casina canale
campo cave force fossa mango pero pila ora erba arena liberi fallo cicala cervo nave noci sacco
grado lauro piatto pizzo nomi meta rive isola santo conca mele quadri premia valle villa volta
prato fermo rende lodi noto chiusa sacile loreto vittoria paola marino bruno donato lucera
trenta tre sette dieci pace giove corte cassano motta piano pieve borgo castello torre fiume
valli terme riva carrara porto marina rocca croce stella gioia forza fara coli aiello sessa
tavole volano campli montagna oliveto bosco ala arco orte curti ronco pietra bari alba olmo
salute ricetto contrada mare sole luna comune sala monte ischia agosta capaci pagani galli
ferrara brescia lecce napoli genova roma bianchi moro colle rio cine vico casale ospedaletto
conta
""".split()

# Words a Comune's name may be preceded by without being a Comune: "via Roma", "Prefettura di Ragusa".
NOT_A_COMUNE_BEFORE = frozenset("""
via viale piazza piazzale corso largo vicolo contrada localita loc frazione fraz presso
prefettura provincia questura tribunale asl azienda distretto ambito diocesi regione val valle
universita ospedale stazione porto aeroporto ufficio banca teatro hotel hotspot
""".split())

# Words before a name that make it the speaking Comune: "Comune di X", "Sindaco di X".
SPEAKER_CONTEXT = at_words(
    r"(?:\bcomune|\bcitta|\bsindaco|\bsindaca|\bmunicipio|\bamministrazione comunale|\bgemeinde|\bstadtgemeinde"
    r"|\bmarktgemeinde|\bcommune|\bcomun|\bsegretario comunale|\bgiunta comunale|\bconsiglio comunale)"
    r"(?: (?:di|de|d|del|della|dello|dei|des))?\s*$"
)
SAINT_WORDS = {"san", "santo", "santa", "sant", "s", "ss"}
# Nouns that start many names and follow "comune di" in ordinary prose ("un piccolo comune di montagna"): no short name.
PLACE_NOUNS = frozenset("""montagna castello borgo monte monti valle valli villa torre piano porto marina rocca colle
casale campo fonte ponte ponti corte pieve terme fiume lago laghi isola bosco contrada pietra arena paese mare sole""".split())


@dataclass
class Gazetteer:
    """Names (normalised keys) → ISTAT codes, domain slugs → codes, provinces."""

    keys: dict[str, set[str]] = field(default_factory=dict)
    weak: set[str] = field(default_factory=set)
    slugs: dict[str, set[str]] = field(default_factory=dict)
    provinces: set[str] = field(default_factory=set)  # lower-case car-plate codes
    province_names: dict[str, str] = field(default_factory=dict)  # normalised name → code
    capitals: dict[str, set[str]] = field(default_factory=dict)  # province code → capital codes
    sorted_slugs: list[str] = field(default_factory=list)
    short: dict[str, set[str]] = field(default_factory=dict)  # a name's first word, when it is no name itself → codes

    def info(self, istat: str) -> ComuneInfo:
        return by_istat()[istat]

    def slugs_starting(self, prefix: str) -> list[str]:
        """Every slug that starts with `prefix` (a domain label cut short: comune.quartu.ca.it)."""
        i = bisect_left(self.sorted_slugs, prefix)
        out = []
        while i < len(self.sorted_slugs) and self.sorted_slugs[i].startswith(prefix):
            out.append(self.sorted_slugs[i])
            i += 1
        return out

    def add(self, key: str, istat: str) -> None:
        if key:
            self.keys.setdefault(key, set()).add(istat)


_LINKS = frozenset("di de del della dei delle in nel nella sul sulla al alla allo a e".split())


def variants(name: str) -> set[str]:
    """Loose spellings of one name: S./Sant' for San/Santo/Sant' (first word or inside: 'Mercato S. Severino'),
    dei for de', no 'di'/'nell', the last word abbreviated ('V.no' for Valdarno)."""
    base = key_of(name)
    out = {base}
    words = base.split()
    forms = [words]
    if len(words) >= 2 and len(words[-1]) >= 7 and words[-2] not in _LINKS:  # 'S. Giovanni V.no', 'Rosignano M.mo':
        # a last word of a place ('Valdarno', 'Marittimo') typed as its initial and ending, as letterheads do
        forms.append([*words[:-1], words[-1][0], words[-1][-2:]])
        out.add(" ".join(forms[-1]))
    for form in forms:
        for i, word in enumerate(form[:-1]):
            if word in SAINT_WORDS:
                for s in ("s", "san", "santo", "santa", "sant", "s ta"):
                    out.add(" ".join([*form[:i], s, *form[i + 1:]]))
    for v in list(out):
        w = v.split()
        if "de" in w:
            out.add(" ".join("dei" if x == "de" else x for x in w))
        if len(w) >= 3:
            kept = [x for x in w[1:-1] if x not in ("di", "nell", "nel", "in", "de")]
            if len(kept) < len(w) - 2:
                out.add(" ".join([w[0], *kept, w[-1]]))
    return out


def build_gazetteer() -> Gazetteer:
    """All current Comuni with their official, other-language and former names."""
    g = Gazetteer()
    official = {key_of(c.name) for c in comuni()}
    formers = former_names()
    for c in comuni():
        names = [c.name]
        if c.name_other:
            names += [n for n in re.split(r"[/]", c.name_other) if n.strip()]
        names += list(formers.get(c.istat, ()))
        for n in names:
            for v in variants(n):
                if v != key_of(n) and v in official and v != key_of(c.name):
                    continue  # a loose spelling that is another Comune's real name
                g.add(v, c.istat)
            g.slugs.setdefault(slug_of(n), set()).add(c.istat)
        g.provinces.add(c.province.lower())
        for pn in c.province_name.split("/"):
            g.province_names[key_of(pn)] = c.province
        if c.capital:
            g.capitals.setdefault(c.province.lower(), set()).add(c.istat)
    g.sorted_slugs = sorted(g.slugs)
    common = set(COMMON_WORDS)
    for k, codes in g.keys.items():  # 'Comune di Monterosso', 'Comune di Cassano (CS)': a name cut short
        first = k.split(" ", 1)[0]
        if " " in k and len(first) >= 5 and first not in g.keys and first not in PLACE_NOUNS:
            g.short.setdefault(first, set()).update(codes)
    g.short = {w: codes for w, codes in g.short.items() if len(codes) <= 8}
    for k in g.keys:
        if len(k.replace(" ", "")) <= 3 or k in common:
            g.weak.add(k)
    return g
