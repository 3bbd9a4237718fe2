"""How a person's name is printed, for every rule that must tell one from an organisation's:
honorifics ("Cllr", "Dr", "Imam"), the words of a name, and the particles inside one ("bin",
"ul"). Only what precedes a name is an honorific here: a word that also begins place names
("Bishop Auckland") is left out, so a place is never read as a title."""

from __future__ import annotations

import re

HONORIFIC = (
    r"(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Rev|Revd|Reverend|Imam|Sheikh|Shaykh|Maulana|Mufti"
    r"|Hafiz|Allama|Rabbi|Lord|Baroness|Sir|Dame)\.?"
)
STARTS_WITH_HONORIFIC = re.compile(rf"^(?:{HONORIFIC}\s+)+")  # all of them: "Cllr Dr Amira Khan"
NAME_WORD = r"[A-Z][\w’'.\-]*"
NAME_PARTICLE = r"(?:de|van|von|der|bin|binti|al|el|da|di|du|la|le|ul|ud|e)"
# A person's name as printed: honorifics, then two to five words of a name.
PERSON_NAME = rf"(?:{HONORIFIC}\s+)*{NAME_WORD}(?:\s+(?:{NAME_WORD}|{NAME_PARTICLE})){{1,4}}"
