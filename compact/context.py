"""What a message means in the light of the conversation so far, outside the breach triage.

The conversation's state here is two slot values: the entry last answered (a commitment id, a
principle's name or a topic id) and the commitment whose next steps the bot last offered. A
message is read as one :class:`Move`:

- a follow-up that only makes sense in context: the other sector's matching commitment ("what
  about us?"), the way into what to do if things go wrong ("what if they don't?"), more on the
  same entry ("tell me more"), the number to quote, or a detail of the same duty ("must they
  give reasons too?"), answered from the entries near the last one;
- accepting the offer of next steps ("yes please"), or saying what was tried already, which
  starts the breach triage where the user is;
- asking for the message to send;
- anything else is a new question, answered on its own: context never drags a clear new
  question back to the old topic (a question that the matcher answers confidently by itself
  stays as it is).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from compact.knowledge import NUMBER_NAMED, Duration, Knowledge, Neighbour, number_order
from compact.knowledge_schema import COMMITMENT_ID
from compact.matcher import Match, Matcher
from compact.replies import ESCALATION_TOPIC, FIGURE, MAX_CLOSE, PRINCIPLES_OVERVIEW, drafted_section, section_number, speaks_past
from compact.routing import ALTERNATIVE_GAP, INTENT_CONFIDENCE, NLU_SURE, Decision, decide
from compact.dates import date_count, gives_a_length, gives_a_period, has_period, lengths_named
from compact.quantities import spelt
from compact.story import focus, unscened
from compact.text import asked_as_consulted, expand_text_speak, sentences
from compact.triage import (
    ASIDE_LEAD,
    ASIDE_WORDS,
    CORRECTION,
    FRAMED_QUESTION,
    RESTART,
    RESUME,
    STOP_LEAD,
    STOP_WORDS,
    Triage,
    is_question,
    wish_stated,
)
from compact.typed_replies import (
    account_in_letter_request,
    EVALUATIVE,
    JUDGED,
    NEIGHBOUR_NUMBER,
    CHOICE,
    CONFIRM,
    NTH,
    ORDINALS,
    PLACES,
    STEP_NOT_SORTED,
    TIME_ASKED,
    asks_for_letter,
    asks_to_act_for_us,
    asks_about_privacy,
    asks_for_summary,
    asks_for_number,
    asks_whats_next,
    besides_the_number,
    choice,
    confirms,
    acknowledges,
    praises,
    thanks_only,
    describes_event,
    asks_what_to_do,
    asks_plainer,
    hedges,
    is_unclear,
    not_sorted,
    not_the_problem,
    only_a_side,
    points_to_it,
    raised_in_vain,
    reports_contact,
    side_said,
    tried,
)

_POINTERS = r"that|it|they|them|their|those|these"  # words pointing back at what was said
# Context helps only a message that leans on it: short, or opening with "and"/"but", or
# pointing back ("that", "they", "too").
# "any exceptions?", "are there exceptions to that?": asked only of what was just said
EXCEPTIONS_ASKED = re.compile(r"^\W*(?:and |so |but )?(?:are there )?(?:any )?exceptions?(?: to (?:it|that|this))?\W*$", re.I)
LEANS_ON_CONTEXT = re.compile(
    r"^(?:and|but|so|also|plus|or|then|what about|how about|same|even|ok(?:ay)?,? and|what if|if)\b|"
    # "this" of a time ("this weekend") points at the calendar, not at the last answer
    rf"\b(?:too|as well|also|either|itself|this(?! (?:week|weekend|morning|afternoon|evening|year|month)\b)|{_POINTERS}|"
    r"the same|same goes|still|anything else|what else)\b|"
    # "will there be one for derby and a separate one for the county?": "one" of what was just said
    r"\b(?:is|will|would) there (?:be )?(?:just |only )?one\b|\b(?:a )?(?:sep[ae]rate|different) one\b|"
    + EXCEPTIONS_ASKED.pattern,
    re.I,
)
NEAR_FIT = 0.3  # the share of a short correction's words a neighbour of the rejected commitment explains to be taken
SHORT_WORDS = 8
# A question about the case a floor is for ("the minimum if they can't do 12 weeks?"), not the duty itself
FLOOR_ASKED = re.compile(
    r"\b(?:minimum|at least|shortest|least|fewest|can'?t|cannot|not possible|impossible|shorter|less|fewer|eight|8)\b", re.I
)
# A part of what was said, pointed back at: "any of this", "all of that"
OF_IT = re.compile(r"\b(?:any|all|none|some|most|part) of (?:this|that|it|these|those)\b", re.I)
# Words pointing back at what was said ("to get that", "the group's equivalent"), beyond "we" and "our"
POINTS_BACK = re.compile(
    rf"\b(?:this|{_POINTERS}|same|equivalent|counterpart|is there (?:an? )?(?:\w+ )?one|(?:our|their|the other) end)\b", re.I
)
# A thing pointed back at ("for that one"), not a person ("if they never let us respond")
THING_POINTED = re.compile(r"\b(?:it|its|it's|that|this|those|these)\b", re.I)
ANY_PARTY = "any_party"  # a follow-up asking whether the route is the same for another body: it is for any
SAME_SIDE = "same_side"  # "same for the NHS?" after a statutory duty: it binds that side as a whole
CONTENTS = "contents"  # the topic listing the document's numbered parts, which "section 7" then means
IT_SAID = re.compile(r"\bit\b", re.I)  # "it", to be read as the Compact after a topic on the whole of it
# What "it" says or asks ("what does it ask of councils…", "does it say funders should…"): the Compact's wording asked
IT_ASKED_OF = re.compile(
    r"\b(?:does|do|did|will|would) it (?:actually |really |also )?(?:say|ask|expect|require|cover|mention|talk about|include|"
    r"want|need|tell)\b|\banything in it\b",
    re.I,
)
IT_POINTED = re.compile(r"\b(?:it|its|it's)\b", re.I)  # the thing just answered, in a short follow-up
A_THING_POINTED = re.compile(r"\b(?:that|this|it|those|these|same|one)\b", re.I)
CLAUSE_WORDS = 5  # a clause of a "which two principles" question this long may describe one of them
PRACTICAL_ID = "practical"  # the knowledge's entry for how to use a particular scheme or service
NAMED_KEYS = 3  # a request for the number with this many more words of substance may describe another commitment
PICK_WORDS = 6  # a reply naming one of a list by what it is about is at most this long
INTRO_WORDS = 15  # a message saying only who the user is, at most this long
# Who is asking, said first ("police and crime commissioner's office here - if we're ending…"): not the question
HERE_LEAD = re.compile(r"^[^.?!]{2,60}?\bhere\s*[-–—:,.]\s+", re.I)
# "we're the lead partner, we're the local CVS": each clause says who the user is, and nothing else
INTRO_CLAUSE = re.compile(  # (not "we're bidding with two other groups", which tells what they are doing)
    r"^(?:and |but |also |so )?(?:(?:we'?re|we are|i'?m|i am)\b(?!\s+(?!working\b|volunteering\b)\w+ing\b)|i work\b|we work\b|"
    r"this is\b|(?:i|we) (?:run|chair|manage|lead|coordinate|volunteer)\b)",
    re.I,
)
GREETING_LEAD = re.compile(r"^(?:hi|hello|hiya|hey|good (?:morning|afternoon|evening))(?: there| all)?\b\W*", re.I)
# "im a trustee wondering about consultation periods": an introduction that goes on to what they want to know
GOES_ON_TO_ASK = re.compile(
    r"\b(?:wonder\w*|want\w*|need\w*|looking|question|query|queries|ask\w*|about|regarding|help|concern\w*|worried|"
    r"problem|issue|complain\w*)\b",
    re.I,
)
# "it's about cutting library stops", "it was the adult social care team", "the letter came on 1 March": what a
# statement says of the matter at hand, not a question of its own (after an offer of next steps: more of the account)
# (what follows "it's" must name something: "it's fine thanks" or "that's helpful" says nothing of the matter)
OF_THE_MATTER = re.compile(
    r"^(?:(?:and|oh|also|so|btw|fyi)\W+)*(?:(?:it(?:'?s| is| was)|this (?:is|was)|that(?:'?s| is| was)) (?:all )?"
    r"(?:about|for|over|regarding|to do with|on|from|the|our|their|a|an)\b|"
    r"the (?:\w+ ){1,2}(?:is|was|came|arrived|said|went)\b|they (?:said|told|wrote)\b|we got\b)",
    re.I,
)
DATED_WORDS = 6  # ...and a date told in this many words or fewer ("it ends on 30 April"), whatever its words match
SAID_ONLY_IN_PASSING = ("thank", "goodbye", "greet")  # intents whose replies the domain gives ("that's great, thanks")
# "…, what should they do?", "what does the compact say they should do?": the acting side's duty asked, not a failing told
THEIR_DUTY_ASKED = re.compile(
    r"\bwhat (?:should|must|do|does|would|are|is|ought)(?: the compact say)? (?:they|the (?:[\w-]+ ){0,2}(?:council|county|"
    r"city|funders?|authority|ccg|trust|police|commissioners?|bodies|body))(?: (?:supposed|meant|expected|required|"
    r"obliged) to| have to| need to| got to| ought to| should| must)? (?:do|be doing)\b",
    re.I,
)
# what a party is doing or means to do ("the council is consulting on…", "wants to cut our grant next year"), not what it did
UNDER_WAY = re.compile(
    r"\b(?:is|are|'s|'re) (?:now |currently |just )?(?!being\b)\w+ing\b|\b(?:wants?|plans?|planning|intends?|intending|"
    r"proposes?|proposing|going) to\b|\bwill\b|\bnext (?:year|month|week|spring|summer|autumn|winter)\b",
    re.I,
)
NEAR_BONUS = 0.45  # added to the last entry's neighbours for a message that leans on context (tuned on conversations_tuning)
SAME_BONUS = 0.25  # and to the last entry itself, on top
NEAR_LEXICAL_SHARE = 0.9  # a neighbour explaining this share of the words the best answer explains is as good a fit,
CERTAIN_LEARNT = 0.8  # a selector margin at which a word or two name a commitment whatever their coverage
FITTING_LEXICAL = 0.5  # when the best answer explains at least this much of them (else the words say little)
KEPT_WORDS = 16  # a question declined on its own is read against the last answer only this long
KEPT_LEXICAL = 0.07  # when a commitment next to it explains this much of its words
AKIN_LEXICAL = 0.1  # how much less well words may fit a commitment of the conversation's theme than their best fit
REACH = 3  # an account after next steps were offered stays on the offered duty only if it ranks among this many
NEW_TOPIC_GAP = 0.5  # a follow-up whose own best answer leads the last entry's neighbourhood by this is a new question
SIDE_BONUS = 0.2  # for the side a follow-up asks about ("do they have to…"), taken from the other side
FIRST_PERSON = re.compile(r"\b(?:we|our|us|i)\b", re.I)
# The user as one who acts ("we", "we've"), not only as the one acted on ("say our funding ends", "told us")
WE_ACT = re.compile(r"\bwe(?:'(?:re|ve|d|ll))?\b", re.I)
# A duty asked, typed without its mark: "do the council have to ask us b4 they change the youth service"
DUTY_ASKED = re.compile(
    r"^(?:(?:so|and|but|quick (?:one|q(?:uestion)?))\W+)?(?:do|does|must|should|can|will|would|are|is) (?:[\w'&-]+ ){1,5}?"
    r"(?:have to|has to|need to|needs to|got to|supposed to|meant to|obliged to|required to|allowed to)\b",
    re.I,
)
# ...and the act it asks a duty before ("…before they change the youth service"): asked of, not told
DUTY_AHEAD = re.compile(r"\b(?:before|until|unless|once|b4)\b[^.?!]*", re.I)
# The asker's own plan: "we want to cut…", "we're planning to end…" (nothing has happened yet)
OWN_PLAN = re.compile(
    r"\b(?:we|i)(?:'re| are|'m| am)? (?:(?:want|plan|planning|intend|intending|looking|about|going) to|"
    r"(?:thinking|planning) (?:of|about))\b|"
    # "thinking of pulling the plug next month", "we're withdrawing funding from the deaf club next year"
    r"(?:^|[,.;]\s*)(?:thinking|planning) (?:of|about|to)\b|"
    # "tendering the advocacy contract county wide and…", "re-commissioning carers support next spring, …"
    r"^(?:(?:so|ok|right|hi|hello)\W+)?(?:re-?)?(?:tendering|commissioning|decommissioning|setting up|consulting on)\b|"
    r"\bwe(?:'re| are) (?:withdrawing|ending|stopping|pulling|cutting|reducing|decommissioning|re-?tendering)\b",
    re.I,
)
# Where the question starts in a plan typed as one run-on line ("…from april how much notice do we have to give")
PLAN_QUESTION = re.compile(
    r"\b(?:how|what (?:else|notice|do|does|should|must|happens)|(?:by )?when (?:do|does|should|must|shall|would|will)|"
    r"(?:do|does|should|must|can|shall) (?:we|i|it|that|they)\b)",
    re.I,
)
# What the other side gives the user and can take away: a story of it is of their duty ("rang to say our funding ends")
OUR_FUNDING = re.compile(r"\bour (?:[\w-]+ ){0,3}?(?:funding|grant|contract|money|award)\b", re.I)
# What the other side failed to do ("heard nothing back", "never replied"), as opposed to what it says about the user.
OMITTED = re.compile(
    r"\b(?:heard nothing|nothing back|no (?:reply|response|answer|feedback|chance|opportunity|say|"
    r"warning)|never|didn'?t|did not|won'?t|wont|refus\w*|"
    r"ignor\w*|failed|nobody|no[- ]?one|without (?:any|asking|telling|warning|notice))\b",
    re.I,
)
SURE_OWN = 0.3  # the selector's margin from which a commitment of the user's own side stands in their account (tuning sets)
# A question about all that a side is expected to do, not one duty ("what does the compact expect of us on
# monitoring?", "what are our obligations before we decommission…"): answered with the section's commitments
DUTIES_ASKED = re.compile(
    r"\bwhat(?:'?s| is| are| r)? (?:is )?(?:expected|required) (?:of|from) (?:us|them|me|the \w+|our \w+|vcs|charities|councils|"
    r"funders|voluntary \w+)\b|"
    r"\bwhat (?:are|r) (?:our|their|the \w+'?s?|vcs|council) (?:\w+ )?(?:duties|obligations|responsibilities|commitments)\b|"
    r"\bwhat does the compact (?:expect|require|ask) (?:of|from)\b",
    re.I,
)
THEY_MUST = re.compile(
    r"\b(?:do|does|did|must|should|would|will|can|could|have|has|are|is) they\b|"
    r"\bthey (?:have to|has to|must|should|need to|ought to|are (?:meant|supposed|expected|obliged) to)\b",
    re.I,
)
OTHER_SIDE_CLOSE = -1.0  # the score from which another of the other side's commitments is named under its answer
CLEAR_COUNTERPART = 0.3  # the margin by which an unpaired duty's best match on the other side stands whatever its theme
ACTOR_REACH = 3  # an account's actor's duty within this many of the best is answered before the other side's
SURE_ELSEWHERE = 0.3  # ...and from which it stands over a detail asked of the last answer (conversations_tuning54)
SAME_SIDE_SURE = 0.0  # how well a question of the last answer's own side must fit another of its duties to be that one
SURE_LEARNT = 0.0  # the selector's margin from which its answer stands even in a story (hard_questions_tuning)
STORY_FLOOR = (
    -0.45
)  # a story's best commitment scores at least this to be answered as a complaint (tuned on conversations_tuning)
PARTYS_SIDE = re.compile(r"'?s? (?:side|part|bit)\b", re.I)  # "the charity's side", "the voluntary sector side"
# Asking for the other side outright: whoever the message goes on to name, it is the last answer's other side.
_FLIP = (
    r"the other way (?:round|around)|vice versa|in reverse|the reverse|(?:the )?flip side|flip (?:it|that|this) (?:round|around)|"
    r"(?:work|works|go|goes|cut|cuts|apply|applies) both ways"
)
FLIP = re.compile(rf"\b(?:{_FLIP})\b", re.I)
OTHER_SIDE = re.compile(
    # "and the council - do they have to tell us what happened?"
    r"^(?:and|but|so|ok(?:ay)?)\W+(?:the |our )?(?:council|funder|commissioner|charity|charities|vcs|provider|group)s?"
    r"\s*[-–—,:?]|"
    # (not "what about them never saying what was open to change?", which tells what they did)
    r"\b(?:what|how) about (?:for )?(?:us|we|our|the (?:other|vcs|voluntary|council|funder|provider|charity|sector)|them|"
    r"the other)\b"
    r"(?!\s+(?:never|not|\w+ing)\b)|"
    # ("ok and ours as the council?")
    r"^(?:and|so|but|ok(?:ay)?,? (?:and )?)? ?(?:us|ours|we|them|theirs|for us|for them|on our side)"
    r"(?:,? as (?:the|a|an) [\w ]{1,25}?)?\W*$|"
    rf"\b(?:{_FLIP}|(?:'s|s'|their|our) equivalent)\b|"
    r"\banything (?:the|our|their) (?:provider|charity|council|funder|commissioner|vcs|voluntary (?:group|sector)|group)s? "
    r"(?:has|have|must|should|needs?|is (?:meant|supposed|expected)) to\b|"
    # (not "do we have to hear their side first?", their account; nor "can we put our side before it's final?", our case)
    r"(?<!\bhear )(?<!\blisten to )(?<!\bget )(?<!\bput )(?<!\bgive )(?<!\bputting )(?<!\bgiving )(?<!\bexplain )"
    r"(?<!\bpresent )(?<!\btell )(?<!\bstate )(?<!\bmake )\b(?:our|their|the other|the (?:council|funder|commissioner|"
    r"provider|charity|vcs|voluntary sector|voluntary|statutory)'?s?) (?:side|part|bit|half)\b|"
    # "what do we need to show from our end", "and from the charity's end?"
    r"\b(?:from|at|on|for) (?:our|their|the other|the (?:council|funder|commissioner|provider|charity|group|vcs)'?s?) end\b|"
    # "and what have the charities signed up to on monitoring?"
    r"\bwhat (?:have|has|do|does) (?:the )?(?:charities|charity|vcs|voluntary sector|voluntary groups|providers?|groups?|"
    r"councils?|statutory sector|public bodies|funders?|commissioners?) (?:signed up to|agreed to|committed to|promised)\b|"
    # "is there a vcs side to that?"
    r"\bis there (?:a|an) (?:vcs|voluntary(?: sector)?|statutory(?: sector)?|council|charity|provider|funder|public sector) "
    r"(?:side|part|bit|equivalent|version)\b|"
    r"\bwhat (?:do|does|must|should|would|will) (?:we|us|the (?:council|funder|charity|provider|vcs|voluntary sector|"
    r"statutory sector|ccg|icb|nhs|trust|police|pcc|commissioner)s?) (?:have to |need to |got to |be )?(?:do|doing)\b"
    r"(?!\s+(?:if|when|about|now|next)\b)|"  # (not "what do we do if the compact is broken?": the route)
    # "… do our end", "and what's needed our end"
    r"\b(?:do|doing|needed|required) (?:at |on |from )?(?:our|their) end\b|"
    # "what do we have to show?", "what would the provider have to show us?": what the other side must bring
    r"^(?:(?:and|so|ok|okay)\W+)?what (?:do|does|would|will|must|should) "
    r"(?:we|i|the (?:provider|charity|group|council|funder)s?) (?:have to |need to |got to )?"
    r"(?:show|prove|provide|demonstrate|send|give)(?: (?:us|them|you))?\W*$|"
    # "and what do the charities contribute to planning?"
    r"\bwhat (?:do|does|should|can) (?:the )?(?:charities|vcs|voluntary sector|council|councils|funders?) "
    r"(?:have to |need to )?(?:contribute|bring|offer)\b|"
    # "is there anything like that which groups like ours have to do ourselves?"
    r"\b(?:anything|something) (?:like|similar to) (?:that|this) (?:which|that|for) [\w' ]{0,25}?\b(?:we|us|ours|ourselves|them|"
    r"theirs|themselves)\b|"
    # "is there a version of that for the charities?"
    r"\bis there (?:a|an|any) (?:version|equivalent|one|duty|commitment) (?:of (?:that|this|it) )?for (?:us|them|charities|"
    r"councils|the (?:charities|charity|vcs|voluntary sector|council|statutory sector|funder)s?)\b|"
    # "and what should the charities we fund do?" (not "what should charities do to promote equality…?", a question)
    r"\bwhat (?:do|does|must|should) (?:the )?charities(?: (?:that |who )?(?:we|they) (?:fund|commission|support|pay))? "
    r"(?:have to |need to )?do(?: then| now| here| about (?:it|that|this))?\W*$|"
    r"\bis there anything (?:on|for) (?:us|our side|them)\b|"
    # "And we must do something also? what is for us?" (second-language English)
    r"\b(?:what|which)(?: one)? is (?:for|on) (?:us|them)(?:\W*$|\?)|"
    r"\b(?:we|they) (?:must|have to|need to|should) do (?:something|anything)(?: (?:also|too|as well))?\W*$|"
    # "is there something we're meant to show them?" after the other side's duty
    r"\bis there (?:something|anything) (?:we|they|the (?:council|funder|charity|provider)s?)(?:'re| are)? "
    r"(?:meant|supposed|expected|required|obliged|have|need|got) to (?:do|show|prove|provide|demonstrate|send|give)\b|"
    # "do we have to do the same for the people we asked?"
    r"\b(?:do|does|should|must) (?:we|they|the (?:council|funder|charity|provider|vcs|voluntary sector)s?) (?:have to |need to )?"
    r"do the same\b|"
    # "and if the main contractor is itself a charity?": the same dealing with the other side in the role
    r"\bif (?:the|a|our|their) (?:[\w-]+ ){0,2}?(?:contractor|provider|prime|lead|funder|partner)s? "
    r"(?:is|are|was|were|had been|has been|were to be) "
    r"(?:itself |themselves |also |actually )?(?:an? )?(?:charity|charities|voluntary|vcs|community group|council|public body)\b|"
    # "is that just the council's job or ours too?"
    r"\bor (?:ours|us|our job|our responsibility|theirs|them) (?:too|as well)\b|"
    # "is that the same as the consultation one the councils sign up to?", "same as the charity one?"
    r"\bthe same as (?:the|their|our) (?:[\w-]+ ){0,2}?(?:(?:council|charity|vcs|statutory|funder)(?:'s|s)? one\b|"
    r"one (?:the|that) (?:councils?|charities|vcs|funders?|statutory sector|public bodies) (?:sign|signed|agree|have)\b)|"
    # "does the VCS have to do anything similar?"
    r"\b(?:have|has|need|needs|got) to do (?:anything|something) (?:similar|like (?:that|it)|equivalent|comparable)\b|"
    # "does that apply to us too?", "is there a matching one for the VCS?"
    r"\b(?:apply|applies) to (?:us|our side|them|the (?:council|charity|vcs|voluntary sector|statutory sector))\b|"
    r"\b(?:matching|equivalent|corresponding|mirror|parallel) (?:(?:vcs|voluntary sector|charity|council|statutory|public "
    r"sector|funder)(?:'s)? )?(?:one|commitment|duty)\b|"  # "and what's the matching vcs commitment?"
    # "is there a VCS one as well?", "and is there one for us too?"
    r"\bis there (?:an? |any )?(?:(?:vcs|voluntary sector|voluntary|council|statutory|charity|public sector)(?: side)? (?:one|"
    r"version|equivalent|duty|commitment)|(?:one|anything) (?:for|on) (?:us|them|our side|the (?:vcs|council|charity|"
    r"voluntary sector|statutory sector)))\b|"
    # "what are we on the hook for re monitoring then"
    r"\bwhat (?:are|is) (?:we|us|our side|they|the (?:council|funder|charity|provider|vcs)s?) (?:on the hook|responsible|"
    r"accountable|answerable) for\b|"
    r"\b(?:have|do) we (?:got|have) (?:any )?(?:duties|commitments|obligations)\b|\bour (?:own )?(?:\w+ )?(?:duties|duty|"
    r"commitments?|obligations?|responsibilit(?:y|ies))\b|"
    # "and what's the charity's responsibility before signing?"
    r"\bthe (?:charity|council|funder|group|provider|commissioner|vcs|sector|voluntary sector|statutory sector)(?:'s|s') "
    r"(?:own )?"
    r"(?:duties|duty|commitments?|obligations?|responsibilit(?:y|ies))\b|"
    r"\bwhat (?:do|does) (?:we|i|the (?:council|funder|charity|provider)s?)(?: as (?:the|a|an) [\w ]{1,25}?)? owe\b|"
    r"\b(?:do|does) (?:we|i|the (?:council|funder|charity|provider)s?) owe (?:them |us |the \w+ )?(?:anything|something)\b|"
    # "what are we supposed to do about that as a vcs org?", "what are charities themselves expected to do?"
    r"\bwhat (?:are|is) (?:we|the (?:council|funder|commissioner|provider|charity|vcs|voluntary sector|statutory sector)s?|"
    r"charities|councils|funders|groups|providers)(?: themselves| ourselves)? "
    r"(?:supposed|meant|expected|required|obliged) to do\b|"
    # "and what do the voluntary groups themselves sign up to on equality"
    r"\b(?:voluntary|vcs|community|statutory|public) (?:groups|organisations|orgs|bodies|sector) themselves\b|"
    # "what's expected of the group itself on equality?"
    r"\b(?:expected|required|asked) (?:of|from) (?:us|them|the (?:group|charity|council|funder|provider|organisation)s?) "
    r"(?:itself|themselves|ourselves)\b|"
    r"\bwhat (?:do|does) (?:we|the (?:council|funder|charity|provider|vcs|voluntary sector|statutory sector)s?) "
    r"(?:sign up to|commit to|promise|pledge)\b|"
    # "what are we signing up to ourselves on that?", "what's expected of us in return?"
    r"\b(?:we|us)\b[^?.!]{0,25}\bourselves\b|\b(?:expected|required|asked) (?:of|from) (?:us|them)\b|\bin return\b|"
    # "and what does it ask of the voluntary sector?", "what's on us, the voluntary sector, for that?"
    r"\b(?:vcs|voluntary sector|charity|charities'|council|statutory(?: sector)?|funder)(?:'s)? (?:equivalent|counterpart)\b|"
    r"\b(?:expected|required|asked) (?:of|from) (?:the )?(?:recipient|grantee|funded|provider|charity|organisation|group)\w*"
    r"(?: \w+)?(?= in that respect| on that| for that| there)|"
    r"\b(?:ask|expect|require|want)s? (?:of|from) (?:us|them|the (?:vcs|voluntary(?: and community)? sector|voluntary groups|"
    r"charities|councils?|statutory sector|public bodies|funders?|groups|providers))\b|\bwhat(?:'s| is) on (?:us|them)\b",
    re.I,
)
IF_NOT = re.compile(
    r"\b(?:what|and|so) if (?:they|it|that|he|she|the (?:council|funder|ccg|nhs|police|charity|provider)s?) "
    r"(?:just |still |simply |flatly |flat out |outright |point[- ]blank )?"
    r"(?:don'?t|doesn'?t|didn'?t|won'?t|wont|dont|never|refuses?|ignores?|isn'?t|aren'?t|"
    r"fails?|miss(?:es)?|break(?:s)?|breach(?:es)?|"
    r"do it anyway|go(?:es)? ahead|says? no|turns? (?:it|us|that|this) down|skip(?:s|ped)?|bypass(?:es)?|"
    r"go(?:es)? straight|"
    # "and if they threaten our funding over it?": retaliation for what the duty protects
    r"threaten\w*|punish\w*|penalis\w*|penaliz\w*|retaliat\w*|hold (?:it|that|this) against|"
    r"(?:plough|plow|press|push|carry|carries|steam\w*) (?:on|ahead)|"
    r"(?:keeps?|carry on|carries on|go on|goes on) (?:doing|ignoring) (?:it|that|this)|do (?:it|that) again|"
    # "what if they only tell us after it's all decided?", "… leave it till the last minute?": done too late
    r"only (?:tell|told|inform|ask|consult|involve|let|give|come to us|came to us)\w*|"
    r"leave (?:it|things|us) (?:till|until|to|too)\b|"
    r"wait\w* (?:till|until)\b|(?:tell|inform|consult|involve|ask)\w* us (?:too )?late)|"
    # "and if they're ignoring our emails about it?"
    r"\b(?:what|and|so) if (?:they'?re|they are|it'?s|he'?s|she'?s) (?:just |still )?(?:ignoring|refusing|not (?:replying|"
    r"responding|listening|doing it|answering))\b|"
    # "and if nobody ever agreed anything about it?": the duty left undone
    r"\b(?:what|and|so) if (?:nobody|no one|noone) (?:ever )?\w+|"
    # "and the last resort if nothing works?": the route's later steps
    r"\blast resort\b|\bif (?:nothing|none of (?:that|it|this)) (?:works|worked|helps|helped)\b|\bif (?:all )?else fails\b|"
    r"\bif (?:that|it|this) (?:isn'?t|is not|wasn'?t) (?:done|followed|kept)\b|"
    r"\bwhat (?:can|could|should) (?:we|i) do (?:if|when(?! (?:we|i)\b)|about it|then)\b|\b(?:and )?if not\b\??$|"
    r"\bwhat happens if (?:they|it) (?:don'?t|doesn'?t|isn'?t)|"
    r"\bif (?:that|it|this|they|raising it) (?:goes|go|gets|get) nowhere\b|"
    # "and if they take it further, what's the process?": the route, from either side of the dispute
    r"\bif (?:they|we|i|the (?:council|funder|charity|group|provider)s?) (?:take|takes|took) (?:it|this|that|things|the matter) "
    r"(?:further|higher|up)\b|\bif (?:they|we|i) (?:escalate|complain|make a (?:formal )?complaint)\b|"
    r"\bif (?:that|it|this) (?:doesn'?t|does not|won'?t|didn'?t) (?:work|help|resolve it|sort it)\b|"
    # "what if they do pull it with no chance to improve?": the act the duty was meant to prevent, done anyway
    r"\b(?:what|and|so) if (?:they|the (?:council|funder|ccg|nhs|police|charity|provider)s?) (?:do |still |just |go ahead and )?"
    r"\w+ (?:it|us|them|our \w+)(?: \w+)? (?:anyway|regardless|with no|without)(?: \w+){0,4}\W*$",  # nothing more asked
    re.I,
)
# Where in the document something is: "which part of the compact is that in?", "what heading is 16 under?"
PLACED = re.compile(
    r"^\W*(?:and |so |ok,? |also |then )?(?:which|what|wat)\s+(?:part|section|heading|theme|bit|chapter|area|category)s?\b"
    r"(?=.*\b(?:in|under|from|belongs?|fall|falls|come|comes|sits?)\W*$)",
    re.I,
)
# "who do we go to if the finance team won't budge?", "where can we take it if they still say no?"
TURN_TO_IF = re.compile(
    r"\b(?:who|where) (?:do|can|should|could|would|shall) (?:we|i) (?:go|turn|take (?:it|this|that)|complain|appeal|escalate)"
    r"(?: it| this| that)?(?: to)?(?: next| then| now)? if\b[^.?!]{0,40}?"
    r"\b(?:won'?t|wont|don'?t|dont|doesn'?t|didn'?t|refuse\w*|ignore\w*|says? no|still|not|never|budge)\b",
    re.I,
)
# A question asked after a condition ("if that doesn't work and we do end it, how much notice?"): what is asked
# "what's the process?", "what happens?" after "if they take it further": the route, whatever duty "process" names
ROUTE_ASKED = re.compile(r"\bwhat(?:'s|s| is| are)? (?:the )?(?:process|procedure|route|steps?|next)\b|\bwhat happens\b", re.I)
ASKED_AFTER = re.compile(
    rf",\s*(?:then\s+|so\s+)?(?!{ROUTE_ASKED.pattern})(?:how|what|which|when|who|do|does|can|could|must|should|is|are)\b",
    re.I,
)
# A time limit for raising a concern ("is there a deadline for complaining?"): the route sets none
ROUTE_DEADLINE = re.compile(
    r"\b(?:deadline|time ?limit|time ?frame|cut-?off|too late|how long (?:do|have) (?:we|i) (?:got|have|get))\b"
    r".*\b(?:complain\w*|rais(?:e|ing)|escalat\w*|challeng\w*|report(?:ing)? (?:it|a breach|them)|object\w*)\b|"
    r"\b(?:complain\w*|rais(?:e|ing) (?:it|a concern|a breach|this)|escalat\w*|challeng\w*)\b.*"
    r"\b(?:deadline|time ?limit|time ?frame|cut-?off|too late)\b|"
    # "how long will all this take?": the route's steps have no times either
    r"\bhow long (?:will|does|would|might|should|is) (?:all (?:of )?this|this (?:whole )?(?:thing|process)|the (?:whole )?"
    r"(?:process|complaint|thing)|the steps|each step|sorting (?:it|this) out)(?: \w+)? (?:take|last)\b|"
    # "how long do i give them to reply before going further?": how long a step is given, before the next
    r"\bhow long (?:do|should|must|would|can) (?:i|we) (?:give|wait|allow|leave)\b.*\b(?:further|escalat\w*|next step|"
    r"critical friend|chas\w*)\b",
    re.I,
)
# A form for raising a concern ("is there a form for this?"): the route sets none
ROUTE_FORM = re.compile(
    r"^(?:\w+\W+){0,3}?(?:is there|are there|do (?:i|we) (?:need|have) to (?:fill in|fill out|complete|use)|"
    r"where(?:'s| is| do (?:i|we) (?:get|find))|have you got|(?:can|could) (?:i|we) (?:get|have)) "
    r"(?:an? |the |any )?(?:official |special |standard |complaints? |particular |set )?(?:forms?|pro-?formas?)\b",
    re.I,
)
# Asks whether the duty just answered still holds, or how it stretches: "even if they ignored
# what we said?", "if they're later than that, do they still…?". The same commitment answers.
# Not able to, rather than not willing: what the duty says when it can't be met ("where possible", "explain
# why"), or the floor another commitment sets for its figure.
CANNOT = re.compile(
    r"\bwhat if (?:they|it|the \w+) (?:say|says|said|claim|claims|tell us|told us) (?:that )?(?:they|it) "
    r"(?:can'?t|cant|cannot)\b|"
    r"\b(?:what|and|so) if (?:they|it|the \w+) (?:just |really |simply )?(?:can'?t|cant|cannot|(?:is|are) (?:not |un)able)\b|"
    # "and if we can't manage that?" after the asker's own side's duty: its figure, not possible
    r"\b(?:what|and|so) if (?:we|i) (?:just |really |simply )?(?:can'?t|cant|cannot) (?:manage|meet|do|hit|keep to|stick to) "
    r"(?:that|it|this)\b|"
    r"\bif (?:that|it|this) (?:isn'?t|is not|wasn'?t|can'?t be|is im)\s?possible\b|"
    r"\bif (?:that'?s|thats|it'?s|its|that is|it is) (?:not|im)\s?possible\b|"
    # "what if it's shorter?", "and if they give us less?": less than the duty's figure
    r"\b(?:what|and|so) if (?:it|that|this|they|the \w+)(?:'?s| is| are| was|'re| were)? "
    r"(?:(?:give|gives|allow|allows) (?:us )?)?(?:any |a bit |much |even )?(?:shorter|less)\b|"
    # "can they do it shorter?", "is less ok?": less than the duty's figure
    r"^(?:and |but |so )?(?:can|could|may|is|are) (?:they|it|the \w+)?\s?(?:(?:do|run|make|give|have) (?:it|them|one|that) )?"
    r"(?:be )?(?:any )?(?:shorter|less|quicker|sooner)\b",
    re.I,
)
# "what if we can't manage 12 weeks?": the asker's own duty's figure, asked about as not possible (not what happened);
# "what if they can't…" is CANNOT's
NOT_ABLE = re.compile(r"\b(?:what|and|so) if (?:we|i) (?:just |really |simply )?(?:can'?t|cant|cannot)\b", re.I)
# Whether what happened breaks the duty just answered ("is it actually a breach though?", "does that count as
# breaking the compact?"): its wording, what the dates showed, and the route; not the route alone. (Not "is it a
# breach that they…?", a new account.)
# "is it a compact breach that …?": whether what follows breaks it
BREACH_THAT = re.compile(
    r"^(?:(?:so|and|but|ok|okay|quick q(?:uestion)?)\W+)?(?:is it|would it be|is that|isn'?t it|does it count as) (?:a )?"
    r"(?:compact )?breach(?: of the compact)? (?:that|if|when) (?P<what>[^?]+)",
    re.I,
)
IS_IT_A_BREACH = re.compile(
    r"^(?:(?:so|and|but|ok|okay|right|hmm)\W+)?"
    # "do you think thats a breach?", "in your view, would that be a breach or am I being harsh?"
    r"(?:(?:(?:do|would) you (?:think|say)|you think|in your (?:view|opinion)|honestly)\W+)?"
    r"(?:(?:that|this|it)['’]?s (?:(?:actually|really|definitely|technically|still)\s+)*(?:an? )?(?:actual |real |proper )?"
    r"breach\b(?! of (?!(?:the )?compact\b|it\b))|"
    r"(?:is|was|would|does|did|has) (?:that|this|it|what they did|that not|this not) "
    r"(?:(?:actually|really|even|definitely|technically|officially|then|still|not)\s+)*"
    r"(?:(?:be |count as |counts? as )?(?:an? )?(?:actual |real |proper )?breach(?:ing|ed)?(?: of)?(?: (?:it|the compact))?|"
    r"(?:be )?(?:against|breaking|broken|break) (?:the compact|it)|(?:break|broken|breach)(?:ed)? the compact|"
    # "does that count as them breaking the agreement or am i overreacting"
    r"(?:count as |counts? as )?(?:them |the \w+ )?(?:breaking|breaching|going against) (?:it|the compact|the agreement|that))|"
    r"(?:have|did|has) (?:they|the \w+) (?:actually |really |even |technically )?(?:breached|broken|broke|break|breach) "
    r"(?:it|the compact|that|this)|"
    # "so are they in breach or not? yes or no"
    r"(?:are|were|is) (?:they|the \w+) (?:actually |really |even |technically )?in breach\b"
    r"(?! of (?!(?:the )?compact\b|it\b))(?: of (?:it|the compact))?(?: or not)?|"
    # "so is that allowed or not", "are they even allowed to do that?", "can they actually do that?" (not "…by email?")
    # (the whole message: "is that even allowed? they fund us after all" asks more)
    r"(?:(?:is|was) (?:that|this|it|what they did) (?:even |actually |really |honestly )?(?:allowed|acceptable|permitted)"
    r"(?: or not)?|(?:are|were) they (?:even |actually |really )?allowed to(?: do)? (?:that|this)|"
    r"can they (?:even |actually |really |just )?do (?:that|this)(?: to (?:us|me|them))?)\W*$)"
    r"(?!\s+(?:that|if|when|to|for|by|in|with|without|on)\b)",
    re.I,
)
SAME_DUTY = re.compile(
    r"^(?:and |but |so )?even (?:if|when|so|though)\b|"
    # "does that still apply if they fund us?", "so that holds even if the council funds us?"
    r"\b(?:still|even) (?:apply|applies|count|counts|hold|holds|stand|stands)\b|"
    r"\b(?:apply|applies|count|counts|hold|holds|stand|stands) (?:still |even )?(?:if|when|though)\b|"
    rf"{CANNOT.pattern}|"
    r"\b(?:later|earlier|longer|shorter|less|more|fewer|sooner) than (?:that|this|it|they said)\b",
    re.I,
)
# The Compact as a whole, named in a follow-up: a question about it, not about the last duty
WHOLE_DOCUMENT = re.compile(r"\b(?:this|the) (?:document|compact|agreement|draft)\b", re.I)
# After a principle, asking for the commitments that put it into practice ("is there a commitment behind that?").
COMMITMENT_BEHIND = re.compile(r"\bcommitments?\b(?!\s*\d)", re.I)
# Whom a number is quoted to: "which number do I quote to the council?"
QUOTED_TO = re.compile(
    r"\b(?:quote|cite|give|use|put|mention)\b[^.?!]{0,30}?\bto (?P<whom>(?:the |our |my )?\w+(?: \w+)?)|"
    r"\bpoint (?P<pointed>(?:the |our |my )?\w+(?: \w+)?) (?:to|at)\b",  # "which number do I point the council to?"
    re.I,
)
# Whose duty the last answer was ("is that the council's job or ours?"): the answer again, which says.
OURS = re.compile(r"\b(?:us|we|our|ours)\b", re.I)
OURS_TOO = re.compile(r"\b(?:us|we|ours)\s+(?:too|as well|also)\b", re.I)
WHOSE = re.compile(
    r"\b(?:whose|who'?s) (?:job|responsibility|duty|commitment|role|problem)\b|"
    r"\bwho (?:has|needs|is (?:meant|supposed|expected)|must|should) (?:to )?(?:do|stick to|follow|keep to|abide by) "
    r"(?:that|this|it)\b|"
    r"\b(?:job|responsibility|duty|commitment) or (?:ours|theirs|our|their|the|yours|mine)\b|"
    r"\b(?:their|our|my|your) (?:job|responsibility|duty|role)\b[^?.!]{0,25}\bnot (?:ours|theirs|mine|us|them)\b|"
    r"\bwho (?:is|'s) (?:that|this|it)(?: one)? binding on\b|\bwho does (?:that|this|it)(?: one)? (?:apply to|bind)\b|"
    # "who's that commitment on - us or them?"
    r"\bwho(?: is|'s|s) (?:that|this|it)(?: one| commitment| duty| rule)? (?:on|for|aimed at)\b\W+(?:us|them|the \w+)\b|"
    # "which side is that one listed under?", "whose side is that on?"
    r"\b(?:which|what|whose) (?:side|sector)(?:'s| is| does| do)? (?:that|this|it)(?: one)?\b|"
    r"\b(?:that|this|it)(?: one)?(?:'s| is) (?:on|down to|up to) (?:us|them|me|you)\b|"
    # "is that a council duty or is it on us?", "is this a vcs thing?"
    r"\b(?:is|was) (?:that|this|it)(?: one)? (?:a |an )?(?:council|statutory|vcs|voluntary sector|charity|nhs|funder|police)"
    r"(?:'s)? (?:duty|rule|commitment|responsibility|job|thing|one)\b|"
    r"^(?:(?:and|so|hmm+|ok|okay|right|but|sorry|wait|um+|erm+)\W+)*(?:is|was) (?:that|this|it)(?: one)? "
    r"(?:(?:a|an) (?:rule|duty|commitment|requirement|thing) )?"
    r"(?:on|for|down to|up to|meant for) "
    r"(?:us|them|councils?|charities|the \w+) or (?:on |for |down to |up to )?(?:us|them|councils?|charities|the \w+)\W*$|"
    # "thx is that one for us then": whether it binds the asker's side
    r"^(?:(?:and|so|but|ok|okay|thx|thanks|ta|cheers|right)\W+)*(?:is|was) (?:that|this|it)(?: one)? "
    r"(?:for|on|meant for|aimed at) (?:us|them|me)(?: then)?\W*$|"
    # "us only?", "is that just for them?": whether it binds only that side
    r"^(?:(?:and|so|but|ok)\W+)*(?:is (?:that|this|it) )?(?:(?:just|only) (?:for )?(?:us|them|councils?|charities|the \w+)|"
    r"(?:us|them|councils?|charities) only)\W*$",
    re.I,
)
# "so they have to pay it?", "does that mean we must pay them": whether the last duty binds them to it
BOUND_TO_IT = re.compile(
    r"^(?:(?:and|so|but)\W+)?(?:(?:does (?:that|this|it) mean (?:that )?)?(?:they|we|the (?:council|funder|commissioner)s?)|"
    r"(?:do|does) (?:they|the (?:council|funder|commissioner)s?)) "
    r"(?:have to|has to|must|are (?:obliged|required|bound) to) \w+(?: for)? (?:it|that|this|them|us)\W*$|"
    # "so what has to happen first": what the last duty asks before anything else
    r"^(?:(?:and|so|but|ok)\W+)?what (?:has|needs|would have|is meant) to happen (?:first|before (?:that|then|they do))\W*$|"
    # "what does that actually make them do"
    r"^(?:(?:and|so|but|ok)\W+)?what does (?:that|this|it) (?:actually |really |even )?(?:make|require|oblige|force|commit) "
    r"(?:them|us|the \w+) (?:to )?do\W*$|"
    # "so we can't really say no then?": whether it leaves them a choice
    r"^(?:(?:and|so|but|ok)\W+)?(?:we|they|i) (?:can'?t|cannot|couldn'?t) (?:really |actually |even )?"
    r"(?:say no|refuse|turn (?:it|them|that) down|opt out)(?: (?:to (?:it|that|them)))?(?: then)?\W*$|"
    # "so does it actually bind them", "are they actually bound by that"
    r"^(?:(?:and|so|but|ok)\W+)?(?:does|would|will) (?:that|this|it) (?:actually |really |even )?bind (?:them|us|the \w+)\W*$|"
    r"^(?:(?:and|so|but|ok)\W+)?(?:are|is) (?:they|we|the \w+) (?:actually |really |even )?bound by (?:that|this|it)\W*$",
    re.I,
)
# Details a follow-up asks about, by name, and the words of a commitment's wording that cover them.
DETAILS = {
    "reasons": (
        re.compile(
            r"\b(?:say|explain|give|tell (?:us|me|them)) (?:why|(?:a |the |their |any )?reasons?)\b|\brationale\b|\bjustif|"
            r"\b(?:have to|has to|must|need to|needs to|should|supposed to|meant to) explain\b|"
            # told as what happened: "they gave no reason for it being so short", "never said why"
            r"\b(?:no|without(?: a| any)?) (?:reason|explanation|justification|rationale)s?\b|"
            r"\b(?:didn'?t|did not|never|won'?t|wouldn'?t) (?:say|explain|tell (?:us|me)) why\b|"
            r"\b(?:nobody|no ?one|no-one|never) (?:said|explained|told (?:us|me)) why\b",
            re.I,
        ),
        re.compile(r"\brationale\b|\breasons?\b|\bexplain|\bexplanation|\bjustif|\bwhy\b", re.I),
    ),
    "writing": (
        re.compile(
            r"\bin writing\b|\bwritten down\b|\bwrite it down\b|\bverbal(?:ly)?\b|\bby (?:phone|email)\b|"
            # "does it have to be a letter or would a phone call do?"
            r"\b(?:be|by|in|send|sent|get|got) (?:a |an )?(?:formal )?letter\b(?= or\b)|\bor (?:by |in )?(?:a )?letter\b|"
            r"\b(?:have|has|need|needs) to be (?:by |in )?(?:a )?(?:formal )?letter\b|"
            # "or does it have to be on paper", "does that need to be on paper"
            r"\b(?:be|put|set out|given) (?:down )?on paper\b|\bmention it in passing\b|"
            # "does a phone call count?", "is an email enough?", "is a phone call even allowed??"
            r"\b(?:phone ?call|call|e-?mail|text|meeting|conversation|chat|word of mouth)\b(?: \w+)? "
            r"(?:count|counts|enough|do|ok|okay|suffice|acceptable|allowed)\b",
            re.I,
        ),
        re.compile(r"\bin writing\b|\bwritten\b", re.I),
    ),
    # "which year's act is it?" after 4.6: the year its wording gives the act (the Freedom of Information Act 2000)
    "year": (
        re.compile(r"\b(?:which|what) year\b|\byear'?s (?:act|law)\b|\bwhen was (?:that|the|this) (?:act|law)\b", re.I),
        re.compile(r"\b(?:19|20)\d\d\b"),
    ),
    "figure": (
        re.compile(
            r"\bhow (?:long|many (?:days|weeks|months)|soon|early|quickly|quick|fast|promptly|often|frequently)\b|"
            # "when should that be sorted out?": by when, asked of the duty
            r"^\W*(?:(?:and|so|but|ok)\W+)?when (?:should|must|do|does|would|will|has|have) (?:that|it|this)(?: \w+){0,4}\W*$|"
            r"\bnumber of (?:days|weeks|months|years)\b|"
            # "how far ahead exactly?", not "how far ahead should we start?", which asks what comes before
            r"^\W*(?:and |so |but |ok,? )?how (?:far|much) (?:ahead|in advance|beforehand|notice|warning|earlier)"
            r"(?: (?:exactly|then|precisely|is that|are we talking|do they mean))*\W*$|"
            r"\b(?:an?|any) (?:specific |set |fixed |actual |exact )?"
            r"(?:figure|deadline|time ?limit|timescale|time-?frame|number)\b",
            re.I,
        ),
        # a length, not a year ("Act 2000")
        re.compile(r"\b(?:\d+|one|two|three|four|six|eight|twelve)[\s-]*(?:days?|weeks?|months?|years?)\b", re.I),
    ),
    # "do they have to involve us in that?" after a duty whose own wording names consulting the VCS (5.3)
    "involvement": (
        re.compile(
            r"\b(?:involve|consult|include|ask|engage)\w* (?:us|me|the vcs|the sector|charities|groups|the voluntary sector)\b",
            re.I,
        ),
        re.compile(r"\bconsult\w*|\binvolv\w*|\bengag\w*", re.I),
    ),
    # "who decides what's proportionate?": the wording says so when it has the two sides agree it
    "decider": (
        re.compile(r"\bwho (?:decides|gets to decide|judges|determines|says) (?:what\w*|which|whether|if|how|when)\b", re.I),
        re.compile(r"\bagree\w*|\bjointly\b|\bmutually\b", re.I),
    ),
    # "does it say how they'd go about that?": the wording says how only when it names a means
    "method": (
        re.compile(
            r"\b(?:does|did) (?:it|that|this|the compact) (?:say|specify|explain|set out) how\b"
            r"(?! (?:long|much|many|often|soon|early|far|quickly)\b)|"
            r"\bhow (?:would|should|do|does|will|are|is) (?:they|we|you|it|the \w+) (?:meant to |supposed to )?"
            r"(?:go about|do|achieve|manage) (?:it|that|this)\b",
            re.I,
        ),
        re.compile(r"\bby \w+ing\b|\bthrough\b|\bvia\b", re.I),
    ),
    # "what counts as a protected characteristic?": the wording defines only what it lists
    "definition": (
        re.compile(r"^\W*(?:(?:and|so|but|ok)\W+)?what (?:counts|would count|qualifies) as\b", re.I),
        re.compile(r"\bsuch as\b|\bincluding\b|\bfor example\b|\bmeans\b", re.I),
    ),
    # "any exceptions?": the wording's own qualifiers ("where possible", "when appropriate") are the answer
    "exceptions": (
        EXCEPTIONS_ASKED,
        re.compile(r"\b(?:where|when|if) (?:possible|appropriate|practicable)\b|\bgenerally\b|\bwill not always\b", re.I),
    ),
    # "even for small ones?": the wording sets a size only when it names one ("small or informal", "proportionate")
    "size": (
        re.compile(
            # ("3 months even for a tiny grant?", "even for small ones like 2k?")
            r"^\W*(?:(?:and|so|but|ok|what about|how about)\W+)?(?:\w+ (?:months?|weeks?|days?) )?"
            r"(?:(?:even|also|only|just|does (?:it|that|this)|do they|"
            r"is (?:it|that) the same) )?(?:(?:count|apply|go|hold|work)s? )?(?:for |to |with |if (?:it'?s|they'?re) )?"
            r"(?:the |a |an |really |very |quite )?(?:small|smaller|tiny|little|large|big|bigger|huge|micro)(?: \w+)?"
            r"(?: (?:like|eg|such as) [\w£.,]+)?(?: too| as well| also)?\W*$|"
            # "even tho its only about 500 quid a year?": a small sum, said
            r"^\W*(?:(?:and|so|but)\W+)?even (?:tho|though|if|when|for) (?:it'?s |its |it is |the grant is |they'?re )?"
            r"(?:only |just )?(?:about |around |like )?(?:a )?£?\d[\d,.]*k? ?(?:quid|pounds|grand)?"
            r"(?: (?:a|per) (?:year|month|week))?(?: grant)?\W*$",
            re.I,
        ),
        re.compile(r"\bsmall\b|\blarge\b|\bsize|\bproportionate\b|\bscale\b", re.I),
    ),
    # "does it say how much funding?": no commitment in the draft sets a sum of money
    "amount": (
        re.compile(
            r"\bhow much (?:money|funding|cash|grant|budget|they (?:should|have to|must) (?:pay|give|fund))\b|\bhow much\W*$|"
            r"\b(?:an?|any) (?:specific |set |minimum |fixed |actual )?(?:amount|sum)(?: of (?:money|funding))?\b|"
            # "is there a set rate or minimum?" for what a duty says to pay
            r"\b(?:an?|any) (?:specific |set |fixed |standard |agreed |minimum |maximum )?(?:daily |hourly )?"
            r"(?:rate|tariff|fee)s?\b",
            re.I,
        ),
        re.compile(r"£\s?\d|\b\d[\d,]*\s*(?:pounds|per ?cent|%)", re.I),
    ),
    # "is that compulsory?": what the wording commits to ("consider…", "at least…") is the answer
    "obligation": (
        re.compile(
            r"^(?!.*\bcompact\b).*\b(?:compulsory|mandatory|obligatory|optional|binding|enforceable|a must|required by law|"
            r"guaranteed|a guarantee|automatic)\b|"
            # "is that a firm requirement or only something to consider?", and "so they have to pay it?" (BOUND_TO_IT)
            r"\b(?:firm|strict|hard|absolute|real) (?:requirement|rule|obligation|duty)\b|"
            r"\b(?:just|only|merely) (?:a )?(?:suggestion|recommendation|guidance|guideline|nice to have|"
            r"something to consider)\b|" + BOUND_TO_IT.pattern,
            re.I,
        ),
        re.compile(r"\w"),
    ),
}
# Details whose absence from a wording is not said: another commitment usually covers them (1.1 involves the VCS early),
# or every wording covers them (what it commits to), or it is asked of something else (a year: only an act has one)
NOT_SAID_SILENT = {"involvement", "obligation", "year"}
# A question about the Compact itself ("Compact breach?", "is that allowed?"), not the subject the story names.
ABOUT_THE_COMPACT = re.compile(r"\bcompact\b|\bbreach|\ballowed\b|\bcommitments?\b|\bfair\b|\bright to\b|\bcomplain", re.I)
MENTIONED_IN = re.compile(
    r"^(?:is|are|does|do)\s+(?P<subject>.+?)\s+(?:get\s+)?(?:mentioned|covered|included|referred to)\s+(?:anywhere\s+)?"
    r"in (?:the )?compact(?: at all| anywhere)?\W*$",
    re.I,
)
COMPACT_NAMED = re.compile(r"\bcompact\b", re.I)  # the message names the Compact ("… under the compact?")
# "does the compact say anything about sign language at all?", "is there anything about Travellers by name?"
_A_NAME_WORD = r"(?!(?:for|to|of|in|on|with|at|by|us|we|our|me|my|them|it|this|that|the|a|an|and|or)\b)[a-z][a-z'-]+"
ANYTHING_ABOUT = re.compile(
    r"(?:\b(?:does|do|did) (?:the |this )?(?:compact|it|draft|document) (?:say|mention|cover|include) (?:anything|something) "
    r"(?:about|on) (?P<what>[^?.!,]{2,40}?)|"
    r"\bis there (?:anything|something) (?:in (?:the |it |there )?(?:compact )?)?(?:about|on) (?P<what2>[^?.!,]{2,40}?)|"
    r"^(?:is|are) (?P<what3>[^?.!,]{2,40}?) (?:mentioned|named|referred to) (?:anywhere )?"
    r"(?:in (?:the |it )?(?:compact|draft|it))?"
    r")(?: at all| by name| specifically| anywhere| in (?:the |it )?(?:compact|draft))*\W*$",
    re.I,
)
# "is there a compact steering group? who sits on it": a thing of the Compact's own, asked after by name
THING_ASKED_AFTER = re.compile(
    r"^(?:so |and )?(?:is|are) there (?:a|an|any) (?:compact )?(?P<what>" + _A_NAME_WORD + r"(?: " + _A_NAME_WORD + r"){0,2})"
    r"(?: for (?:the |this )?compact)?\s*\?",
    re.I,
)
SILENT_WORDS = 10  # a follow-up asking only for a detail ("does it have to be in writing?") is short
# "what counts as proportionate though? is there a threshold or a figure anywhere": details asked one after another
DETAIL_PIECES = re.compile(r"\?\s*|,\s+(?=(?:what|how|is there|are there|does it|do they)\b)", re.I)
# "…, what should we expect to get": the detail asked again, put another way
EXPECT_ASKED = re.compile(r"^\W*(?:(?:and|so)\s+)?what (?:should|can|would|do) (?:we|i|you) (?:expect|get|look for)\b", re.I)


_DETAIL_LEAD = r"^(?:(?:and|so|but|ok|okay)\W+)?"  # what may open a question asking only a detail


def details_only(text: str) -> bool:
    """Is a longer message short questions, each about a detail ("what counts as proportionate though? is there a
    threshold or a figure anywhere")?"""
    pieces = [p for p in DETAIL_PIECES.split(text) if p.strip()]
    return len(pieces) > 1 and all(
        len(p.split()) <= SILENT_WORDS
        and (EXPECT_ASKED.match(p) or any(q.search(p) for name, (q, _) in DETAILS.items() if name not in NOT_SAID_SILENT))
        for p in pieces
    )


def _detail_asked(of: str, words: int, wh: bool = False) -> re.Pattern[str]:
    """A short question about ``of`` and nothing else ("does it say how long?"; ``wh``: or "on what basis would they pay?")."""
    asked = rf"{_DETAIL_LEAD}(?:does|do|did|is|are|must|should|has|have|will) (?:{of})\b(?:\W+\w+){{0,{words}}}\W*$"
    if wh:
        asked += (
            rf"|{_DETAIL_LEAD}(?:on |by |in )?(?:what|which|how|when)(?: \w+)? "
            rf"(?:would|does|do|did|is|are|must|should|will|can|could) (?:{of})\b(?:\W+\w+){{0,{words - 2}}}\W*$"
        )
    return re.compile(asked, re.I)


# A detail asked of what was just answered, and nothing else: "does it say how long?", "do they have to say why?"
ONLY_A_DETAIL = _detail_asked("it|that|this|they", 6, wh=True)
# The same, asked of either side's part in it: "do we have to say why it's shorter?"
A_DETAIL_OF_IT = _detail_asked("it|that|this|they|we", 8)
# "does it say how soon we'd have to let them know?": a figure asked of what was just answered, however long
ITS_FIGURE_ASKED = re.compile(
    rf"{_DETAIL_LEAD}(?:does|did) (?:it|that|this) (?:say|mention|specify|set out|give) "
    r"how (?:soon|long|quickly|early|often|fast|far ahead|much notice|many (?:days|weeks|months))\b",
    re.I,
)
# "and once its open how long should it stay open": a time asked of what was just answered ("it")
ITS_TIME_ASKED = re.compile(
    rf"{_DETAIL_LEAD}(?:(?:once|when|after|while) (?:it|it'?s|its|that'?s|thats) \w+(?: \w+)?,?\s+)?"
    r"how (?:long|soon|quickly|quick|early|often) (?:should|must|does|do|will|would|has|have|can|is) (?:it|that|this)\b"
    r"(?:\W+\w+){0,4}\W*$",
    re.I,
)
# "is there a deadline?", "how quickly?": a detail asked with nothing else, so of what was just answered
BARE_DETAIL = re.compile(
    rf"{_DETAIL_LEAD}(?:(?:is|are) there (?:an?|any) (?:\w+ )?(?:deadlines?|time ?limits?|timescales?|time-?frames?|"
    r"figures?|set period|rates?|amounts?|number of (?:days|weeks|months))(?: (?:for|on) (?:that|it|this))?"
    r"(?: or (?:an? |any )?(?:minimum|maximum|\w+ )?(?:figure|amount|rate|limit)?)?|"
    r"how (?:quickly|quick|soon|long|fast|promptly|early)(?: (?:exactly|then|though|for))?)"
    # "how quick? like within ten working days?": with a figure the user has in mind
    r"(?:\W+(?:like |say |eg |e\.g\. |such as |maybe )?(?:within|in|by|under|before|about|around)\b[^?.!]{0,40})?\W*$",
    re.I,
)
# "does the compact cover councils letting charities use their buildings?": an act asked about, not a party
COVERS_AN_ACT = re.compile(
    r"(?:^|(?<=[.?!] ))(?:(?:and|so|but|ok)\W+)?(?:does|do|would|will) (?:the |this )?compact "
    r"(?:cover|apply to|include|deal with) "
    r"(?P<act>(?:how|what|whether|when|who|which)\b.*|.*\b(?!(?:fund|commission|monitor|report|plan|volunteer|bidd|build|train|hous|meet|includ|dur|someth|anyth|"
    r"noth|everyth|th)ing\b)\w{3,}ing\b.*)$",
    re.I,
)
COVERAGE_TOPIC = "who_is_covered"
# "is the fire service covered?", "do parish councils have to follow the compact?": a body asked about (named after it)
COVERED_AFTER = (
    r"(?:\s+[\w'-]+){0,3}?\s+(?:(?:is|are|be)\s+)?(?:covered|part of|included|signed up|bound by|"
    r"(?:have|has|need|needs) to (?:follow|comply with|sign up to|stick to))\b"
)
# "does the compact cover housing associations", "does it apply to academies": a body asked about (named before it)
COVERS_BEFORE = (
    r"\b(?:compact|it)\s+(?:covers?|includes?|appl(?:y|ies) to|binds?)\s+(?:(?:the|our|a|an|any|local|individual|all)\s+){0,2}"
    r"(?:[\w-]+\s+)?"
)
# "(a parish council clerk:) are we part of the compact?"
WE_COVERED = re.compile(
    r"\b(?:are|is|am) (?:we|they|us) (?:[\w']+ ){0,2}?(?:covered|part of|included|signed up|bound by)\b|"
    r"\b(?:compact|it) (?:covers?|includes?|appl(?:y|ies) to|binds?) (?:us|them)\b",
    re.I,
)
# "is that covered?": an act pointed at, not a party
ACT_COVERED = re.compile(
    r"\b(?:(?:is|are|does|would|will|could) (?:that|this|those|these)|(?:covers?|includes?|appl(?:y|ies) to) (?:that|this|it))\b",
    re.I,
)
# "what about individual GP practices?"
WHAT_ABOUT = re.compile(r"^\W*(?:(?:and|but|ok|so)\W+)?(?:what|how) about\b", re.I)
STEM = 5  # the letters of a principle's name that its word family shares ("volun…", "hones…", "indep…")


def named_as_a_principle(name: str) -> re.Pattern[str]:
    """A word of the principle's family next to the word "principle" ("volunteers as one of its principles")."""
    word = rf"\b{re.escape(name.lower()[:STEM])}\w*"
    as_one = rf"{word}(?:\s+(?:is|as|one|of|its|the|a|compact'?s?|main|shared|key|our|their|in)){{0,5}}\s+principles?\b"
    of_it = rf"\bprinciples?\s+(?:of|on|about|for|called|named)\s+{word}"
    return re.compile(f"{as_one}|{of_it}", re.I)


# "what does the compact say about volunteering?": a subject named by one word or two, and nothing else
ABOUT_A_NAME = re.compile(r"\babout (?P<name>\w+(?: \w+)?)\W*$", re.I)
# "and for contracts?", "what about commissioning?": the last duty, asked of another kind of dealing
_KINDS = (
    r"(?:a |an |the |our |their )?(?:procurement |grant |funding )?(?:grants?|contracts?|tenders?|loans?|slas?|"
    r"service level agreements?|procurement|commission(?:ing|ed services)|(?:in[- ]kind|other) support|sub-?contracts?)"
    r"(?: rounds?| programmes?)?"
)
ANOTHER_KIND = re.compile(
    rf"^(?:and|but|what|how|so)(?: about| abt)? (?:for |with |on |in )?{_KINDS}\W*$|"
    # "same question for contracts", "same for a tender?"
    rf"^(?:(?:and|so|but|ok)\W+)?(?:the )?same(?: (?:question|q|thing|goes|applies))? (?:for|with) {_KINDS}\W*$|"
    # "does that apply to contracts too?", "is that for grants or contracts?"
    rf"^(?:(?:and|so|but)\W+)?(?:does|do|would|will|is) (?:that|it|this) (?:also )?(?:apply|go|count|work|the same) "
    rf"(?:to|for|with) {_KINDS}(?: too| as well| also)?"
    # "…to contracts as well as grants?", "…to a procurement tender too, not just grant rounds?"
    rf"(?:,? (?:as well as|and not just|not just|rather than|and|or) {_KINDS})?\W*$|"
    rf"^(?:(?:and|so|but)\W+)?(?:is|does) (?:that|it|this) (?:just |only )?(?:for|about|apply to|cover) {_KINDS}"
    rf"(?:,? or (?:for )?{_KINDS})?(?: too| as well| or both)?\W*$",
    re.I,
)
# "does that include trustees?": whether the last duty's wording takes in a party it names
INCLUDES = re.compile(r"^(?:(?:and|so|but)\W+)?(?:does|do|would|will) (?:that|it|this|they) (?:also )?(?:include|cover)\b", re.I)
EXACTLY = re.compile(r"\b(?:exactly|precisely)\W*$", re.I)
IT_ASKED = re.compile(
    r"^(?:and |so |but )?(?:why|what|how|when|who|where) (?:does|did|do|is|would|will) (?:it|that|this)\b", re.I
)
IT_WORDS = 8
# How far the last duty reaches, asked on its own: "only for things that hit them directly?", "just for grants?"
SCOPE_ONLY = re.compile(
    r"^(?:(?:and|so|but|or)\W+)?(?:only|just|even) (?:for|to|about|when|if|in|on|with)\b[^.?!]{0,50}\?*$", re.I
)
# "what's the last commitment then?": the draft's first or last by number, whatever came before
END_COMMITMENT = re.compile(
    r"^(?:(?:and|so|ok|okay|then|what about|how about)\W+)*(?:(?:what|which)(?:'s|s| is| does| about)? )?(?:the )?"
    r"(?:very )?(?P<end>first|last|final) (?:commitment|numbered commitment)"
    r"(?: (?:in|of) the (?:compact|draft|document|list))?(?: (?:then|please|say|about|is))*\W*$",
    re.I,
)
# "and the last one?", "the next one?" after a principle: the seven are a list, in the document's order
PRINCIPLE_PLACE = re.compile(
    r"^(?:(?:and|so|ok|okay|then|what about|how about)\W+)*(?:(?:what|which)(?:'s|s| is| about)? )?(?:the )?"
    rf"(?:(?P<place>{PLACES}|final|next|previous)(?: one| principle)?|one (?P<beside>after|before) (?:that|it|this)(?: one)?)"
    # ("and the one after that - does it mean we can criticise the council?": that one, which the question is about)
    r"(?: (?:then|please|say|about|mean|means))*(?:\W*$|\s*[-–—:]\s+\S)",
    re.I,
)
# A bare "and after that?" after a commitment: the one numbered after it (after a step of the route, the next step)
AFTER_THAT = re.compile(r"^(?:(?:and|so|ok|okay|then)\W+)*(?:what(?:'s| is| comes)? )?after (?:that|it|this)(?: one)?\W*$", re.I)
# "and after it's ended?", "anything once it's ended?" after a duty: what comes once the funding has ended, which the
# document's order within a side of a section gives (17.1 planning for the end of funding, then 17.2 reviews). Not a
# bare "and afterwards?", which the duty may answer itself (3.5: feedback after a consultation)
LATER_ASKED = re.compile(
    r"^(?:(?:and|so|ok|okay|then|what about|how about)\W+)*(?:(?:is there )?anything |what (?:happens |about )?)?"
    r"(?:(?:after|once|when) (?:it|that|the (?:funding|grant|contract|money|project|service))(?:'s| has| is)? ?"
    r"(?:ended|ends|over|finished|finishes|stopped|stops))\W*$",
    re.I,
)
# "anything about reviews after it ends?": whether the Compact says something more, not more of the last answer
ANYTHING_ON = re.compile(r"^(?:(?:and|so|ok|okay)\W+)?(?:is there )?anything (?:about|on|for)\b", re.I)
# "anything else for us at that point?", "what else do we have to do?": the rest of the last duty's section
ANYTHING_ELSE = re.compile(
    r"^(?:(?:and|so|ok|okay)\W+)?(?:is there |are there )?(?:anything|what|any) (?:else|more|other (?:duties|commitments))\b"
    r"(?!.*\b(?:about|on|regarding)\b(?! (?:that|this|it|those|these)\b))",
    re.I,
)
# "anything more general on how big contracts should be?": another commitment on the subject than the one just given
ELSEWHERE_ON = re.compile(
    r"^(?:(?:and|so|ok|okay)\W+)?(?:is there |are there )?(?:anything|something|any) "
    r"(?:else|more general|broader|wider|more widely|more broadly)\b.*\b(?:on|about|regarding)\b",
    re.I,
)
# an answer pointed to by the side it binds: "for the council one", "the charity's one"
ONE_OF_A_SIDE = re.compile(r"\b(?:the |their )?(?P<who>[\w']+(?: sector)?)(?:'s)? (?:one|bit|commitment)\b", re.I)
# two ways of doing what the last duty asks, asked of it: "does it have to be a letter or would a phone call do?"
EITHER_WAY = re.compile(r"^(?:so |and )?(?:does|do|must|should|can) (?:it|they|that)\b.*\bor\b", re.I)
# words in quotes: "only has to 'advocate' for it?" (not the apostrophe of "don't")
QUOTED_WORDS = re.compile(r"(?<!\w)['\"‘“]([\w -]{2,40}?)['\"’”](?!\w)")
# How to answer, said at the end ("what is this compact actually for, in plain english"), not what it is about
# (not "should consultations be in plain english?")
PLAINLY = re.compile(
    r"(?:\s*[,;-]\s*(?:(?:(?:like|just|but) )?(?:(?:in|using|into) )?(?:plain|simple|everyday|layman'?s?) "
    r"(?:english|terms|words|language)|"
    # how much, and the hurry: ", one line each, meeting in 5 mins"
    r"in a nutshell|(?:in )?one line(?: each)?|briefly|quickly|short version|in short|(?:as )?bullet points|asap|"
    r"(?:i'?m |im )?in a (?:hurry|rush)|(?:(?:i'?ve |i )?(?:got|have) a )?meeting in \d+ ?(?:mins?|minutes)\b)"
    r"(?: (?:please|pls|plz))?)+\W*$",
    re.I,
)
# Who is asking, said after the question ("…, in plain english please, im new to all this"): not part of it
NEWCOMER = re.compile(
    r"\s*[,;.!-]\s*(?:as |because |cos |coz )?(?:i'?m|im|i am|we'?re|we are)"
    r"(?: (?:very|quite|totally|completely|pretty|a bit|fairly|really))? new"
    r"(?: (?:to|at|in) (?:all )?(?:this|it|the compact|compacts|the (?:job|role|post|sector|council|organisation|charity)))?"
    r"(?: here)?(?: (?:sorry|tbh|lol))?\W*$",
    re.I,
)
# "and the ccg? or is that different", "does it apply to us or not?": the question, its other answer said after it
OR_NOT = re.compile(
    r"\W*\bor (?:(?:is|would|does) (?:that|it|this|they) (?:be )?(?:different|separate|not)|is it not|isn'?t it|not|"
    r"(?:does|do) (?:it|that|this|they) not)\W*$",
    re.I,
)
WHETHER = re.compile(r"\b(?:if|whether)\b", re.I)
# "what do you mean raise it directly, with who": what the words quoted back mean, asked
MEANING_ASKED = re.compile(r"^(?:(?:sorry|ok|okay|so|and|um+)\W+)*(?:what do you mean|wdym|what'?s meant)(?: by)?\s+", re.I)
# ...or said first ("hi, in plain english what is the compact?"), the question after it
PLAINLY_FIRST = re.compile(
    r"^\W*(?:(?:hi|hello|hiya|ok(?:ay)?|so|right)\W+)*(?:(?:in|using) (?:plain|simple|everyday|layman'?s?) "
    r"(?:english|terms|words|language)|in a nutshell|in one line|briefly|quickly)\W+(?=(?:\w+\W+){2}\w)",
    re.I,
)
# A short "what's a…/who's…" question, then a clause of why it is asked ("whats a CCG anyway, its them who ran the fund")
ASKED_FIRST = re.compile(r"^(?P<asked>(?:what|who)(?:'?s)?\b[^,;.!?]{3,50})\s*(?:[,;]|\s[-–—])\s*\S", re.I)
# A passage quoted from the document ("the compact says 'where possible, give a minimum of three months notice'")
QUOTED_PASSAGE = re.compile(r"(?<!\w)['\"‘“]([^'\"‘’“”]{12,240}?)['\"’”](?!\w)")
QUOTED_KEYS = 3  # the fewest words a quoted passage needs to point at one commitment's wording
# What the user's own side should do, asked without a question mark ("what should we do to plan for the end of our
# funding"): a question, not an account
OUR_PART_ASKED = re.compile(
    r"^(?:(?:what|how|(?:by )?when) (?:should|do|can|must|shall|would) (?:we|i)|(?:should|must|do|can) (?:we|i))\b", re.I
)
# The document itself, pointed back at after a topic about it ("how long is it out for consultation?" after its status)
WHOLE_THING = re.compile(r"\b(?:it all|all of (?:it|this)|the whole thing)\b", re.I)  # the Compact as a whole
THE_DOCUMENT = re.compile(
    r"\b(?:it|itself|the (?:document|draft)(?: itself)?|the final (?:one|version|document)|"
    r"(?:that|this) (?:consultation|draft|document|version|process))\b",
    re.I,
)
# What the user's side did as a result ("…, by which point we'd issued redundancy notices"): in a story of the
# sectors' dealings, the consequence, not what went wrong, so a subject next to the Compact named there is not the point.
CONSEQUENCE = re.compile(
    r"[,;]?\s*\b(?:by which (?:point|time)|so that|so|which meant|meaning|and now|and so)\s+(?:we|i)(?:'ve|'d|'ll)?\b[^.?!,]*|"
    # "We might not make payroll.", "we can't pay staff": what it may cost the user's side
    r"^(?:and )?(?:we|i)(?: might| may| could| will| won'?t| can'?t| cannot)(?: not)?(?: be able to)? "
    r"(?:make|pay|afford|cover|meet|keep|survive)\b[^.?!]*|"
    # "By then they'd already missed a payroll."
    r"^(?:and )?by (?:then|that (?:point|time))\b[^.?!]*",
    re.I,
)
# An aside between dashes or brackets ("set-up costs - recruitment, DBS checks, IT - they expect…"): in a story, detail,
# so a subject next to the Compact named only there is not the point.
ASIDE = re.compile(r"\s[-–—]\s[^-–—.?!]{1,60}\s[-–—]\s|\([^()]{1,60}\)")
# What a consultation is about ("the consultation on parks"): a council service named there is the
# consultation's subject, not a question about the service.
CONSULTED_ON = re.compile(
    r"\b(consultations?|consulting|consulted|consult)\s+(?:us\s+|people\s+)?(?:on|about|over|into)\s+"
    r"(?:the\s+|a\s+|our\s+|its\s+)?(?:[\w-]+\s+){0,2}?[\w-]+",
    re.I,
)
# "reviewing our home fire safety policy. When should we bring voluntary groups in?": the policy being made, with
# the sector involved in it, is the dealing, not the subject the policy is on ("can you write a safeguarding policy?")
POLICY_MADE = re.compile(
    r"\b((?:review|develop|draft|writ|wrote|refresh|updat|chang|revis|prepar|rewrit)\w*)\s+"
    r"(?:the\s+|a\s+|our\s+|its\s+|their\s+|his\s+|her\s+)?(?:new\s+)?(?:[\w-]+\s+){0,3}?(polic(?:y|ies)|strateg(?:y|ies))\b",
    re.I,
)
SECTOR_INVOLVED = re.compile(
    r"\b(?:involv\w*|consult\w*|engag\w*|bring\w*|brought|invit\w*)\b[^.?!]{0,40}?"
    r"\b(?:voluntary|vcs|charit(?:y|ies)|community (?:groups?|organisations?)|the sector)\b|"
    r"\b(?:voluntary|vcs|charit(?:y|ies)|community) (?:groups?|organisations?|sector)?\s*(?:in|involved|on board)\b",
    re.I,
)
# "what if they pull our grant over it?": a question about what could happen, not an account of what did.
HYPOTHETICAL = re.compile(
    r"^(?:(?:and|but|so|ok(?:ay)?)\W+)?(?:(?:what|and|even) if\b|(?:would|could|will|can|do|does|must|should|shall) "
    r"(?:we|they|the|i|it|you|that|this)\b)",
    re.I,
)
# The user says the commitment at stake is not the one: "no it's not the notice, …", "wrong one, …".
NOT_THAT_ONE = re.compile(
    r"^(?:no|nope|nah|sorry)?\W*(?:it'?s|its|it is|that'?s|thats|that is) not (?:the|that|about|it|right|what)\b|"
    r"^(?:no\W+)?(?:not (?:really |quite )?|wrong )(?:that|the|this) (?:one|commitment)\b|^(?:no\W+)?wrong one\b|"
    # "nah not that actually, the real issue is…"
    r"^(?:(?:no|nope|nah)\W+)not (?:that|this)(?: one)?(?: actually| tho(?:ugh)?)?\s*[,.;:!–—-]",
    re.I,
)
# The user says the message starts a new subject: the last answer is no context for it.
NEW_SUBJECT = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?:(?:totally|completely|slightly|a|another|quite a)\s+)?"
    r"(?:separate|different|diff|unrelated|new|other)\s+(?:question|thing|topic|subject|matter|issue|q)\b|"
    r"^\W*(?:\w+\W+){0,2}?(?:unrelated|separately|on another note|changing the subject|change of subject|moving on)\b|"
    # "… it's been sorted. different question: are we allowed…": after what is left behind
    r"[.!?;]\s+(?:(?:ok|so|anyway|but|right)\W+)?(?:(?:a|another|totally|completely|slightly)\s+)?"
    r"(?:separate|different|diff|unrelated|new|other)\s+(?:question|thing|topic|subject|matter|issue|q)\s*[-:,–—]|"
    # "Totally separate: …", "ok now something else - …", "on a different note, …"
    r"^\W*(?:\w+\W+){0,2}?(?:(?:totally|completely|entirely) (?:separate|different|unrelated)|something (?:else|different)|"
    r"on a (?:different|separate|new) note)\s*[-:,–—]|"
    # the answer rejected, the question asked again: "not what i asked really - can we claim…"
    r"^\W*(?:(?:no|nope|nah|sorry|hmm+)\W+)?(?:that'?s |thats |that is |it'?s |its )?not what (?:i|we) "
    r"(?:asked|meant|was asking|were asking|wanted)(?: (?:really|exactly|tho(?:ugh)?|at all))?\s*[-:,.;!–—]|"
    # what was on hand dropped before the question: "stop, forget that. what does the compact say about…"
    r"^\W*(?:(?:ok|okay|stop|no|actually|sorry|right|oh)\W+){0,2}(?:forget (?:that|it|about (?:it|that)|all that)|"
    r"never ?mind(?: that| all that)?|scratch that|ignore that)\s*[-:,.;!–—](?=\s*(?:\w+\W+){2}\w)",
    re.I,
)
# A lead that only marks a question as an aside ("side question -", "btw,"): no words of the question
ASIDE_MARK = re.compile(
    rf"^(?:(?:{ASIDE_WORDS}|quick (?:q|question)(?: while i think of it| before i forget)?)"
    r"\s*(?:[:,;.!?-]+\s*|\s+[-–—]\s*))+",
    re.I,
)
# "ok what info do we need to put out with it": a word taking in the last answer, then the question
FILLER = re.compile(r"^(?:ok(?:ay)?|right|alright|cool|great)\b[\s,.!:;-]+(?=\w)", re.I)
FILLED_WORDS = 3  # (the question after it is this long at least: "ok what now" is a move of its own)
# "I meant what the charities have to accept…", "what I actually want to know is…": the question, said again,
# is what follows (read in the same context)
RESTATED = re.compile(
    # (after an apology or what was not meant: "sorry not finishing - i meant…", "Sorry, to be clearer: I meant whether…")
    r"^\W*(?:(?:no|sorry|oops|apologies|actually|my (?:mistake|bad)|to be (?:clearer|clear))\W+){0,3}"
    r"(?P<not>not (?:\w+ )?\w+\s*[-,:;–—]\s*)?(?:(?:what )?i (?:actually |really |just )?(?:meant|mean)(?: was| is)?|"
    r"what i (?:actually |really )?(?:want(?:ed)?|need(?:ed)?) to know (?:is|was)|"
    r"my (?:actual |real |main )?question (?:is|was)|"
    # the bot's question said back before the answer ("what have we tried? nothing yet, wanted to check first")
    r"(?:so |um+ |erm+ |hmm+ )?what (?:have|did|has) (?:we|i|you|they) (?:tried|done|try|do)(?: so far)?\?)\s*[,:;-]?\s+",
    re.I,
)
# "and who exactly should we be talking to?", "how should we involve them?": who, how or when to involve, as the
# sections on involvement are titled
INVOLVING_ASKED = re.compile(
    r"^(?:(?:and|so|but|ok|okay|right)\W+)?(?P<wh>who|how(?! (?:long|many|much|often|soon|far|quickly|early|late)\b)|when)\b"
    r"(?:(?!\bwho\b|\bhow\b|\bwhen\b)[^.?!])*?"
    r"\b(?:involv\w*|talk(?:ing)? to|speak(?:ing)? to|consult\w*|engag\w*|invit\w*|bring\w* (?:them |\w+ )?in|"
    r"brought in|includ\w*|ask(?:ing)?)\b",
    re.I,
)
# "does that apply to contracts too or just grants?": the case asked about is the first; the alternative only
# restates the last answer's own case
ALTERNATIVE_TAIL = re.compile(
    r"^(?P<asked>(?:(?:and|so|but|ok)\W+)?(?:does|do|would|will|is|can) (?:that|this|it|the same)\b.*?)"
    r",?\s+or (?:just|only|is it just|is it only|merely) (?:for )?"
    r"(?P<alternative>the other (?:thing|one|kind)|[\w' ]{1,25}?)\W*$",
    re.I,
)
# "back to costs: does that cover volunteers too?", "OK, anyway - do they have to say why?": the question is about the
# commitment answered before the detour
BACK_TO = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|right|anyway|so)\W+)?(?:going |coming |getting |just )?back to (?:the |our |my )?[\w' -]{1,30}?"
    r"(?:\s*[:,;.!?-]+\s+|\s+[-–—]\s+)|"
    r"^\W*(?:(?:ok(?:ay)?|right|so)\W+)?anyway\s*[-:,;.–—]\s*",
    re.I,
)
# "same for the NHS?", "does that apply to the police too?": the last duty asked of another body
SAME_FOR = re.compile(
    r"^(?:and |so |but |ok,? )?(?:is it |is that |it'?s )?(?:the )?same (?:for|with|goes for|applies to) (?P<who>[\w' -]{2,40}?)"
    r"(?: too| as well| then)?\W*$|"
    r"^(?:and |so )?(?:does|do|would|will) (?:that|it|this) (?:also )?(?:(?:go|apply) (?:for|to) (?P<who2>[\w' -]{2,40}?)"
    r"(?: too| as well| also)?|(?:cover|include) (?P<who4>[\w' -]{2,40}?)(?: too| as well| also))\W*$|"
    # "what about the nhs?", "and the ccg?": a party named alone (compact/context.py: same_for reads it as a party or not)
    r"^(?:(?:and|so|ok|okay)\W+)?(?:(?:what|how) about )?(?:for )?(?P<who3>(?:the |a |an |our )?[\w'-]+(?: [\w'-]+)?)"
    r"(?: too| as well| then)?\W*$|"
    # "same question but it's a Police and Crime Commissioner grant", "same q for the nhs"
    r"^(?:and |so |ok,? )?(?:the )?same (?:question|q|thing)\W*(?:but |only |then )?"
    r"(?:for |with |about |from |if (?:it'?s|its|we'?re|they'?re) |(?:it'?s|its) )?(?P<who5>[\w' -]{2,50}?)\W*$",
    re.I,
)
# "what about for Derby city rather than the county?": the same answer asked of another place
PLACE_ASKED = re.compile(
    r"^(?:and |but |so |ok,? )?(?:(?:what|how) about (?:for |in |over in |across )?|(?:locally )?(?:in|for|across) |locally )"
    r"(?P<rest>.+?)\W*$",
    re.I,
)
PLACE_NAMES = frozenset("derby derbyshire city county district borough area locally local here there".split())
PLACE_LINKS = frozenset("the our rather than instead of not in for a an or and".split())
PLACE_WORDS = PLACE_NAMES | PLACE_LINKS
# "will there be one for derby and a separate one for the county?", "is there one each for the city and county?"
ONE_PER_PLACE = re.compile(
    r"^(?:and |but |so |ok,? )?(?:is|are|will|would) there (?:be )?(?:just |only )?(?:a |an )?"
    r"(?:sep[ae]rate |different |single )?(?:one|ones|two)\b"
    r"(?P<rest>.+?)\W*$",
    re.I,
)
ONES_AGAIN = frozenset("one ones each both two separate seperate different another single".split())  # (as typed)
PRINCIPLE_NAMED = re.compile(r"\bprinciples?\b", re.I)  # "the second principle" is not the second button
THAT_PRINCIPLE = re.compile(r"\b(?:that|this|the|its) principle\b", re.I)
# Words that ask rather than name a subject ("which one covers…", "what's it mean exactly")
ASKING_KEYS = frozenset("cover deal practice mean say relate apply talk go exact want need question".split())
POINTING_KEYS = frozenset("about that this it one 1 bit part please more detail the a on".split())  # ("one" is read as "1")
MORE = re.compile(
    r"^(?:(?:can|could|would) (?:you|i|we) (?:have |get |see )?|please )?(?:(?:tell me|say|explain) (?:a bit |a little )?more|"
    r"more(?: detail|"
    r" info(?:rmation)?| please)?|"
    r"go on|explain(?: that)?|elaborate|what does that mean(?: in practice)?|in what way|such as|"
    # "like what?", "what sort of things count?": examples of what it takes in
    r"like what|such as what|for (?:example|instance)|examples?|any examples|what counts|"
    # "can you give an example of what that would look like?"
    r"give (?:me |us )?(?:an |some )?examples?(?: of (?:what )?(?:that|this|it)(?: (?:would|might|could) (?:look like|mean|"
    r"involve))?)?|what (?:would|does|might) (?:that|it|this) look like(?: in practice)?|"
    r"what (?:sort|kind|kinds|sorts|type|types) of (?:things?|stuff)"
    r"(?: (?:count|would count|are we talking|do they mean))?(?=\W*$)|"
    r"(?:and |so )?(?:what|which) (?:law|act|rule|document|duty|principle) (?:is|was) (?:that|this|it)|"
    # "what's that called again, the proper name for it?": the answer's own words name it
    r"(?:and |so )?what(?:'s| is|s) (?:that|it|this) called(?: again)?"
    r"(?:\W+(?:the )?(?:proper|official|right|technical) (?:name|term)(?: for (?:it|that|this))?)?|"
    r"what do (?:you|they|we|people) call (?:it|that|this)\b|"
    r"what'?s the (?:point|purpose|idea) of (?:it|that|this)|why does (?:that|it|this) matter|"
    # "why?", "why would they?", "why only 'where possible'?": its wording gives its reasons, where it has any
    r"(?:but |and |so )?(?:why|how come)(?: (?:is|was|would|should|do|does|did|must|can'?t|won'?t) (?:that|it|this|they|we|there)"
    r"(?: be| do(?: that| it)?| matter)?| so| not| only\b[^?]*?\w|"
    r"(?: all| with)? (?:the|this|that) ['\"‘“][^?]*?\w['\"’”]?(?: though| then| bit)?)?(?=\W*$)|"
    # asking for it again in plainer words, or for its wording ("in plain english?", "say that more simply pls")
    r"(?:in |into )?(?:plain|simple|everyday) (?:english|terms|words|language)|simpler|"
    r"(?:say|put|explain) (?:that|it|this)(?: again)? (?:more )?(?:simply|plainly|in (?:plain|simple|everyday) \w+)|"
    r"what does (?:it|that|this|the compact) (?:actually |really |exactly )?say(?: exactly| precisely| word for word)?|"
    # "on what basis?", "in what circumstances would that apply?", "give me the exact wording"
    r"(?:on|in|under) what (?:basis|circumstances|conditions|terms)"
    r"(?: (?:would|does|do|is|are) (?:that|it|this|they)(?: apply)?)?|"
    r"(?:(?:give|show|tell) (?:me|us) |what'?s |what is |whats )?(?:the |its )?"
    r"(?:exact|actual|precise|full) (?:wording|words|text)|"
    r"(?:what'?s|what is|whats|show me|give me) (?:the|its) (?:wording|text)(?: (?:then|again|of (?:it|that|this)))?|"
    r"quote (?:me |us )?(?:the |its )?(?:exact |actual )?(?:wording|words|text)|"
    r"word for word|"
    r"what are the (?:exact |actual )?words)\b",
    re.I,
)
ACCEPT = re.compile(
    r"^(?:yes|yeah|yep|yup|yh|ye|ys|yea|yeh|ya|aye|ok|okay|okey|k|please|sure|go on|go ahead|alright|all right|right|fine|"
    r"definitely|"
    r"absolutely|that would (?:help|be (?:good|great|useful))|sounds good|let'?s do (?:it|that)|do it|help me|"
    r"please do|yes please|i would|i'?d like that|i want to|we want to)\b",
    re.I,
)
YES_ONLY = re.compile(r"^(?:yes|yeah|yep|yup|ya|yh|yeh|yea|aye|yes please|please|yes pls|go on|go ahead|please do)\W*$", re.I)
NO_THING = re.compile(r"^no (?!thanks?\b|need\b|ta\b|ty\b|way\b|worries\b)[a-z]{3,}", re.I)
NOTHING_TRIED = re.compile(r"\b(?:haven'?t|havent|have not|not yet|not tried|nothing yet)\b")  # "nah havent": not a "no thanks"
DECLINE = re.compile(r"^(?:no|nope|nah|not now|no thanks|not really|i'?m fine|we'?re fine|no need)\b", re.I)
# Turning down the offer of next steps with a control word first ("actually stop, I need to ask my manager").
HOLD_OFF = re.compile(rf"{STOP_LEAD}(?:{STOP_WORDS}|leave it|not now|not yet,? thanks|hold (?:on|off))\b", re.I)
# ...or said at the end, or as wanting time first: "hmm actually let me think about it first, stop"
HOLD_OFF_LATER = re.compile(rf"[,.;!-]\s*(?:{STOP_WORDS})\W*$|\blet me (?:think|check|have a think|talk to)\b", re.I)

