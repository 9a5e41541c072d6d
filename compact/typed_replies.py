"""Reading the short replies people type instead of pressing a button: which of the offered
commitments, "yes that's it", which side they are on, what they have tried, a request for the
message to send, "that's not really the problem". Plain functions of the text; the breach triage
(compact/triage.py) decides which of them a reply at each step can mean.
"""

from __future__ import annotations

import re

from compact.text import expand_text_speak, plain, sentences
from compact.turn_memo import kept_per_turn

ORDINALS = {
    "first": 0,
    "1st": 0,
    "one": 0,
    "1": 0,
    "top": 0,
    "second": 1,
    "2nd": 1,
    "two": 1,
    "2": 1,
    "third": 2,
    "3rd": 2,
    "three": 2,
    "3": 2,
    "fourth": 3,
    "4th": 3,
    "fifth": 4,
    "5th": 4,
    "sixth": 5,
    "6th": 5,
    "seventh": 6,
    "7th": 6,
}
# A place in a list, as people name it (compact/context.py's principle by place names the same places)
PLACES = r"first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|seventh|7th|last"
# "what does the second one mean?", "tell me about the 3rd principle": a short question about one item of a list
NTH = re.compile(
    rf"\bthe (?P<which>{PLACES}) "
    r"(?:one|principle|commitment|option)\b",
    re.I,
)
NTH_WORDS = 12  # "go back to the second one you listed, what does it mean"
CHOICE = re.compile(
    r"^(?:(?:it'?s|its|i think|probably|prob|maybe|the|that'?s|thats|definitely|def|yes|yeah|yep|ok)\W+)*"
    r"(?:the\s+|number\s+|no\.?\s*|option\s+)?(?P<which>first|1st|second|2nd|third|3rd|top|last|one|two|three|[123])"
    r"(?:\s+(?:one|option|choice|1))?(?:\s+(?:i think|please|probably))?\W*$",
    re.I,
)
CONFIRM = re.compile(
    r"^(?:yes|yeah|yep|yh|ye|yup|correct|right|exactly|spot on|sounds right|that'?s right|thats right|that'?s it|thats it|"
    r"that'?s the one|thats the one|that one|this one|the one you said|the one you suggested|it is|yes it is)\b"
    r"(?:\W+(?:that'?s?|thats|this|it|the one|one|right|it is|correct|please|exactly|is it|sounds right|that one|the one))*\W*$",
    re.I,
)
MENTIONS_CHOICE = re.compile(
    r"\b(?:that one|this one|the one|that'?s it|thats it|that'?s the one|sounds right|correct|spot on|"
    r"that'?s right|thats right|right one|exactly|the (?!only\b)(?:[\w'-]+ ){1,3}one)\b(?! of\b)",  # "the timely payment one"
    re.I,
)
# Participles that say how things should be, not what happened ("are we expected to…").
STATIVE = frozenset(
    {
        "expected",
        "supposed",
        "allowed",
        "required",
        "needed",
        "obliged",
        "involved",
        "consulted",
        "concerned",
        "interested",
        "based",
        "funded",
        "registered",
        "called",
        "named",
        "related",
        "associated",
        "qualified",
        "entitled",
        "recognised",
        "recognized",
        "committed",
        "used",
        "asked",
        "covered",
        "included",
        "listed",
        "signed",
        "agreed",
        "intended",
        "designed",
        "defined",
        "meant",
        "considered",
        "treated",
        "counted",
    }
)
# The words a question opens with: a message opening so asks rather than tells (used below twice).
_ASKING = "what|how|why|when|who|which|if|does|do|can|could|should|must|is|are|would|will"
PERSON = re.compile(
    r"\b(?:we|our|us|i|my|me|they|them|their|nobody|no one|noone|someone|each (?:one|of them)|both of them|all of them|"
    r"everyone|everybody|the (?:[\w-]+\s+){0,2}?(?:council|funder|ccg|icb|nhs|"  # "the district council"
    r"trust|police|pcc|charity|provider|commissioner|authority|officer|group|organisation)(?:'?s)?)\b|"
    # "told 3rd march, ends end of april", "only found out after it closed": an account with its "we" left out
    r"^(?:got |been |were |was )?told\b|^(?:only |just )?(?:found out|heard|discovered|learn[te]d?|realised|noticed)\b|"
    # "VCS provider has missed its returns": a party named at the start, saying what it did
    rf"^(?!(?:{_ASKING}|did)\b)"
    r"(?:[\w-]+\s+){0,2}(?:council|charity|provider|funder|commissioner|group|trust|body|forum|network|partnership|cvs|"
    r"organisation|ccg|icb|nhs|pcc|county|city|district|borough)s?\s+(?:(?:has|have|had)(?! to\b)|keeps|kept|did|didn'?t|"
    r"won'?t|never|just|still|put out|cut|ended|gave|issued|launched|stopp?ed|pulled|axed|scrapped|withdrew|reduced)\b|"
    # "bid rejected no feedback", "grant cut no notice": an account in note form, nobody named
    r"^(?:our |the |my )?(?:bid|grant|funding|contract|application|tender|payment|invoice)s?\s+"
    r"(?:was |were |got |been |has been )?"
    r"(?:\w{3,}ed|cut|stopped|withdrawn|axed|late|not paid)\b|"
    # "cut funding no notice", "ended our contract without warning": the same, the act first
    r"^(?:cut|ended|stopped|pulled|axed|scrapped|withdrew|reduced|slashed|dropped)\s+(?:our |the |my |all )?"
    r"(?:bid|grant|funding|contract|payment|support|service)s?\b",
    re.I,
)
EVENT = re.compile(
    r"\b(?:\w{3,}ed|cut|stopp?\w*|end(?:s|ing)?|told|gave|given|sent|paid|shut|refus\w*|won'?t|wont|didn'?t|didnt|don'?t|dont|"
    r"can'?t|cannot|wouldn'?t|isn'?t|aren'?t|not allowed|says|said|"
    r"haven'?t|havent|hasn'?t|couldn'?t|never|no longer|withdr\w*|pull\w*|lost|kept|keeps?|asked|made|took|left|ignor\w*|"
    # ("changes" after "for", "the", "proposed"… is the noun: "drafting a plan for changes to day services")
    r"(?<!\bfor )(?<!\bthe )(?<!\bof )(?<!\bany )(?<!\babout )(?<!\bproposed )(?<!\bplanned )chang\w*|"
    r"clos\w*|ran|scrap\w*|slash\w*|reduc\w*|delay\w*|late|going to|getting|got|gets|rang|rung|wrote|"
    r"finish(?:es|ing)?|runs out|terminat\w*|ceas\w*|axe[sd]?|drop\w*|put out|wants|insists|demands|went|gone wrong|came|"
    # "they've come back with proposals without involving any of their members"
    r"(?<=')ve come|(?:have|has) come|"
    # "we've had nothing for two quarters", "still waiting"
    r"had nothing|heard nothing|received nothing|still waiting|still nothing|"
    # irregular past tenses: "they struck both out", "held back the last payment", "forgot to tell us"
    r"struck|threw|thrown|knocked back|turned down|held back|withheld|forg[eo]t(?:ten)?|overlooked|fell through|"
    r"rewrote|rewritten|drew up|drawn up|brought in)\b",
    re.I,
)

# a judgement of what was done: "I think it's gone too far", "its ridiculous"
JUDGED = re.compile(
    r"\b(?:(?:gone|going|goes|go) (?:way )?too far|over the top|ridiculous|unreasonable|out of order|beyond a joke|unfair)\b",
    re.I,
)
# A question that asks whether what happened was right ("is that allowed?", "surely not?") rather
# than what the Compact says in general ("at what point do I need to…?").
EVALUATIVE = re.compile(
    r"\b(?:(?:is|was|are|were|isn'?t|wasn'?t) (?:that|this|it|they|them) (?:even |really |actually |honestly )?"
    r"(?:allowed|ok|okay|fair|right|legal|acceptable|normal|against|in breach|an? (?:compact )?(?:matter|issue|problem) for)|"
    r"(?:is|was) (?:that|this|it) an? compact (?:matter|issue|thing|problem)|"
    r"can they (?:do|just|get away)|are they allowed|is (?:that|this) (?:a breach|against)|surely|against the compact|breach\w*|"
    r"break(?:s|ing)? the compact|broke|doesn'?t the compact|isn'?t (?:that|this|there)|what can (?:we|i) do|what (?:now|next)|"
    r"can we (?:do anything|complain|challenge|raise)|what are our options|is there anything (?:we|i) can do|how is that|"
    r"(?:that|this) can'?t be right|what do (?:we|i) do|any(?:thing)? (?:we|i) can do|"
    # opening a question, "does the compact say anything about getting users' views?" asks in general
    r"(?<=.)does the compact (?:say|cover|have) anything|does the compact (?:say|cover|have) anything(?! about\b)|"
    r"does the compact cover (?:that|this|it)|is (?:that|this) covered|"
    r"is there anything in the compact|doesn'?t the compact|"
    r"(?:can|could) (?:we|i) raise (?:this|it))\b",
    re.I,
)
DOES_NOT = re.compile(r"\b(?:doesn'?t|doesnt|does not)\b")
ASKS = re.compile(rf"^(?:and |so |but )?(?:{_ASKING}|where)\b")

