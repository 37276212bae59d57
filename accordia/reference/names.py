"""Name folding, so that the many spellings of one name meet on one key.

Reporters write "Zelenskyy", "Zelenskiy" and "Zelensky", "Erdoğan" and "Erdogan", "Lokke" and
"Løkke"; the keys built here agree on all of them.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode decomposition does not reduce to ASCII.
_SPECIAL = str.maketrans({
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "þ": "th", "Þ": "Th",
    "ð": "d", "Ð": "D", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ı": "i", "İ": "I",
    "’": "'", "‘": "'", "‐": "-", "‑": "-", "–": "-", "—": "-",
})
_ROMAN = re.compile(r"^[IVXLC]+$")
_SUFFIXES = {"jr", "jr.", "sr", "sr."}
# Lower-case particles that belong to a surname: "von der Leyen", "De Wever", "da Silva".
PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "do", "dos", "du", "le", "la", "del", "della",
             "vel", "bin", "al", "ter", "ten"}
# Words that precede a name in running text and are not part of it.
TITLE_WORDS = {
    "president", "prime", "minister", "chancellor", "foreign", "defence", "defense", "secretary", "of",
    "state", "mr", "mrs", "ms", "dr", "sir", "dame", "lord", "king", "queen", "pope", "prince", "crown",
    "sheikh", "emir", "general", "gen", "premier", "vice", "senator", "ambassador", "envoy", "special",
    "spokesman", "spokeswoman", "taoiseach", "cardinal", "grand", "duke", "emperor", "former", "acting",
    "interim", "russian", "ukrainian", "us", "u.s.", "french", "british", "german", "the",
}


def fold(text: str) -> str:
    """ASCII letters only where possible: accents dropped, special letters spelled out."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _token_key(token: str) -> str:
    # -y, -iy, -yy, -i, -yi all fold to one stem; short tokens are left alone so "Yi" stays distinct.
    if len(token) > 3:
        stem = token.rstrip("iy")
        if len(stem) >= 3:
            return stem
    return token


def tokens(text: str) -> list[str]:
    """Folded lower-case tokens; hyphens split, dots and apostrophes vanish, possessive dropped."""
    plain = fold(text).lower()
    plain = re.sub(r"'s\b", "", plain)
    plain = re.sub(r"[.'`]", "", plain)
    plain = re.sub(r"[^a-z0-9]+", " ", plain)
    return plain.split()


def person_key(text: str) -> str:
    """Matching key for a person's name: "Volodymyr Zelenskiy" and "Volodymyr Zelenskyy" agree."""
    return " ".join(_token_key(t) for t in tokens(text))


def strip_titles(text: str) -> str:
    """Drop leading title words ("French President Emmanuel Macron" -> "Emmanuel Macron")."""
    words = text.split()
    while len(words) > 1 and fold(words[0]).lower().strip(".,") in TITLE_WORDS:
        words.pop(0)
    return " ".join(words)


def surname_tokens(name: str) -> list[str]:
    """The original tokens of the surname: last word, with particles before it, without "III" or "Jr"."""
    words = name.split()
    while len(words) > 1 and (_ROMAN.match(words[-1]) or words[-1].lower() in _SUFFIXES):
        words.pop()
    if not words:
        return []
    out = [words[-1]]
    i = len(words) - 2
    while i > 0 and words[i].lower() in PARTICLES:
        out.insert(0, words[i])
        i -= 1
    return out


def surname(name: str) -> str:
    """Last word of a name, folded and lower-cased ("Charles III" -> "charles")."""
    found = surname_tokens(name)
    return fold(found[-1]).lower() if found else ""