HELP = re.compile(
    r"\b(?:report|complain\w*|breach\w*|broke|broken|break|escalat\w*|next steps?|what (?:can|do|should|shall) "
    r"(?:we|i) do|help (?:me|us)|guide me|walk me|take (?:it|this) further|challenge|dispute|do something about)\b",
    re.I,
)
REPORT_INTENT = "report_breach"
# A duty about time that sets no figure ("allow enough time … to apply"): dates told are about it
TIME_WORDED = re.compile(r"\b(?:enough time|time-?scales?|time-?frames?|in good time|deadlines?)\b", re.I)
# A condition asked about ("… if the council decides to stop funding it?"): what might happen, not what did
IF_ASKED = re.compile(r"\b(?:if|when|whenever|in case|supposing)\b[^.?!]*(?:\?|$)", re.I)  # (a phone's "?" is often left off)
# "how much notice should we get if the council stops our grant": a question by its opening, typed without its mark
HOW_OR_WHAT = re.compile(r"^(?:how|what|whats|what's)\b", re.I)
# A question of what a party should do, not what it did ("what should they be doing their end?", "how must we reply?")
DUTY_QUESTION = re.compile(r"^(?:(?:and|so|but|ok)\W+)?(?:what|how|when)\s+(?:should|must|do|does|can|shall|are|is)\b", re.I)
# A clause of the asker's own doing, in a question: "…give a charity before ending their contract?" ends nothing of the charity's
OWN_CLAUSE_ASKED = re.compile(r"\b(?:before|after|without|by|while) \w+ing\b[^.?!]*\?", re.I)
# Someone else did something (a third party in a story), as opposed to "I'm a grants officer...".
THIRD_PARTY_EVENT = re.compile(
    r"(?:\b(?:they|she|he|the (?:council|funder|ccg|icb|nhs|trust|police|pcc|charity|provider|commissioner|authority|county|"
    r"city|district|borough)|an? (?:charity|provider|group|funder|council|organisation))|"
    r"(?:^|[.!?]\s+)(?:[\w-]+\s+)?(?:council|charity|"
    r"funder|provider|commissioner|trust)s?)\b[^.?!]{0,60}?\b(?:refus\w*|cut|stopp?\w*|lost|los(?:e|es|ing)|"
    r"end\w*|told|gave|given|won'?t|didn'?t|never|ignor\w*|withdr\w*|pull\w*|chang\w*|clos\w*|scrap\w*|slash\w*|reduc\w*|"
    r"delay\w*|want\w*|publish\w*|leak\w*|put|posted|shared|disclos\w*|releas\w*|circulat\w*|"
    r"sent|say|says|said|missed|keeps?|kept|asked|added|made|makes?|did nothing|"
    r"heard nothing|nothing back|no (?:reply|response|answer|feedback)|"
    r"done nothing|did not|failed)\b",
    re.I,
)