# Who the user is. Checked in this order: an explicit "we're a charity", then a bare name. A name
# followed by its own verb is someone else ("…with us, the commissioner has written…").
_NOT_ITS_VERB = r"(?!\s+(?:has|have|had|is|was|are|were|will|would|did|does|said|says|wrote|told|sent)\b)"
# the words between "we're" and what we are stay in one clause: "we're a charity and the council ended…" is a charity
_CLAUSE_GOES_ON = r"(?!(?:and|but|or|so|then|because|when|while|who|which|whose)\b)"
# nor is "we're a charity working with the council" the council
_NOT_A_CHARITY = r"(?!(?:charity|charities|voluntary|vcs|cic|group|club)\b)"
SIDE_SAID = {
    "vcs": re.compile(
        r"\b(?:we(?:'re| are)|(?:^|(?<=[.?!,] ))were(?= an? )|i(?:'m| am)|i work (?:for|at|in)|i'?m from|we'?re from|"
        r"i volunteer (?:for|at)|"
        r"(?:us|we),|(?:us|we|me|i) as|(?:we|i) run|(?:we|i) (?:chair|manage|coordinate|lead)(?=\s+(?:a|an|the|our)\b)|"
        r"i'?m (?:the |a |an |one of the )?(?:chair|treasurer|trustee|secretary|manager|coordinator|director)s? (?:of|at|for))\s+"
        r"(?:a |an |the |our |with a |in a |at a )?(?:" + _CLAUSE_GOES_ON + r"[\w'-]+\s+){0,3}?"
        r"(?:charity|charities|voluntary|community(?! (?:engagement|safety|development|partnerships?|relations|cohesion|"
        r"team|services))|vcs|cic|social enterprise|group|club|association|trust|"
        r"foundation|food ?bank|cvs|tenants|residents|church|mosque|temple|faith|forum|network|hospice|"
        r"befriending|provider|volunteer)" + _NOT_ITS_VERB,
        re.I,
    ),
    "statutory": re.compile(
        # "I'm contracts lead at the hospital trust": a job at a public body
        r"\bi(?:'m| am) (?:the |a |an )?(?:[\w-]+ )?(?:lead|officer|manager|commissioner|director|head|clerk) (?:at|for|in|with) "
        r"(?:the |our )?(?:[\w'-]+ ){0,2}?(?:council|nhs|ccg|icb|police|pcc|hospital|trust|authority)\b|"
        # "I chair the district council's health and wellbeing partnership"
        r"\bi (?:chair|manage|lead|run|coordinate) (?:the |our )?(?:[\w-]+ ){0,2}?(?:council|nhs|ccg|icb|police|pcc)'s\b|"
        # "I lead on the libraries consultation for the county", "I'm evaluating our pilot for the county"
        r"\bi(?:'m| am)? (?:lead|leading|work|working|evaluating|running|managing|coordinating) (?:on )?(?:[\w'-]+\s+){0,9}?"
        r"for the (?:county|city|district|borough)(?: council)?\b|"
        # "I work in adult social care at the county"
        r"\bi work in (?:[\w'-]+\s+){1,3}at the (?:county|city|district|borough|council)\b|"
        r"\b(?:we(?:'re| are)|i(?:'m| am)|i work (?:for|at|in)|i'?m from|we'?re from|as|(?:us|we),|"
        r"(?:my|our) (?:team|department|dept|service|unit|office) (?:at|in)|"
        r"i (?:manage|lead|run|coordinate|look after) (?:[\w'-]+\s+){1,4}?(?:at|for|in))\s+"
        r"(?:a |an |the |at a |at the |in the |with the )?(?:" + _CLAUSE_GOES_ON + _NOT_A_CHARITY + r"[\w'-]+\s+){0,4}?"
        r"(?:council|local authority|authority|commissioner|funder|nhs|ccg|icb|police|pcc|trust|"
        r"fire|public body|statutory|officer|grants officer|commissioning)(?:s|'s)?\b"
        r"(?!-(?:funded|commissioned|backed|supported))" + _NOT_ITS_VERB,  # not "a trustee", nor "a council-funded charity"
        re.I,
    ),
}
# "council contracts officer here", "charity trustee here": who is writing, said at the start
# (not "the council is here to help").
_NOT_A_VERB = r"(?!(?:is|are|was|were|be|been|not)\b)"
# …or a job title as the opening sentence: "City council policy officer.", "Charity trustee:"
_ROLE = (
    r"(?:officer|manager|lead|clerk|commissioner|director|worker|trustee|chair|coordinator|volunteer|treasurer|secretary|"
    r"inspector|sergeant|constable|superintendent)"
)
HERE_INTRO = {
    "vcs": re.compile(
        rf"^(?:(?:hi|hello|hiya|hey)\W+)?(?:{_NOT_A_VERB}[\w'-]+\s+){{0,3}}?(?:charity|voluntary|community|vcs|cvs|group|club|"
        rf"trustee|volunteer|cic)(?:\s+{_NOT_A_VERB}[\w'-]+){{0,2}}\s+here\b|"
        rf"^(?:(?:hi|hello|hiya|hey)\W+)?(?:[\w'-]+\s+){{0,2}}?(?:charity|voluntary|cvs|group|club)\s+"
        rf"(?:[\w'-]+\s+){{0,2}}?{_ROLE}\s*[.,:;-]|"
        # "Project officer at a small charity."
        rf"^(?:(?:hi|hello|hiya|hey)\W+)?(?:[\w'-]+\s+){{0,3}}?{_ROLE}\s+(?:at|for|in|with)\s+(?:an?\s+|the\s+|our\s+)?"
        rf"(?:[\w'-]+\s+){{0,2}}?(?:charity|voluntary|cvs|community group|group|club|cic|social enterprise)\b"
        rf"[^.?!]{{0,20}}[.,:;-]|"
        # "Trustee, small befriending charity."
        rf"^(?:(?:hi|hello|hiya|hey)\W+)?(?:[\w'-]+\s+){{0,3}}?{_ROLE}\s*,\s*(?:an?\s+|the\s+|our\s+)?(?:[\w'-]+\s+){{0,3}}?"
        rf"(?:charity|voluntary group|cvs|community group|group|club|cic|social enterprise)\s*[.:;-]"
    ),
    "statutory": re.compile(
        rf"^(?:(?:hi|hello|hiya|hey)\W+)?(?:{_NOT_A_VERB}[\w'-]+\s+){{0,3}}?(?:council|nhs|icb|ccg|police|pcc|constabulary|officer|"
        rf"commissioner|commissioning|authority|fire service|fire and rescue|inspector|sergeant|constable|pcso|"
        rf"superintendent)(?:'s)?(?:\s+{_NOT_A_VERB}[\w'-]+){{0,2}}\s+here\b|"
        rf"^(?:(?:hi|hello|hiya|hey)\W+)?(?:[\w'-]+\s+){{0,2}}?(?:council|nhs|icb|ccg|police|pcc|opcc|authority|trust|"
        rf"fire service|fire and rescue(?: service)?)\s+"
        rf"(?:[\w'-]+\s+){{0,2}}?(?:{_ROLE}|team|department|directorate|unit|office)\s*[.,:;-]|"
        # "Police inspector on the community safety partnership.", "Council officer in the housing team."
        rf"^(?:(?:hi|hello|hiya|hey)\W+)?(?:[\w'-]+\s+){{0,2}}?(?:council|nhs|icb|ccg|police|authority|fire service)\s+"
        rf"(?:[\w'-]+\s+)?{_ROLE}\s+(?:on|in|at|with|for)\s+[^.?!]{{0,50}}[.:;]|"
        # "Commissioning officer at the county.", "Public health commissioner." as the opening sentence
        rf"^(?:(?:hi|hello|hiya|hey)\W+)?(?:[\w'-]+\s+){{0,3}}?{_ROLE}\s+(?:at|for|in|with)\s+(?:the\s+)?(?:[\w'-]+\s+){{0,2}}?"
        rf"(?:council|county|city|nhs|icb|ccg|police|authority|pcc|district|borough)\b[^.?!]{{0,20}}[.,:;-]|"
        rf"^(?:(?:hi|hello|hiya|hey)\W+)?(?:[\w'-]+\s+){{0,3}}?commissioner\s*[.,:;-]|"
        # "Community safety team at the borough council." as the opening sentence
        rf"^(?:(?:hi|hello|hiya|hey)\W+)?(?:[\w'-]+\s+){{0,3}}?(?:team|department|dept|directorate|unit|office)\s+(?:at|in|of)\s+"
        rf"(?:the\s+)?(?:[\w'-]+\s+){{0,2}}?(?:council|nhs|icb|ccg|police|authority|pcc)\b[^.?!]{{0,20}}[.,:;-]|"
        # "Contracts manager, NHS.", "Community safety officer, Derbyshire Constabulary."
        rf"^(?:(?:hi|hello|hiya|hey)\W+)?(?:[\w'-]+\s+){{0,3}}?{_ROLE}\s*,\s*(?:the\s+)?(?:[\w'-]+\s+){{0,3}}?"
        rf"(?:council|nhs|icb|ccg|police|constabulary|authority|pcc|trust)(?:\s+(?:trust|service|board|team|office))?\s*[.:;-]|"
        # "At Derbyshire Fire and Rescue we're reviewing…"
        rf"^(?:at|in) (?:the )?(?:[\w'&-]+\s+){{0,3}}?(?:council|nhs|icb|ccg|police|authority|fire service|fire and rescue)"
        rf"(?: service)?,?\s+(?:we|i)\b|"
        # "From the district council." as the opening sentence
        # ("quick one from the CCG - …")
        rf"^(?:(?:hi|hello|hiya|hey)\W+)?(?:i'?m |we'?re |quick (?:one|q|question) |(?:a )?question )?from (?:the )?"
        rf"(?:[\w'-]+\s+){{0,2}}?(?:council|nhs|icb|ccg|police|"
        rf"authority|trust)\s*[.,:;-]"
    ),
}
BARE_SIDE = {
    "vcs": re.compile(
        r"^(?:a |the |we'?re a |we are a )?(?:charity|voluntary(?: sector| organisation| group)?|community group|vcs|"
        r"voluntary and community(?: sector)?|the sector|third sector|not for profit|cic)\W*$",
        re.I,
    ),
    "statutory": re.compile(
        r"^(?:a |the |we'?re the |we are the )?(?:council|local authority|statutory(?: body| sector)?|public body|"
        r"nhs|ccg|police|funder|commissioner|public sector)\W*$",
        re.I,
    ),
}

