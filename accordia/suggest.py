"""Near-miss suggestions, so ``accordia actor rus`` or ``actor Russia`` finds RUS instead of failing."""

from __future__ import annotations

import difflib
import unicodedata

from accordia.store.errors import UnknownNameError


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(plain.lower().split())


def suggestions(text: str, names: dict[str, str], limit: int = 3) -> list[str]:
    """Ids whose id or name is close to ``text`` (case and accents ignored), best first."""
    wanted = _fold(text)
    if not wanted:
        return []
    scored: dict[str, float] = {}
    for ident, name in names.items():
        for form in {_fold(ident), _fold(name or "")}:
            if not form:
                continue
            ratio = difflib.SequenceMatcher(None, wanted, form).ratio()
            if form.startswith(wanted) or wanted.startswith(form):
                ratio = max(ratio, 0.75)
            if ratio >= 0.6:
                scored[ident] = max(scored.get(ident, 0.0), ratio)
    return sorted(scored, key=lambda ident: (-scored[ident], ident))[:limit]


def resolve_name(text: str, names: dict[str, str], *, what: str) -> str:
    """The id ``text`` means: itself, the same id in another case, or the one whose name it is.

    Anything else is an error naming the closest ids, never a silent guess.
    """
    if text in names:
        return text
    folded = _fold(text)
    exact = [ident for ident, name in names.items() if folded in (_fold(ident), _fold(name or ""))]
    if len(exact) == 1:
        return exact[0]
    near = suggestions(text, names)
    hint = f"; did you mean {' or '.join(f'{i} ({names[i]})' if names[i] and names[i] != i else i for i in near)}?" \
        if near else f"; `accordia {what}s` lists them"
    raise UnknownNameError(f"unknown {what} {text!r}{hint}")
