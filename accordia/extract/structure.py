"""The architecture of a process: groups and their leads, decision rules, and proposals' provisions.

These are stated in a few recurring shapes: "a working group led by France and the UK, with the
United States and Turkey participating"; "requires Europe's consent"; "the draft barred any NATO
presence on Ukrainian soil". Each reader below handles one shape and returns plain readings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accordia.extract.document import Sentence, doc_text
from accordia.extract.issues import IssueHit
from accordia.extract.mentions import ActorRef
from accordia.reference import Codebook


@dataclass
class GroupReading:
    group: str
    member: str
    role: str
    cue: str


@dataclass
class RuleReading:
    holder: str
    rule: str
    scope: list[str]
    cue: str


@dataclass
class ProvisionReading:
    proposal: str
    about: str
    effect: str
    cue: str


def _refs_between(refs: list[ActorRef], sentence: Sentence, lo: int, hi: int, *, regions: bool = True,
                  pronouns: bool = False) -> list[str]:
    """Actors named between two offsets (pointed at too, with ``pronouns``); ``regions=False``
    leaves out a region standing for an organisation ("Europe"), which is no member of a coalition."""
    doc = sentence.span.doc
    skip: tuple[str, ...] = () if pronouns else ("pronoun", "anaphora")
    if not regions:
        skip += ("org_metonym",)
    out: list[str] = []
    for r in refs:
        if lo <= doc[r.start].idx < hi and r.kind not in skip and r.actor not in out:
            out.append(r.actor)
    return out


# -- groups ---------------------------------------------------------------------------------------
_GROUP_MEMBERS = re.compile(
    r"\b(?:spanning|brings together|bringing together|made up of|comprising|including|among them|"
    r"which includes|whose members include|members such as)\b", re.I)
_LED_BY = re.compile(r"\b(?:led|co-led|chaired|headed) by\b", re.I)
_PARTICIPATING = re.compile(r"\bwith\b(?P<who>[^;.]*?)\b(?:participating|taking part|joining|as members)\b",
                            re.I)
_GROUP_ANAPHORA = re.compile(r"\b(?:the (?:group|grouping|coalition)|coalition(?= (?:members|leaders|defence|"
                             r"foreign|ministers|partners)))\b", re.I)
_MEMBERS_LISTED = re.compile(r"\bmembers,? (?:among them|including|such as)\b", re.I)
_NOT_MEMBER = re.compile(r"\b(?:not (?:a )?(?:part|member) of|outside)\b", re.I)


def group_aliases(codebook: Codebook) -> list[tuple[re.Pattern[str], str]]:
    pairs: list[tuple[str, str]] = []
    for g in codebook.groups:
        for alias in {g.label, *g.aliases}:
            if alias and len(alias) > 1:
                pairs.append((alias, g.id))
    pairs.sort(key=lambda p: -len(p[0]))
    return [(re.compile(r"(?<![\w-])" + re.escape(a) + r"(?![\w-])", re.I if not a.isupper() else 0), gid)
            for a, gid in pairs]


def read_groups(sentence: Sentence, refs: list[ActorRef], aliases: list[tuple[re.Pattern[str], str]],
                topic_group: str | None) -> tuple[list[GroupReading], str | None]:
    """Memberships stated in one sentence; returns them and the group the sentence talks about."""
    text = doc_text(sentence.span.doc)
    s, e = sentence.start, sentence.end
    mentioned: list[tuple[int, int, str]] = []
    for pattern, gid in aliases:
        for m in pattern.finditer(text, s, e):
            if not any(m.start() < b and a < m.end() for a, b, _ in mentioned):
                mentioned.append((m.start(), m.end(), gid))
    if topic_group:
        # "the group, which brings together...", "coalition defence ministers": the group last named
        for m in _GROUP_ANAPHORA.finditer(text, s, e):
            if not any(m.start() < b and a < m.end() for a, b, _ in mentioned):
                mentioned.append((m.start(), m.end(), topic_group))
    mentioned.sort()
    out: list[GroupReading] = []
    current = mentioned[-1][2] if mentioned else topic_group
    for g_start, g_end, gid in mentioned:
        tail_end = _next_group_start(mentioned, g_end, e)
        m = _GROUP_MEMBERS.search(text, g_end, tail_end)
        if m and m.start() - g_end < 60:
            stop = re.search(r"[;.]|\bwhile\b|\bbut\b", text[m.end():tail_end])
            hi = m.end() + stop.start() if stop else tail_end
            for actor in _refs_between(refs, sentence, m.end(), hi, regions=False):
                out.append(GroupReading(gid, actor, "member", m.group(0)))
        led = _LED_BY.search(text, g_end, tail_end)
        if led and led.start() - g_end < 40:
            stop = re.search(r",\s*with\b|[;.]|\bwhile\b", text[led.end():tail_end])
            hi = led.end() + stop.start() if stop else tail_end
            for actor in _refs_between(refs, sentence, led.end(), hi):
                out.append(GroupReading(gid, actor, "lead", led.group(0)))
            part = _PARTICIPATING.search(text, hi, tail_end)
            if part:
                for actor in _refs_between(refs, sentence, part.start("who"), part.end("who")):
                    out.append(GroupReading(gid, actor, "member", part.group(0)))
        # "Britain hosted the coalition", "Starmer chaired the group": the host leads it
        before = text[max(s, g_start - 80):g_start]
        if re.search(r"\b(?:hosted|hosting|chaired|chairing|convened|convening)\s+(?:a |the )?(?:\w+ )?$",
                     before, re.I):
            doc = sentence.span.doc
            hosts = [r for r in refs if doc[r.start].idx < g_start and r.kind in ("person", "pronoun", "title", "name",
                                                                                  "alias")
                     and any(doc[i].dep_ in ("nsubj", "nsubjpass") for i in range(r.start, r.end))]
            for r in hosts[-1:]:
                out.append(GroupReading(gid, r.actor, "lead", "hosted"))
        # "Japan joined the coalition", "Canada, a member of the coalition", "as members of the group"
        if re.search(r"\b(?:joined|joins|joining|(?:a |as (?:a )?)?members? of|part of|belongs? to)\s+(?:the )?$",
                     before, re.I) and not re.search(r"\bnot\b[^,;.]*$", before, re.I):
            doc = sentence.span.doc
            holders = [r for r in refs if doc[r.start].idx < g_start and r.kind not in ("org_metonym",)
                       and not (r.kind == "person" and r.actor in {x.actor for x in refs if x.kind != "person"})]
            if holders:
                out.append(GroupReading(gid, holders[-1].actor, "member", "member of"))
        # "X was working with the coalition", "operate ... with the coalition of the willing"
        if re.search(r"\b(?:working|operate|operating|work|together) (?:\w+ ){0,5}with (?:the )?$", before, re.I) \
                or re.search(r"\bwith (?:the )?$", before) and re.search(r"\b(?:ready|working)\b", before):
            doc = sentence.span.doc
            subj = [r for r in refs if doc[r.start].idx < g_start
                    and any(doc[i].dep_ in ("nsubj", "nsubjpass") for i in range(r.start, r.end))]
            for r in subj[:1]:
                out.append(GroupReading(gid, r.actor, "member", "working with"))
        # "every member of the coalition" / "fellow coalition members" spoken by an actor
    listed = _MEMBERS_LISTED.search(text, s, e)
    if listed and current and not out:
        # "Besides Britain and France, only a handful of members, among them Estonia, ... have signalled"
        stop = re.search(r"\b(?:have|has|had|are|were|said|signalled|signaled)\b", text[listed.end():e])
        hi = listed.end() + stop.start() if stop else e
        for actor in _refs_between(refs, sentence, s, hi, regions=False):
            out.append(GroupReading(current, actor, "member", listed.group(0)))
    for r in out[:]:
        if _NOT_MEMBER.search(text[s:e]) and r.cue == "working with":
            out.remove(r)
    return out, current


def _next_group_start(mentioned: list[tuple[int, int, str]], after: int, limit: int) -> int:
    for a, _, _ in mentioned:
        if a > after:
            return a
    return limit


# -- decision rules -------------------------------------------------------------------------------
_CONSENT = re.compile(
    r"\b(?:requires?|required|need(?:s|ed)?|without|with)\s+(?:the\s+)?(?P<holder>[\w\s.'’]{0,60}?)"
    r"(?:'s|’s)?\s+(?P<rule>consent|approval|agreement|unanimity|green light|blessing)\b", re.I)
_CONSENT_OF = re.compile(
    r"\b(?P<rule>consent|approval|agreement|backing|unanimous backing) of (?:the )?(?P<holder>[^,.;]{0,80})",
    re.I)
_ALL_MEMBERS = re.compile(r"\b(?:all|every one of the) (?:27|twenty-seven) (?:governments|member states|members|"
                          r"countries)\b|\bunanimity\b|\bunanimous\b", re.I)
_INDISPENSABLE = re.compile(r"(?P<holder>\w+)(?:'s|’s) (?:agreement|consent|approval|signature) "
                            r"(?:indispensable|essential|necessary|required)", re.I)
_VETO = re.compile(r"(?P<holder>\b\w+)(?:'s|’s)? veto(?: power)?\b", re.I)
_VETO_VERB = re.compile(r"\b(?:would|will|could|threatened to|vowed to|has|had)\s+veto(?:ed)?\b|\bvetoed\b", re.I)
_STOPPED = re.compile(r"\b(?:stopped|blocked|prevented)\s+(?:\w+\s+){0,4}from\s+(?:approving|adopting|agreeing)\b",
                      re.I)
_ONLY_DECIDES = re.compile(r"\bonly (?P<holder>[A-Z][\w.'’ ]{1,40}?) (?:can|could|would|will) decide\b")
_THOSE_ORGS = re.compile(r"\b(?:those|these|the two|both) (?:organisations|organizations|bodies|blocs)\b", re.I)
_PARLIAMENT = re.compile(r"\b(?:parliament|legislature|Bundestag|Rada|Congress|Senate) (?:would|will|must|has to|"
                         r"had to|needs? to) (?:first )?(?:have to )?(?:approve|ratify|vote on)\b|"
                         r"\bparliamentary (?:approval|vote|mandate|ratification)\b", re.I)
_REFERENDUM = re.compile(r"\b(?:approved|decided|put|settled) (?:in|to|by) (?:a |an )?(?:national |all-Ukrainian )?"
                         r"referendum\b|\breferendum (?:would|will|must) (?:be needed|decide)\b", re.I)


def read_rules(sentence: Sentence, refs: list[ActorRef], hits: list[IssueHit], topic: str | None,
               speaker: list[ActorRef], previous: list[IssueHit] | None = None,
               procedural: frozenset[str] | set[str] = frozenset()) -> list[RuleReading]:
    """Decision rules in one sentence; their scope is the substantive issues of this sentence or,
    when it names none ("requires Europe's consent"), of the sentence before. ``procedural`` issues
    (about who decides) are never a rule's scope."""
    text = doc_text(sentence.span.doc)
    s, e = sentence.start, sentence.end
    body = text[s:e]
    scope = list(dict.fromkeys(h.issue for h in hits if h.issue not in procedural))
    if not scope and previous:
        scope = list(dict.fromkeys(h.issue for h in previous if h.issue not in procedural))
    if not scope and topic and topic not in procedural:
        scope = [topic]
    out: list[RuleReading] = []
    if re.search(r"\b(?:don't|do not|doesn't|does not|no) (?:need|have) (?:a )?(?:unanimity|say|consent)\b|"
                 r"\bhas no say\b|\bshould (?:not )?have a say\b", body, re.I):
        return out
    for m in _CONSENT.finditer(text, s, e):
        rule = "unanimity" if m.group("rule").lower() == "unanimity" else "consent"
        actors = _refs_between(refs, sentence, m.start("holder"), m.end("holder") + 4, pronouns=True)
        if not actors and re.search(r"\bits\b", m.group("holder")) and speaker:
            actors = [speaker[0].actor]
        if not actors:
            last = [r for r in refs if sentence.span.doc[r.start].idx < m.start()
                    and r.kind not in ("person",)]
            if re.search(r"\b(?:its|their)\b", m.group("holder")) and last:
                actors = [last[-1].actor]
        for actor in actors:
            out.append(RuleReading(actor, rule, scope, m.group(0)))
    for m in _CONSENT_OF.finditer(text, s, e):
        holders = _refs_between(refs, sentence, m.start("holder"), m.end("holder"))
        if not holders and _THOSE_ORGS.search(m.group("holder")):
            doc = sentence.span.doc
            holders = [r.actor for r in refs if r.kind == "org" and doc[r.start].idx < m.start()]
        for actor in dict.fromkeys(holders):
            out.append(RuleReading(actor, "consent", scope, m.group(0)))
    for m in _VETO.finditer(text, s, e):
        holders = _refs_between(refs, sentence, m.start("holder"), m.end("holder") + 3)
        for actor in holders:
            out.append(RuleReading(actor, "veto", scope, m.group(0)))
    for m in _VETO_VERB.finditer(text, s, e):
        doc = sentence.span.doc
        subjects = [r.actor for r in refs if doc[r.start].idx < m.start() and r.kind != "org_metonym"
                    and any(doc[i].dep_ == "nsubj" for i in range(r.start, r.end))]
        for actor in subjects[-1:]:
            out.append(RuleReading(actor, "veto", scope, m.group(0)))
    m = _STOPPED.search(text, s, e)
    if m:
        doc = sentence.span.doc
        subjects = [r.actor for r in refs if doc[r.start].idx < m.start()
                    and any(doc[i].dep_ == "nsubj" for i in range(r.start, r.end))]
        for actor in subjects[:1]:
            out.append(RuleReading(actor, "veto", scope, m.group(0)))
    for m in _ONLY_DECIDES.finditer(text, s, e):
        for actor in _refs_between(refs, sentence, m.start("holder"), m.end("holder")):
            out.append(RuleReading(actor, "consent", scope, m.group(0)))
    for m in _INDISPENSABLE.finditer(text, s, e):
        for actor in _refs_between(refs, sentence, m.start("holder"), m.end("holder") + 2):
            out.append(RuleReading(actor, "consent", scope, m.group(0)))
    if _ALL_MEMBERS.search(body) and re.search(r"\b(?:agree|backing|require|unless|unanim)", body, re.I):
        if re.search(r"\b27\b|twenty-seven|EU\b|European Union|member states|bloc", body + " " + text[:s][-300:]):
            out.append(RuleReading("EU", "unanimity", scope, _ALL_MEMBERS.search(body).group(0)))
    doc = sentence.span.doc
    for pattern, rule in ((_PARLIAMENT, "parliamentary-approval"), (_REFERENDUM, "referendum")):
        m = pattern.search(body)
        if not m:
            continue
        # whose parliament or vote: "Ukraine's parliament", else the speaker, else the clause subject
        owner = [r for r in refs if doc[r.start].idx < s + m.start() and doc[r.end - 1].dep_ == "poss"
                 and s + m.start() - doc[r.end - 1].idx < 20]
        own = owner or speaker or [r for r in refs if any(doc[i].dep_ == "nsubj" for i in range(r.start, r.end))]
        if own:
            out.append(RuleReading(own[0].actor, rule, scope, m.group(0)))
    return _dedupe(out)