# What the user's side gave, then what the other side did with it ("we gave the council our survey results … and
# they've put them in a public report")
GIVEN_THEN_MISUSED = re.compile(
    r"\bwe (?:gave|sent|shared|provided|supplied|passed|handed)\b[^.?!]{0,120}\b(?:and|but|then) (?:they|the \w+)\b", re.I
)

# How to use a particular scheme or service: where to apply or sign up, when it opens or closes, how much it pays,
# whose number or address to use. The Compact says how the sectors work together, not how to reach a service.
PRACTICAL = re.compile(
    r"^(?:(?:hi|hello|please|so)\W+)?(?:how|where) (?:do|can|could|should|would) (?:i|we|you|people) (?:go about |go (?:to )?)?"
    r"(?:apply (?:for|to)|sign up|register (?:as|with|for|on)|book|volunteer (?:at|for|with)|see (?:the|what|which)|"
    r"find (?:the|out (?:when|where|how much))|report (?:a|an)|complain about|register a)\b|"
    r"\bwhen (?:is|does|do|will) (?:the|their|its|our|this)\b[^?.!]{0,50}?\b(?:close|closes|open|opens|closing date|deadline|"
    r"meeting)\b|\bwhat(?:'s|s| is) the (?:phone |telephone |contact |email )?(?:number|email(?: address)?|address|website) "
    r"(?:for|of)\b|\bhow much (?:does|will|can|do) (?:the|a|an|their|its|you|it|they)\b[^?.!]{0,60}\b"
    r"(?:pay|pays|give|award|cost|get)\b|"
    r"\bwhere (?:is|are|can i find) (?:the )?(?:online form|form|portal|application form|list of)\b",
    re.I,
)
# ...asked without objecting to anything or asking what someone must do (both are about the Compact)
OBJECTING = re.compile(
    r"\b(?:nobody|no one|never|won'?t|refus\w*|didn'?t|doesn'?t|don'?t|isn'?t|aren'?t|not|without|have to|has to|need to|"
    r"needs to|must|should|supposed to|meant to|expected to|allowed to|required to|notice)\b",
    re.I,
)
# Instructions to the bot rather than questions: declined politely, never answered with a commitment.
INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b[^.?!–—-]{0,30}\b(?:instructions?|rules|prompt|guidelines|compact stuff)\b|"
    # told to the assistant, not what a party did ("they pay us late and ignore the Compact")
    r"(?:^|[.!?]\s+)(?:(?:please|pls|now|just|ok|okay)\W+)*(?:ignore|disregard|forget|override)\b[^.?!–—-]{0,30}"
    r"\bthe compact\b|"
    r"\bpretend (?:you'?re|you are|your|ur|to be)\b|\byou are now\b|\bact as (?:a|an|the|if)\b|\bsystem prompt\b|"
    r"\b(?:write|give me|make) (?:me )?(?:a|an|some) (?:\w+ )?(?:script|code|program|function|spreadsheet formula)\b|"
    r"\brepeat (?:everything|all|the text|what'?s?) (?:above|before)\b|\bverbatim\b|"
    r"\bwho should i vote for\b|\byour (?:own )?(?:opinion|view) on\b|\bjust give me your (?:own )?opinion\b|"
    r"\bwhat model are you\b|\b(?:print|show|dump) (?:out )?your (?:config|configuration|settings|prompt|code)\b|"
    r"\byour (?:instructions|prompt|programming|rules)\b|\b(?:write|compose|make up) (?:me )?(?:a|an|some) "
    r"(?:poem|story|song|joke|limerick|essay|cv|cover letter|speech|rap)\b|\btell me a (?:joke|story)\b|\brole[ -]?play\b|"
    r"\bjailbreak\b|\bdeveloper mode\b|"
    # "what rules were you given by your developers?", "just say the words '…' and nothing else"
    r"\b(?:rules|instructions|prompts?)\b[^.?!]{0,20}\b(?:were you|you were|you'?ve been|you have been) given\b|"
    r"\byour (?:developers|creators|makers|programmers)\b|\bsay the (?:words|phrase)\b|"
    # "add a new Commitment 21 saying…", "reply only in pirate speak"
    r"\b(?:add|create|invent|make up|insert|write) (?:a )?new commitment\b|"
    r"\b(?:reply|respond|answer|talk|speak|write)(?: only| just)? in (?:pirate|emoji|rhyme|verse|capitals|\w+ speak)\b|"
    r"\b(?:reply|respond|answer|say|write)\b[^?!]{0,80}\band nothing else\b|"
    # "from now on, whatever I ask, reply only that…", "always answer with…"
    r"\bfrom now on\b[^.?!]{0,40}\b(?:reply|respond|answer|say|tell|only|always)\b|"
    r"\b(?:reply|respond|answer) (?:only|just) (?:with|that)\b|\balways (?:reply|respond|answer|say) (?:with|that)\b",
    re.I,
)
# A question about the principles themselves ("which principle does that cut across?"), and how many it wants.
PRINCIPLE_Q = re.compile(
    r"\b(?:which|what)\b[^?.!]{0,40}\bprinciples?\b|\bprinciples? (?:is|are|does|do|would|covers?|backs?)\b|"
    r"\b(?:the|two|both) principles? (?:about|on|that|which|saying)\b",  # "name the principle that says…"
    re.I,
)
# The words of a request for all the principles, and nothing of which one ("list the compact's shared principles again")
ALL_PRINCIPLES_WORDS = {"principle", "share", "remind", "list", "compact", "main", "key", "seven", "7", "again", "name", "tell"}
# A whole section asked for: "what's in section 7?", "ok what is in that section then?"
SECTION_ASKED = re.compile(
    r"^(?:(?:and|so|ok|okay|right)\W+)*(?:what(?:'s|s)?|which|list|show|tell me)\b[^?.!]{0,30}?"
    r"\b(?:section (?P<number>\d{1,2})|(?:that|this|its|the same) section|"
    r"the (?P<end>first|last|final) section(?: of (?:the )?(?:commitments|compact|document))?|"
    r"the (?P<title>[a-z]{4,}) section)"  # "the monitoring section"
    r"(?: (?:say|cover|have|contain|hold|then|about))*\W*$",
    re.I,
)
# the principles besides one just named ("what are the other principles besides that one?"): all of them, not the
# ones a commitment puts into practice ("what other principles does it put into practice?")
OTHER_PRINCIPLES = re.compile(
    r"^(?!.*\b(?:practice|behind|does (?:it|that|this))\b).*\b(?:(?:the )?(?:other|remaining) principles|rest of the principles|"
    r"principles (?:besides|apart from|other than))\b",
    re.I,
)
# "what are the others?" after one principle: all of them
THE_OTHERS = re.compile(
    r"^(?:(?:and|so|ok|okay)\W+)*(?:what(?:'s| are| r|re)|which are|list|tell me|name) (?:all )?(?:the |its )?"
    r"(?:others?|other ones|other principles|rest(?: of them)?)\W*$",
    re.I,
)
# "does it say the lead has to be a charity?", "does that mention how often?": whether the wording says something
DOES_IT_SAY = re.compile(
    r"^(?:(?:and|so|but|ok|okay)\W+)?(?:does|do) (?:it|that|this|the compact|the commitment) (?:actually |even )?"
    r"(?:say|mention|specify|state|set out|explain)\b(?: anything)?(?: about)?(?P<what>.*)$",
    re.I,
)
# "no actually stick with the feedback one", "we're going with the accessibility one": a commitment named by its subject
STICK_WITH = re.compile(
    r"^(?:(?:no|nah|ok|okay|actually|sorry|right|hmm|yes|yeah)\W+)*(?:let'?s |i'?ll |we'?ll |i'?m |we'?re )?"
    r"(?:stick(?:ing)?|go(?:ing)?|stay(?:ing)?|keep(?:ing)?) (?:with|back to) (?:the )?(?P<what>[\w' -]{3,40}?) one\b",
    re.I,
)
# words that point at a commitment by place or by "that", not by subject ("the first one", "that's the one")
POINTERS = r"first|second|third|fourth|last|other|next|previous|original|same|right|that|that'?s|thats|this|it|is|the|only"
# "notice one", "its the consultation one": a commitment named by its subject alone, as a pick
SUBJECT_ONE = re.compile(
    r"^(?:(?:no|nah|yes|yeah|ok|okay|actually|sorry|it'?s|its|i think|probably|more)\W+)*(?:the )?"
    rf"(?P<what>(?!.*\b(?:{POINTERS})\b)"
    r"[\w'-]+(?: [\w'-]+){0,2}?) one\W*$",
    re.I,
)
# the words of a question asking only for a figure ("is there a minimum number of days?"), as the analyzer keys them
FIGURE_KEYS = frozenset(
    "minimum maximum least most numb day week month year long many time limit deadline set specific like".split()
)
# "sorry i meant the CCG not the county council": who did it, corrected; the commitment at stake is the same
WHO_CORRECTED = re.compile(
    r"^(?:(?:sorry|oops|my bad|correction|actually|wait|no)\W+)*"
    r"(?:i meant|i mean|meant to say|(?:i )?should(?: have|'ve) said|it was|it's|its|it is)\b"
    # (not "it's mainly the trustees not knowing the delivery terms", which tells what went wrong)
    r"[^.?!]{0,40}?\b(?:not|rather than|instead of)\b(?!\s+\w+ing\b)(?:\s+(?:the|a|an|our)\b)?[^.?!]{0,30}(?:[.,;]|$)",
    re.I,
)
# "hang on I got the month wrong, it closed in January": the account's dates, corrected
DATES_WRONG = re.compile(
    r"\b(?:got|had|put|said) (?:the |a |those |that |our )?(?:dates?|months?|days?|years?) (?:wrong|mixed up|muddled)\b|"
    r"\bwrong (?:date|month|day|year)s?\b",
    re.I,
)
# "…, the notice isn't the problem": a subject waved aside, not the one at stake
NOT_AN_ISSUE = re.compile(
    r"\b(?:the |their |our )?(?P<what>[\w' -]{3,30}?) (?:isn'?t|is not|wasn'?t|was not|aren'?t|are not) (?:really )?"
    r"(?:the|an|our|my) (?:problem|issue|point|complaint)\b",
    re.I,
)
# "the notice is the bigger issue for us honestly": which of the account's problems matters most
MATTERS_MORE = re.compile(
    r"^(?:(?:no|well|actually|ok|okay|tbh|i think|probably|mainly|mostly)\W+)*(?:it'?s |its )?(?:the |their |that )"
    r"(?P<what>[\w' -]{3,30}?) (?:is|was|'s|s) (?:the |our |my )?(?:bigger|biggest|main|real|more important|worse|worst|"
    r"key) (?:issue|problem|thing|concern|complaint|one)\b",
    re.I,
)
# "but they never asked what it would mean for our clients" after next steps were offered: another failing of
# theirs told, not a report of what the user tried ("but they" alone reads as "no joy")
ANOTHER_FAILING = re.compile(r"^(?:(?:but|and|also|plus|oh)\W+)+(?P<told>they\b.{12,})$", re.I)
# "go back to the first one", "the previous one": a commitment answered earlier in the conversation
BACK_TO_EARLIER = re.compile(
    r"\b(?:go(?:ing)? )?back to (?:the )?(?P<which>first|earlier|previous|other|original|last) (?:one|commitment|answer)\b"
    r"(?: (?:you|u) (?:gave|mentioned|said|showed|told)(?: me| us)?\b)?|"
    # "no actually the first one was right, the early warning one"
    r"\bthe (?P<right>first|earlier|previous|original) (?:one|commitment|answer) (?:was|is) "
    r"(?:right|correct|it|the one)(?: after all)?\b",
    re.I,
)
# "right. back to the budget breakdown one - who does it bind": an earlier answer, by what it was about
BACK_TO_DESCRIBED = re.compile(r"\bback to (?:the|that) (?P<what>[\w' -]{2,40}?) (?:one|bit|commitment|answer|thing)\b", re.I)
# "which no. do i quote for the first bit": an earlier answer, when nothing was listed
EARLIER_ASKED = re.compile(
    r"\b(?:for|of|from|on) the (?P<which>first|earlier|previous|original) (?:bit|part|thing|answer|question|one)\b", re.I
)
# "the difference between those two", "which of them is ours?": the last two answered, when nothing was listed
THOSE_TWO = re.compile(r"\b(?:those|these|the) two\b|\bboth of (?:them|those)\b|\bwhich of (?:them|those)\b", re.I)
# "do both of those bind the council?", "both of those are on us, right?": whom each binds, side by side
BOTH_BOUND = re.compile(
    r"\bbind(?:s|ing)?\b|\bapply to\b|\b(?:on|for|down to|up to) (?:us|them|the council|councils|the (?:statutory|vcs)\w*)\b",
    re.I,
)
# "what's the difference between those two?", "how do 18.1 and 19.1 compare?": the commitments side by side
COMPARED = re.compile(
    r"\b(?:differen(?:ce|t)|compare[sd]?|comparison|versus|vs)\b|\bhow do (?:they|these|those|the two) differ\b", re.I
)
# "whats the difference between the full cost recovery bit and the start up costs bit": two duties described, compared
COMPARED_IN_WORDS = re.compile(
    r"\bdifferen(?:ce|t)s? between (?P<a>[^?.!]+?) and (?P<b>[^?.!]+?)(?:\W*$|[?.!])|"
    r"^\W*(?:(?:and|so|ok)\W+)?(?P<c>[^?.!]+?) (?:vs\.?|versus) (?P<d>[^?.!]+?)\W*$",
    re.I,
)
# "there seem to be two different 'three months' rules", "which commitments say 12 weeks?": those sharing a figure
FIGURE_SHARED = re.compile(
    r"\b(?:two|both|different|several|which|what|all)\b(?:\W+[\w']+){0,4}?\W+(?:rules?|commitments?|ones|bits|parts)\b", re.I
)
# "what does 'protected characteristic' mean, exactly?", "explain 'legitimacy' please": a word of the last answer
WORD_MEANING_ASKED = re.compile(
    r"^\W*(?:(?:and|so|sorry|ok|okay|but|hmm)\W+)*(?:"
    r"what (?:does|do) (?:the (?:word|term|phrase) )?(?P<a>[^?]{3,40}?) (?:actually )?mean\b|"
    r"what(?:'s| is|s) (?:meant by|the meaning of) (?P<b>[^?]{3,40}?)(?:\W*$|\?)|"
    r"(?:(?:please|pls|can you|could you) )?(?:explain|define) (?:the (?:word|term|phrase) )?"
    r"['\"\u2018\u201c](?P<c>[^'\"\u2019\u201d]{3,40})['\"\u2019\u201d])",
    re.I,
)
POINTING_WORDS = {"that", "it", "this", "they", "them", "those", "these", "you", "the compact", "compact"}
WORD_ASKED_TAIL = 6  # words after "what does X mean" that still ask only that ("in plain English?", "please, English is…")
# "which matters more if both get broken?", "which one takes priority?": a ranking the Compact does not make
RANKING_ASKED = re.compile(
    r"\bwhich(?: one| of (?:them|the two|those|these|the 2))? (?:matters|counts|comes|weighs|is|would be) "
    r"(?:more|most|first|heavier|higher|weightier|(?:more|most) important|(?:more|most) serious)\b|"
    r"\bwhich(?: one| of (?:them|the two|those|these|the 2))? (?:takes|has|gets) (?:priority|precedence)\b|"
    r"\b(?:does|do|would) (?:one|either|it|that) (?:trump|override|outrank|take priority over)\b",
    re.I,
)
# "which one is on us?", "which of those applies to the council?": one of the commitments listed, by whom it binds
WHICH_BINDS = re.compile(r"^(?:\w+\W+){0,3}?which(?: one| ones| of (?:them|those|these|the two))?\b", re.I)
# "which one covers…", "which of them is about…" just after the principles were listed: one of the principles
WHICH_OF_THEM = re.compile(r"^(?:\w+\W+){0,2}?which (?:one|ones|of them|of those|of these)\b", re.I)
TWO = re.compile(
    r"\b(?:two|2|pair|both)\b[^?.!]{0,20}\bprinciples\b|\bprinciples\b[^?.!]{0,20}\b(?:two|2|both)\b|\bwhich (?:two|2)\b", re.I
)