PUBLIC_BODY = re.compile(
    r"\b(?:nhs|council|ccg|icb|police|pcc|local authority|commissioner'?s? office|fire service|fire and rescue|hospital)\b"
)
# "with a peer support charity": the party on the other side of "our" contract
_WITH_A_CHARITY = (
    r"(?:with|to) (?:a|an|the|their|this|that)\s+(?:[\w'-]+\s+){0,4}?"
    r"(?:charity|charities|group|provider|cic|scheme|project|club|association|organisation|centre|center|foodbank|hub|"
    r"society|cafe|network)\b"
)
SIDE_IMPLIED = {  # the funded and the funder, as they talk about the money
    "vcs": re.compile(
        r"(?<!acknowledge )(?<!acknowledging )(?<!credit )(?<!crediting )(?<!recognise )(?<!recognising )"
        # (also named by who gives it: "our ccg funding ends on 31 july")
        r"\bour (?:(?:(?:county|city|district|borough|parish|town) )?"
        r"(?:council|ccg|nhs|lottery|police|pcc|local authority)(?:'s)? )?"
        r"(?:grant|funding|contract|core funding|sla|service level agreement|bid|tender)\b"
        r"(?!s?\s+(?:team|officers?|programmes?|schemes?|panel|budget|manager|fund|process|round|decisions))"
        r"(?!\s+" + _WITH_A_CHARITY + ")|"
        # the applicant: "We applied for a community grant and the form was forty pages"
        r"\bwe (?:applied|bid|tendered|put in (?:a |an )?(?:bid|application)) for (?:a|an|the|their|this|that)\b|"
        # the money reaching the speaker: "The money arrived at the end of September"
        r"\bthe (?:money|grant money|payment|funding) (?:only |finally |eventually )?(?:arrived|came through|landed|turned up|"
        r"reached us|hit (?:our|the) (?:account|bank))\b|"
        # a provider on the funder's list: "we're on the same framework as 2 private care companies"
        r"\bwe(?:'re| are) (?:on|in) (?:the|a|their) (?:same )?(?:[\w-]+ )?(?:framework|approved list|provider list)\b"
    ),
    "statutory": re.compile(
        r"\b(?:we|i) (?:fund|funded|grant fund|grant-fund|grant funded|grant-funded|commission|commissioned|grant-aid)\b|"
        r"\bour (?:police )?force\b|"  # "our force gives money…"
        r"\bour (?:grant|funding|commissioning) decisions\b|"  # "our funding decisions wont be out till march"
        r"\b(?:our|the) \w+ (?:gives|gave|pays|paid) (?:money|funding|a grant|grants) to\b|\bour (?:grant recipient|provider|"
        r"funded (?:groups?|charit(?:y|ies)|organisations?|providers?)|grantees?)\b|"
        r"\b(?:charity|group|provider|organisation|project) (?:that |which )?we (?:give|gave|pay|paid|award|awarded)\b|"
        r"\bi (?:manage|run|look after) grants\b|"
        # the payer: "do we have to pay grants in advance?", "can we pay the groups in arrears?" (not "pay the grant back")
        r"\b(?:we|i) (?:[\w']+ ){0,3}?pay (?:out )?(?:(?:our|the|a|any|all|small|these|those) )?(?:grants?|grantees?|"
        r"(?:charit(?:y|ies)|groups?|providers?|vcs (?:organisations?|groups?)))\b(?!\s+(?:back|off|early|for (?:the|a|our)))|"
        # the funder's credit: "they've refused to acknowledge our funding anywhere"
        r"\b(?:acknowledge|acknowledging|credit|crediting|recognise|recognising) our (?:funding|grant|support)\b|"
        r"\bwe (?:gave|sent|served|issued) (?:a|an|the|our) (?:\w+ ){0,3}(?:charity|group|provider|organisation|project) "
        r"(?:[\w']+ ){0,3}notice\b|"
        r"\b(?:won|awarded|holds?|holding|runs?|running|delivers?|delivering) our (?:contract|tender|grant)\b|"
        r"\bour (?:grant|funding|contract|sla)s?\s+" + _WITH_A_CHARITY  # "our contract with a peer support charity"
    ),
}
STEP_SORTED = re.compile(
    r"\b(?:resolved|sorted|fixed|settled|agreed to|put (?:it )?right|all good now|happy now|it worked|"
    r"they(?:'ve| have)? (?:backed down|reversed|changed (?:their|the) (?:mind|decision))|reinstated)\b",
    re.I,
)
# Their answer when it was raised, a brush-off: "told us it was none of our business", "says its not his call".
_BRUSH_OFF = (
    r"none of (?:our|your|my) (?:business|concern)|"
    r"not (?:his|her|their|my|our|the council'?s) (?:call|decision|department|problem)|"
    r"(?:come|came|comes) from (?:above|higher up|the top)|policy is policy|out of (?:his|her|their|our) hands"
)
BRUSHED_OFF = re.compile(rf"\b(?:{_BRUSH_OFF})\b", re.I)
STEP_NOT_SORTED = re.compile(
    r"\b(?:not\s+(?:\w+\s+)?(?:resolved|sorted|fixed|settled)|unresolved|isn'?t (?:resolved|sorted)|"
    r"nothing(?:'s| is| has been| was| got)? (?:resolved|sorted|fixed|settled)|no (?:reply|response|answer|luck|joy|change|"
    r"movement|progress|improvement|difference)|nothing (?:back|yet|happened|changed|came of it)|(?<=[.,;] )nothing(?=[.!]|$)|"
    r"never (?:replied|responded|heard|got back|"
    r"called back|did)|"
    r"ignored|haven'?t heard|not heard|didn'?t (?:reply|respond|answer|get back|work|help|change)|"
    r"(?:couldn'?t|could not|can'?t|cannot) (?:help|sort|fix|resolve)|won'?t|refused|"
    r"(?:got|went|gone|going|led|getting) nowhere|came to nothing|(?:still )?stuck|no good|not happy|"
    r"still (?:waiting|nothing|no|arguing|disagreeing|at loggerheads)|fobbed|(?:went|going|gone|go) (?:round|around) in circles|"
    r"brushed|dismissed|stands|decision'?s? (?:been )?made|"
    rf"{_BRUSH_OFF}|"
    # "she said the timetable was fixed": fixed as in set, not put right
    r"(?:timetable|deadline|date|dates|decision|budget|amount|closing date|timescale)s? (?:was|is|were|are|'s) "
    r"(?:fixed|final|set|set in stone|non-negotiable)|"
    r"same answer|said no|turned (?:us|it) down|wouldn'?t|but (?:they|it|nothing|no)|yes,? but|yeah,? but|yep,? but|"
    r"already (?:been )?decided|(?:a )?done deal|(?:haven'?t|hasn'?t|have not|has not|not|won'?t|wouldn'?t|didn'?t|never) "
    r"(?:budged|budge|moved|shifted|backed down|given an inch))\b",
    re.I,
)
_CONTACTED = (
    r"(?:e-?mail(?:ed|d)|wrote|written(?! (?:notice|agreement|contract|confirmation|warning|reasons?))|rang|rung|phoned|"
    r"called|spoke|spoken|talked|met|raised|complained|contacted|replied|wrote back|"
    r"had (?:a |an |one |two |several )?(?:meeting|call|chat|conversation)s?|"
    r"asked|chased|sent|told|went to|been in touch|got in touch|messaged|challenged|queried|appealed|took it up|taken it up|"
    r"brought it up|mentioned it|flagged it|wrote to|rung|fone?d|argued(?: it| our case| the point| with them)?|pushed back|"
    r"objected|disputed it|"
    r"(?:had|held) (?:a |an )?(?:meeting|call|chat|conversation|word)|"
    r"offered (?:them |him |her )?(?:a |to )?(?:meeting|call|meet|talk)|"
    r"had (?:\d+|two|three|several|a few|some|many|lots of|loads of|those|these|the|our) (?:meetings|calls|chats|conversations)|"
    # "we've said it at every provider forum for a year"
    r"said (?:it|so|this|that)(?= (?:at|to|in|on|over|again|many|lots|loads|every|repeatedly|several|more than)\b)|"
    r"made (?:the|that|this|our) (?:point|case)|"
    r"(?:put|made|lodged|filed|submitted|sent|raised) (?:in )?(?:a |an |our )?(?:formal |official |written )?complaint|"
    r"(?:tried|tryed|tride) (?:ringing|phoning|calling|e-?mailing|writing|talking|speaking|contacting|raising|asking|chasing)|"
    r"(?:been|gone|went) through (?:their|the|its) complaints? (?:procedure|process)|used (?:their|the|its) complaints? "
    r"(?:procedure|process)|"
    r"sat down with|did (?:ring|call|phone|e-?mail|write to|contact|speak to|talk to|raise it|chase|ask|bring it up|"
    r"complain))"
)
# The breach named, as told to them ("told the council that … broke the Compact")
_BREACHED = r"(?:broke|breached|breaks|breaches|breaking|breaching|a breach of)"
CONTACT = re.compile(
    r"\b(?:we|i|we'?ve|i'?ve|one of us|our (?:\w+ )?(?:chair|manager|director|treasurer|trustees?|ceo|coordinator|team|board|"
    r"lead|worker|officer))\b"
    # (not someone else reaching us: "we only found out because a taxi firm rang us")
    rf"[^.?!]{{0,40}}?\b{_CONTACTED}\b(?!\s+(?:us|me)\b)|"
    # a message opening with the verb, "we" left out; "told last wk on the 3rd" is being told, not telling them
    rf"^(?:(?:ok|okay|yes|yeah|yep|well|so|right|and|already|we|i)\W+)*(?!told\b(?! (?:them|him|her|the|their|our|it)\b))"
    rf"{_CONTACTED}\b|"
    # the local CVS raising it on the group's behalf ("Bolsover CVS already took it up with them")
    r"\bcvs\b[^.?!]{0,25}?\b(?:took it up|taken it up|raised it|complained|challenged|wrote to|written to|contacted|chased)\b|"
    # a later sentence without its "we" ("didn't get it. asked them for feedback twice"): only
    # verbs of reaching out, as "told us" or "sent" there are usually what they did
    r"(?:[.!?;]|\s[-\u2013\u2014])\s*(?:(?:and|so|already|then)\W+)*"
    r"(?:e-?mail(?:ed|d)|wrote to|rang|phoned|called|spoke to|talked to|raised it|"
    r"complained|contacted|asked (?:(?:twice|again|repeatedly|several times|(?:two|three|a few) times)\s+)?"
    r"(?:them|the|for|him|her|why)|"
    r"(?:\d+|two|three|four|several|multiple) (?:reminder |chasing |follow-?up )?(?:e-?mails|calls|phone calls|letters|"
    r"chasers|reminders)(?! (?:say|said|from))|"
    r"chased|messaged|challenged|queried|appealed|got in touch)\b|"
    # "Told the PCC's office in April that ending our contract … broke the Compact": the breach named to them
    rf"\btold (?:them|him|her|the|their)\b[^.?!]{{0,120}}\b(?:{_BREACHED}|against) (?:the |our )?compact\b|"
    # "it has been through direct talks and their complaints process": the first step's ways, named as things done
    r"\b(?:been through|gone through|went through|tried|had|held|used)\b[^.?!]{0,30}?"
    r"\b(?:direct talks|talks with (?:them|the \w+)|(?:their|the|its) (?:formal )?complaints? (?:process|procedure))\b|"
    # "did that, nothing", "tried that already - no joy": the step just offered, done
    r"^(?:(?:yes|yeah|yep|ye|ok|already|we|i)\W+)*(?:did|done|tried|have done|'ve done) (?:that|it|this)\b"
    r"(?:\W+already)?\W+(?:nothing|no joy|no reply|no response|no luck|no change|no answer|not sorted|got nowhere)\b",
    re.I,
)
# What was asked of the user ("we're asked to sit on three boards"), not the user raising it.
ASKED_OF_US = re.compile(
    r"\b(?:we'?re|we are|we were|i was|i'?m|i am|we'?ve been|i'?ve been|we get|we got|we keep getting|we keep being) "
    r"(?:\w+ )?(?:asked|told|contacted|called|e-?mailed|rung|phoned)\b"
)
# What they failed to do for us ("we were never told what happened to it"), not us not raising it.
LEFT_UNTOLD = re.compile(
    r"\b(?:were|was|been|are|is)\s+(?:never|not)\s+(?:\w+\s+)?(?:told|asked|contacted|consulted|informed|given)\b|"
    r"\bnever (?:told|asked|contacted|informed|replied to|got back to|consulted) (?:us|me)\b"
)
# Going to the press or a councillor is part of the story ("after we spoke to the Derby Telegraph"), not raising
# it with the other side.
PUBLICITY = re.compile(
    r"(?:\b(?P<who>we|i)(?:'?ve| have| had)?\s+(?:\w+\s+)?)?"
    r"\b(?:spoke|spoken|talked|went|gone|wrote|written|e-?mailed|contacted|rang|phoned)\b (?:to |with )?(?:the |a |our |"
    r"local )*(?:press|media|papers?|newspapers?|[a-z]+ (?:telegraph|times|mercury|post|echo)|radio|bbc|journalists?|"
    r"reporters?|tv)\b(?:(?!\b(?:and|then|but)\b)[^,.;!?])*"
)
STORY_EVENTS = re.compile(
    # "I've spoken to three of those groups": finding out from others, not raising it with them
    r"\b(?:spoken|spoke|talked|been) (?:to|with) (?:\w+ ){0,2}(?:of (?:those|these|the|our) )?(?:groups|members|people|"
    r"residents|organisations|charities|users|families|volunteers|carers|parents)\b|"
    rf"\btold\b(?![^.?!]{{0,120}}\b{_BREACHED} (?:the |our )?compact\b)|"
    r"\bsent\b(?! (?:in )?(?:a |an |our )?(?:formal |official |written )?complaint)|\bwhen (?:we|i) asked\b|"
    # "we asked the charity to co-design the service": the request the story is about, not raising the breach
    r"\basked (?:the|them|him|her|a|an|our|their)\b(?=[^.?!]{0,40}?\bto (?!explain|reconsider|justify|respond|reply|"
    r"change|review|put it right|sort)\w)|"
    # "asked for some in advance and got told no": the request the story is about (not "asked for an explanation")
    r"\basked (?:(?:the|them|him|her|our|their) (?:\w+ )?)?for (?!(?:an? |the |some )?(?:explanation|reasons?|meeting|review|"
    r"response|reply|answer|feedback|rationale)\b)"
)
NOT_YET = re.compile(
    # (not "no notice", "no reason given": what went wrong)
    r"^(?:no(?! (?:notice|warning|reasons?|explanation|rationale|consultation|feedback|say|chance|time|joy|luck|reply|response|"
    r"answer|change|movement|progress|good|use|difference|outcome)\b)|"
    r"nope|nah|not yet|not really|haven'?t|have not|we haven'?t|i haven'?t|not tried|no,|none|never|"
    r"nothing (?:tried |done |raised )?yet|(?:tried|done) nothing|"
    r"not so far|so far no)\b|"
    # (what we have not done: "they never told us what came of it" is what they did not do)
    # (not "not what i asked": the answer rejected)
    r"(?<!\bthey )(?<!\bhe )(?<!\bshe )(?<!\bit )\b(?:not|haven'?t|have not|hasn'?t|didn'?t|never|not yet|yet to)\s+(?!what\b)"
    r"(?:yet\s+)?"
    r"(?:\w+\s+){0,2}?"
    r"(?:contacted|raised|spoken|spoke|talked|been in touch|got in touch|approached|told|e-?mailed|written|wrote|rung|"
    r"rang|called|"
    r"phoned|complained|asked|chased|done|tried|had a chance|taken it up|gone to|said anything|challenged)\b|"
    r"\b(?:not|haven'?t|have not|not yet)\b[^.?!]{0,30}\byet\b|\bso far\b[^.?!]{0,20}\b(?:no|not|nothing)\b|"
    r"\b(?:no one|nobody)\b[^.?!]{0,15}\b(?:contacted|spoken|talked|raised)\b|"
    r"^(?:\w+\W+)?(?:not formally|only informally|just informally)\b",  # mentioned in passing: not yet raised as a breach
    re.I,
)
YES_TRIED = re.compile(
    r"^(?:yes|yeah|yep|yup|yh|we have|i have|we did|i did|tried|done that|already|did that|have done|sure did|"
    # "twice", "a few times": how often it was raised
    r"once|twice|(?:three|four|five|\d+|a few|a couple of|several|many|loads of|lots of|multiple) times)\b",
    re.I,
)

