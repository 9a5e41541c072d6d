"""Is a message written in English? The assistant answers in English only, and a question in
another language deserves a clear, polite "English only" rather than a wrong commitment.

Cheap and model-free: a message mostly in a non-Latin script (Arabic, Urdu, Punjabi, Bengali,
Cyrillic, Chinese…) is not English; a Latin-script message is taken as English unless it has no
common English word at all and carries the marks of another language (a frequent function word
or a letter that English does not use). Terse English ("underspend", "notice period funding")
and typo-laden English still pass; a message too short to tell is given the benefit of the doubt.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W\d_]+")
ENGLISH = frozenset(
    """
a about after all also am an and any are as at be been before but by can could did do does doing for from had has
have he her his how i if in into is it its me my no not of on or our out she should so some than that the their
them there these they this those to too up us was we were what when where which who why will with would you your
""".split()
)
# Function words of the languages most spoken in Derby and Derbyshire after English (Polish,
# Slovak, Romanian, Welsh, Portuguese, Spanish, French, Italian, German, Latvian, Lithuanian),
# none of which is also a common English word.
OTHER = (
    frozenset(
        """
jest nie się jak czy dla przez oraz jestem są które który ale tak już żeby mam
sa ako aby alebo ktory preto však som
este sunt și sau pentru cum care nu mă ce cât când
mae yw sut beth pam ble pryd ydy oes gyda efo ein eich rydw dwi hefyd
não sim uma com para pelo pela como quando porque são está estou você
el los las una por pero cómo qué cuándo dónde es está están muy también
le les des une est sont pour avec dans pas mais comment quand pourquoi qui nous vous
il gli della sono come perché quando anche
der die das und ist nicht ein eine wie warum wann wir ihr sie mit für
ir un ar kā kad kāpēc es jūs mēs nav
yra ir kaip kodėl kada mes jūs ne
""".split()
    )
    - ENGLISH
)
# Letters of those languages that English words do not use.
OTHER_LETTERS = frozenset("ąćęłńśźżčďěňřšťůžăâîșțşţŵŷãõñ¿¡ßäöüāēīūļķņģėįųœ")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def looks_english(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4:
        return True  # too short to tell ("ok", "hi", an emoji)
    if sum(1 for c in letters if LATIN.match(c)) / len(letters) < 0.5:
        return False
    words = WORD.findall(text.lower())
    if any(w in ENGLISH for w in words):
        return True
    marked = any(w in OTHER for w in words) or any(c in OTHER_LETTERS for c in text.lower())
    return not (len(words) >= 2 and marked)