def _dedupe(rules: list[RuleReading]) -> list[RuleReading]:
    """One rule per holder and kind; a holder's unanimity makes its plain consent redundant."""
    unanimous = {r.holder for r in rules if r.rule == "unanimity"}
    rules = [r for r in rules if not (r.rule == "consent" and r.holder in unanimous)]
    seen: dict[tuple[str, str], RuleReading] = {}
    for r in rules:
        if (r.holder, r.rule) in seen:
            seen[(r.holder, r.rule)].scope = list(dict.fromkeys(seen[(r.holder, r.rule)].scope + r.scope))
        else:
            seen[(r.holder, r.rule)] = r
    return list(seen.values())


# -- provisions -----------------------------------------------------------------------------------
_BARS = re.compile(r"\b(?:barred|bars|bar|ban(?:s|ned)?|prohibit\w*|rule[sd]? out|exclud\w*|"
                   r"agree not to|would not (?:allow|permit)|no)\b", re.I)
_REQUIRES = re.compile(r"\b(?:require[sd]?|would (?:have|require)|would force|oblig\w*|calls? for|"
                       r"would (?:cap|limit|recognise|recognize|lift|put|raise)|include[sd]?)\b", re.I)


def read_provisions(sentence: Sentence, hits: list[IssueHit], proposals: set[str],
                    topic_proposal: str | None) -> list[ProvisionReading]:
    """"The plan barred any NATO presence" -> peace-plan bars reassurance-force."""
    text = doc_text(sentence.span.doc)
    out: list[ProvisionReading] = []
    doc = sentence.span.doc
    proposal_hits = [h for h in hits if h.issue in proposals]
    proposal = proposal_hits[0].issue if proposal_hits else None
    if proposal is None and topic_proposal and re.search(
            r"\b(?:the|this) (?:draft|plan|text|document|blueprint|proposal|framework)\b",
            text[sentence.start:sentence.end], re.I):
        proposal = topic_proposal
    if proposal is None:
        return out
    named = proposal_hits[0] if proposal_hits else None
    for h in hits:
        if h.issue == proposal or h.issue in proposals:
            continue
        floor = max(sentence.start, doc[h.start].idx - 50)
        if named is not None:
            if named.start > h.start:
                continue  # the proposal must come first: "the plan bars X", not "no X without the plan"
            # the cue lies between the proposal's mention and the issue: in "no peace agreement would
            # hold unless foreign troops ...", the "no" negates the agreement and bars nothing
            floor = max(floor, doc[named.end - 1].idx + len(doc[named.end - 1].text))
        before = text[floor:doc[h.start].idx]
        if _BARS.search(before):
            out.append(ProvisionReading(proposal, h.issue, "bars", _BARS.search(before).group(0)))
        elif _REQUIRES.search(before):
            out.append(ProvisionReading(proposal, h.issue, "requires", _REQUIRES.search(before).group(0)))
    return out