_WE_MAY = r"(?:should|do|shall|would|could|can|to) (?:i|we) (?:actually |really |even |then )?"  # "what should we…"
LETTER = re.compile(
    r"\b(?:write|draft|put together|do|give|send|make|prepare|help me (?:write|word|draft)|need|want)\b[^.?!]{0,40}\b"
    # (not the means: "can they do that by email?", "do they have to give notice in a letter?")
    r"(?<!by )(?<!via )(?<!over )(?<!by an )(?<!by a )(?<!in an )(?<!in a )"
    r"(?<! i )(?<! we )(?<! to )"  # (not whom to write to: "who exactly do i email at the council?", "who to email")
    r"(?:e-?mail|letter|message|template|something (?:i|we) can send|something to send)\b|"
    # not what others did ("our members who helped write it")
    r"(?<!helped )(?<!helps )(?<!they )(?<!we )(?<!who )\b(?:write|draft)\s+(?:it|that|this|something|one)"
    r"(?:\s+(?:up|out|for (?:me|us)))?\b(?!\s+(?:myself|ourselves|on (?:my|our) own))|"  # (not "can i just write it myself")
    r"\b(?:put|turn|write up|get|have)\s+(?:that|this|it|all (?:of )?(?:that|this)|everything)\s+(?:in|into|as)\s+(?:a |an )?"
    r"(?:letter|e-?mail|message)\b|"
    rf"\b(?:what|how) {_WE_MAY}(?:say|write|send|word|tell (?:them|him|her)\b)\b|"
    # "what do we put?", not "how do i put in a request"
    rf"\bwhat {_WE_MAY}put\b|"
    r"\bwhat (?:would|should|do) (?:i|we) (?:send|write)\b|\b(?:write|e-?mail) (?:to )?(?:them|him|her) for (?:me|us)\b|"
    # "can u write to the critical friend for me", "email to the critical friend please"
    r"(?<!they )(?<!she )(?<!he )\b(?:write|e-?mail) to (?:the |them\b|him\b|her\b|their )[^.?!]{0,40}"
    r"\b(?:for (?:me|us)|pl(?:ea)?se|pls|plz)\b|"
    r"^(?:an? )?(?:e-?mail|letter|message) (?:to|for) (?:the|them|him|her|their)\b[^.?!]{0,30}\??\s*$|"
    r"^(?:so |and |ok,? )?what'?s? (?:is )?the (?:e-?mail|letter|message)(?: then| to send)?\W*$|"
    r"\b(?:e-?mail|letter|message|something) (?:i|we) (?:can|could|should|do|would) send\b|"
    r"\b(?:draft|write)(?: (?:me|us))? what (?:i|we) (?:send|say|write|should send|should say)\b|"  # "can u draft what i send"
    r"\b(?:write|draft|prepare)\b[^.?!]{0,20}\bnote\b|"  # "please draft the note"
    r"\bwhat(?:'?s| is)? (?:the )?(?:e-?mail|letter|message) (?:do )?(?:i|we) (?:send|should send|write)\b|"
    r"\b(?:a|the) (?:template|draft e-?mail|draft letter)\b|"
    r"^(?:(?:ok|okay|so|just|go on|pls|please)\W+)*e-?mail (?:it|that|one)(?: (?:to|for) (?:me|us))?"
    r"(?: pl(?:ea)?se| pls| then)?\W*$|"
    r"\b(?:can|could|may) (?:i|we|you) (?:get|have|see) (?:the |a |an |that |this )?(?:draft )?(?:e-?mail|letter|message)\b|"
    r"\b(?:like|want|need|wanna) to (?:send|write|drop) (?:them|him|her|the \w+) (?:something|a note|a line)\b|"
    r"^(?:an? |the |ok,? |k,? |yes,? |and |so |go on(?: then)?,? |go ahead,? )*"
    r"(?:e-?mail|letter|message|template)(?: (?:template|draft))?(?: to send(?: (?:them|him|her|off|on))?)?"
    r"(?: (?:pl(?:ea)?se|pls|plz|then|for (?:me|"
    r"us)|too|as well|also)){0,2}\W*$|"
    r"\bwhat (?:should|would|do|does|shall|can) (?:the|my|our|that|an?) (?:e-?mail|letter|message)"
    r"(?: to (?:them|him|her|the \w+(?: \w+)?))? (?:say|look like|contain)\b|"
    r"\bwhat (?:do|should|would) (?:i|we) (?:put|include) in (?:the|an?|my|our) (?:e-?mail|letter|message)\b",
    re.I,
)
_FAILS = (
    r"(?:(?:just|simply|still|then) )?"
    r"(?:(?:can'?t|cant|cannot|don'?t|dont|doesn'?t|doesnt|won'?t|wont|didn'?t) (?:help|work|sort (?:it|this|that)|"
    r"fix (?:it|this|that)|resolve (?:it|this|that)|do anything|reply|respond|answer|get back(?: to (?:us|me))?)|"
    # "and if they ignore me?", "and if they fob me off?"
    r"ignores? (?:me|us|it|that|this|you)|(?:fob|brush)s? (?:me|us|it) off|stonewalls? (?:me|us)|says? no|refuses?)"
    r"(?: either| too| as well)?"
)
# "if that fails too", "if nothing happens": on its own or after "what's next", "and after that"
_IF_FAILS = (
    rf"(?:if|when) (?:(?:they|that|it|this|he|she|the critical friend|that step|raising it) (?:{_FAILS}|fails?(?: too| as "
    r"well| either)?)|(?:that|it|they)(?: is|'s|s|'re| are|re) (?:no|not any|not much) (?:use|good|help)(?: either| too)?|"
    r"(?:that|it|they|(?:talking|speaking|raising it|asking) (?:to|with) (?:them|him|her)) (?:still )?(?:goes|go|gets|get)"
    r"(?: (?:us|me|them))? nowhere|nothing (?:happens|changes|comes of (?:it|that)))"
)
WHAT_NEXT = re.compile(
    r"^(?:(?:and|so|ok|okay|right|but|then)\W+)*(?:then what|what then|(?<=and )then(?=\W*$)|"
    r"what(?:'s|s| is| comes| happens)? ?(?:next|after that|after)|"
    r"after that(?:\W+what)?|what(?:'s| is) the (?:next|last|third|final) (?:step|bit|stage)|"
    # "wots the full route after that", "what's the rest of the process"
    r"what(?:'s|s| is| are) the (?:full|whole|rest of the|other) (?:route|process|steps|procedure)"
    r"(?: (?:after (?:that|this)|from here))?|"
    r"what do (?:i|we) do (?:next|after that|then|now)|what now|now what|where do (?:i|we) go from here|"
    rf"(?:what )?{_IF_FAILS})(?:\W+{_IF_FAILS})?"
    # "and if they cant sort it who decides"
    r"(?:\W+(?:who decides|who sorts it(?: out)?|what happens|what then|then what|what do (?:we|i) do|"
    r"what(?:'s|s| is| comes) (?:after that|next)|"
    r"who (?:do|can) (?:we|i) (?:go|turn) to)(?: then| next)?)?\W*$",
    re.I,
)
SUMMARY = re.compile(
    r"\b(?:summary|summari[sz]e (?:it|this|that|everything|where we are|all)|sum (?:it|this|that|(?:it |this |that )?all|"
    r"everything)(?: \w+)? up|recap|write (?:it|this|that|everything) up (?:for|so)|where (?:are|am) (?:we|i) (?:up to|at)|"
    r"what have we got so far)\b",
    re.I,
)
NOT_A_SUMMARY = re.compile(r"\bprinciples?\b|\bsections?\b|\bcompact\b|\bcommitments?\b|\d{1,2}\.\d", re.I)
QUOTE = re.compile(
    r"\b(?:which|what)(?:'s| is)? (?:number|commitment|section|reference|ref)\b[^.?!]{0,30}\b(?:quote|cite|mention|use|"
    r"give|say|refer|put|point|stick|include|write|tell|that|it)\b|"
    r"\b(?:which|what) numbers? (?:is |was )?(?:that|it|this)\b|\bwhich numbers that\b|"
    r"\b(?:which|what) no\.?\s[^?!]{0,30}\b(?:quote|cite|use|give|put)\b|"  # "which no. do i quote"
    # (not "got a reference number" from their complaints line: a ticket, not the Compact's number)
    r"\b(?:quote|cite|reference(?! (?:number|no\b|code))|refer to|point them to|mention)\b"
    r"[^.?!]*\b(?:number|commitment|which|what)\b|"
    r"\b(?:which|what|whats|what's)\b[^.?!]*\b(?:quote|cite)\b|\bwhat(?:'s| is) (?:the|its) (?:number|reference)\b|"
    r"\bthe number (?:for|of) (?:that|it|this)\b|^(?:the |a |which |what )?(?:number|ref(?:erence)?) to (?:quote|cite|use)\b|"
    r"\bwhich (?:part|bit|section) of the compact (?:says|covers) (?:that|this|it|so)\b|"
    r"\bwhere (?:exactly |abouts )?(?:is (?:that|this|it) (?:written|said)|does (?:it|the compact) say (?:that|so|this))\b|"
    r"\bis (?:that|this|it) (?:actually |really )?written (?:down )?anywhere\b|"
    # "what would be the number to put in our letter?", "is there a numbered commitment on that?"
    r"\b(?:the|a) (?:number|reference) to (?:quote|cite|use|put|give|mention)\b|"
    r"\bis there an? (?:numbered|specific|particular|actual) commitment (?:on|for|about|behind|covering) (?:that|this|it)\b|"
    # "is there a commitment number I can point to?", a bare "what number?"
    r"^(?:the |its |commitment |what )?(?:number|ref(?:erence)?)(?: pl(?:ea)?se| pls| then)?\W*$|"
    r"\bis there an? (?:commitment |clause |paragraph )?number\b|^(?:(?:and|so|ok)\W+)?(?:what|which|wat)(?:'s|s| is)? "
    r"(?:the |its )?(?:number|no\.?|ref)\W*$|"
    r"\b(?:commitment|clause) number\b[^.?!]{0,30}\b(?:point|quote|cite|use|give|refer)\b|"
    # "is there an actual numbered commitment i can throw at them"
    r"\b(?:an?|the) (?:actual |specific |particular )?numbered (?:commitment|bit|part|one)\b|"
    # "which heading is that under?": where it sits, which the number's reply says
    r"\bwhich (?:heading|section|part|chapter) (?:is (?:that|it|this) (?:in|under|from)|does (?:that|it|this) (?:come|fall|sit) "
    r"(?:in|under))\b",
    re.I,
)
ISSUE = r"(?:problem|issue|thing)(?: (?:for|with) (?:us|me))? is"
WEIGHTY = r"(?:real|main|actual|bigger|biggest)"
THE_ISSUE_IS = rf"the (?:{WEIGHTY} )?{ISSUE}"  # "the problem is…", "the bigger issue for us is…"
_PROBLEM_TAIL = r"\s*\b(?:that'?s|thats|that is|which is|is) (?:the |our )?(?:real |main |bigger |actual )?(?:problem|issue)\W*$"
NOT_THE_PROBLEM = re.compile(
    r"^(?:(?:no|nah|nope|not really|actually|hmm|well|sorry|wait|hang on|oh|go back|i think|thinking about it)\W+)*"
    r"(?:that'?s not (?:really |quite )?(?:it|the (?:problem|"
    r"issue|point|one|main thing)|right|what (?:i|we) meant)|"
    r"(?:it'?s |its |it is )?not (?:really |quite )?(?:that|the (?:problem|issue|one))(?: one)?|wrong (?:one|commitment)|"
    r"none of (?:those|these|them)(?: (?:really|actually))?|"
    r"it'?s (?:more|really|actually) (?:about|that)|"
    # "no its more the payment being held back thats the problem": what the problem is, then said to be it
    r"(?:it'?s |its |it is )?(?:more|really|mainly|mostly) (?=(?:the|their|them|how)\b[^?!]*" + _PROBLEM_TAIL + r")|"
    # "no its not the notice, we had 4 months. the issue is…": what was found waved aside, and the issue told after it
    rf"(?:it'?s |its |it is )?not (?:really |quite |about )?the \w+(?=[^?!]*\b{THE_ISSUE_IS}\b)|"
    # "no we had plenty of notice, the problem is they never let us respond": what was found waved aside, the issue after
    rf"(?:we|i) (?:had|got|were given) (?:plenty of |enough |loads of |lots of |the |\w+ (?:weeks?|months?)'?s? )?"
    rf"(?:notice|time|warning)(?=[^?!]*\b{THE_ISSUE_IS}\b)|"
    # "no actually the agreement did cover that, the problem is they changed the forms": what was found was done
    r"(?:the |that |our |their )[\w' ]{0,30}?(?:did|does|do|was|were) (?:actually |really |already )?"
    rf"(?:cover(?:ed)?|include[ds]?|deal with|sort(?:ed)?|agree(?:d)?)\b[^?!]*?(?=\b{THE_ISSUE_IS}\b)|"
    # "no its more 3.4 really": another number named as the one
    r"(?:it'?s |its |it is )?(?:more|really|actually) (?:like )?(?=(?:commitment |number |no\.? )?\d{1,2}\.\d)|"
    rf"the {WEIGHTY} {ISSUE}|"  # only a weighty one corrects: "the problem is…" alone may just tell more
    r"the (?:problem|issue|thing) now is|what (?:i|we) (?:actually |really )?(?:want|wanted|need) to (?:report|raise) is|"
    r"(?:it'?s|its) not about|more about|more that|actually it'?s|actually its|"
    r"actually the (?:problem|issue)|it'?s actually|"
    r"(?:[\w' ]{0,30}?)(?:isn'?t|is not|wasn'?t|was not) (?:really |actually |quite )?(?:the|my|our) (?:problem|issue|"
    r"point|main thing|"
    r"real (?:problem|issue))|(?:[\w' ]{0,30}?)not the main (?:thing|issue|problem)|"
    # "actually the notice period was fine, it's more that…": what was found was kept
    r"(?:the |that |their )[\w' ]{0,30}?(?:was|is|were) (?:actually |really |totally |all )?"
    r"(?:fine|ok|okay|alright|all right)\b)",
    re.I,
)


