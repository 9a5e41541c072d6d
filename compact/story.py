"""The part of a story that says what went wrong.

People describe a dispute with scene-setting first ("hi, we're a small food bank in
Chesterfield.") and dates in the middle ("emailed us on 2 March 2026 to say our grant stops on 16
March 2026"). Neither says which commitment is at stake, and both dilute the matcher's coverage
of the words that do (place names and months are unknown words to it). :func:`focus` keeps the
sentences that tell what happened, without their dates; the dates themselves are read separately
(compact/dates.py).
"""

from __future__ import annotations

import re

from compact.dates import DAY_MONTH, ISO, MONTH_DAY, NUMERIC
from compact.text import plain, sentences

SCENE = re.compile(
    r"^(?:(?:hi|hello|hiya|hey|morning|afternoon|evening|good (?:morning|afternoon|evening))\b[\s,!.]*$|"
    r"(?:hi|hello|hiya|hey)\b[\s,!.:-]+(?:we|i)\b|"
    r"(?:we|i)(?:'re| are|'m| am| run| work| volunteer| manage| chair| coordinate)\b(?![^.!?]*\b(?:told|given|cut|stopp|"
    r"end|refus|"
    r"never|didn'?t|won'?t|haven'?t)))",
    re.I,
)
MIN_WORDS = 3
# A sentence asking whose side the assistant is on ("you're on the voluntary sector's side, right?"): nobody acts in it
SIDE_OF_THE_BOT = re.compile(
    r"\b(?:you(?:'re| are|re)|are you|u r|r u)\s+(?:really\s+|even\s+)?(?:on|with)\s+[\w' ]{0,40}?\bside\b|"
    r"\bwhose side are you\b|\bare you (?:neutral|impartial|biased)\b",
    re.I,
)
# Where a story turns from what was fine to what was not ("we got three months' notice, fair
# enough. but…") or says outright what the problem is ("the issue is they…"): what follows is the point.
TURN = re.compile(
    r"\b(?:fair enough|that'?s fine|which is fine|that was fine|that'?s ok(?:ay)?|no problem with that|no complaints there)"
    r"\b[\s,.;:!-]*(?:but|however)\b|\bthe (?:real |actual |main )?(?:issue|problem|point|complaint) is\b|"
    # "… doesn't even mention the compact. Actually forget that, what really gets me is they added targets"
    r"\b(?:forget|scrap|ignore) (?:that|all that)\s*[,.;:!-]|\bwhat (?:really |actually )?(?:gets|bothers|annoys) (?:me|us) is\b",
    re.I,
)


def undated(text: str) -> str:
    """The text with its dates taken out (lengths such as "two weeks" stay: they are the point)."""
    low = plain(text)
    for pattern in (ISO, DAY_MONTH, MONTH_DAY):
        low = pattern.sub(" ", low)
    low = NUMERIC.sub(lambda m: " " if m["sep"] != "." or m["y"] else m.group(0), low)  # 13.2 stays
    return " ".join(low.split())


def the_point(text: str) -> str:
    """What follows the last turn from what was fine to what was not, when there is one and it says
    something; otherwise the whole text."""
    turns = list(TURN.finditer(text))
    rest = text[turns[-1].end() :].strip(" ,.;:-") if turns else ""
    return rest if len(rest.split()) >= MIN_WORDS else text


def unscened(text: str) -> str:
    """The text without greetings and who-we-are sentences (its dates kept). A text with nothing
    else comes back whole."""
    parts = sentences(without_asides_to_the_bot(text))
    kept = [p for p in parts if not SCENE.search(plain(p)) and len(p.split()) >= MIN_WORDS]
    return " ".join(kept or parts)


def without_asides_to_the_bot(text: str) -> str:
    """The text without sentences asking whose side the assistant is on; a text with nothing else comes back whole."""
    kept = [p for p in sentences(text) if not SIDE_OF_THE_BOT.search(p)]
    return " ".join(kept) if kept else text


def focus(text: str) -> str:
    """What happened, without greetings, who-we-are sentences and dates."""
    return undated(unscened(text))