# "what does CCG stand for?", "whats a PCC": a short form asked about (the knowledge's ``abbreviations``)
SHORT_FORM_ASKED = re.compile(
    r"\bwhat\s*(?:'?s|is|are|does|do)\s+(?:an?\s+|the\s+)?(?:letters?\s+)?(?P<short>[a-z0-9]{2,7})\s+"
    r"(?:stands?\s+for|mean|means|is\s+short\s+for)\b"
    # "what's a PCC?", "hang on, what's a PCC? it came up in their letter"
    r"|(?:^|(?<=[.?!,;] ))\W*(?:and\s+|so\s+|sorry,?\s+)?what\s*(?:'?s|is|are)\s+(?:an?\s+|the\s+)?(?P<bare>[a-z0-9]{2,7})"
    r"(?:\W*$|\s*\?)",
    re.I,
)

# Words that ask about a number without saying what it is about ("what does commitment 7.2 say?").
ABOUT_A_NUMBER = (
    "commitment commitments number section part paragraph clause point draft say says mean means explain cover covers"
)
DESCRIPTION_WORDS = 1  # content words, besides those, that make a description of the commitment meant
MISNUMBER_WORDS = 2  # content words, besides those, that describe another commitment than the number named
MISNUMBER_REACH = 40  # how far down the ranking the number named is looked for
MISNUMBER_GAP = 0.4  # how much better the one described fits than the number named
MISNUMBER_CLEAR = 1.5  # a gap past which the number's wording sharing a word ("agreed") does not save it
MISNUMBER_SURE = 0.0  # how well it must fit ("12.6 is the main one", "exact wording of 6.3" describe nothing: below)
# "what does 13.2 say about volunteers?", "does 8.1 cover…": a question of the number's own content
OF_THE_NUMBER = re.compile(
    r"\b(?:what|how) (?:does|do|did|is) (?:commitment |number )?\d+\.\d+\b|"
    r"\b(?:does|do|did|can|could|would) (?:commitment |number )?\d+\.\d+ (?:say|cover|mean|apply|include|mention|count)",
    re.I,
)
NUMBER_SECTION_BONUS = 0.3  # for the commitments of the section a missing number names (hard_questions_tuning2)

FOR_US = "for_us"  # a letter move's mark: the bot was asked to act for the user ("can you contact them for us?")
MoveKind = Literal[
    "start",
    "accept",
    "offer",
    "tried",
    "letter",
    "summary",
    "ahead",
    "privacy",
    "abbreviation",
    "quote",
    "other_side",
    "if_not",
    "is_breach",
    "more",
    "followup",
    "floor",
    "silent",
    "complaint",
    "missing",
    "misnumbered",
    "placed",
    "principles",
    "declined",
    "chosen",
    "unclear",
    "not_followed",
    "noted",
    "corrected",
    "side_noted",
    "introduced",
    "detail",
    "new",
    "several",
    "compared",
    "unranked",
]


@dataclass(frozen=True)
class Context:
    entry: str | None = None  # the entry last answered
    offered: str | None = None  # the commitment whose next steps were offered
    choices: tuple[str, ...] = ()  # the entries a tie or clarifying question just listed
    shown: str | None = None  # a floor shown under the entry (4.8 under 3.6): "that one" in "which number is that?"
    commitment: str | None = None  # the commitment last answered, which may be before the entry (the route, a theme)
    history: tuple[str, ...] = ()  # the last few commitments answered, oldest first
    missing: str | None = None  # a number the draft lacks, just asked about: what "the one after it" counts from
    buttons: tuple[str, ...] = ()  # the entries offered as buttons under the last answer, in order

    @property
    def offer_open(self) -> bool:
        """Were next steps offered for the entry just answered (so a "yes" or "no" answers the offer)?"""
        return self.offered is not None and self.offered == self.entry

    def answered_before(self, which: str) -> str:
        """An earlier answer, by how it is pointed back to: "the first/original one", else the one before the last."""
        return self.history[0] if which in ("first", "original") else self.history[-2]

    def pointed_back_to(self, text: str) -> str | None:
        """The answer a question points back to ("…for the first bit": the first answered), else the last."""
        asked = EARLIER_ASKED.search(text) if len(self.history) >= 2 and not self.choices else None
        return self.answered_before(asked["which"]) if asked else self.entry


@dataclass(frozen=True)
class Move:
    kind: MoveKind
    entry: str | None = None  # the entry this move is about (for followup: the one to answer; for missing: the number)
    decision: Decision | None = None  # for "followup", "new" and "missing": what to answer
    # for "principles": the principles meant (entry: the commitment they are asked of, if any); for "floor": the
    # commitment setting it; for "silent": the detail asked; for "other_side": the commitment it is the other side of;
    # for "followup": the detail asked that its wording covers, when its reply says so (assistant.py: COVERED); for
    # "accept": what the user would like to happen, when the acceptance says it
    entries: tuple[str, ...] = ()


def without_numbers(text: str) -> str:
    """The text without the commitment numbers it names: what it says of them."""
    return " ".join(NUMBER_NAMED.sub(" ", text).split())


def clear_commitment(decision: Decision) -> str | None:
    """The commitment a decision answers with, if it answers with one (not a topic or principle)."""
    return decision.matches[0].entry_id if decision.kind == "answer" and decision.matches[0].kind == "commitment" else None


# "can you help me write a job advert for a youth worker?": help asked with a particular task, not what the bot does
TASK_ASKED = re.compile(r"\bhelp\s+(?:me\s+|us\s+)?(?:to\s+|with\s+)?(?!(?:me|us|to|with)\b)(?:[\w'£]+\W+){2,}[\w'£]+", re.I)


def asks_help_with_a_task(text: str) -> bool:
    """Does a message ask for help with a task of its own (three words or more), rather than what the bot
    can do ("how can you help me?", "what can you help with")?"""
    return bool(TASK_ASKED.search(text))


def asks_if_a_breach(text: str) -> bool:
    """Does a sentence of the message ask whether it is a breach ("… it doesn't mention the compact. is that a breach?")?"""
    # (a clause after a dash too: "the compact has a line '…' - so have they broken it or not?")
    return any(IS_IT_A_BREACH.match(c.strip()) for s in sentences(text) for c in re.split(r"\s[-–—]\s|;", s))


def last_clause(text: str) -> str:
    """What follows the message's last comma or sentence end (the clause an account ends on)."""
    return re.split(r"[.!?;,]\s+", text.strip())[-1]


# "can we make the grant conditional on them stopping?", "are we allowed to…": what the asker may do
MAY_WE = re.compile(
    r"^(?:(?:so|and|but|ok|okay)\W+)?(?:(?:can|could|may) (?:we|i)\b|"
    r"(?:are|am) (?:we|i) (?:allowed|entitled|within our rights) to\b|"
    r"is it (?:ok|okay|alright|fine|allowed|acceptable) (?:for (?:us|me) )?to\b)",
    re.I,
)


EMBEDDED_ASK = re.compile(r"\b(?:if|whether)\b.*$", re.I)


def ends_asking(text: str) -> bool:
    """Does an account end in a question of its own ("…, does the compact even cover us?", "…. what about after
    we've sent our response in": a time asked about, whatever is done in it)?"""
    last = last_clause(text)
    # (what is done only in an "if" or "whether" clause is asked about, not told: "when should we find out if we got it")
    return is_question(last) and (bool(TIME_ASKED.match(last)) or not describes_event(EMBEDDED_ASK.sub("", last)))


def asks_of_a_time(text: str) -> bool:
    """Does the message's last clause ask what holds at a time ("what about after we've sent our response in")?"""
    return bool(TIME_ASKED.match(last_clause(text)))


# "what should we have done then?", asked by the side a complaint is about, or "so what exactly should they have
# done first?" by the side it happened to: what the duty asks
SHOULD_HAVE = re.compile(
    r"^(?:(?:so|ok|okay|and|then|right)\W+)*what (?:exactly )?(?:should|could|ought|would) "
    r"(?:we|i|they|the (?:council|funder|commissioner|ccg|icb|trust|charity|provider)) (?:exactly )?(?:to )?have "
    r"(?:done|had to do)(?: exactly| first| then| instead| differently| better| here)*\W*$",
    re.I,
)
# The least a duty with a floor allows, asked of it: "what's the least we can expect?", "so what's the bare minimum?"
LEAST_ASKED = re.compile(
    r"\b(?:the (?:very |absolute )?(?:least|minimum|shortest|lowest)|bare minimum|at (?:the )?(?:very )?least)\b", re.I
)
# Where a message asks a second question ("…, and can we include our overheads?", "…? What about …")
SECOND_QUESTION = re.compile(
    r",?\s+(?:and|also|plus)\s+(?:also\s+)?(?=(?:can|could|do|does|did|is|are|should|must|will|would|what|how|who|when|"
    r"where|why|which)\b)|\?\s+(?=\w)|"
    # "can we put volunteer expenses in our bid, and also the one-off cost of…?": a second thing asked the same way
    r",\s+and\s+also\s+(?=(?:the|a|an|our|their|any)\b)",
    re.I,
)
QUESTION_WORDS = 4  # each question of a message asking two has at least this many words