def choice(text: str, options: int) -> int | None:
    """Which of ``options`` offered items a reply picks ("the first one", "2nd", "number 3", "last"), or
    a short question asks about ("what does the second one mean?")."""
    t = " ".join(text.lower().split())
    m = CHOICE.match(t) or (NTH.search(t) if len(t.split()) <= NTH_WORDS else None)
    if not m or options == 0:
        return None
    which = m["which"].lower()
    index = options - 1 if which == "last" else ORDINALS.get(which)
    return index if index is not None and index < options else None


def confirms(text: str) -> bool:
    """ "yes that's it", "that one", "correct": agreeing with the commitment just proposed."""
    t = " ".join(text.lower().split())
    return bool(CONFIRM.match(t)) or (len(t.split()) <= 6 and bool(MENTIONS_CHOICE.search(t)) and not t.endswith("?"))


def points_to_it(text: str) -> bool:
    """ "yes that one", "that's right": agreeing with a commitment the bot proposed. A bare "yes"
    is not enough, as the question on screen may be another one."""
    t = " ".join(text.lower().split())
    said = re.sub(r"^(?:yes|yeah|yep|yup|yh|ok|okay)\W+", "", t)  # "yes, the timely payment one"
    lead = re.split(r"[,;:.!]| - ", said, maxsplit=1)[0]  # "yes that one, they gave no reason at all"
    # "what about the one straight after it", "and for the first one, which number do i quote"
    asking = t.endswith("?") or ASKS.match(said) or ASKS.match(said[len(lead) :].strip(" ,;:.!-"))
    return len(lead.split()) <= 8 and not asking and bool(MENTIONS_CHOICE.search(lead))


@kept_per_turn
def describes_event(text: str) -> bool:
    """Does a message tell what someone did ("they cut our grant", "we were never asked"), as a
    description does, rather than only ask about the Compact ("how long should a consultation last?")?"""
    low = plain(text)
    if not PERSON.search(low):
        return False
    # "the grant agreement doesn't mention the compact" tells what is; "what if the funder doesnt pay" asks
    return any(m.group(0) not in STATIVE for m in EVENT.finditer(low)) or bool(DOES_NOT.search(low) and not ASKS.match(low))


def only_a_side(text: str) -> bool:
    """Is the message nothing but a side ("charity", "the council")?"""
    return any(p.match(plain(text)) for p in BARE_SIDE.values())


# the people a group is made of: "half our members can't use a computer" (not "our elected members"); a hint of the
# side for the triage's question, not a side said (a question about "our volunteers" may ask either side's duty)
OUR_PEOPLE = re.compile(r"\bour (?:members|volunteers|beneficiaries|trustees)\b", re.I)


@kept_per_turn
def side_said(text: str) -> str | None:
    """The user's side when they say it ("we're a small charity", "I work for the county council"),
    or when what they say gives it away ("our grant ends", "a charity we fund")."""
    low = plain(text)
    spans = {s: [m.span() for m in p.finditer(low)] for s, p in SIDE_SAID.items()}
    found = (
        {s for s, said in spans.items() if said} | {s for s, p in HERE_INTRO.items() if p.search(low)}
        or {s for s, p in BARE_SIDE.items() if p.match(low)}
        or {s for s, p in SIDE_IMPLIED.items() if p.search(low)}
    )
    if len(found) > 1 and all(spans.values()):
        # "I work for the council … but I'm asking as the residents' group secretary": the side said last, when they are
        # said apart
        first, last = sorted(spans, key=lambda s: spans[s][-1][0])
        if spans[first][-1][1] <= spans[last][-1][0]:
            return last
    if len(found) > 1 and PUBLIC_BODY.search(low):  # "I'm in the NHS trust's team": a trust, but not a charitable one
        return "statutory"
    return found.pop() if len(found) == 1 else None


# A chain of providers: one VCS organisation sub-contracting to another (the Compact's 15.3)
SUBCONTRACTED = re.compile(r"\bsub-?contract\w*|\bprime (?:contractor|provider)|\blead (?:provider|partner|charity|contractor)\b")
VCS_PARTY = re.compile(
    r"\b(?:a|an|the|their|this) (?:[\w-]+ ){0,3}?(?:charity|voluntary (?:organisation|group)|vcs (?:organisation|provider))\b|"
    r"\bthey(?:'re| are|re) (?:a |the )?(?:voluntary|vcs|charity|third sector)"
)
SELF_BEFORE = {"we're", "were", "are", "am", "i'm", "r", "as"}  # "we're a tiny charity", "as a charity": the user


def vcs_party_acts(text: str) -> bool:
    """Is the other party in a story of sub-contracting a VCS organisation ("subcontracted by a
    bigger charity", "a large regional charity … sub-contracts part of it to us")? Then the
    commitment at stake binds the VCS, whoever funds the contract at the top of the chain."""
    low = plain(text)
    if not SUBCONTRACTED.search(low):
        return False
    for m in VCS_PARTY.finditer(low):
        before = low[: m.start()].split()
        if not before or before[-1] not in SELF_BEFORE:
            return True
    return False


def sorted_out(text: str) -> bool:
    """Does a reply say the step resolved it ("they reinstated it"), and nothing that says it did not
    ("they agreed to meet but no change", "still nothing's resolved")?"""
    return bool(STEP_SORTED.search(text)) and not STEP_NOT_SORTED.search(text)


def not_sorted(text: str) -> bool:
    """Does a reply say a step did not resolve it ("yes but no joy", "they said no")?"""
    return bool(STEP_NOT_SORTED.search(plain(text)))


# Raised, and the answer not in yet ("emailed them last week but no reply yet", "still waiting to hear")
AWAITING = re.compile(
    r"\b(?:no (?:reply|response|answer|word)|not (?:heard|had (?:a |any )?(?:reply|response|answer))|haven'?t (?:heard|had)|"
    r"nothing back|not (?:replied|responded))(?: back)?(?: from (?:them|him|her))? (?:yet|so far)\b|"
    r"\b(?:still )?waiting (?:for (?:a |their |an? )?(?:reply|response|answer)|to hear|on (?:them|a reply))\b|"
    r"\byet to (?:reply|respond|hear|get back)\b",
    re.I,
)


def awaiting_reply(text: str) -> bool:
    """Does a reply about a step say it was raised and the answer is not in yet (not that it failed)?"""
    return bool(AWAITING.search(plain(text)))


def tried(text: str) -> str | None:
    """What a reply says about an escalation step: "resolved", "unresolved", "not_tried", or None."""
    t = plain(text)
    if awaiting_reply(text):  # "rang them, not heard back yet": raised (its "yet" is not "not yet")
        return "unresolved"
    if NOT_YET.search(t) and not CONTACT.search(t.split(" but ")[0] if " but " in t else ""):
        return "not_tried"
    if sorted_out(t):
        return "resolved"
    if STEP_NOT_SORTED.search(t) or CONTACT.search(t) or YES_TRIED.match(t):
        return "unresolved"
    return None


def raised_in_vain(text: str) -> bool:
    """Does an account say it was already raised with them, to no avail ("emailed the grants officer,
    no answer in 5 weeks")? Such a message is a dispute, whatever else it asks."""
    return reports_contact(text, story=True) == "unresolved" and bool(STEP_NOT_SORTED.search(text))


def without_publicity(found: re.Match[str]) -> str:
    """Drop going to the press from an account, keeping its "we" for what follows in the same clause
    ("we went to the press and then emailed the council")."""
    goes_on = re.match(r"\s*(?:and|then|but)\b", found.string[found.end() :])
    return f" {found['who']} " if found["who"] and goes_on else " "


# "what about after we've sent our response in": a time asked about (the opening is the question, whatever the mark)
TIME_ASKED = re.compile(r"^(?:(?:and|so|but|ok|okay)\W+)*(?:what|how) about (?:after|once|before|when|until|if)\b", re.I)
# "does the Compact say who decides whether it's actually a breach?"
WHO_DECIDES = re.compile(
    r"\bwho (?:decides|judges|rules|determines|gets to (?:decide|say)|says)\b[^?.!]{0,40}\b(?:breach(?:ed)?|broken|broke|kept)\b|"
    # "who's in the right here, us or them?" (not "who's the right person to ask?")
    r"\bwho(?:'s| is|s) (?:in the )?(?:right|wrong)\b(?! (?:person|people|one|body|team|contact)\b)",
    re.I,
)


def asks_who_decides(text: str) -> bool:
    """Does a message ask who decides whether the Compact was broken (which it does not say)?"""
    return bool(WHO_DECIDES.search(text))


# "no wait, what I actually need to know is whether…": a question put another way, not what was tried
ASKED_INDIRECTLY = re.compile(
    r"^(?:(?:no|wait|sorry|actually|ok|okay|hang on|hmm)\W+)*"
    r"(?:what (?:i|we) (?:actually |really )?(?:need|want|wanted|meant) to "
    r"(?:know|ask)|(?:my|the) (?:real |actual )?question (?:is|was)|(?:i|we) (?:just |really )?(?:want|wanted|need) to know)\b",
    re.I,
)
# "do we have to do the same for the people we asked?": asking about a duty, not telling what was tried
DUTY_ASKED = re.compile(
    r"^(?:and |so |but |ok,? )?(?:do|does|should|must|would|will|are|is) (?:we|i|they|you|the \w+)\b"
    r"(?![^.?!]*\b(?:when|after|since|because|as) (?:we|i)\b)[^.?!]*"
    r"\b(?:have to|has to|need to|needs to|supposed to|meant to|expected to|required to|the same)\b|"
    # "could we have asked to be paid in advance in the first place?": what they might do, asked
    r"^(?:(?:and|so|but|ok|okay|what about)\W+)*(?:(?:us|me|ourselves)\W+)?(?:could|can|should|would|might|may|shall) (?:we|i)\b"
    r"[^.!]*\?\W*$|"
    # "and after we've sent it?", "what about once we've replied?": a time asked about, not what was tried
    r"^(?:(?:and|so|but|ok|okay)\W+)*(?:what about |how about )?(?:after|once|before|until|when) (?:we|i)(?:'?ve|'?d)?\b"
    r"[^.!]*\?\W*$|" + TIME_ASKED.pattern
)


def reports_contact(text: str, story: bool = False) -> str | None:
    """What a longer message says about raising it with them already ("I rang the grants team,
    nothing back" → unresolved; "we haven't spoken to them yet" → not_tried), or None. In the
    ``story`` of what happened, "we told them…", "we sent…" and "when we asked…" are part of the
    events ("we told them at the time we were short-staffed"), not raising the breach."""
    t = plain(text)
    if DUTY_ASKED.match(t) or ASKED_INDIRECTLY.match(t):
        return None
    # (a sentence asking of a time is not a report: "we're a tiny CIC. what about after we've sent our response in")
    t = " ".join(s for s in sentences(t) if not DUTY_ASKED.match(s)) if "." in t else t
    if "critical friend" in t:  # (the clause names it: the pattern alone took 4% of the action server's time)
        cut = FRIEND_CLAUSE.sub(" ", t)  # step 2, not raising it with them
        t = cut if cut.strip() else t
    if NOT_YET.search(LEFT_UNTOLD.sub(" ", t)) and re.search(r"\b(?:them|they|council|funder|officer|team|anyone|it|yet)\b", t):
        return "not_tried"
    if story:
        t = STORY_EVENTS.sub(" ", t)
    t = ASKED_OF_US.sub(" ", PUBLICITY.sub(without_publicity, t))
    if CONTACT.search(t):
        return "resolved" if sorted_out(t) else "unresolved"
    return "unresolved" if BRUSHED_OFF.search(t) else None  # their answer means it was raised


# The clause about the critical friend ("…but haven't contacted the critical friend yet"), read for step 2 only.
FRIEND_CLAUSE = re.compile(r"(?:[,.;]|\bbut\b|\band\b|\bthen\b)?(?:(?!\b(?:but|and|then)\b)[^,.?!])*\bcritical friend\b[^,.?!]*")
FRIEND_NAMED = re.compile(r"\bcompact (?:contact|contact person|person)\b")
FRIEND_TRIED = re.compile(
    r"\b(?:went|gone|spoke|spoken|talked|wrote|written|e-?mailed|contacted|rang|phoned|asked|raised it with|took it to|"
    r"been to|been through|gone through|went through|used|involved|approached|tried|referred it to|got in touch with|"
    r"been in touch with|reached out to)\b[^.?!]{0,25}"
    r"\bcritical friend\b|"
    # "we've been through their complaints procedure and the critical friend": both, one after the other
    r"\b(?:been through|gone through|went through|been to|gone to|went to|tried|used|approached)\b[^.?!]{0,50}"
    r"\b(?:and|then|plus) (?:then |also )?(?:to |with )?(?:the |our |a )?(?:compact'?s? )?critical friend\b|"
    # "the critical friend didn't help either", "critical friend got nowhere too"
    # "went to them directly, then the critical friend"
    r"\bthen (?:to |with )?(?:the |our )?(?:compact'?s? )?critical friend\b(?![^.!]*\?)|"
    r"\bcritical friend,? (?:(?:who|they|also|too|just|has|have|was|were)\s+)*(?:didn'?t|couldn'?t|wasn'?t able to|could not|"
    r"did not|got nowhere|can'?t|cannot|said|says|tried|looked)\b",
    re.I,
)


def reports_friend(text: str) -> str | None:
    """What an account says about step 2 ("then went to the critical friend, still not sorted" →
    unresolved), or None when it does not say the critical friend was tried."""
    t = FRIEND_NAMED.sub("critical friend", plain(text))  # the person the draft says to contact is the critical friend
    found = FRIEND_TRIED.search(t)
    if not found or re.search(r"\b(?:not|haven'?t|hasn'?t|didn'?t|never|yet to)\b[^.?!]{0,20}$", t[: found.start()]):
        return None
    return "resolved" if sorted_out(t) else "unresolved"