def asked_apart(text: str) -> list[str]:
    """The questions a message asks, when it asks more than one, each long enough to stand alone; else []."""
    parts = [p.strip() for p in SECOND_QUESTION.split(text) if p.strip()]
    asking = [p for p in parts if len(p.split()) >= QUESTION_WORDS]
    return asking if len(asking) >= 2 and len(asking) == len(parts) and is_question(text) else []


SIDE_CLARIFIED = re.compile(r"\b(?:i should (?:say|have said|add)|to be clear|that'?s misleading|i'?m asking as)\b", re.I)


def who_says(text: str) -> str | None:
    """The side of a short statement that says it ("i'm in the PCC's office, we fund them"), not in a
    question or an account of what happened; else None."""
    said = side_said(text)
    # (longer when it sets the record straight: "I should say I work for the council - sorry, that's misleading: …
    # so we're the voluntary side here")
    limit = 2 * INTRO_WORDS if SIDE_CLARIFIED.search(text) else INTRO_WORDS
    # (nor with a question after a dash: "sorry i should say im at the county council - when are we supposed to…")
    asks = is_question(text) or is_question(re.split(r"\s[-–—]+\s", text)[-1])
    if not said or asks or len(text.split()) > limit or describes_event(text):
        return None
    return said


def clauses(text: str) -> list[str]:
    return [c.strip() for c in re.split(r"[,.;!]+", text) if c.strip()]


def question_after_lead(text: str) -> tuple[str, bool]:
    """The question after a lead that only marks it ("totally separate question, …", "side question - …", "ok what
    info do we need…"), and whether the lead said it is a new subject (the context is left behind)."""
    if new_subject := NEW_SUBJECT.search(text):
        return text[new_subject.end() :].strip(" ,.:;-") or text, True
    if (aside := ASIDE_MARK.match(text)) and text[aside.end() :]:
        return text[aside.end() :], False
    filler = FILLER.match(text)
    rest = text[filler.end() :] if filler else ""
    return (rest, False) if len(rest.split()) >= FILLED_WORDS and is_question(rest) else (text, False)


def asks_our_part(text: str) -> bool:
    """A question typed without its mark: one of how or what, or of what the asker should do ("how much
    notice do we need to give"); or, after the asker's own plan or a public body's officer saying who they are, its
    last clause ("we want to cut a grant by half from april, how much notice do we need to give": nothing has
    happened yet), or, after the plan, a question run on without a comma ("…from april how much notice…")."""
    plan = OWN_PLAN.search(text)
    # (a public body's officer asking what "we" should do: "im in ccg commissioning, …, by when should we have told…")
    last = clauses(text)[-1:] if plan or side_said(text) == "statutory" else []
    # (the plan's own words first: a question starting in them, "we want to know what…", is not asked after it)
    run_on = [text[m.start() :] for m in PLAN_QUESTION.finditer(text, plan.end())] if plan else []
    return bool(DUTY_ASKED.match(text)) or any(
        OUR_PART_ASKED.match(c) or HOW_OR_WHAT.match(c) or DUTY_ASKED.match(c) for c in [text, *last, *run_on]
    )


def what_happened_in_a_question(text: str) -> str:
    """A question without the clauses that ask of an act rather than tell one: "if the council stops our grant",
    "before ending their contract", in a duty asked "before they change the youth service", and a last sentence
    asking what a party should do ("…won't be renewed. what should they be doing their end?")."""
    parts = sentences(text)
    if len(parts) > 1 and DUTY_QUESTION.match(parts[-1]):
        text = " ".join(parts[:-1])
    asked = OWN_CLAUSE_ASKED.sub(" ", IF_ASKED.sub(" ", text))
    return DUTY_AHEAD.sub(" ", asked) if DUTY_ASKED.match(text) else asked


def mentioned_in_it(text: str) -> str:
    """ "are volunteers mentioned anywhere in the compact?" asks what it says about volunteers (ranked
    as such: "mentioned … in the compact" otherwise finds 10.3, whose wording is about naming the Compact)."""
    m = MENTIONED_IN.match(text)
    return f"what does the compact say about {m['subject']}" if m else text


def asks_for_duties(text: str) -> bool:
    return bool(DUTIES_ASKED.search(text))


LAW = re.compile(
    r"\b(?:legal\w*|illegal\w*|unlawful\w*|law\w*|court|sue|suing|binding|enforc\w*|solicitor|judicial|tribunal|compensation)\b",
    re.I,
)


def names_the_law(text: str) -> bool:
    """Does a message ask about the law ("is the compact legally binding?"), not only sound like it
    ("is there a pledge we can sign?")?"""
    return bool(LAW.search(text))


def leans_on_context(text: str) -> bool:
    return len(text.split()) <= SHORT_WORDS or refers_back(text) or details_only(text)


def refers_back(text: str) -> bool:
    """Does a text point back at what was said ("and…", "that one", "…on our side?"), however long?"""
    return bool(LEANS_ON_CONTEXT.search(text) or OTHER_SIDE.search(text) or ITS_FIGURE_ASKED.match(text))


def accepts(text: str) -> bool:
    """A short "yes" to an offer ("yes please", "ok", "go on"), not "yes but what about…"."""
    t = " ".join(text.lower().split())
    closing = re.search(r"\b(?:thanks|thank you|thankyou|cheers|ta|bye|goodbye)\b", t)  # "ok thanks": a close, not a yes
    return bool(ACCEPT.match(t)) and len(t.split()) <= 6 and not t.endswith("?") and not closing


def declines(text: str) -> bool:
    return bool(DECLINE.match(" ".join(text.lower().split()))) and len(text.split()) <= 5


def turns_down(text: str) -> bool:
    """A "no" to the offer of next steps: "no thanks", "actually stop, I need to check first";
    not "no, we haven't" (nothing tried yet), which answers what the offer asks."""
    t = " ".join(text.lower().split())
    # ("no notice", "no reason" tell what went wrong; a lone "no" answers what the offer asks, what was tried)
    bare = bool(DECLINE.match(t) and not NO_THING.match(t) and not NOTHING_TRIED.search(t)) and len(t.split()) == 2
    bare = bare or t.strip(" .!") in ("no thank you", "no need", "not now")
    return bare or (bool(HOLD_OFF.match(t) or HOLD_OFF_LATER.search(t)) and not t.endswith("?"))


class Conversation:
    """Reads messages against the conversation's context; built once per process."""

    def __init__(self, knowledge: Knowledge, matcher: Matcher, triage: Triage) -> None:
        self.knowledge = knowledge
        self.practical = next((n for n in knowledge.neighbours if n.id == PRACTICAL_ID), None)
        self.matcher = matcher
        self.triage = triage
        self.dealing_keys = [k for k in (tuple(matcher.analyzer.keys(t)) for t in knowledge.dealings) if k]
        # the words naming the two sectors and their parties ("council", "charity", "vcs"): no detail of a duty
        self.sector_keys = {k for cues in knowledge.sector_cues.values() for w in cues.subjects for k in matcher.analyzer.keys(w)}
        # the principles' names' words ("Respect"): capitalised, but not places
        self.principle_names = {w.lower() for name in knowledge.principles for w in name.split()}
        self.principle_patterns = {name: re.compile(rf"\b{re.escape(name.lower())}\b") for name in knowledge.principles}
        self.floors = {f for f in map(knowledge.fallback, knowledge.commitments) if f}  # minimums for when a duty cannot be met
        self.named_as_principle = {p: named_as_a_principle(p) for p in knowledge.principles}
        self._wording_keys: dict[str, frozenset[str]] = {}  # wording_keys, filled as commitments are asked about
        # each sector's parties as one pattern ("the council", "the voluntary sector"; not "they", "them")
        covered = self.knowledge.topics.get(COVERAGE_TOPIC)
        bodies = sorted(covered.not_named if covered else (), key=len, reverse=True)  # "academy trust" before "academy"
        body = rf"\b(?:{'|'.join(map(re.escape, bodies))})(?:e?s)?\b"
        self.not_named = re.compile(body, re.I) if bodies else None
        self.body_covered = re.compile(rf"{COVERS_BEFORE}(?P<before>{body})|(?P<after>{body}){COVERED_AFTER}", re.I)
        # the document's own words (its commitments, principles and route, as printed, with their plain summaries), and
        # the knowledge file's words for its topics, short forms and parties ("councils", "the NHS", "CCGs": said, if in
        # other words); not the commitments' search terms, which name what the draft does not ("Travellers")
        said = [f"{c.text} {c.summary}" for c in knowledge.commitments.values()] + [p.text for p in knowledge.principles.values()]
        said += [f"{t.title} {t.answer} {' '.join(t.terms)}" for t in knowledge.topics.values()]
        said += [s.text for s in knowledge.escalation] + [f"{a.short} {a.long}" for a in knowledge.abbreviations.values()]
        said += [" ".join((*cues.subjects, *cues.identities)) for cues in knowledge.sector_cues.values()]
        self.printed = " ".join(said).lower()
        self.party_patterns = {
            sector: re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\b")
            for sector, cues in knowledge.sector_cues.items()
            if (words := [w for w in cues.subjects if w not in ("they", "them")])
        }

    # --- the neighbourhood of an entry ---------------------------------------------------------
    def neighbours(self, entry_id: str) -> set[str]:
        """The entries a follow-up to ``entry_id`` is likely about: itself, its related and
        counterpart commitments, and its section."""
        c = self.knowledge.commitments.get(entry_id)
        if c is None:
            return {entry_id}
        same_section = {o.id for o in self.knowledge.commitments.values() if o.section.number == c.section.number}
        return {entry_id, *c.related, *c.counterparts, *same_section}

    def names_more(self, text: str) -> bool:
        """Does "tell me more about …" go on to name something ("… the honesty one"), rather than
        point back ("… that", "… it")?"""
        m = MORE.match(text)
        rest = text[m.end() :] if m else text
        return any(k not in POINTING_KEYS for k in self.matcher.analyzer.keys(rest))

    def its_principle(self, text: str, entry_id: str) -> str | None:
        """ "tell me more about that principle" after a commitment: the principle it puts into practice."""
        if entry_id in self.knowledge.principles and THAT_PRINCIPLE.search(text) and not self.principle_in(text):
            return entry_id  # "ok and the principle behind it?" after the number of a principle was asked: that one
        c = self.knowledge.commitments.get(entry_id)
        if c is None or not c.principles or not THAT_PRINCIPLE.search(text):
            return None
        return c.principles[0]

    def principle_named(self, text: str, entry_id: str) -> str | None:
        """ "tell me more about the independence one" after the list of principles: that principle."""
        return self.principle_in(text) if entry_id == PRINCIPLES_OVERVIEW else None

    def principle_in(self, text: str) -> str | None:
        """The first principle the text names ("the independence one")."""
        low = text.lower()
        return next((name for name, named in self.principle_patterns.items() if named.search(low)), None)

    def by_its_sections_question(self, text: str, last: str | None) -> str | None:
        """The commitment, of the section whose title a follow-up asks, that fits it best ("and who exactly
        should we be talking to?" after 1.1, of section 1 "When to involve?": section 2 "Who to involve?")."""
        asked = INVOLVING_ASKED.match(text)
        answered = self.knowledge.commitments.get(str(last))
        if not asked or answered is None or len(text.split()) > SHORT_WORDS + 2:
            return None
        theme, wh = answered.section.theme, f"{asked['wh'].lower()} to "
        there = {
            c.id
            for c in self.knowledge.commitments.values()
            if c.section.theme == theme and c.section != answered.section and c.section.title.lower().startswith(wh)
        }
        ranked = self.matcher.rank(text, limit=len(self.knowledge.commitments))
        return next((m.entry_id for m in ranked if m.entry_id in there), None)

    def section_asked(self, text: str, last: str | None) -> str | None:
        """The section a message asks for whole: named ("section 7"), or the last answer's ("that section")."""
        m = SECTION_ASKED.match(text)
        if not m:
            return None
        if m["title"]:  # the one section whose title has that word
            titled = [s.number for s in self.knowledge.sections if re.search(rf"\b{m['title']}", s.title, re.I)]
            return drafted_section(self.knowledge, titled[0]) if len(titled) == 1 else None
        if last == CONTENTS and (part := self.knowledge.part(m["number"])):  # "what's in section 7?" after the contents
            return part
        answered = self.knowledge.commitments.get(str(last))
        numbers = [s.number for s in self.knowledge.sections] if m["end"] else []
        end = (min(numbers) if m["end"] == "first" else max(numbers)) if numbers else None
        number = m["number"] or end or (answered.section.number if answered else section_number(last))
        return drafted_section(self.knowledge, number)

    def placed(self, text: str, context: Context) -> Move | None:
        """Where a commitment sits (its section and theme), or the heading of a section named by its
        number: the one the message names, else the one the conversation is about."""
        named = self.knowledge.commitments_named(text)
        if named:
            return Move("placed", named[0])
        section = drafted_section(self.knowledge, next(iter(re.findall(r"(?<![\d.])\d{1,2}(?![\d.])", text)), None))
        if section:
            return Move("more", section)
        if context.entry in self.knowledge.commitments:
            return Move("placed", context.entry)
        if section_number(context.entry):
            return Move("more", context.entry)
        return Move("placed", context.commitment) if context.commitment else None

    def restates_the_answer(self, alternative: str, entry: str | None) -> bool:
        """Is the alternative in "…or just grants?" the last answer's own case: "the other thing",
        or words its wording uses ("grants" after "For grants, agree how under-spend…")?"""
        c = self.knowledge.commitments.get(str(entry))
        if c is None:
            return False
        said = set(self.matcher.analyzer.keys(alternative))
        return alternative.lower().startswith("the other") or bool(said) and said <= self.wording_keys(c.id)

    def named_besides_the_number(self, text: str) -> str | None:
        """The commitment a request for the number also describes, when the selector is sure of it."""
        rest = besides_the_number(text)
        keys = len(self.matcher.analyzer.keys(rest))
        if not keys:  # "remind me of the number for that one?" names nothing
            return None
        best = self.matcher.rank(rest)[:1]
        if not best or best[0].kind != "commitment" or best[0].learnt < SURE_LEARNT:
            return None
        if keys >= NAMED_KEYS:
            return best[0].entry_id
        # a word or two ("which number do I use for overheads then?") names one when its words explain them, and
        # nothing points back ("for that one") or says whom it is for ("which one should I quote to our board")
        aside = A_THING_POINTED.search(rest) or re.match(r"(?:to|in) \w+", rest, re.I)
        # (or the selector is all but certain: "which one do I quote if they never let us respond?" is 13.3)
        fits = best[0].lexical >= FITTING_LEXICAL or best[0].learnt >= CERTAIN_LEARNT
        return best[0].entry_id if fits and not aside else None

    def numbered_neighbour(self, text: str, last: str | None) -> str | None:
        """The commitment a message asks for by its place ("the one after that", "whats the next one
        after 12.1"): next to the number it names, or to the last one answered or asked for (a number
        the draft lacks counts: "the one after 12.2" is 12.3)."""
        if end := END_COMMITMENT.match(text):
            order = sorted(self.knowledge.commitments, key=number_order)
            return order[0] if end["end"].lower() == "first" else order[-1]
        if last and COMMITMENT_ID.fullmatch(last) and AFTER_THAT.match(text):  # "and after that?" walking the numbers
            return self.numbered_next(last, 1)
        step = NEIGHBOUR_NUMBER.match(text)
        base = step and (step["from1"] or step["from2"] or last)
        if not step or not base or not COMMITMENT_ID.fullmatch(base):
            return None
        return self.numbered_next(base, -1 if step["previous"] or step["before"] else 1)

    def principle_by_place(self, text: str, last: str) -> str | None:
        """The principle a message asks for by its place in the list ("and the last one?"), or next to ``last``."""
        m = PRINCIPLE_PLACE.match(text)
        if not m:
            return None
        order = list(self.knowledge.principles)
        place = m["place"].lower() if m["place"] else {"after": "next", "before": "previous"}[m["beside"].lower()]
        here, end = order.index(last), len(order) - 1
        at = {"last": end, "final": end, "next": here + 1, "previous": here - 1}.get(place, ORDINALS.get(place))
        return order[at] if at is not None and 0 <= at < len(order) else None

    def later_duty(self, entry_id: str) -> str | None:
        """The same side's next commitment in the same section (17.1: 17.2), if there is one."""
        c = self.knowledge.commitments[entry_id]
        side = [o.id for o in self.knowledge.commitments.values() if (o.section.number, o.sector) == (c.section.number, c.sector)]
        return self.numbered_next(entry_id, 1, among=side)

    def numbered_next(self, number: str, step: int, among: Iterable[str] | None = None) -> str | None:
        """The commitment numbered just after (``step`` 1) or before (-1) ``number``, across sections
        (or of those ``among``), whether or not the draft has that number."""
        at = number_order(number)
        ids = self.knowledge.commitments if among is None else among
        if step > 0:
            return min((c for c in ids if number_order(c) > at), key=number_order, default=None)
        return max((c for c in ids if number_order(c) < at), key=number_order, default=None)

    @staticmethod
    def asks_if_not(text: str) -> bool:
        """ "and if they don't?", "and if that goes nowhere?": what to do when a duty is not kept."""
        return bool(IF_NOT.search(text))

    def other_side(self, text: str, entry_id: str | None) -> str | None:
        """The commitment a message asks for when it asks about the other side of ``entry_id``
        ("what about us?", "what should we have done on our side?"), else None."""
        if entry_id not in self.knowledge.commitments or not OTHER_SIDE.search(text):
            return None
        return self.counterpart(str(entry_id), text)

    def _sector(self, entry_id: str | None) -> str | None:
        """The side a commitment binds; None for anything else."""
        c = self.knowledge.commitments.get(str(entry_id))
        return c.sector if c else None

    def counterpart_on(self, entry_id: str, sector: str) -> str | None:
        """The commitment the document pairs with ``entry_id`` on ``sector``'s side, if any."""
        pairs = self.knowledge.commitments[entry_id].counterparts
        return next((p for p in pairs if self.knowledge.commitments[p].sector == sector), None)

    def counterpart(self, entry_id: str, text: str) -> str | None:
        """The other sector's matching commitment (or the named sector's), for "what about us?"."""
        c = self.knowledge.commitments.get(entry_id)
        if c is None:
            return None
        named = None if FLIP.search(text) else self.matcher.sector_of(text) or self._named_sector(text)
        # "the voluntary sector's side of that" after a VCS duty: this one is it
        if named == c.sector and PARTYS_SIDE.search(text) and self._party_named(text) == c.sector:
            return entry_id
        target = named if named and named != c.sector else next(s for s in ("statutory", "vcs") if s != c.sector)
        if target != c.sector and c.counterparts:
            return c.counterparts[0]
        # No pairing in the document: the target sector's best match for the last entry's subject,
        # among the pairings of its section when it has any (13.3's section pairs with 17.1).
        probe = f"{text} {c.summary} {' '.join(c.terms[:8])}"
        paired = {
            p
            for o in self.knowledge.commitments.values()
            if o.section.number == c.section.number
            for p in o.counterparts
            if self.knowledge.commitments[p].sector == target
        }

        def fits(entry_id: str) -> bool:
            o = self.knowledge.commitments.get(entry_id)
            return o is not None and o.sector == target and (not paired or entry_id in paired)

        def fitting(found: list[Match]) -> list[Match]:
            return [m for m in found if m.kind == "commitment" and fits(m.entry_id)]

        # a subject of its own ("what do the groups themselves sign up to on equality?") picks among them
        if paired:
            worded = (m.entry_id for m in fitting(self.matcher.rank(text, limit=40)) if self.wording_mentions(text, m.entry_id))
            own = next(worded, None)
            if own:
                return own
        ranked = fitting(self.matcher.rank(probe, limit=40))
        # one clear match anywhere (2.3's infrastructure bodies: 20.3), else the best of the same theme
        if len(ranked) > 1 and ranked[0].score - ranked[1].score >= CLEAR_COUNTERPART:
            return ranked[0].entry_id
        same_theme = [m for m in ranked if self.knowledge.commitments[m.entry_id].section.theme == c.section.theme]
        best = (same_theme or ranked)[:1]
        return best[0].entry_id if best else min(paired, default=None)

    def other_side_close(self, text: str, asked_of: str, chosen: str) -> tuple[str, ...]:
        """The other side's commitments that come close to ``chosen``, named under it: the best match for
        the question's own words ("what about the charity's side?" after 12.1: 16.2 beside the paired
        12.7) and for the last answer's subject, so a reader who types sees what the buttons offer."""
        asked, now = self.knowledge.commitments.get(asked_of), self.knowledge.commitments.get(chosen)
        if asked is None or now is None:
            return ()
        probe = f"{text} {asked.summary} {' '.join(asked.terms[:8])}"
        besides = (asked_of, chosen)
        close = (
            next((m.entry_id for m in self.matcher.rank(words, limit=40) if self._close_on(m, now.sector, besides)), None)
            for words in (text, probe)
        )
        return tuple(dict.fromkeys(i for i in close if i))

    def _close_on(self, m: Match, sector: str, besides: tuple[str, ...]) -> bool:
        c = self.knowledge.commitments.get(m.entry_id)
        return c is not None and c.sector == sector and m.entry_id not in besides and m.score >= OTHER_SIDE_CLOSE

    def quoted_to(self, text: str, entry_id: str) -> str | None:
        """The number to quote to the other sector ("which number do I quote to the council?" after
        the charity's own duty): that sector's matching commitment, else None."""
        to = QUOTED_TO.search(text)
        c = self.knowledge.commitments.get(entry_id)
        addressee = to and self._named_sector(re.sub(r"\b(?:us|we|our)\b", " ", to["whom"] or to["pointed"]))
        return self.counterpart(entry_id, "") if c and addressee and addressee != c.sector else None

    def _party_named(self, text: str) -> str | None:
        """The sector a message names by a party ("the council", "the voluntary sector"), not a pronoun."""
        return next(iter(self._parties_named(text)), None)

    def _parties_named(self, text: str) -> tuple[str, ...]:
        """Every sector a message names by a party, in the knowledge's order of sectors."""
        low = text.lower()
        return tuple(sector for sector, party in self.party_patterns.items() if party.search(low))

    def answered_of_a_side(self, text: str, context: Context) -> str | None:
        """The latest commitment answered that binds the side a "the council one" names, when several were answered."""
        one = ONE_OF_A_SIDE.search(text) if len(context.history) >= 2 else None
        side = self._party_named(one["who"]) if one else None
        duties = self.knowledge.commitments
        return next((e for e in reversed(context.history) if e in duties and duties[e].sector == side), None) if side else None

    def unnamed_body(self, text: str) -> str | None:
        """The kind of body the draft does not name that a message asks is covered ("do parish councils have
        to follow the compact?", "what about GP practices?", a parish clerk's "are we part of it?"), as the user
        wrote it; None for "is that covered?" or a body named beside another question."""
        if self.not_named is None or not (named := self.not_named.search(text)):
            return None
        for sentence in sentences(text):
            if ACT_COVERED.search(sentence):
                continue
            if asked := self.body_covered.search(sentence):
                return asked["before"] or asked["after"]
            if WE_COVERED.search(sentence) or (WHAT_ABOUT.search(sentence) and self.not_named.search(sentence)):
                return named.group(0)
        return None

    def words_not_printed(self, text: str) -> str | None:
        """What a question asks whether the Compact mentions ("anything about sign language at all?"), as the user
        wrote it, when those words (plural or not) are nowhere in its commitments, principles or route, nor in the
        knowledge file's words for its topics, short forms and parties."""
        if m := ANYTHING_ABOUT.search(text):
            asked = next(w for w in m.group("what", "what2", "what3") if w)
        else:
            asked = thing["what"] if (thing := THING_ASKED_AFTER.match(text)) else ""
        what = re.sub(r"^(?:the|a|an|any|our|their)\s+", "", asked, flags=re.I)
        if not what or what.lower() in POINTING_WORDS:
            return None
        stems = [w[:-1] if w.endswith("s") and len(w) > 3 else w for w in re.findall(r"[\w'-]+", what.lower())]
        return None if re.search(r"\b" + r"\W+".join(rf"{re.escape(w)}\w*" for w in stems), self.printed) else what

    def _named_sector(self, text: str) -> str | None:
        return self._party_named(text) or ("vcs" if OURS.search(text) else None)

    # --- reading a message -----------------------------------------------------------------
    def read(self, text: str, context: Context, intent: str | None = None, confidence: float = 0.0) -> Move:
        """What ``text`` asks for, given ``context``."""
        move = self._read(text, context, intent, confidence)
        outside = move.kind == "new" and move.decision is not None and move.decision.kind == "out_of_scope"
        offered = context.offer_open and context.offered in self.knowledge.commitments
        # "it ends on 30 April": a date said in a few words is more of the account, whatever else its words match
        dated = offered and move.kind in ("new", "followup") and len(text.split()) <= DATED_WORDS and date_count(text) > 0
        # "it ran 1 sept to 29 sept" after 3.3 (publicising consultations), which measures no period: the dates are of
        # the period its section does measure (3.6's 12 weeks), and are read against it
        period = offered and move.kind in ("new", "followup") and len(text.split()) <= SHORT_WORDS and gives_a_period(text)
        told = (outside or dated or period) and offered and intent not in SAID_ONLY_IN_PASSING and self.tells_of_the_matter(text)
        if told and period and (timed := self.timed_beside(str(context.offered))):
            return Move("complaint", timed)
        if told and (outside or dated):
            return Move("detail", context.offered)  # "it's about cutting library stops" after an offer: more of the account
        if offered and CORRECTION.match(text) and has_period(text) and not is_question(text):
            return Move("detail", context.offered)  # "sorry, it was six months after, not three": the account, corrected
        if offered and DATES_WRONG.search(text) and (date_count(text) > 0 or has_period(text)) and not is_question(text):
            return Move("detail", context.offered)  # "hang on I got the month wrong, it closed in January not March"
        # "we only found out by email last friday" after the offer: a statement whose words find the same duty again (not
        # one saying whose side the user is on, which the answer turns on: "i'm at the county council. it was the charity…")
        again = offered and move.kind == "followup" and move.entry == context.offered and side_said(text) is None
        if again and intent not in SAID_ONLY_IN_PASSING and self.says_more(text):
            return Move("detail", context.offered)  # added to the account, not the same answer again
        if outside and self.follows_on_unread(text, context, move, intent, confidence):
            return Move("not_followed", context.entry)  # "which is stricter, that or the consultation one?", not understood
        if move.kind == "start" and move.entry is None and self.asks_a_duty_ahead(text):
            # "the council is consulting on closing day centres, what should they do?": nothing has gone wrong yet
            ranked = self.matcher.rank(mentioned_in_it(text))
            return Move("new", decision=Decision("clarify", tuple(m for m in ranked if m.kind == "commitment")[:3]))
        return move

    @staticmethod
    def follows_on_unread(text: str, context: Context, move: Move, intent: str | None, confidence: float) -> bool:
        """A follow-up to the last answer ("so is that a must or more of a maybe?") that nothing here
        reads: saying it is outside the Compact would be wrong, so the bot says it did not follow.
        Not a question NLU is sure is off-topic, one naming a subject next to the Compact, or a new
        subject or aside."""
        t = expand_text_speak(text)
        return (
            context.entry is not None
            and move.decision is not None
            and move.decision.neighbour is None
            and not (intent == "out_of_scope" and confidence >= INTENT_CONFIDENCE)
            and intent not in SAID_ONLY_IN_PASSING
            and refers_back(t)  # not only short ("tell me a joke")
            and not (NEW_SUBJECT.search(t) or ASIDE_MARK.match(t))
        )

    @staticmethod
    def tells_of_the_matter(text: str) -> bool:
        """A statement that says more of the matter at hand (what it is about, who, when), nothing asked."""
        t = expand_text_speak(text).strip()
        return Conversation.says_more(t) and (bool(OF_THE_MATTER.match(t)) or date_count(t) > 0)

    @staticmethod
    def says_more(text: str) -> bool:
        """A statement: not a question, nor thanks, an acknowledgement or praise."""
        t = expand_text_speak(text).strip()
        return not (is_question(t) or thanks_only(t) or acknowledges(t) or praises(t))

    def _read(self, text: str, context: Context, intent: str | None, confidence: float) -> Move:
        t = " ".join(expand_text_speak(text).split())  # "we r a small cvs" is read as "we are…" throughout
        t, new_subject = question_after_lead(t)
        if new_subject:
            context = Context()
        restated = None if WHO_CORRECTED.match(t) else RESTATED.match(t)  # (not "sorry i meant the CCG not the council")
        if restated and len(t[restated.end() :].split()) >= 3:
            t = t[restated.end() :]
            if restated["not"]:  # "sorry not finishing - i meant a new grant…": the last answer's subject, set aside
                context = Context()
            if whether := re.match(r"(?:whether|if)\s+", t, re.I):  # "I meant whether we can ask…": the question
                t = t[whether.end() :].rstrip(" .") + "?"
            what, _, asked = t.partition(", ")
            if asked and not is_question(t) and is_question(asked):  # "…i meant a new grant, how early should they…"
                t = f"{asked.rstrip(' ?.')} ({what})?"
        t = NEWCOMER.sub("", t) if len(NEWCOMER.sub("", t).split()) >= 3 else t  # "…, im new to all this"
        if len(OR_NOT.sub("", t).split()) >= 2 and not WHETHER.search(t):  # "and the ccg? or is that different"
            t = OR_NOT.sub("?", t)  # (not "… tell us if it's being renewed or not", a whether)
        t = PLAINLY.sub("?", t) if len(PLAINLY.sub("", t).split()) >= 3 else t  # "what is it for, in plain english"
        if (meaning := MEANING_ASKED.match(t)) and len(t[meaning.end() :].split()) >= 2:  # "what do you mean raise it directly"
            t = t[meaning.end() :].rstrip(" ?.") + "?"
        t = PLAINLY_FIRST.sub("", t)
        if (alternative := ALTERNATIVE_TAIL.match(t)) and self.restates_the_answer(alternative["alternative"], context.entry):
            t = alternative["asked"] + "?"
        back = BACK_TO.match(t) if context.commitment and context.commitment != context.entry else None
        if back and t[back.end() :].strip():  # "back to costs: does that cover volunteers too?" after a detour
            context = Context(entry=context.commitment, commitment=context.commitment)
            t = t[back.end() :].strip()
        if asks_about_privacy(t):  # "what do you keep about me?", "please delete this chat": what is kept, whatever came before
            return Move("privacy")
        if len(context.choices) >= 2 and RANKING_ASKED.search(t):  # "which matters more if both get broken?" after two
            return Move("unranked", entries=context.choices)
        if (word_of := self.word_of_the_answer(t, context)) is not None:  # "what does 'cohesion' mean?" after 18.6
            return Move("silent", word_of, entries=("definition",))
        if spelt := self.short_form_asked(t):  # "what does CCG stand for?": spelt out, with what the Compact says of it
            return Move("abbreviation", self.knowledge.abbreviations[spelt].entry, entries=(spelt,))
        offered = context.offered if context.offered in self.knowledge.commitments else None
        # "the second one" after a list to choose from, or after the principles, which the overview lists in order
        first_listed = context.choices[0] if context.choices else None
        # (the other side of a list all of one side: its first's; a mixed list already holds both sides)
        one_side = len({self._sector(c) for c in context.choices}) == 1
        other_side_asked = one_side and bool(OTHER_SIDE.search(t)) and not WHICH_BINDS.match(t)
        if context.entry is None and first_listed in self.knowledge.commitments and (ONLY_A_DETAIL.match(t) or other_side_asked):
            # "does it have to be in writing?" or "and what's the matching vcs commitment?" after a list to choose from:
            # asked of the likeliest, listed first
            listed_still = () if other_side_asked else context.choices
            context = replace(context, entry=first_listed, commitment=first_listed, choices=listed_still)
        listed = context.choices or (tuple(self.knowledge.principles) if context.entry == PRINCIPLES_OVERVIEW else ())
        if not listed and self.picks_a_button(t, context):
            listed = context.buttons  # "the second one" or "2" typed under a commitment's answer: its second button
        picked = choice(t, len(listed))
        if picked is not None:
            return self.asked_of_the_one_picked(t, listed[picked], context, intent, confidence)
        if context.entry is None and first_listed and MORE.match(t) and not self.names_more(t):
            return Move("chosen", first_listed)  # "tell me more about that" after a list to choose from: the likeliest
        # "the representation point, mainly": a short reply naming what one of the listed entries is about
        # (a short question fitting one of them alone: "before or after signing?" after monitoring agreed before signing)
        short = len(t.split()) <= PICK_WORDS and not (is_question(t) and NUMBER_NAMED.search(t))
        named = self.matcher.picked_by_words(t, context.choices, is_question(t)) if context.choices and short else None
        if named:
            return Move("chosen", named)
        if earlier := self.back_to_an_answer(t, context):
            # "go back to the first one, is that a rule for us or for them?": the one meant, then what is asked of it
            was, end = earlier
            then = t[end:].strip(" ,.;:-?!")
            again = Context(entry=was, commitment=was, history=context.history)
            of_it = self.read(then, again, intent, confidence) if len(then.split()) >= 2 else Move("accept", was)
            return Move("chosen", was) if of_it == Move("accept", was) else of_it  # (", the early warning one": the same)
        listed_duties = tuple(c for c in context.choices if c in self.knowledge.commitments)
        if not listed_duties and THOSE_TWO.search(t) and len(context.history) >= 2:  # two answers in turn: "those two"
            listed_duties = context.history[-2:]
        if len(listed_duties) >= 2 and not NUMBER_NAMED.search(t):
            if COMPARED.search(t) and leans_on_context(t):  # "what's the difference between those two?"
                return Move("compared", entries=listed_duties)
            whose = self.bound_of(t, listed_duties) if WHICH_BINDS.match(t) else None
            if whose in listed_duties:  # "which one is on us? we're a charity"
                return Move("chosen", whose)
            if whose:  # both bind the other side: that side's part of the first
                return Move("other_side", whose, entries=(listed_duties[0],))
            # "do both of those bind the council or is it on us?": side by side
            if THOSE_TWO.search(t) and (WHOSE.search(t) or BOTH_BOUND.search(t)):
                return Move("compared", entries=listed_duties)
        # (after a topic asked on the way, such as the route: the commitment the conversation was about)
        at_stake = offered or (
            context.entry
            if context.entry in self.knowledge.commitments
            else context.commitment
            if context.entry in self.knowledge.topics
            else None
        )
        if acknowledges(t) and context.entry and not context.offer_open:  # "ok" after an answer: taken in, nothing asked
            return Move("noted", context.entry, entries=("praised",) if praises(t) else ())
        if thanks_only(t) and context.entry and not context.offer_open:  # "gr8 ta" after an answer: not a follow-up
            return Move("noted", context.entry, entries=("thanks",))
        just_said = offered if context.offer_open else context.entry
        plainer = (asks_plainer(t) or hedges(t)) and str(just_said) in self.knowledge.commitments
        # "eh?", "in plain english?", "not sure tbh": what was just said, put plainly (an offer stays open)
        if plainer or (is_unclear(t) and (at_stake or context.entry)):
            return Move("unclear", just_said, entries=("offer",) if context.offer_open else ())
        if INSTRUCTION.search(t):  # "write me a poem", "ignore your instructions and …"
            return Move("new", decision=Decision("out_of_scope", ()))
        if at_stake and asks_to_act_for_us(t):  # "can you contact them for us?": it cannot; the message to send instead
            return Move("letter", at_stake, entries=(FOR_US,))
        if asks_for_letter(t):  # with nothing to write about yet, the triage asks what happened (or reads what it is about)
            about = account_in_letter_request(t)
            told = clear_commitment(self.decided(about, "ask_compact", 1.0)[1]) if about and not at_stake else None
            return Move("letter", at_stake) if at_stake else Move("start", told)
        if offered and asks_for_summary(t):  # "summary please" while next steps are on offer: where it stands
            return Move("summary", offered)
        if TURN_TO_IF.search(t):  # the route, for the commitment at stake if there is one
            return Move("if_not", at_stake) if at_stake in self.knowledge.commitments else Move("more", ESCALATION_TOPIC)
        corrected = self._parties_named(t) if at_stake and WHO_CORRECTED.match(t) else ()
        duty = self.knowledge.commitments.get(str(at_stake))
        # "sorry i meant the CCG not the county council", "sorry, it's not the CCG at all, it's the county council's
        # adult care team": one body for another on the duty's side (before "it's not …" is read as another problem;
        # not "its not the council thats done this tho, its the other charity", the other side)
        if duty and corrected == (duty.sector,):
            return Move("corrected", at_stake)
        if at_stake and NOT_THAT_ONE.match(t) and len(t.split()) > SHORT_WORDS:  # "no it's not the notice, the issue is…"
            return self.instead(not_the_problem(t) or t, at_stake, intent, confidence)
        correction = not_the_problem(t) if context.offer_open else None
        if at_stake and correction:  # "no it's more that there's no agreed process for when things change"
            return self.instead(correction, at_stake, intent, confidence)
        weightier = MATTERS_MORE.match(t) if at_stake else None
        if weightier and (weightiest := self.best_fitting(weightier["what"])) not in (None, at_stake):
            return Move("complaint", weightiest)  # "the notice is the bigger issue for us honestly" after 13.1: 13.2
        waved = NOT_AN_ISSUE.search(t) if at_stake else None
        if waved and self.best_fitting(waved["what"]) not in (None, at_stake):
            # "to be clear they did send notice 4 months before, the notice isn't the problem" after 13.3: still 13.3
            return Move("complaint", at_stake)
        if at_stake in self.knowledge.commitments and IS_IT_A_BREACH.search(t):  # "is it actually a breach though?"
            return Move("is_breach", at_stake)
        kept = self.kept_to(t, context)  # "no actually stick with the feedback one"
        if kept and offered:
            return Move("tried" if reports_contact(t) else "accept", kept)
        if kept:  # nothing offered yet: that one is what went wrong, answered again with the offer of next steps
            return Move("complaint", kept)
        # "we emailed them, no reply" after an answer (or after a side question the Compact doesn't answer, such as
        # whether it is legally binding): a dispute about the commitment answered
        disputable = at_stake or (context.commitment if context.entry is None else None)
        if disputable and reports_contact(t):
            return Move("tried", self.disputed(disputable, t))
        answering_offer = offered if context.offer_open else None  # the offer was the last thing said
        if answering_offer and (asks_whats_next(t) or asks_what_to_do(t)):
            return Move("ahead", answering_offer)  # "what happens next?", "what should we do" after the offer or the summary
        if at_stake in self.knowledge.commitments and not context.offer_open and asks_what_to_do(t):
            return Move("accept", at_stake)  # "right. how do i raise the contract size with them?" after it: the walk
        if answering_offer and turns_down(t):  # before the "yes": "ok stop" is a no
            return Move("declined", answering_offer)
        if answering_offer and RESTART.search(t):  # "start again, sorry I got mixed up": next steps, from what happened
            return Move("start")
        if answering_offer and accepts(t) and not not_sorted(t):  # a "yes" right after the offer (not "yes but no joy")
            return Move("accept", answering_offer)
        if answering_offer and (wish := wish_stated(t)):  # "honestly we just want a meeting with them": next steps, and
            return Move("accept", answering_offer, entries=(wish,))  # that wish, for the last question
        # an offer made before a side question on the route ("is there a form?") still takes what was tried, in words
        # (or on the law, which leaves no entry answered)
        pending = (
            offered
            if (context.entry is None or context.entry in self.knowledge.topics) and context.commitment == offered
            else None
        )
        if (answering_offer or pending) and RESUME.match(t):  # "ok carry on" after the offer, or after a side question
            return Move("accept", answering_offer or pending)
        more = ANOTHER_FAILING.match(t) if answering_offer and not reports_contact(t) else None
        # (not a length for the duty offered: "oh and they only gave us 10 days" after 13.2's notice)
        if more and not self.tells_its_period(more["told"], answering_offer):
            told_alone = self.read(more["told"], Context(), intent, confidence)
            # "and they still won't budge" is how raising it went; "and they also wont let us include management costs",
            # which the selector is sure is another duty, is another failing
            decided = told_alone.decision
            sure = decided is not None and bool(decided.matches) and decided.matches[0].learnt >= SURE_LEARNT
            another = told_alone.kind == "complaint" and told_alone.entry != answering_offer
            if another and (sure or not STEP_NOT_SORTED.search(more["told"])):
                return told_alone
        said_tried = tried(t) if answering_offer or pending else None
        # "no we haven't": nothing tried yet; "yes but no joy - we went through their complaints procedure"
        if said_tried == "not_tried" or (said_tried and not is_question(t)):
            return Move("tried", answering_offer or pending)
        if context.entry in self.knowledge.commitments and not context.offer_open and YES_ONLY.match(t):
            return Move("offer", context.entry)  # "yes please" when nothing was offered: offer the next steps
        if context.choices and confirms(t):  # "yes that's it" to a list: the likeliest, first on it
            return Move("chosen", context.choices[0])
        # "and the one after": not "that's the one"; after a number the draft lacks, the one after that number
        counted_from = context.entry if context.entry in self.knowledge.commitments else context.missing or context.entry
        nearby = self.numbered_neighbour(t, counted_from)
        if nearby:
            return Move("more", nearby)
        if context.entry in self.knowledge.principles and (by_place := self.principle_by_place(t, str(context.entry))):
            return Move("more", by_place)
        if context.entry in self.knowledge.commitments and LATER_ASKED.match(t):
            if later := self.later_duty(str(context.entry)):
                return Move("more", later)
        if context.entry in self.knowledge.commitments and points_to_it(t) and not is_question(t):  # "yes, that's the one"
            return Move("accept", context.entry)
        section = self.section_asked(t, context.entry)
        if section:
            return Move("more", section)
        if involving := self.by_its_sections_question(t, context.entry):  # "and who should we be talking to?" after 1.1
            return Move("followup", involving)
        undrafted = SECTION_ASKED.match(t)
        if undrafted and undrafted["number"]:  # "whats in section 99?": the draft has no such section
            return Move("missing", undrafted["number"], Decision("out_of_scope", ()))
        if context.entry in self.knowledge.principles and THE_OTHERS.match(t):
            return Move("more", PRINCIPLES_OVERVIEW)
        if self.asks_all_principles(t) or (OTHER_PRINCIPLES.search(t) and not self.principle_in(t)):  # whatever came before
            return Move("new", decision=Decision("answer", (Match(PRINCIPLES_OVERVIEW, "topic", 1.0, 1.0, 1.0),)))
        behind_it = COMMITMENT_BEHIND.search(t) and leans_on_context(t) and not re.search(r"\banything (?:about|on)\b", t, re.I)
        if context.entry in self.knowledge.principles and behind_it:
            return Move("quote", context.entry)  # "is there an actual commitment behind that?": the ones putting it into practice
        if ROUTE_DEADLINE.search(t) and is_question(t):  # "is there a deadline for complaining?": the route sets none
            # (not "not complained yet. want the deadline moved", an account)
            return Move("silent", ESCALATION_TOPIC, entries=("figure",))
        if ROUTE_FORM.search(t):  # "is there a form for this?": the route has none
            return Move("silent", ESCALATION_TOPIC, entries=("form",))
        if PLACED.match(t):
            placed = self.placed(t, context)
            if placed:
                return placed
        if (context.entry or context.commitment) and asks_for_number(t):
            named = self.named_besides_the_number(t)  # "and being clear how bids get scored, which number is that?"
            # after the route or a theme, which carry no number: the commitment the conversation was about
            unnumbered = context.entry in self.knowledge.topics or context.entry is None
            # "which number do I quote for the council one?" after the council's duty and the charity's: the council's
            quoted = named or self.answered_of_a_side(t, context)
            quoted = quoted or context.shown or (context.commitment if unnumbered else None) or context.pointed_back_to(t)
            # (a principle has no number: the reply says so and gives the commitments putting it into practice)
            if quoted not in self.knowledge.commitments and quoted not in self.knowledge.principles:
                # "what's the number for promoting it to other groups?" after a theme: the number of what it names, when clear
                quoted = clear_commitment(self.decided(besides_the_number(t), intent, confidence)[1]) or quoted
            return Move("quote", self.quoted_to(t, str(quoted)) or quoted)
        missing = self.missing_number(t)
        if missing:
            return missing
        if misnumbered := self.misnumbered(t):  # "9.2 says they have to give feedback if our bid fails, right?": 9.3
            if is_question(t) or not describes_event(t):
                return misnumbered
            t = without_numbers(t)  # "…told us nothing for months. They've broken 12.7.": the story's
        named_all = tuple(dict.fromkeys(self.knowledge.commitments_named(t)))
        if len(named_all) >= 2 and intent != REPORT_INTENT and not describes_event(t):  # "whats 10.1 and 16.1 about"
            return Move("compared" if COMPARED.search(t) else "several", entries=named_all)
        if described := self.compared_in_words(t, intent, confidence):
            return Move("compared", entries=described)
        if sharing := self.sharing_a_figure(t):
            return Move("compared", entries=sharing)
        framed = BREACH_THAT.match(t)
        outside = framed is not None and self.decided(framed["what"], None, 0.0)[1].kind == "out_of_scope"
        if framed and outside and not self.names_a_dealing(framed["what"]):
            # "is it a compact breach that a GP surgery refused to register our client?": what it asks about is outside
            return Move("new", decision=Decision("out_of_scope", ()))
        # "how do we make sure the little groups hear about our consultation", or "and how far ahead do we need to tell
        # them whether they've got it?" after an answer: asked, not told, whatever the intent reads
        if intent == REPORT_INTENT and is_question(t) and not HELP.search(t):
            leaning = context.entry is not None and t.rstrip().endswith("?") and leans_on_context(t)
            intent = "ask_compact" if leaning or not describes_event(t) else intent
        ranked, alone = self.decided(t, intent, confidence)
        if (quoted := self.quoted_commitment(t)) and clear_commitment(alone) != quoted:
            # its own words, quoted back ("isn't 'where possible, give a minimum of three months notice' a get out?")
            alone = Decision("answer", (next((m for m in ranked if m.entry_id == quoted), Match(quoted, "commitment", 1.0)),))
        point = unscened(t) if alone.kind in ("out_of_scope", "clarify") and alone.neighbour is None else t
        if point != t and is_question(point):
            # "We're redesigning a mental health service. When should we start talking to the voluntary sector?":
            # who is asking sets the scene; the question answers on its own
            ranked_point, alone_point = self.decided(point, intent, confidence)
            if alone_point.kind == "answer":
                ranked, alone = ranked_point, alone_point
        elif (
            asks_if_a_breach(t)
            and describes_event(t)
            and alone.kind == "answer"
            and alone.matches[0].entry_id == ESCALATION_TOPIC
        ):
            # "… it later admitted it hadn't asked any of them. Has it broken the compact?": what was done decides which
            # commitment (the breach asked about is answered with it), not the route the words "broken the compact" fit
            told = " ".join(p for p in sentences(t) if not asks_if_a_breach(p))
            ranked_told, alone_told = self.decided(told, intent, confidence) if told else (ranked, alone)
            if clear_commitment(alone_told):
                ranked, alone = ranked_told, alone_told
        elif alone.kind == "out_of_scope" and alone.neighbour is None and (head := ASKED_FIRST.match(ASIDE_LEAD.sub("", t, 1))):
            # "hang on whats a CCG anyway, its them who ran the fund": what is asked, before why it is asked
            ranked_head, alone_head = self.decided(head["asked"], intent, confidence)
            if alone_head.kind == "answer":
                ranked, alone = ranked_head, alone_head
        elif (
            alone.kind == "out_of_scope" and alone.neighbour is None and len(parts := sentences(t)) > 1 and is_question(parts[-1])
        ):
            # "the district want our take on their new transport plan. can i just write it myself or should i ask the
            # folk we help first?": what sets the scene is not a story; the question answers on its own, with a duty
            ranked_last, alone_last = self.decided(parts[-1], intent, confidence)
            if clear_commitment(alone_last) and not asks_if_a_breach(parts[-1]):
                ranked, alone = ranked_last, alone_last
        if context.entry is None and not context.choices and (side := self.introduced(t)):
            return Move("introduced", entries=(side,))  # "hiya im treasurer of a small youth club", before any question
        if (  # "i'm in the PCC's office, we fund them" after an answer: who is asking, the thread kept
            context.entry in self.knowledge.commitments
            and (speaker := who_says(t))
            and (
                clear_commitment(alone) in (None, context.entry)
                or all(map(INTRO_CLAUSE.match, clauses(t)))
                or only_a_side(t)
                or bool(SIDE_CLARIFIED.search(t))
            )
        ):
            # the answer put for a council officer when it spoke to the VCS; else it stands, so it is not said again
            if speaks_past(self.knowledge.commitments[str(context.entry)], speaker):
                return Move("followup", context.entry)
            paired = self.counterpart_on(str(context.entry), speaker)  # their side's part of the duty, if the document has one
            return Move("side_noted", context.entry, entries=(speaker, paired) if paired else (speaker,))
        # "what are its principles?" asks for them all; "which principle are they ignoring?" after a story, for one
        overview = alone.kind == "answer" and alone.matches[0].entry_id == PRINCIPLES_OVERVIEW and not describes_event(t)
        numbered = set(self.knowledge.commitments_named(t))
        which = WHICH_OF_THEM.match(t)
        # after one principle, "which one covers campaigning?" names what it is about ("which one puts that into practice?"
        # asks for commitments)
        of_them = which is not None and (
            context.entry == PRINCIPLES_OVERVIEW
            or (
                context.entry in self.knowledge.principles
                and bool(set(self.matcher.analyzer.keys(t[which.end() :])) - ASKING_KEYS)
            )
        )
        behind = self.principles_behind(t, context.entry) if PRINCIPLE_Q.search(t) and not numbered else ()
        if behind:  # "which principles does it put into practice?" after a commitment: not the list of all seven
            return Move("principles", context.entry, entries=behind)
        # ("what does it say about volunteering in general, like as one of its principles": that one, by name)
        by_name = bool(self.principle_in(t) and re.search(r"\bprinciples?\b", t, re.I))
        if (PRINCIPLE_Q.search(t) or of_them or by_name) and not overview and not numbered:
            principles = self.principles_meant(t)
            if principles:
                return Move("principles", entries=principles)
        clear = clear_commitment(alone)
        # "do we have to do the same with their stuff?" asks what the other side must do, however like a report it looks
        other_sides = bool(context.entry and is_question(t) and OTHER_SIDE.search(t) and not HELP.search(t))
        reporting = intent == REPORT_INTENT and not other_sides
        # "I want to report this" after the offer (not "what about employment law, …?")
        if offered and reporting and clear in (None, offered) and alone.neighbour is None:
            return Move("accept", offered)
        # a question about the route just shown ("do we have to go through their complaints procedure first?") is answered
        on_the_route = context.entry == ESCALATION_TOPIC and is_question(t) and not describes_event(t)
        if reporting and alone.neighbour is None and (HELP.search(t) or clear is None) and not on_the_route:
            return Move("start", clear, alone)  # "I want to report a breach", "the council broke the compact"
        # "well they gave us 3 weeks" after the notice answer (not "should they have funded us for more than a year?",
        # a question another duty's selector is sure of)
        asks_another = is_question(t) and clear not in (None, context.entry) and alone.matches[0].learnt >= SURE_LEARNT
        if self.tells_its_period(t, context.entry) and not asks_another:
            return Move("complaint", context.entry, alone)
        if context.entry in self.knowledge.commitments and ANYTHING_ELSE.match(t) and len(t.split()) <= SHORT_WORDS:
            rest = self.rest_of_section(t, str(context.entry))
            if rest:
                return Move("more", rest)
        if context.entry is not None and leans_on_context(t):
            # "and if that's not possible either?" after the route: the route, whose later steps answer it
            if context.entry == ESCALATION_TOPIC and (asks_whats_next(t) or CANNOT.search(t) or IF_NOT.search(t)):
                return Move("more", ESCALATION_TOPIC)
            if self.asks_of_a_place(t):  # the same answer, for another place: the Compact covers Derby and Derbyshire alike
                return Move("followup", context.entry)
            if context.entry in self.knowledge.commitments and SHOULD_HAVE.match(t):  # on the receiving end: the duty again
                return Move("followup", context.entry)
            floor = self.knowledge.fallback(str(context.entry)) if context.entry in self.knowledge.commitments else None
            if floor and LEAST_ASKED.search(t):  # "what's the least we can expect?" after 12 weeks: eight, when it can't be
                return Move("floor", context.entry, entries=(floor,))
            if floor and self.names_the_floor(t, floor):  # "cabinet wants it done in 8. can we?" after 12 weeks: eight
                return Move("floor", context.entry, entries=(floor,))
            who = self.asked_for_whom(t)
            party = self._party_named(who) if who else None
            if party and context.entry == ESCALATION_TOPIC:  # "is that the same for the NHS?" after the route: for anyone
                return Move("followup", ESCALATION_TOPIC, entries=(ANY_PARTY,))
            if party and context.entry in self.knowledge.commitments:
                last = str(context.entry)
                if party == self.knowledge.commitments[last].sector:  # "same for the NHS?" after a statutory duty: them too
                    return Move("followup", last, entries=(SAME_SIDE,) if self.names_a_party_first(str(who)) else ())
                other = self.counterpart(last, t)  # "same for charities?" after a statutory duty: their side of it
                if other:
                    return Move("other_side", other, entries=(last,))
            # "and if that isn't possible?" (not "does this document even apply to NHS commissioners?": who it covers)
            if context.entry in self.knowledge.commitments and SAME_DUTY.search(t) and not WHOLE_DOCUMENT.search(t):
                floored = self.floor_for(str(context.entry)) if CANNOT.search(t) else None
                return Move("floor", floored[0], entries=(floored[1],)) if floored else Move("followup", context.entry)
            if context.entry in self.knowledge.principles and SAME_DUTY.search(t):  # its wording covers funded groups too
                return Move("followup", context.entry)
            if if_not := IF_NOT.search(t):
                # "what if they won't fund any overheads at all?" after 8.3: the route, for the duty the selector is sure of
                last = str(context.entry)
                sure = clear not in (None, last) and alone.matches[0].learnt >= SURE_LEARNT
                if sure and ASKED_AFTER.search(t[if_not.end() :]):  # "if that doesn't work and we end it, how much notice?"
                    return Move("followup", clear, alone)
                names_another = sure and not (
                    ROUTE_ASKED.search(t) or self.wording_mentions(t, last) or self.asks_a_detail_of(t, last)
                )
                return Move("if_not", clear if names_another else at_stake)
            if WHOSE.search(t) and not OURS_TOO.search(t):
                # "is that the council's commitment or ours?": that one, whoever it binds ("… or ours too?": our side, below)
                return Move("more", context.shown or context.entry)
            # (after a principle, a section or a topic asked on the way: the commitment the conversation was on; "flip it
            # round - what does the provider owe us?" after a number the draft lacks)
            of = context.entry if context.entry in self.knowledge.commitments else context.commitment
            other = self.other_side(t, of) if alone.neighbour is None else None  # "our GDPR obligations": not ours
            # a full question of its own that points back at nothing ("on our part, do we have to reach beyond…?")
            own = clear if clear and alone.matches[0].learnt >= SURE_LEARNT and not POINTS_BACK.search(t) else None
            # ("what about us as the CVS - does it say anything about councils supporting bodies like ours?" after 2.4:
            # the side asked about is the last answer's own, and the question's answer another of that side's duties)
            same_side = (
                clear not in (None, of)
                and alone.matches[0].score >= SAME_SIDE_SURE
                and self._sector(of) == self._sector(clear) in self._parties_named(t)
            )
            if other and own in (None, other, of) and not same_side:
                return Move("other_side", other, entries=(str(of),))
            # "what about us - what equality duties do we have?": the question's own answer on the side asked about,
            # or that answer's counterpart there
            own_duty = self.knowledge.commitments.get(own or "")
            side = self.knowledge.commitments[other].sector if other else None
            if own_duty and side and self._named_sector(t) in (None, side):  # (not "what else is on our side…?")
                theirs = own_duty.id if own_duty.sector == side else self.counterpart_on(own_duty.id, side)
                if theirs:
                    return Move("other_side", theirs, entries=(str(of),))
            principle = self.its_principle(t, context.entry) or self.principle_named(t, context.entry)
            if principle:
                return Move("principles", entries=(principle,))
            if MORE.match(t) and not self.names_more(t):  # "tell me more" after a commitment: it, and what is around it
                return Move("more", context.entry, entries=("around",) if context.entry in self.knowledge.commitments else ())
            if self.quotes_its_wording(t, str(context.entry)):  # "so the council only has to 'advocate' for it?"
                return Move("followup", context.entry)
        if context.entry is None and context.choices and leans_on_context(t):  # "and the council's side?" after a list
            if IF_NOT.search(t) and len(t.split()) <= SHORT_WORDS:  # "what if they don't?": the route, whichever is meant
                return Move("more", ESCALATION_TOPIC)
            other = self.other_side(t, context.choices[0])
            # ("what have the charities signed up to on monitoring?", pointing back at nothing: its own answer on the side
            # it names, if it has one)
            its_own = self.knowledge.commitments.get(clear or "")
            own_question = (
                its_own is not None and its_own.sector == self._party_named(t) and not (POINTS_BACK.search(t) or OURS.search(t))
            )
            if other and not own_question:
                return Move("other_side", other, entries=(context.choices[0],))
        asking = HYPOTHETICAL.match(ASIDE_LEAD.sub("", t, count=1)) or ends_asking(t)  # "quick q - does that commitment say…?"
        if offered and describes_event(t) and not asking:  # telling more, or differently
            in_reach = offered in {m.entry_id for m in ranked[:REACH]}  # among the few the text ranks first on its own
            # (or too short to be about anything else: "and nobody explained why" after 13.2's notice, not 9.3's feedback)
            in_reach = in_reach or len(t.split()) <= SHORT_WORDS
            if in_reach and leans_on_context(t) and self.asks_a_detail_of(t, offered):
                return Move("complaint", offered, alone)  # "they gave no reason for it being so short": the same duty
            return self._new(t, alone, clear, intent, confidence, about_a_dispute=True)
        # a new question, or one naming other commitments ("the difference between 11.1 and 11.2")
        if context.entry in self.knowledge.commitments and not numbered and self.asks_only_a_figure(t):
            # "is there a minimum number of days in the compact?" in a triage about bidding: the figure of the duty at hand
            silent = self.silent_on(t, str(context.entry), any_length=True)
            return Move("silent", context.entry, entries=(silent,)) if silent else Move("followup", context.entry)
        on_the_way = context.commitment if context.entry in self.knowledge.topics else None
        if on_the_way in self.knowledge.commitments and clear is None and leans_on_context(t) and not numbered:
            # "and if they give us less time do they have to say why" after who the Compact covers, asked on the way
            # from 3.6: a detail of the commitment the conversation was about
            # (not "how long is it out for?" after the draft's status, which its answer says)
            if self.asks_a_detail_of(t, str(on_the_way), besides="obligation") and not self.topic_mentions(t, str(context.entry)):
                return self._detail(t, alone, str(on_the_way), intent, confidence)
        # "and how do i renew my bus pass?" after an answer: NLU sure it is off-topic, and no entry fits it either
        off_topic = intent == "out_of_scope" and confidence >= NLU_SURE and alone.kind == "out_of_scope"
        if context.entry is None or not leans_on_context(t) or numbered - {context.entry} or off_topic:
            move = self.about_the_last_answer(self._new(t, alone, clear, intent, confidence), t, context)
            move = move if numbered else self.tie_to_the_last(move, context.entry)
        else:
            detail = self._detail(t, alone, context.entry, intent, confidence)
            move = self.tie_to_the_last(self.about_the_last_answer(detail, t, context), context.entry)
        move = self.kept_in_context(move, t, context.entry) or move
        if move.entry == context.entry and context.entry in self.knowledge.commitments and ANYTHING_ELSE.match(t):
            # "anything else in there that helps small organisations compete?": not the same one again
            rest = self.rest_of_section(t, str(context.entry))
            return Move("more", rest) if rest else move
        if move.entry == context.entry and ELSEWHERE_ON.match(t) and alone.kind in ("tie", "clarify"):
            besides = next((m for m in alone.matches[:2] if m.entry_id != context.entry and m.kind == "commitment"), None)
            return Move("new", besides.entry_id, Decision("answer", (besides,))) if besides else move
        return move

    def decided(self, text: str, intent: str | None, confidence: float, apart: bool = True) -> tuple[list[Match], Decision]:
        """The message's ranking and what it asks on its own, out of context (``apart``: with the answer to
        a second question in it, "can we ask for set-up costs, and can we include our overheads?")."""
        ranked, decision = self._decided(text, intent, confidence)
        parts = asked_apart(text) if apart and decision.kind == "answer" else []
        first = decision.matches[0].entry_id if decision.kind == "answer" else None
        if len(parts) < 2 or first not in self.knowledge.commitments:
            return ranked, decision
        answers = [clear_commitment(self.decided(p, intent, confidence, apart=False)[1]) for p in parts]
        other = next((a for a in answers if a not in (None, first)), None)
        return ranked, replace(decision, also=other) if other and first in answers else decision

    def _decided(self, text: str, intent: str | None, confidence: float) -> tuple[list[Match], Decision]:
        ranked = self.matcher.rank(mentioned_in_it(text))
        alone = decide(
            ranked,
            intent,
            confidence,
            self.neighbour_asked(text),
            self.about_a_dealing(text),
            bool(COMPACT_NAMED.search(text)),
            is_question(text) and self.names_a_dealing(text),
        )
        decision = self.duty_over_floor(self.settled_by_side(alone, text), text, ranked)
        decision = self.principle_by_name(self.the_actors_duty(decision, text, ranked), text)
        # "are schools part of the compact?": who is covered, and that the draft does not name them (not "we're a
        # sub-contractor under a big housing association … does the compact apply to them?", which 6.3's words explain)
        fitting = clear_commitment(decision) is not None and decision.matches[0].lexical >= FITTING_LEXICAL
        if not fitting and self.unnamed_body(text):
            return ranked, Decision("answer", (Match(COVERAGE_TOPIC, "topic", 1.0),))
        act = COVERS_AN_ACT.search(text)
        if act and decision.kind == "answer" and decision.matches[0].entry_id == COVERAGE_TOPIC:
            # "does the compact cover councils letting charities use their buildings?": the act, not who is covered
            _, acted = self._decided(text[: act.start()] + act["act"], intent, confidence)  # (with the story before it)
            if clear_commitment(acted):
                return ranked, acted
        return ranked, decision

    def the_actors_duty(self, decision: Decision, text: str, ranked: list[Match]) -> Decision:
        """An account of what the other side did ("we're a tiny allotment project and the council only pays
        our grant in arrears") answered with the duty of the side that acted (11.1, paying in advance), when
        the words found the speaker's own duty first (16.3, the charity showing why), the document pairs the
        two and it comes close; the speaker's is offered."""
        first = self.knowledge.commitments.get(decision.matches[0].entry_id) if decision.kind == "answer" else None
        if first is None or not describes_event(text) or is_question(text):
            return decision
        actor = self.triage.breacher(text)  # (and the words found the speaker's own duty, not the one who acted)
        own = side_said(text) == first.sector
        theirs = self.counterpart_on(first.id, actor) if own and actor and actor != first.sector else None
        close = next((m for m in ranked[:ACTOR_REACH] if m.entry_id == theirs), None)
        if close is None:
            return decision
        return paired_instead(decision, first.id, close)

    def principle_by_name(self, decision: Decision, text: str) -> Decision:
        """ "What does the Compact say about volunteering?": the principle of that name, when a list to
        choose from offers it (its commitments are listed under it)."""
        by_stem = self.principle_by_stem(text)
        overview = decision.kind == "answer" and decision.matches[0].entry_id == PRINCIPLES_OVERVIEW
        if by_stem and (overview or decision.kind != "answer"):  # "is volunteering one of its principles?": that one
            return Decision("answer", (Match(by_stem, "principle", 1.0),))
        asked = ABOUT_A_NAME.search(text)
        if decision.kind not in ("tie", "clarify") or not asked:
            return decision
        named = next((m for m in decision.matches if m.kind == "principle" and m.entry_id.lower() == asked["name"].lower()), None)
        return Decision("answer", (named,)) if named else decision

    def principle_by_stem(self, text: str) -> str | None:
        """The one principle a message names as a principle by a word of its family, next to the word
        "principle" ("volunteers as one of its principles", "the principle on honesty"), or None. A word
        further away may describe another principle ("which principle is about treating us as equals?")."""
        named = [p for p, pattern in self.named_as_principle.items() if pattern.search(text)]
        return named[0] if len(named) == 1 else None

    def kept_to(self, text: str, context: Context) -> str | None:
        """The commitment a "stick with the feedback one" or a bare "notice one" names by what it is about: one
        the conversation has been on when its words rank it among the first few, else one of the conversation's
        theme, else the one they fit best. A bare pick of the one just answered is left to confirm it (None), unless
        its next steps were offered: then it takes the offer."""
        stick = STICK_WITH.match(text)
        said = stick or SUBJECT_ONE.match(text)
        if not said or re.search(rf"\b(?:{POINTERS})\b", said["what"], re.I):  # "go with the first one": by place
            return None
        found = [m for m in self.matcher.rank(said["what"], limit=REACH) if m.kind == "commitment"]
        seen = (context.entry, context.offered, context.commitment, *context.history)
        duties = self.knowledge.commitments
        last = duties.get(str(context.entry))
        # in turn: one the conversation has been on; the one answered, when the words best fit its section ("the
        # equality one" after 18.4); one of its theme the words fit about as well as the best ("notice one" after
        # a consultation answer: 3.2, the consultation's notice, not 13.2, the funding's)
        picks = [m.entry_id for m in found if m.entry_id in seen]
        if last and found:
            if duties[found[0].entry_id].section == last.section:
                picks.append(last.id)
            best = found[0].lexical
            picks += [
                m.entry_id
                for m in found
                if m.lexical >= best - AKIN_LEXICAL and duties[m.entry_id].section.theme == last.section.theme
            ]
        kept = next(iter(picks), None) or self.best_fitting(said["what"])
        # "the timely payment one": the one just answered, left to confirm it, unless its next steps were offered ("notice one")
        return kept if stick or kept != context.entry or kept == context.offered else None

    def asks_only_a_figure(self, text: str) -> bool:
        """Does a question ask for a figure and name nothing else ("is there a minimum number of days?",
        "how many weeks?"), so that it can only be asked of what the conversation is on?"""
        if not DETAILS["figure"][0].search(text):
            return False
        # (with a figure in mind: "is there a set number of days, like ten working days?")
        return not set(self.matcher.analyzer.keys(FIGURE.sub(" ", text))) - FIGURE_KEYS

    def best_fitting(self, words: str) -> str | None:
        """The commitment a few words name ("the feedback", "the notice"), when they fit it well."""
        best = self.matcher.rank(words, limit=1)
        return best[0].entry_id if best and best[0].kind == "commitment" and best[0].lexical >= FITTING_LEXICAL else None

    def disputed(self, entry_id: str, text: str) -> str:
        """The commitment a report of raising it is about: the last one, or its counterpart when the report
        names the other side as the one raised with ("we asked the grants officer, she said arrears only"
        after the charity's own 16.3: the council's 11.1)."""
        c = self.knowledge.commitments[entry_id]
        raised_with = self._party_named(text)
        if raised_with and raised_with != c.sector and raised_with != side_said(text):  # (not "we're a carers charity")
            return self.counterpart_on(entry_id, raised_with) or entry_id
        return entry_id

    def rest_of_section(self, text: str, last: str) -> str | None:
        """The next commitment of the last one's section for the side asked about ("anything else for
        us?"; the last one's side unless said), after it in number order, else before it."""
        c = self.knowledge.commitments[last]
        sector = self._sector_meant(text, last) or c.sector
        same = [o.id for o in self.knowledge.commitments.values() if o.section.number == c.section.number and o.sector == sector]
        order = sorted(same, key=number_order)
        # "anything else for us before we apply?": the one whose wording names it, else the next in number order
        worded = [i for i in order if i != last and self.wording_mentions(text, i, explained=True)]
        others = [i for i in order if number_order(i) > number_order(last)] or [i for i in order if i != last]
        return next(iter(worded or others), None)

    def kept_in_context(self, move: Move, text: str, last: str | None) -> Move | None:
        """A question that would be declined on its own, just after a commitment was answered, whose
        words fit a commitment next to it ("once we've decided, how soon do providers need to hear?"
        after committing funding for three years: 9.2, telling them three months ahead): that one.
        A subject next to the Compact (VAT, TUPE…) or words no neighbour uses are still declined."""
        decision = move.decision if move.kind == "new" else None
        if decision is None or decision.kind != "out_of_scope" or decision.neighbour or last not in self.knowledge.commitments:
            return None
        if not is_question(text) or len(text.split()) > KEPT_WORDS:
            return None
        # "do we have to justify which one we pick?" after a duty naming a rationale ("how soon…?" may ask the next duty's figure)
        if self.asks_a_detail_of(text, str(last), besides="figure"):
            return Move("followup", last)
        near = self.neighbours(str(last)) - {last}  # the last answer again would not answer what it was asked
        fitting = [m for m in self.matcher.rank(text, limit=40) if m.entry_id in near and m.lexical >= KEPT_LEXICAL]
        return Move("followup", fitting[0].entry_id, Decision("answer", (fitting[0],))) if fitting else None

    def duty_over_floor(self, decision: Decision, text: str, ranked: list[Match]) -> Decision:
        """ "how many weeks should a consultation last?": the duty (12 weeks) rather than the floor for when it
        cannot be met (eight weeks), unless the question is about that case; the floor is offered under it."""
        floor = decision.matches[0].entry_id if decision.kind == "answer" else None
        if floor is None or floor not in self.floors or FLOOR_ASKED.search(text):
            return decision
        duty = next((m for m in ranked[:3] if self.knowledge.fallback(m.entry_id) == floor), None)
        said = side_said(text)
        if duty is None and said is not None and self.knowledge.commitments[floor].sector != said:
            # "PCC's office here. We can only run our consultation for six weeks": the asker's own duty, however far down
            duty = next(
                (
                    m
                    for m in self.matcher.rank(text, limit=40)
                    if self.knowledge.fallback(m.entry_id) == floor and self.knowledge.commitments[m.entry_id].sector == said
                ),
                None,
            )
        if duty is None:
            return decision
        return Decision("answer", (duty,), alternatives=(floor, *(a for a in decision.alternatives if a != duty.entry_id))[:2])

    def settled_by_side(self, decision: Decision, text: str) -> Decision:
        """A tie between a commitment and its other-side counterpart, asked by someone who says which
        side they are on ("Info governance lead, county council. What does the Compact say about FOI
        when VCS orgs give us material?"): their own side's, with the other offered under it. A question
        asking what one side should do ("when should the council agree monitoring with our charity?") is
        about that side's duty, whoever asks: also when the other side's was found first and the document
        pairs them ("we're a funder; if a charity asks to be paid in advance, what should the charity itself do?")."""
        asked = self.matcher.sector_of(text)
        first = self.knowledge.commitments.get(decision.matches[0].entry_id) if decision.kind == "answer" else None
        if first and asked and first.sector != asked and self._party_named(text) == asked:  # (not "we have to buy…")
            paired = self.counterpart_on(first.id, asked)
            if paired in decision.alternatives:
                return paired_instead(decision, first.id, replace(decision.matches[0], entry_id=paired))
        said = asked or side_said(text)
        if decision.kind != "tie" or said is None:
            return decision
        a, b = (self.knowledge.commitments.get(m.entry_id) for m in decision.matches[:2])
        if a is None or b is None or b.id not in a.counterparts or a.sector == b.sector:
            return decision
        own, other = (a, b) if a.sector == said else (b, a)
        return Decision("answer", tuple(m for m in decision.matches if m.entry_id == own.id), alternatives=(other.id,))

    def instead(self, text: str, rejected: str, intent: str | None, confidence: float) -> Move:
        """The user says the commitment at stake is not the problem and tells what is: read as a new
        account of the dispute, never landing on the rejected commitment again."""
        ranked = [m for m in self.matcher.rank(text, limit=10) if m.entry_id != rejected]
        near = self.neighbours(rejected)
        fitting_near = next((m for m in ranked if m.entry_id in near and m.lexical >= NEAR_FIT), None)
        if fitting_near and len(text.split()) <= SHORT_WORDS and not self.names_a_dealing(text):
            # a short one naming no subject of its own ("its more that they never explained why" after 13.3, ending
            # funding): the rejected one's neighbour that its words fit
            return Move("complaint", fitting_near.entry_id, Decision("answer", (fitting_near,)))
        if OF_IT.search(text):  # "it's more about them not agreeing any of this before we signed": still its subject
            ranked = sorted((self._boost(m, near, rejected, None, 0.0) for m in ranked), key=lambda m: (-m.score, m.entry_id))
        alone = decide(ranked, intent, confidence, self.neighbour_asked(text), self.about_a_dealing(text))
        clear = clear_commitment(alone)
        move = self._new(text, alone, clear, intent, confidence, about_a_dispute=True)
        if move.kind == "new" and clear not in (None, rejected):  # what the dispute is about, told without an actor
            return Move("complaint", clear, alone)
        return Move("start", None, alone) if move.entry in (None, rejected) and move.kind != "new" else move

    @staticmethod
    def tie_to_the_last(move: Move, last: str | None) -> Move:
        """A tie between the last answer and another ("what should they be telling us while it's being
        written?" after 1.1, tied with 13.2 on "writing"): the conversation is about the last one."""
        d = move.decision
        # a tie, or the first two of a list to choose from ("does the compact actually say we're allowed to campaign?" after
        # respecting independence: the Independence principle, then 3.1)
        listed = () if d is None else d.matches if d.kind == "tie" else d.matches[:2] if d.kind == "clarify" else ()
        tied = {m.entry_id for m in listed}
        return Move("followup", last) if move.kind == "new" and last in tied else move

    def about_the_last_answer(self, move: Move, text: str, context: Context) -> Move:
        """An account that starts the triage without a clear commitment, just after a commitment
        was answered, by a message that leans on it and tells of that commitment's side acting
        ("I'm the council's officer, it was the charity that refused to agree them" after the
        answer about agreeing monitoring): the triage is about the answered commitment."""
        last = self.knowledge.commitments.get(str(context.entry))
        if move.kind != "start" or move.entry or last is None or not leans_on_context(text):
            return move
        return replace(move, entry=last.id) if self.triage.breacher(text) == last.sector else move

    @staticmethod
    def asked_for_whom(text: str) -> str | None:
        """What a "same for the NHS?", "does that go for the police too?" names ("the nhs", "a Police and Crime
        Commissioner grant", "campaigning too"); whose party it is, if any, is the sector asked about."""
        first = (sentences(text) or [text])[0]  # "…same for the nhs? we also get money from the ccg"
        asked = SAME_FOR.match(first)
        return next(w for w in asked.groupdict().values() if w) if asked else None

    def names_a_party_first(self, asked: str) -> bool:
        """Does what a "same for …?" names start with a party ("a PCC grant"; not "campaigning against govt policy")?"""
        who = re.sub(r"^(?:the|a|an|our|their|any|other)\s+", "", asked.lower())
        return any((m := party.search(who)) is not None and m.start() == 0 for party in self.party_patterns.values())

    def asks_of_a_place(self, text: str) -> bool:
        """ "what about for Derby city rather than the county?", "and what about in Chesterfield?": a
        follow-up naming only a place (a capitalised word that is not a principle's name)."""
        found = PLACE_ASKED.match(text) or ONE_PER_PLACE.match(text)
        if not found:
            return False
        placed = {w.lower() for w in re.findall(r"\b[A-Z][a-z]+\b", found["rest"])} - self.principle_names
        words = re.findall(r"[\w']+", found["rest"].lower())
        ones = ONES_AGAIN if found.re is ONE_PER_PLACE else frozenset()
        named = {w for w in words if w in PLACE_NAMES or w in placed}  # (not only "one for the other")
        return bool(words) and all(w in PLACE_WORDS or w in placed or w in ones for w in words) and (not ones or bool(named))

    def word_of_the_answer(self, text: str, context: Context) -> str | None:
        """The commitment whose word a message asks the meaning of ("what does 'protected characteristic' mean,
        exactly?" after 18.4): the last answered, else the first listed, else the latest earlier one, else the only one,
        using it. The draft defines none of its words."""
        asked = WORD_MEANING_ASKED.match(text) if context.entry or context.history or context.choices else None
        said = next((w for w in asked.group("a", "b", "c") if w), "") if asked else ""
        word = said.strip(" '\"\u2018\u2019\u201c\u201d").lower()
        # (not "what does independence actually mean, like can we still campaign…?": a principle, and more asked)
        more = len(text[asked.end() :].split()) > WORD_ASKED_TAIL if asked else False
        principle = any(word == name.lower() for name in self.principle_patterns)
        if not word or word in POINTING_WORDS or more or principle or self.short_form_asked(text):
            return None
        duties = self.knowledge.commitments
        using = [c.id for c in duties.values() if re.search(rf"\b{re.escape(word)}", f"{c.text} {c.summary}".lower())]
        earlier = [e for e in (context.entry, *context.choices, *reversed(context.history)) if e in using]
        return earlier[0] if earlier else using[0] if len(using) == 1 else None

    def short_form_asked(self, text: str) -> str | None:
        """The short form a message asks the meaning of, when the knowledge spells it out ("what does
        CCG stand for?": "ccg"); None for one it does not ("what does DBS stand for?")."""
        asked = SHORT_FORM_ASKED.search(text)
        short = (asked["short"] or asked["bare"]).lower() if asked else ""
        known = self.knowledge.abbreviations
        return short if short in known else short[:-1] if short.endswith("s") and short[:-1] in known else None

    def names_a_dealing(self, text: str) -> bool:
        """Does a message name something the sectors do together that the Compact governs
        (``dealings`` in the knowledge: funding, a contract, a consultation…)?"""
        keys = set(self.matcher.analyzer.keys(asked_as_consulted(text)))  # ("without asking us": a consultation)
        return any(all(k in keys for k in term) for term in self.dealing_keys)

    def about_a_dealing(self, text: str) -> bool:
        """Does a message name one of the sectors' dealings and a party to it ("we", "our", "the council"…)?"""
        return self._named_sector(text) is not None and self.names_a_dealing(text)

    @staticmethod
    def introduced(text: str) -> str | None:
        """The side of a message that only says who the user is ("hiya im treasurer of a small youth
        club", "hello, I work for the county council"), else None."""
        said = who_says(text)
        rest = GREETING_LEAD.sub("", text.strip())
        if not said or GOES_ON_TO_ASK.search(rest):
            return None
        parts = [p.strip() for p in re.split(r"[,.;!]+|\s[-–—]+\s", rest) if p.strip()]  # ("…council - is our website enough")
        return said if all(map(INTRO_CLAUSE.match, parts)) or only_a_side(rest) else None

    def tells_of_a_dealing(self, text: str) -> bool:
        """A statement (no question in it) of something that happened in the sectors' dealings, to
        a group or a public body: a possible breach, to be offered the likely commitments. A
        question is answered, or declined, as a question."""
        return not any(map(is_question, sentences(text))) and self.about_a_dealing(text)

    def neighbour_asked(self, text: str) -> Neighbour | None:
        """The subject next to the Compact a message asks about (below), or how to use a particular
        scheme or service ("where can I see the tenders Derby City has open?"), asked without objecting
        to anything ("how do we apply when nobody explains the process?" is about 7.4)."""
        return self.subject_named(text) or (self.practical if self.asks_how_to(text) else None)

    @staticmethod
    def asks_how_to(text: str) -> bool:
        asked = " ".join(p for p in sentences(text) if is_question(p)) or text
        return bool(PRACTICAL.search(asked)) and not OBJECTING.search(asked)

    def subject_named(self, text: str) -> Neighbour | None:
        """The subject next to the Compact a message asks about (VAT, employment law…). In a story
        of the sectors' dealings, a subject named only in a sentence that sets the scene ("staff
        were on redundancy notice") is not what it is about: what it asks is (its questions, or
        its last sentence when it asks nothing)."""
        story = describes_event(text) and self.names_a_dealing(text)
        if story:  # what the user's side did as a result is not the point, unless asked about
            text = " ".join(p if is_question(p) else CONSEQUENCE.sub("", ASIDE.sub(" ", p)) for p in sentences(text))
        # "a consultation on parks" is about the consultation, "reviewing its fire safety policy" about making policy
        probe = CONSULTED_ON.sub(r"\1", text)
        named = self.matcher.neighbour(POLICY_MADE.sub(r"\1 \2", probe) if SECTOR_INVOLVED.search(probe) else probe)
        parts = sentences(text)
        if named is None or len(parts) < 2:
            return named
        if not story:  # "is there anything about start up costs? we need … a first aid kit": the question, then its case
            return self.matcher.neighbour(parts[0]) if is_question(parts[0]) else named
        asked = " ".join(p for p in parts if is_question(p))
        if asked and not (ABOUT_THE_COMPACT.search(asked) or self.names_a_dealing(asked)):
            return named  # "How long have we got?" asks about the subject the story names (a GDPR request)
        return self.matcher.neighbour(asked or parts[-1])

    def tells_its_period(self, text: str, entry: str | None) -> bool:
        """Does a message tell what happened to the period the last answer measures (a length or
        dates, and no other measured period named)?"""
        measure = self.triage.measure(entry)
        if measure is None or not has_period(text) or not describes_event(text):
            return False
        if CANNOT.search(text) or NOT_ABLE.search(text):  # "what if we can't manage 12 weeks?": the figure, asked about
            return False
        named = self.triage.measures_named(text)
        return not named or measure.id in named

    def missing_number(self, text: str) -> Move | None:
        """A commitment number the draft does not have, with the real one the question describes
        (if it describes one clearly): the question's words without the number are ranked."""
        m = NUMBER_NAMED.search(text)
        number = m and m["a"]
        if not number or number in self.knowledge.commitments:
            return None
        rest = " ".join(text.replace(number, " ").split())
        describes = self.words_describing(rest) >= DESCRIPTION_WORDS
        # the number's section is evidence too: "12.2, the bit about monitoring being proportionate" is 12.3
        section = f"{number.split('.')[0]}."
        ranked = [
            replace(m, score=round(m.score + NUMBER_SECTION_BONUS, 4)) if m.entry_id.startswith(section) else m
            for m in self.matcher.rank(rest, limit=10)
        ]
        ranked.sort(key=lambda m: (-m.score, m.entry_id))
        described = decide(ranked, "ask_compact", 1.0) if describes else Decision("out_of_scope", ())
        return Move("missing", number, described)

    def words_describing(self, text: str) -> int:
        """How many of the words around a commitment number describe what is meant (not "commitment", "says"…)."""
        generic = set(self.matcher.analyzer.keys(ABOUT_A_NUMBER))
        return len([k for k in self.matcher.analyzer.keys(text) if k not in generic])

    def misnumbered(self, text: str) -> Move | None:
        """A number the draft has, put to something another commitment clearly covers ("9.2 says they have to give
        feedback if our bid fails, right?", "is 7.5 the one about smaller lots?"): the one described, said to be
        it. Not a question of what that number says ("what does 13.2 say about volunteers?"), and not when the
        number's own wording or its near neighbours in the ranking fit the description."""
        named = set(self.knowledge.commitments_named(text))
        m = NUMBER_NAMED.search(text)
        if len(named) != 1 or m is None or m["a"] not in named or OF_THE_NUMBER.search(text):
            return None
        number = m["a"]
        rest = without_numbers(text)
        if self.words_describing(rest) < MISNUMBER_WORDS:
            return None
        ranked = [r for r in self.matcher.rank(rest, limit=MISNUMBER_REACH) if r.kind == "commitment"]
        described = clear_commitment(decide(ranked, "ask_compact", 1.0)) if ranked else None
        scores = {r.entry_id: r.score for r in ranked}
        if described in (None, number) or scores[str(described)] < MISNUMBER_SURE:
            return None
        gap = scores[str(described)] - scores.get(number, ranked[-1].score)
        if gap < MISNUMBER_GAP or (gap < MISNUMBER_CLEAR and self.wording_mentions(rest, number)):
            return None  # the number's own fits nearly as well, or its wording has the words (unless far worse)
        return Move("misnumbered", described, entries=(number,))

    def asks_all_principles(self, text: str) -> bool:
        """ "remind me what the shared principles are again?": all of them, with nothing said of which, whatever
        the sentences before it say ("someone mentioned 'citizen empowerment'. what are the principles?")."""
        # (after who is asking: "I'm clerk to a parish council. What are the shared principles?")
        # (or asked first, then why: "what are the seven principles? our CEO keeps going on about them but honestly…")
        parts = sentences(text) or [text]
        asked_first = [p for p in parts[:1] if p.rstrip().endswith("?")]
        return any(
            re.search(r"\bprinciples\b", asked, re.I) and set(self.matcher.analyzer.keys(asked)) <= ALL_PRINCIPLES_WORDS
            for asked in dict.fromkeys((unscened(text), parts[-1], *asked_first))
        )

    def principles_behind(self, text: str, last: str | None) -> tuple[str, ...]:
        """ "which principle does that come from?" after a commitment: the principles it puts into practice."""
        c = self.knowledge.commitments.get(str(last))
        if c is None or len(text.split()) > SHORT_WORDS or not A_THING_POINTED.search(text) or TWO.search(text):
            return ()
        return () if self.principle_in(text) else c.principles  # (not "forget that. what does the diversity principle say?")

    def principles_meant(self, text: str) -> tuple[str, ...]:
        """The principle or two a question describes ("which two principles cover…"), best first."""
        if not TWO.search(text):
            return self.best_principles(text, 1)
        # "volunteers never get thanks, and the council ignored what passengers wanted": one principle a clause
        by_clause = [self.best_principles(c, 1) for c in re.split(r",? and |, but |; ", text) if len(c.split()) >= CLAUSE_WORDS]
        found = tuple(dict.fromkeys(p[0] for p in by_clause if p))
        return found[:2] if len(found) >= 2 else self.best_principles(text, 2)

    def best_principles(self, text: str, n: int) -> tuple[str, ...]:
        return tuple(m.entry_id for m in self.matcher.rank(text, limit=60) if m.kind == "principle")[:n]

    def _detail(self, text: str, alone: Decision, last: str, intent: str | None, confidence: float) -> Move:
        """A message that leans on context, answered from the last entry's neighbourhood unless it
        is clearly about something else on its own, or names a subject next to the Compact (TUPE, VAT…)."""
        if alone.neighbour is not None:
            return Move("new", decision=alone)
        top = alone.matches[0] if alone.kind == "answer" else None
        # another topic may be meant, even one leading a list ("who's signed up to it then?" after what it is)
        lead = alone.matches[0] if alone.kind == "clarify" else top
        # (a topic the words do not explain at all is no surer than a commitment: "what would they actually do for us?"
        # after the route is about the critical friend, not how the Compact helps)
        unsure = lead is None or (lead.learnt < SURE_LEARNT and (lead.kind != "topic" or lead.lexical == 0))
        if WHOLE_THING.search(text):  # "when did it all start?" after the draft's status: the Compact's history
            _, whole = self.decided(WHOLE_THING.sub("the compact", text), intent, confidence)
            if whole.kind == "answer" and whole.matches[0].kind == "topic" and whole.matches[0].entry_id != last:
                return Move("new", decision=whole)
        # (after the action plan, "what will it cover?" is about the plan, whatever topic the words fit)
        topic = self.knowledge.topics.get(str(last))
        if topic and not topic.own_thing and IT_ASKED_OF.search(text) and not COMPACT_NAMED.search(text):
            # after a topic on the Compact as a whole (its themes, what it is), "it" is the Compact: "what does it ask of
            # councils on equality?" asks for a commitment
            _, of_the_compact = self.decided(IT_SAID.sub("the compact", text), intent, confidence)
            if of_the_compact.kind == "answer" and of_the_compact.matches[0].kind == "commitment":
                return Move("new", decision=of_the_compact)
        its = topic is not None and topic.own_thing and IT_POINTED.search(text) and not COMPACT_NAMED.search(text)
        if topic and len(text.split()) <= SILENT_WORDS and (unsure or its):
            return Move("followup", last)  # "when was that last updated?" after the history: the answer holds it
        another_topic = lead is not None and lead.kind == "topic" and lead.entry_id != last
        if last in self.knowledge.topics and THE_DOCUMENT.search(text) and self.topic_mentions(text, last) and not another_topic:
            return Move("followup", last)  # "how long is it out for consultation?" after its status: the answer says
        if ANOTHER_KIND.match(text) and last in self.knowledge.commitments:
            return Move("followup", last)  # "and for contracts?" after paying grants in advance: the same duty, asked of them
        near = self.neighbours(last)
        ranked = self.matcher.rank(text, limit=40)
        sector = self._sector_meant(text, last)
        same = 0.0 if ANYTHING_ON.match(text) else SAME_BONUS  # "anything about reviews?" asks past the last answer
        boosted = sorted((self._boost(m, near, last, sector, same) for m in ranked), key=lambda m: (-m.score, m.entry_id))
        # sure of another answer, unless only a detail of "it" is asked ("does it say how long?")
        # "does a phone call count?" after a duty to give notice in writing: how it must be given, whatever the words fit
        either_way = bool(EITHER_WAY.match(text))  # ("does it have to be a letter or would a phone call do?", however long)
        how_given = (len(text.split()) <= IT_WORDS or either_way) and self.asks_a_detail_of(text, str(last), only="writing")
        # ("do we need to justify going for that rather than a grant?" after 6.1: its rationale, of "that", in its words)
        pointed = THING_POINTED.search(text) is not None and self.asks_a_detail_of(text, str(last))
        pointed = pointed and self.wording_mentions(text, last)
        asks_of_it = (
            any(
                p.match(text)
                for p in (A_DETAIL_OF_IT, ITS_FIGURE_ASKED, ITS_TIME_ASKED, EXCEPTIONS_ASKED, BARE_DETAIL, BOUND_TO_IT)
            )
            or how_given
            or pointed
        )
        # ("do they have to explain how the bids get scored?" after 7.6's smaller lots: 7.5's scoring, a detail asked in
        # words that the selector is sure of elsewhere and the last one's wording lacks)
        plainly_elsewhere = (
            top is not None
            and top.learnt >= SURE_ELSEWHERE
            and bool(A_DETAIL_OF_IT.match(text))
            and not THING_POINTED.search(text)
            and len(self.words_beyond(text, last)) >= 2
        )
        elsewhere = (
            top is not None and top.entry_id != last and top.learnt >= SURE_LEARNT and (not asks_of_it or plainly_elsewhere)
        )
        # "how much notice exactly?", "why does it want the notice?" after 3.2 (notice of consultations): more on the
        # last one's own words, asked of it
        of_it = (EXACTLY.search(text) or IT_ASKED.search(text)) and len(text.split()) <= IT_WORDS
        own_words = bool(of_it) and self.only_its_words(text, last)
        elsewhere = elsewhere and not own_words
        if self.asks_a_detail_of(text, last) and not elsewhere:
            # "how early do we need to tell them they've got it?" after 9.1's three years: the figure of the neighbour
            # whose words it uses (9.2, telling them), when it uses none of the last one's
            fitter = self.figure_of_a_neighbour(text, last, near, ranked)
            if fitter:
                return Move("followup", fitter.entry_id, Decision("answer", (fitter,)))
            # "can they do that by email?" after 13.2 (notice in writing): what its wording says of it, not the answer again
            said = (len(text.split()) <= SILENT_WORDS or either_way) and self.asks_a_detail_of(text, last, only="writing")
            return Move("followup", last, entries=("writing",) if said else ())
        if own_words and not self.asks_a_detail_of(text, last) and self.silent_on(text, last) is None:
            return Move("followup", last)  # its wording answers "why does it want the notice?"
        if SCOPE_ONLY.match(text) and not elsewhere:
            # "only for things that hit them directly?": how far the last duty reaches; "even for small ones?" where its
            # wording sets no size: the draft is silent on it
            silent = self.silent_on(text, last)
            return Move("silent", last, entries=(silent,)) if silent else Move("followup", last)
        if ONLY_A_DETAIL.match(text) and self.wording_mentions(text, last, explained=True, parties=bool(INCLUDES.match(text))):
            # "is that just grants or contracts too?" after a duty whose wording names grants; but "should it be based on
            # evidence?" after 5.3 (planning based on consultation) asks what the best match, its neighbour 5.1, says
            beside = self.neighbour_saying_the_rest(text, last, near, ranked)
            return Move("followup", beside.entry_id, Decision("answer", (beside,))) if beside else Move("followup", last)
        in_context = decide(boosted, "ask_compact", 1.0)
        candidates = (
            in_context.matches[:1] if in_context.kind == "answer" else in_context.matches if in_context.kind == "tie" else ()
        )
        chosen = next((m for m in candidates if m.entry_id in near), None)  # a tie in context goes to the neighbourhood
        silent = None if elsewhere else self.silent_on(text, last)
        # "does it have to be in writing?" after a duty that does not say, unless a neighbour in context does
        if silent and not (chosen and chosen.entry_id != last and self.asks_a_detail_of(text, chosen.entry_id)):
            return Move("silent", last, entries=(silent,))
        nearest = max((m.score for m in ranked if m.entry_id in near), default=-math.inf)
        # a neighbour whose words fit the follow-up nearly as well keeps it here ("anything about evidence?" after
        # planning well ahead: 5.1, planning on evidence, not 4.5, the evidence a group presents)
        rival = max((m.lexical for m in ranked if m.entry_id in near), default=0.0)
        fits_here = lead is not None and lead.lexical >= FITTING_LEXICAL and rival >= NEAR_LEXICAL_SHARE * lead.lexical
        # a neighbour the selector is as sure of keeps it here ("they want us in a review of the programme, do we have
        # to?" after planning for the end of funding: 17.2, its section's reviews, not 14.1's users in reviews)
        best = top.score if top else -math.inf
        sure_here = next(
            (m for m in ranked if m.entry_id in near and m.learnt >= SURE_LEARNT and best - m.score < NEW_TOPIC_GAP), None
        )
        elsewhere_sure = top is not None and top.learnt >= 0.0 and sure_here is None
        if top and top.entry_id not in near and (elsewhere_sure or (top.score - nearest >= NEW_TOPIC_GAP and not fits_here)):
            return self._new(text, alone, clear_commitment(alone), intent, confidence)  # clearly about something else
        if chosen is None and sure_here is not None and top is not None and top.entry_id not in near:
            chosen = sure_here
        if chosen is None and fits_here:
            chosen = next((m for m in boosted if m.entry_id in near), None)
        if chosen is not None and self.unrelated(text, alone, chosen):  # "what's the weather like in Derby today?"
            chosen = None
        if chosen is not None and chosen.entry_id == self.knowledge.fallback(last):  # "we can only manage six weeks"
            return Move("floor", last, entries=(chosen.entry_id,))
        if chosen is not None:
            close = self.close_to(chosen, boosted, last)
            return Move("followup", chosen.entry_id, Decision("answer", (chosen,), alternatives=close))
        return self._new(text, alone, clear_commitment(alone), intent, confidence)

    def neighbour_saying_the_rest(self, text: str, last: str, near: set[str], ranked: list[Match]) -> Match | None:
        """The best match for a follow-up, when it is a neighbour of the last entry that explains more of
        the follow-up's words (with its terms: "evidence" is 5.1's) than the last one does, and the
        follow-up uses a word the last one's wording does not ("when should that be agreed?" after
        10.4's agreeing how under-spend is managed stays with it)."""
        best = next((m for m in ranked if m.kind == "commitment"), None)
        if best is None or best.entry_id == last or best.entry_id not in near or self.only_its_words(text, last):
            return None
        its = next((m.lexical for m in ranked if m.entry_id == last), 0.0)
        return best if best.lexical > its else None

    @staticmethod
    def close_to(chosen: Match, boosted: list[Match], last: str) -> tuple[str, ...]:
        """The commitments that came as close to a follow-up, read in context, as an answer's runners-up do
        to a question alone: named under it (not the last answer, which the reader has just seen)."""
        score = next((m.score for m in boosted if m.entry_id == chosen.entry_id), chosen.score)
        close = (m.entry_id for m in boosted if m.kind == "commitment" and score - m.score <= ALTERNATIVE_GAP)
        return tuple(i for i in close if i not in (chosen.entry_id, last))[:MAX_CLOSE]

    @staticmethod
    def unrelated(text: str, alone: Decision, chosen: Match) -> bool:
        """A short message that is outside the Compact on its own, points back at nothing, and uses no
        word of the entry context would pick ("what time does the council office open?" after an
        answer): outside, whatever came before."""
        opens_on_it = re.match(r"(?:and|but|so|also|or|then|what about|how about|what if|if)\b", text.strip(), re.I)
        return alone.kind == "out_of_scope" and chosen.lexical < KEPT_LEXICAL and not (POINTS_BACK.search(text) or opens_on_it)

    def picks_a_button(self, text: str, context: Context) -> bool:
        """Is this only a place in the buttons under a commitment's answer ("the second one", "2", "what does
        the 2nd one say?"), naming nothing more? ("probably the second one, the scoring up front" tells which of
        its own two points; "and the last one?" after a principle is the last principle; "go back to the
        first one" is an earlier answer.)"""
        if not context.buttons or context.entry not in self.knowledge.commitments or PRINCIPLE_NAMED.search(text):
            return False
        if choice(text, len(context.buttons)) is None or self.back_to_an_answer(text, context) is not None:
            return False
        if (bare := CHOICE.match(t := " ".join(text.lower().split()))) is not None:
            return bare["which"] != "one" and not CONFIRM.match(t)  # ("yes that's the one": the answer, agreed)
        return not set(self.matcher.analyzer.keys(NTH.sub("it", text))) - ASKING_KEYS - POINTING_KEYS

    def asked_of_the_one_picked(self, text: str, picked: str, context: Context, intent: str | None, confidence: float) -> Move:
        """One of a list, picked by its place; with a question naming more ("and volunteer travel expenses - does
        that come under the first one?"), that question asked of it, when it is a follow-up of it."""
        rest = NTH.sub("it", text)
        named = set(self.matcher.analyzer.keys(rest)) - ASKING_KEYS - POINTING_KEYS
        if rest != text and named and is_question(text):
            asked = self.read(rest, Context(entry=picked, commitment=picked, history=context.history), intent, confidence)
            if asked.kind in ("followup", "silent", "other_side", "floor"):
                return asked
        return Move("chosen", picked)

    def compared_in_words(self, text: str, intent: str | None, confidence: float) -> tuple[str, ...]:
        """The two commitments a comparison describes in words ("the difference between the full cost
        recovery bit and the start up costs bit"), each half clear on its own; none otherwise."""
        m = COMPARED_IN_WORDS.search(text)
        if m is None:
            return ()
        halves = [h for h in m.group("a", "b", "c", "d") if h]
        found = tuple(dict.fromkeys(clear_commitment(self.decided(h, intent, confidence)[1]) or "" for h in halves))
        return found if len(found) == 2 and "" not in found else ()

    def sharing_a_figure(self, text: str) -> tuple[str, ...]:
        """The commitments that set the one length a question names, when it asks about several ("two different
        'three months' rules", "which commitments say 12 weeks?"); none when fewer than two set it."""
        lengths = lengths_named(text) if FIGURE_SHARED.search(text) and not describes_event(text) else []
        if len(set(lengths)) != 1:
            return ()
        found = tuple(c.id for c in self.knowledge.commitments.values() if any(f.length == lengths[0] for f in c.facts))
        return found if len(found) >= 2 else ()

    def figure_of_a_neighbour(self, text: str, last: str, near: set[str], ranked: list[Match]) -> Match | None:
        """A neighbour whose words a follow-up asking only for a figure uses, when it uses none of the last one's."""
        if self.asks_a_detail_of(text, last, besides="figure"):
            return None
        if any(m.entry_id == last and m.lexical > 0 for m in ranked):
            return None
        return next((m for m in ranked if m.entry_id in near - {last} and m.lexical >= FITTING_LEXICAL), None)

    def asks_a_detail_of(self, text: str, entry_id: str, besides: str | None = None, only: str | None = None) -> bool:
        """Does a follow-up ask about a detail (reasons, writing; ``only`` that one) that the entry's own wording covers?"""
        c = self.knowledge.commitments.get(entry_id)
        named = DETAILS.items() if only is None else [(only, DETAILS[only])]
        return c is not None and any(q.search(text) and w.search(c.text) for name, (q, w) in named if name != besides)

    def wording_mentions(self, text: str, entry_id: str, explained: bool = False, parties: bool = False) -> bool:
        """Does the entry's wording (``explained``: or its plain-English summary, which says what the
        wording's terms take in: "financial agreements, such as a grant agreement or contract") use a
        word of the text's, other than the sectors' names (``parties``: those too, "does that include
        trustees?")?"""
        c = self.knowledge.commitments.get(entry_id)
        if c is None:
            return False
        keys = self.matcher.analyzer.keys
        said = self.wording_keys(entry_id) | (set(keys(c.summary)) if explained else set())
        return bool(set(keys(text)) & said - (set() if parties else self.sector_keys))

    def wording_keys(self, entry_id: str) -> frozenset[str]:
        """The analyzer's keys of a commitment's own wording (none for anything else), worked out once per commitment."""
        if entry_id not in self._wording_keys:
            c = self.knowledge.commitments.get(entry_id)
            if c is None:
                return frozenset()
            self._wording_keys[entry_id] = frozenset(self.matcher.analyzer.keys(c.text))
        return self._wording_keys[entry_id]

    def quoted_commitment(self, text: str) -> str | None:
        """The one commitment whose wording holds every word of a passage the text quotes, if just one does."""
        for m in QUOTED_PASSAGE.finditer(text):
            keys = set(self.matcher.analyzer.keys(m[1]))
            holding = [i for i in self.knowledge.commitments if keys <= self.wording_keys(i)] if len(keys) >= QUOTED_KEYS else []
            if len(holding) == 1:
                return holding[0]
        return None

    def quotes_its_wording(self, text: str, entry_id: str) -> bool:
        """Does the text put words of the commitment's own wording in quotes ("only has to 'advocate' for it?")?"""
        quoted = [set(self.matcher.analyzer.keys(m[1])) for m in QUOTED_WORDS.finditer(text)]
        return any(q and q <= self.wording_keys(entry_id) for q in quoted)

    def words_beyond(self, text: str, entry_id: str) -> set[str]:
        """The words a question names (not its asking words, nor a detail it asks: "in writing", "explain")
        that the entry's wording does not use."""
        own = self.wording_keys(entry_id)
        bare = text
        for asked, _ in DETAILS.values():
            bare = asked.sub(" ", bare)
        return set(self.matcher.analyzer.keys(bare)) - ASKING_KEYS - own

    def only_its_words(self, text: str, entry_id: str) -> bool:
        """Does a short follow-up name nothing but words of the entry's wording ("how much notice exactly?"
        after 3.2), not a new subject too ("what's full cost recovery mean exactly?" after 8.2)?"""
        named = set(self.matcher.analyzer.keys(text)) - ASKING_KEYS
        return bool(named) and named <= self.wording_keys(entry_id)

    def topic_mentions(self, text: str, topic_id: str) -> bool:
        """Does the topic's answer use a word of the text's, other than the sectors' names?"""
        keys = self.matcher.analyzer.keys
        return bool(set(keys(text)) & set(keys(self.knowledge.topics[topic_id].answer)) - self.sector_keys)

    def silent_on(self, text: str, entry_id: str, any_length: bool = False) -> str | None:
        """The detail a short follow-up asks about that the entry's wording does not cover ("does it
        have to be in writing?" after a duty that does not say): the draft is silent on it. ``any_length``:
        the text is known to ask only that, however long."""
        c = self.knowledge.commitments.get(entry_id)
        if c is None or (len(text.split()) > SILENT_WORDS and not any_length and not ITS_FIGURE_ASKED.match(text)):
            if c is None or not details_only(text):
                return None
        asked = [(name, w) for name, (q, w) in DETAILS.items() if q.search(text)]
        if asked:
            return next((name for name, w in asked if name not in NOT_SAID_SILENT and not w.search(c.text)), None)
        # "does it say the lead has to be a charity?": whether its wording says something it names nothing of
        does = DOES_IT_SAY.match(text)
        keys = set(self.matcher.analyzer.keys(does["what"])) - ASKING_KEYS - POINTING_KEYS if does else set()

        def says(other: str) -> bool:
            o = self.knowledge.commitments[other]
            return bool(keys & set(self.matcher.analyzer.keys(f"{o.text} {o.summary}")))

        # (a neighbour saying it is the answer: "does it say anything about volunteers?" after 8.1 is 8.2's)
        return "said" if keys and not any(map(says, self.neighbours(entry_id))) else None

    def _new(
        self, text: str, alone: Decision, clear: str | None, intent: str | None, confidence: float, about_a_dispute: bool = False
    ) -> Move:
        """A new question, or a complaint: something that went wrong, told as it happened, that a
        commitment clearly covers (answered with the commitment and an offer of next steps). A
        story is also read for what happened in it (compact/story.py). ``about_a_dispute``: the
        conversation is already about one (next steps were just offered), so a new account of it
        is taken as such even when it would not pass as a Compact question on its own. A story of
        one of the sectors' dealings (funding, consultation…) that no commitment fits clearly
        starts the triage, which offers the likeliest."""
        named = self.triage.periods_named(text)  # the dates of a period and what it was ("consultation … 1 Feb … 1 March")
        # VAT, charity registration…: said to be outside, with where to ask (not a story giving the dates of a period a
        # commitment measures, whatever else it names: "told on 28 March the grant starting 1 April was approved. We'd
        # already issued redundancy notices")
        if alone.neighbour is not None and not named:
            return Move("new", decision=alone)
        # "an officer has hinted our grant might not be renewed because we campaigned. Can they do that?": the other side's
        # act, answered by a principle that one commitment puts into practice (Independence: 3.1), whose next steps follow
        practised = self.practised_by_one(alone)
        if practised and describes_event(text) and self.triage.breacher(text) == self.knowledge.commitments[practised].sector:
            return Move("complaint", practised, alone)
        in_vain = raised_in_vain(text)
        asks_in_general = (  # a question, not an account: no objection, no third party's act, not raised with them already
            (
                "?" in text
                or bool(FRAMED_QUESTION.match(HERE_LEAD.sub("", text, count=1)))
                or asks_our_part(text)
                or asks_of_a_time(text)
            )
            and alone.kind != "out_of_scope"
            and not EVALUATIVE.search(text)
            # (not "… get if the council decides to stop it?", nor "…notice to a charity before ending their contract?")
            and not THIRD_PARTY_EVENT.search(what_happened_in_a_question(text))
            and not in_vain
            and not asks_if_a_breach(text)  # "… it hadn't asked any of them. Has it broken the compact?": told, then asked
        )
        # (a statement giving the dates of a period a commitment measures is an account, whoever it names: "the county
        # launched a consultation on 1 June and it closes 15 July")
        dated = "?" not in text and bool(named)
        # ("They want quarterly reports, case studies… I think it's gone too far": a demand judged, an account too)
        if not (describes_event(text) or in_vain or dated or JUDGED.search(text)) or (asks_in_general and not about_a_dispute):
            return Move("new", decision=alone)
        # What happened in the story, without its scene-setting and dates. A story with dates or a
        # length is about timing (notice, consultation, decisions): NLU's "off-topic" is not trusted then.
        timed = has_period(text)
        story = decide(self.matcher.rank(focus(text)), "ask_compact" if timed else intent, 1.0 if timed else confidence)
        told = (
            story.kind in ("answer", "tie", "clarify")
            and story.matches[0].kind == "commitment"
            and story.matches[0].score >= STORY_FLOOR
        )
        in_scope = clear is not None or alone.kind in ("clarify", "tie") or about_a_dispute or told
        in_scope = in_scope or bool(named) or self.tells_of_a_dealing(text)
        if not in_scope:
            return Move("new", decision=alone)
        asked = self.matcher.sector_of(text)  # whose duty it asks about, when it says ("what are we meant to do?")
        own = self.knowledge.commitments[clear].sector if clear is not None else None
        sure = clear is not None and alone.matches[0].learnt >= SURE_LEARNT  # clear by itself
        said = side_said(text)
        # the other side did something: a third party's act in the story, or (unless the answer is sure) the user's side said
        acted = (THIRD_PARTY_EVENT.search(text) or (said and not sure)) and self.triage.breacher(text)
        # the commitment binds the user's side: said so, or (when the answer is not sure) the other side failed "us",
        # or the story is all about another party
        mine = said == own or (
            said is None
            and alone.matches[0].learnt < SURE_OWN
            # a failing, or a story all of another party, or of what they did to the user's funding ("rang to say our
            # funding ends"), the user acting in it nowhere
            and (OMITTED.search(text) or not FIRST_PERSON.search(text) or (OUR_FUNDING.search(text) and not WE_ACT.search(text)))
        )
        # ("we gave the council our survey results, marked confidential, and they've put them in a public report": what
        # the other side did with what the user's side gave, not the user's side's duty)
        mine = mine or (said is None and bool(acted) and bool(GIVEN_THEN_MISUSED.search(text)))
        if said is not None and said == own and not (THIRD_PARTY_EVENT.search(text) or has_period(text)) and ends_asking(text):
            # the asker's own side's duty, asked about at the end ("our funding decisions wont be out till march and the
            # projects start in april, is that a problem"): nothing done to them to take further (a period told, "we
            # only gave four weeks…", is measured below)
            return Move("new", decision=alone)
        if own and acted and own != acted and mine and asked != own:
            clear, sure = None, False  # the user's own side's duty, in a story of what the other side did: the triage asks
            named = set()  # and a period the user's side gave ("we gave them notice on 1 May") is not what went wrong
        if named and clear not in named:
            if self.failing_told(text, clear):  # a sentence without the dates tells the failing: "No one asked about…"
                return Move("complaint", clear, alone)
            timed_duty = self.first_ranked(text, named)
            if timed_duty:
                return Move("complaint", timed_duty, alone)
        # "a consultation … only open for four weeks. no reason given": the length of the one period the story names,
        # not the duty of another period its other words fit (13.2's notice, for "no reason given")
        lengthened = set() if named or clear is None else self.triage.length_named(text)
        if lengthened and clear not in lengthened and self.triage.measure(clear) is not None:
            timed_duty = self.first_ranked(text, lengthened)
            if timed_duty:
                return Move("complaint", timed_duty, alone)
        timely = clear is not None and TIME_WORDED.search(self.knowledge.commitments[clear].text)
        timed_story = gives_a_period(text) or gives_a_length(text)
        if not named and clear is not None and self.triage.measure(clear) is None and timed_story and not timely:
            # two dates, or a length, and an untimed answer ("told on 3rd June it stops on the 17th. we're a tiny club",
            # "they told us the grant ends in a fortnight"): the triage's ranking, which counts the dates or the length
            # of a period the story names, decides when it puts a timed duty first
            best = self.triage.ranked(text)[:1]
            if best and self.triage.measure(best[0][0].id):
                return Move("complaint", best[0][0].id, alone)
        if sure or (clear is not None and asked):  # clear by itself, or says whose duty it asks about
            return Move("complaint", clear, alone)
        pick = self.triage.clear_choice(text)  # from the side that acted, with the story's dates counted
        if pick is not None or clear is not None:
            return Move("complaint", pick.id if pick else clear, alone)
        # "they're also campaigning against our parking policy. can we make the grant conditional on them stopping?":
        # what the asker may do, asked after what happened, is answered when the message's words find an entry
        parts = sentences(text)
        # (not "Can I use the compact here?", "can we escalate?": the dispute itself)
        may_we = MAY_WE.match(parts[-1]) and not (COMPACT_NAMED.search(parts[-1]) or ROUTE_ASKED.search(parts[-1]))
        if len(parts) > 1 and may_we and alone.kind == "answer" and alone.matches[0].kind != "topic":
            return Move("new", decision=alone)
        return Move("start", None, alone)  # something went wrong, but which commitment is open: the triage asks

    def names_the_floor(self, text: str, floor: str) -> bool:
        """Does a short follow-up name the floor's own figure ("done in 8", "eight weeks ok?"), without another length?"""
        amounts = {f.length.amount for f in self.knowledge.commitments[floor].facts if isinstance(f, Duration) and f.minimum}
        said = {int(n) for n in re.findall(r"\b(\d{1,2})\b", text)}
        said |= {a for a in amounts if re.search(rf"\b{spelt(a)}\b", text, re.I)}
        return len(text.split()) <= SHORT_WORDS and bool(said) and said <= amounts

    def floor_for(self, entry_id: str) -> tuple[str, str] | None:
        """The duty with a floor for when its figure cannot be met, and that floor: the entry's own (3.6's 12 weeks, 4.8's
        eight), else that of the period its section measures ("and if it's shorter than 12?" after 3.2, whose answer
        gave 3.6's figure as the one its section sets)."""
        duty = entry_id if self.knowledge.fallback(entry_id) else self.timed_beside(entry_id)
        floor = self.knowledge.fallback(duty) if duty else None
        return (duty, floor) if duty and floor else None

    def timed_beside(self, entry_id: str) -> str | None:
        """The commitment measuring a period in the same section as one that measures none (its related ones first)."""
        c = self.knowledge.commitments[entry_id]
        if self.triage.measure(entry_id) is not None:
            return None
        section = [o.id for o in self.knowledge.commitments.values() if o.section == c.section]
        return next((i for i in dict.fromkeys([*c.related, *section]) if i in section and self.triage.measure(i)), None)

    def practised_by_one(self, decision: Decision) -> str | None:
        """The commitment putting into practice the principle a decision answers with, when only one does."""
        answer = decision.matches[0] if decision.kind == "answer" else None
        practising = self.knowledge.practising(answer.entry_id) if answer and answer.kind == "principle" else []
        return practising[0].id if len(practising) == 1 else None

    def first_ranked(self, story: str, among: set[str]) -> str | None:
        """The first of ``among`` in the triage's ranking of a story, which counts its dates and lengths."""
        return next((c.id for c, _ in self.triage.ranked(story) if c.id in among), None)

    @staticmethod
    def asks_a_duty_ahead(text: str) -> bool:
        """Does a message tell what a party is doing or means to do, and ask what it should do (not what it
        should have done)?"""
        parts = sentences(text)
        scene = " ".join(parts[:-1]) or text
        return bool(parts) and bool(THEIR_DUTY_ASKED.search(parts[-1])) and bool(UNDER_WAY.search(scene))

    def failing_told(self, text: str, commitment: str | None) -> bool:
        """Does a sentence of the account, without dates or a length, tell of a failing that ``commitment``
        answers on its own ("Nobody ever sat down with us to agree an improvement plan")?"""
        told = (s for s in sentences(text) if OMITTED.search(s) and not has_period(s))
        return commitment is not None and any(clear_commitment(self.decided(s, None, 0.0)[1]) == commitment for s in told)

    def back_to_an_answer(self, text: str, context: Context) -> tuple[str, int] | None:
        """The earlier answer "go back to the previous one" or "back to the budget breakdown one" returns to (not a
        step of a triage), and where the words pointing to it end."""
        if len(context.history) < 2:
            return None
        if placed := BACK_TO_EARLIER.search(text):
            return context.answered_before(placed["which"] or placed["right"]), placed.end()
        described = BACK_TO_DESCRIBED.search(text)
        if described is None:
            return None
        words = set(self.matcher.analyzer.keys(described["what"])) - POINTING_KEYS
        shared = sorted(((len(words & self.wording_keys(e)), e) for e in set(context.history[:-1])), reverse=True)
        best = [e for n, e in shared if n and n == shared[0][0]]
        return (best[0], described.end()) if len(best) == 1 else None

    def bound_of(self, text: str, listed: tuple[str, ...]) -> str | None:
        """The one of ``listed`` binding the side a "which one…" question names ("which is on us? we're a
        charity", "which applies to the council?"), when exactly one does; when none does, that side's
        counterpart of the first."""
        side = side_said(text) or self.matcher.sector_of(text) or self._named_sector(text)
        bound = [c for c in listed if self.knowledge.commitments[c].sector == side]
        if side and not bound:  # "which is for us? we're a charity" after two of the council's: ours, if the document pairs one
            return self.counterpart_on(listed[0], side)
        return bound[0] if side and len(bound) == 1 else None

    def _sector_meant(self, text: str, last: str) -> str | None:
        """Whose duty a follow-up asks about: "do they have to…" means the party of the last answer;
        "do we…" or "should the council…" say it themselves."""
        c = self.knowledge.commitments.get(last)
        if c is not None and THEY_MUST.search(text):
            return c.sector
        return self.matcher.sector_of(text)

    def _boost(self, m: Match, near: set[str], last: str, sector: str | None, same: float) -> Match:
        bonus = 0.0
        if m.entry_id in near:
            bonus += NEAR_BONUS + (same if m.entry_id == last else 0.0)
        c = self.knowledge.commitments.get(m.entry_id)
        if sector and c is not None:
            bonus += SIDE_BONUS if c.sector == sector else -SIDE_BONUS
        return replace(m, score=round(m.score + bonus, 4), learnt=round(m.learnt + bonus, 4)) if bonus else m


def paired_instead(decision: Decision, first: str, pair: Match) -> Decision:
    """The answer ``pair`` (the document's other-side pair of ``first``) in place of ``first``, which is offered under it."""
    return Decision("answer", (pair,), alternatives=(first, *(a for a in decision.alternatives if a != pair.entry_id)))