# "we haven't raised it with them yet", said at a later step: the first step was not tried after all
FIRST_STEP_MEANT = re.compile(
    r"\b(?:raised?|rais(?:ed|ing)|spoken|spoke|talked|contacted|complained|been in touch|e-?mailed|wrote to|rang|phoned|"
    r"met|meeting with)\b[^.?!]{0,25}"
    r"\b(?:them|him|her|(?:the|their) (?:\w+ )?(?:council|funder|commissioner|charity|provider|officer|manager|team|director|"
    r"head of service)|directly|formally)\b|"
    r"\b(?:them|directly|formally) (?:yet|at all)\b|"
    # "we've been through their complaints procedure as well": part of raising it directly (the document's step 1)
    r"\b(?:their|the|its|a|formal) complaints? (?:procedure|process|policy|system)\b|"
    r"\b(?:haven'?t|have not|not|didn'?t|did not|never) (?:done|tried|said) anything\b|^nothing (?:yet|so far|at all)\b",
    re.I,
)


def means_first_step(text: str) -> bool:
    """Does a "not yet" reply speak of raising it with the other side (step 1), not the later step asked?"""
    return bool(FIRST_STEP_MEANT.search(text)) and not re.search(r"\bcritical friend\b|\bpartners\b", text, re.I)


# The commitment numbered next to the last one: "what's the one after that?", "and the one before?"
NEIGHBOUR_NUMBER = re.compile(
    r"^(?:(?:and|so|ok|okay|what about|how about)\W+)*(?:what(?:'s|s| is| does| about) )?(?:the )?"
    r"(?:(?P<next>next|following)|(?P<previous>previous|preceding))(?: one| commitment| number)?"
    r"(?: (?:after|before) (?:commitment )?(?P<from1>\d{1,2}\.\d{1,2}))?(?: (?:say|then|please|about|cover|mean))*\W*$|"
    # "the one straight after 2.4", "ok and the commitment that comes straight after 2.4?", "then what comes before 7.3"
    r"^(?:(?:and|so|ok|okay|then|what about|how about)\W+)*(?:what(?:'s|s| is| does| about| comes) )?(?:the )?"
    r"(?:(?:one|commitment|number)(?: that)?(?: comes| is)? )?"
    r"(?:straight |right |just |directly |immediately )?(?:(?P<after>after|following)|(?P<before>before|preceding))"
    r"(?: (?:that|it|this)(?: one)?| (?:commitment )?(?P<from2>\d{1,2}\.\d{1,2}))?(?: (?:say|then|please|about|cover|mean))*\W*$",
    re.I,
)


# "what number do I put in the email?" asks for the number, not the email
NUMBER_FIRST = re.compile(r"^\W*(?:and |so |ok,? )?(?:what|which)(?:'s| is)? (?:number|commitment|reference|ref)\b", re.I)


# "can you contact the council for us?", "could you get the group together for us?": the bot asked to act for the user,
# which it cannot (it can write the message for them to send)
ACT_FOR_US = re.compile(
    r"^\W*(?:(?:ok|so|and|please)\W+)*(?:can|could|would|will) (?:you|u) (?:please )?(?:just )?"
    r"(?:contact|e-?mail|ring|phone|call|write to|speak to|talk to|tell|complain to|raise it with|take it up with|chase|"
    r"get (?:hold of|in touch with)|get (?:the|that|this) (?:\w+ )?(?:group|partners|meeting) (?:together|going|set up)|"
    r"(?:convene|arrange|set up|organise|organize|call) (?:the|that|this|a) (?:\w+ )?(?:group|partners|meeting))\b"
    r"[^?.!]{0,40}?\b(?:for (?:us|me)|on (?:our|my) behalf)\b",
    re.I,
)


def asks_to_act_for_us(text: str) -> bool:
    """Is the bot asked to contact someone or convene something for the user?"""
    return bool(ACT_FOR_US.search(expand_text_speak(text)))


def asks_for_letter(text: str) -> bool:
    t = expand_text_speak(text)
    return bool(LETTER.search(t)) and not NUMBER_FIRST.match(t)  # "wat do i say", "cn u write it"


# "write me a letter to the council about …": the request, before the account it is about
LETTER_ABOUT = re.compile(
    r"^\W*(?:(?:can|could|would|will) (?:you|u) |please |pls |plz )*(?:write|draft|do|give|prepare|help me (?:write|draft))"
    r"(?: (?:me|us))? (?:a |an )?(?:letter|e-?mail|message|complaint)(?: for (?:me|us))?(?: to [\w' ]{1,40}?)?"
    r"(?:,? (?:please|pls))? (?:about|re|regarding|over|complaining (?:about|that)|saying(?: that)?)\s+",
    re.I,
)


def account_in_letter_request(text: str) -> str | None:
    """What happened, in a request for a letter about it ("write me a letter to the council about them
    refusing to pay our volunteers' travel expenses"), or None when the message is not such a request."""
    found = LETTER_ABOUT.match(text)
    rest = text[found.end() :].strip() if found else ""
    return rest[0].upper() + rest[1:] if len(rest.split()) >= 3 else None


def asks_whats_next(text: str) -> bool:
    """ "then what?", "and if they can't help?": what comes after the step on screen."""
    t = plain(text)
    return len(t.split()) <= 10 and bool(WHAT_NEXT.match(t))


# What the assistant keeps of this conversation, or having it deleted ("what data do you keep about me?",
# "please delete this conversation"); not the Compact's own confidentiality of consultation responses
_KEEPING = r"(?:keep|kept|store|stored|save|saved|record|recorded|log|logged|hold|held|collect|collected|remember)"
_THIS_CHAT = (  # this conversation, or what the user typed in it (not "the information" of a story)
    r"(?:(?:this|my|all (?:my|of this)|these)\s+(?:conversation|chat|data|messages?|personal details|details|history|"
    r"transcript)|the (?:conversation|chat|transcript)|what (?:i|we) (?:typed?|wrote|write|said|say|told you|tell you))"
)
PRIVACY = re.compile(
    rf"\b(?:what|which|how much|how long)\b[^.?!]{{0,40}}\b(?:do|will|did|are|have) you\b[^.?!]{{0,20}}"
    rf"\b(?:{_KEEPING}|do with)\b|"
    rf"\b(?:do|will|are|did|have) you (?:{_KEEPING}|keeping|storing|saving|recording|logging)\b[^.?!]{{0,30}}"
    r"\b(?:this|my|me|our|us|what (?:i|we)|conversations?|chats?|messages?|data|details|information|info|anything)\b|"
    # asked of the assistant: "please delete this conversation", "can you wipe my data", "delete my details"
    r"(?:^|[,.;:!?]\s*|\b(?:please|pls|can you|could you|will you|would you|how (?:do|can) (?:i|we)|"
    r"i(?:'d| would) like (?:you )?to|i want (?:you )?to)\s+)"
    rf"(?:delete|erase|remove|wipe|forget|clear)\b[^.?!]{{0,20}}\b{_THIS_CHAT}|"
    rf"\b(?:who|where)\b[^.?!]{{0,30}}\b(?:sees?|reads?|access|stored|kept|goes|go)\b[^.?!]{{0,30}}\b{_THIS_CHAT}|"
    r"\bprivacy (?:policy|notice)\b|"
    r"\bis (?:this|it|the) (?:chat|conversation) (?:private|anonymous|recorded|saved|stored|kept)\b",
    re.I,
)


def asks_about_privacy(text: str) -> bool:
    """What the assistant keeps of the conversation, or having it deleted."""
    return bool(PRIVACY.search(text))


def asks_for_summary(text: str) -> bool:
    """ "can i have a summary for our trustees", "sum it all up": a summary of the triage so far
    (not "summarise the principles", which is a question)."""
    text = expand_text_speak(text)
    return bool(SUMMARY.search(text)) and not NOT_A_SUMMARY.search(text) and len(text.split()) <= 20


def asks_for_number(text: str) -> bool:
    return bool(QUOTE.search(expand_text_speak(text)))


def besides_the_number(text: str) -> str:
    """What a request for the number says besides it ("and being clear how bids get scored, which
    number is that?" → "and being clear how bids get scored")."""
    return " ".join(QUOTE.sub(" ", expand_text_speak(text)).split()).strip(" ,.?!-")


def not_the_problem(text: str) -> str | None:
    """The new description when a reply says the commitment found is not the real problem
    ("no, it's more that they never told us how to bid"); "" when it says so without saying what
    is ("that's not it"); None otherwise."""
    m = NOT_THE_PROBLEM.match(" ".join(text.split()))
    if not m:
        return None
    rest = " ".join(text.split())[m.end() :].strip(" ,.-:;")
    lead = r"^(?:it'?s |its )?(?:(?:more |really |actually )?(?:that|about)\s+|more |really |actually )"
    # "…fine, we got four months. the real problem is they never let us put our side": what the problem is
    later = re.search(rf"(?:{THE_ISSUE_IS}|\bit'?s (?:more|really) (?:that|about)|\bmore that)\s+", rest, flags=re.I)
    rest = rest[later.end() :] if later else re.sub(lead, "", rest, flags=re.I)
    # "…, the bigger issue is they switched to a tender": what the issue is
    rest = re.sub(rf"^(?:{THE_ISSUE_IS})\s+", "", rest.strip(" ,.-:;"), flags=re.I)
    rest = re.sub(_PROBLEM_TAIL, "", rest, flags=re.I)  # "… thats the problem"
    return rest if len(re.findall(r"[^\W\d_]", rest)) >= 12 else ""


# "eh?", "?", "what do you mean?": the last thing said was not understood
UNCLEAR = re.compile(
    r"^(?:eh|huh|what|wot|wat|pardon|sorry|come again|you what|i don'?t (?:understand|get it|follow)|"
    r"what do you mean|wdym|not sure what you mean|confused)?\W*\?+\W*$|"
    r"^(?:eh|huh|pardon|come again|i don'?t (?:understand|get it|follow)(?: (?:that|you))?|what do you mean(?: by that)?|wdym|"
    r"not sure what you mean|(?:i'?m )?confused)\W*$|"
    # what to type back: "what would you like me to say?" (not "what should I say to them?", the letter)
    r"^(?:so |ok |okay )?what (?:would|do) you (?:like|want) me to (?:say|type|put|do)(?: here| now| next)?\W*$|"
    r"^(?:so |ok |okay )?what (?:do|am) i (?:supposed to |meant to )?(?:type|put)(?: here| now| next)?\W*$",
    re.I,
)


_WHAT_TO_DO_LEAD = r"^(?:(?:so|ok|okay|right|and|well)\W+)*"
# "how do i raise it with them nicely": how to take it up with them, which the message drafted for them does
_HOW_TO_RAISE = (
    r"how (?:do|should|can|would|shall) (?:i|we) (?:go about )?(?:rais(?:e|ing)|challeng(?:e|ing)|tak(?:e|ing) up|"
    r"complain(?:ing)? about|tackl(?:e|ing)|deal(?:ing)? with) (?:it|this|that|(?:the|our) [\w' ]{2,30}?)"
    r"(?: with (?:them|the \w+))?(?: nicely| politely| formally| properly| first)?"
)
HOW_TO_RAISE = re.compile(rf"{_WHAT_TO_DO_LEAD}{_HOW_TO_RAISE}\W*$", re.I)
# "what should we do?": the next steps, just after the offer of them or during the triage (not what "we" are
# committed to)
WHAT_TO_DO = re.compile(
    rf"{_WHAT_TO_DO_LEAD}(?:what (?:should|can|do|shall|could) (?:i|we) do"
    r"(?: now| next| then| first| about (?:it|this|that|them))?|"
    # "where do we start?", "what's the first step?"
    r"where (?:do|should|shall) (?:i|we) (?:start|begin)|what(?:'s|s| is) the first (?:step|thing(?: to do)?)|"
    rf"{_HOW_TO_RAISE})\W*$",
    re.I,
)


def asks_what_to_do(text: str) -> bool:
    return bool(WHAT_TO_DO.match(text))


def asks_how_to_raise(text: str) -> bool:
    return bool(HOW_TO_RAISE.match(text))


# The last answer asked for again in plainer or fewer words ("can you say that in plain english", "in short?", "simpler pls")
_PLAIN_WORDS = r"(?:very |really |more )?(?:plain|simple|easy|easier|simpler|everyday|normal) (?:english|terms|words|language)"
PLAINER = re.compile(
    r"^(?:(?:sorry|ok|okay|so|and|hmm+|um+)\W+)*(?:(?:can|could|would) you (?:please |pls )?|please |pls )?"
    # ("explain again in easy words please", "put that in very simple words so I can read it to them")
    rf"(?:(?:say|put|explain|give me)(?: (?:that|it|this))?(?: (?:to me|again))? (?:more )?"
    rf"(?:simply|plainly|briefly|shorter|in short|in {_PLAIN_WORDS}|"
    r"in (?:a )?(?:few|fewer) words)|"
    rf"(?:in |into )?{_PLAIN_WORDS}|simpler|shorter|in short|"
    r"(?:the )?short version|in a nutshell|tl;? ?dr|"
    rf"what does (?:that|it|this) mean in {_PLAIN_WORDS})"
    r"(?: (?:please|pls|plz|then|again))?"
    # ("shorter please, one or two sentences is enough", "… so I can read it to them")
    r"(?:\W+(?:so (?:that )?(?:i|we) can\b[^?!]{0,50}|(?:just )?(?:one|1|a|two|2)(?: or (?:two|2|three|3))? "
    r"(?:sentences?|lines?)\b[^?!]{0,25}|for (?:me|us|them)))?\W*$",
    re.I,
)


# Unsure, and nothing more ("not sure tbh", "dunno", "maybe?"): neither a yes nor a no to what was just said
HEDGE = re.compile(
    r"^(?:(?:um+|erm+|hmm+|well|honestly|tbh)\W+)*(?:i'?m |im )?(?:not (?:really |totally |entirely |too )?sure|unsure|"
    r"dunno|(?:i )?(?:don'?t|dont) (?:really )?know|no idea|no clue|maybe|possibly|perhaps|could be|not certain)"
    r"(?: (?:tbh|to be honest|really|tho|though|yet|lol|then|either|sorry))*\W*$",
    re.I,
)


def hedges(text: str) -> bool:
    """Does the reply only say the user is unsure?"""
    return bool(HEDGE.match(plain(text)))


def asks_plainer(text: str) -> bool:
    """Does the reply ask for the last answer again, put more plainly or briefly?"""
    return bool(PLAINER.match(plain(text)))


def is_unclear(text: str) -> bool:
    """Does the reply say only that the last message was not understood ("eh?", "what do you mean?",
    "what would you like me to say?")?"""
    return bool(UNCLEAR.match(plain(text)))


_PRAISED = r"great|brilliant|brill|perfect|lovely|excellent|fab|super|nice one"  # "perfect", "brill, thanks"
_PRAISE = rf"(?:that'?s |thats |that is )?(?:{_PRAISED})"  # "that's great", said of the last answer
# "ok", "got it", "fair enough": the last answer taken in, nothing asked
ACKNOWLEDGED = re.compile(
    r"^(?:ok(?:ay)?|k|kk|right|alright|all right|got it|fair enough|i see|cool|fine|noted|understood|makes sense|"
    rf"ah ok|oh ok|oh right|ok cool|ok great|ok got it|right ok|{_PRAISE})\W*$",
    re.I,
)
PRAISED = re.compile(rf"^(?:ok |oh )?{_PRAISE}\W*$", re.I)


def acknowledges(text: str) -> bool:
    return bool(ACKNOWLEDGED.match(plain(text)))


# Words that address the bot itself ("are you a bot?", "is this automated?", "is someone actually reading this?")
ADDRESSES_THE_BOT = re.compile(
    r"\b(?:you|yourself|bot|robot|chatbot|human|person|people|ai|automated|computer|machine|real|someone|somebody)\b",
    re.I,
)


def addresses_the_bot(text: str) -> bool:
    """Does a message NLU read as "are you a bot?" address the bot, rather than ask about the Compact
    ("so is this draft actually agreed yet?")? Read with text-speak written out ("r u a bot")."""
    return bool(ADDRESSES_THE_BOT.search(expand_text_speak(text)))


def praises(text: str) -> bool:
    """ "that's great", "perfect": the answer taken in, with praise."""
    return bool(PRAISED.match(plain(text)))


# "gr8 ta", "perfect, thanks a lot": thanks for the last answer, nothing asked
THANKED = re.compile(
    rf"^(?:(?:ok(?:ay)?|{_PRAISED}|ace|cool|nice|spot on|wonderful|that'?s (?:great|perfect|brilliant|lovely))[\s,!.]*)*"
    r"(?:many thanks|thanks?(?: (?:a lot|very much|so much|loads|again))?|thank you(?: (?:very|so) much)?|thx|"
    r"ta(?: very much)?|cheers)\W*$",
    re.I,
)


def thanks_only(text: str) -> bool:
    return bool(THANKED.match(plain(text)))


# A verdict on the last answer, typed rather than pressed: "that was really helpful", "that didn't help",
# "not what I asked - what about contracts?" (a vote, then what follows it is read as a message of its own).
_VERDICT_LEAD = (
    r"^\W*(?:(?:ok(?:ay)?|oh|great|brilliant|perfect|thanks?|thank you|cheers|ta|hmm+|sorry|no|nope|nah|yes|yeah|yep|but)"
    r"\b[\s,.!-]*)*"
)
_THAT = r"(?:that|this|it|which|your (?:answer|reply))"
# the verdict ends the message or its clause: "it's not helpful that they cut us" is about them, not the answer
_VERDICT_END = (
    r"(?: (?:at all|to know|info|information|thanks?|thank you|cheers))?(?=\s*(?:$|[,.;:!?\u2013-]|"
    r"\b(?:but|though|tho|tbh|honestly|thanks?|thank you|cheers|ta|i|as|because)\b))"
)
HELPED = re.compile(
    _VERDICT_LEAD
    # "v" for "very": "thanks v helpful"
    + rf"(?:{_THAT}(?:'?s| is| was| has been)? (?:(?:really|very|v|so|super|most|extremely|actually) )?(?:helpful|useful)|"
    rf"{_THAT} (?:really |has )?help(?:ed|s)(?: (?:a lot|loads|lots|massively|me|us))?|"
    rf"{_THAT} answers? (?:it|that|my question|the question)|"
    rf"{_THAT}(?:'?s| has)? clear(?:ed|s) (?:it|that|things|that one) up|"  # "cheers that cleared it up"
    rf"(?:{_THAT}(?:'?s| is| was) )?(?:just |exactly )?what i (?:needed|wanted|was looking for|was after)|"
    rf"{_THAT}(?:'?s| is| was) (?:exactly|just|precisely) (?:it|right|the one)|spot on|"
    r"(?:(?:really|very|v|super) )?(?:helpful|useful)(?=\W*(?:thanks?|thank you|cheers|ta)?\W*$))" + _VERDICT_END,
    re.I,
)
NOT_HELPED = re.compile(
    _VERDICT_LEAD + rf"(?:{_THAT}(?:'?s| is| was)?(?: not|n'?t) (?:(?:very|really|at all|much|that|particularly) )?"
    r"(?:helpful|useful|any help|much help|any use|much use|what i (?:asked|meant|wanted|was asking|was looking for|needed))|"
    rf"{_THAT} (?:did ?n'?t|did not|does ?n'?t|does not|has ?n'?t|has not) (?:really )?"
    r"(?:help|answer (?:it|that|my question|the question))|"
    r"(?:you )?(?:did ?n'?t|did not|have ?n'?t|have not) answer(?:ed)? (?:my|the) question|"
    r"not (?:(?:very|really|that) )?(?:helpful|useful)|"
    r"not (?:really |quite |exactly )?what i (?:asked(?: for)?|meant|wanted|was asking|was looking for|needed)|"
    rf"(?:{_THAT}(?:'?s| is| was) )?(?:useless|unhelpful|no help|no use|(?:the |a )?wrong answer))" + _VERDICT_END,
    re.I,
)


_GLUE = r"(?:but|and|though|tho|tbh|honestly|thanks?|thank you|cheers|because|as)"  # between a verdict and what follows


BARE_NO = re.compile(r"^(?:no|nope|nah|naw|not really)\W*$", re.I)  # (a lone "n" is written out as "no" first)


def verdict(text: str, nothing_asked: bool = False) -> tuple[bool, str] | None:
    """Does the message open by saying whether the last answer helped? (helped, what follows: a
    question or what was missing, "" when nothing); None for anything else, a question about it
    included ("is that useful?"). When the answer asked nothing (``nothing_asked``), a bare "no" or
    "nope" can only be about the answer itself."""
    said = expand_text_speak(text).replace("’", "'").strip()  # "gr8 thats exactly what i needed"
    if nothing_asked and BARE_NO.match(said):
        return False, ""
    for helped, pattern in ((False, NOT_HELPED), (True, HELPED)):
        found = pattern.match(said)
        if found:
            rest = said[found.end() :]
            if rest.lstrip().startswith("?"):  # "that wasn't helpful?" is not said, it is asked
                return None
            rest = re.sub(rf"^[\W_]*(?:{_GLUE}\b[\W_]*)*", "", rest)
            return helped, rest.strip()
    return None
