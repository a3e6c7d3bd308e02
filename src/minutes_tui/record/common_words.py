"""Words that are also given names or surnames ("May", "Long", "Will", "Price").

A part of a person's name found here is redacted only where it stands as a name (see
`record.redact`), so "by 31 May 2020", "Long-term" and "we will" survive. English in
lower case, accents folded; the French, Spanish and Arabic lists as written (redact
normalises them). Months, weekdays and organisation names are added by `record.redact`.

The other languages' lists are short on purpose: a word goes in when the record uses it
as a word far more often than a participant bears it as a name. Very common names that
are rare words stay out ("Pierre", "Flores", "Santos", "Hassan"): listed, they would be
redacted only next to another part of the name or after an honorific.
"""

from __future__ import annotations

_WORDS = """
    a an and are as at be by do for from go he her his i if in is it me my no not of on or
    so the to up us we who why yes you all any can did may might must one our out own per
    said say see set she too two way will with would
    able abbot ace act add age aid aim air all alley amber angel apple april archer art ash
    august autumn baker ball bank banks barber bass bay beach bean bear bell belle berry best
    bill bird bishop black blake bliss bloom blue bond booth born bower bowman boy brand
    bridge bright brook brooks brown buck bud bull bunch burn bush butcher butler cain cake
    call camp candy cannon cap card carpenter carter case cash castle chance chapel chase
    cherry chester child christian church clay clear cliff close cloud coal cole coin cook
    cooper copper coral cotton court cox crane crisp cross crow crown cure dale dart
    dash dawn day dean dear diamond doe dove drake duck duke dunn dusty dyer earl earnest
    east eden english eve ever fair faith fall far farmer fast favour field fields finch
    fine fish fisher fleming flint flower ford forest fortune foster fox frank free fry
    gale game gardener garland gay gem gentle gift glass glen glenn goble gold golden good
    goodman grace grand grant gray green grey grove guard guy hale hall ham hand hardy harm
    harper hart harvest haven hawk hay head heart heath hedge hill holly honey hood hope
    horn house hunt hunter ivy jack jade jay jewel joy judge june just keen kind king knight
    lake lamb land lane lark law lawn lay lead leaf lee light lily lime little lock long
    lord love lovely lucky mace major march marine mark marsh mason master may meadow mercy
    merry mill miller mint moon moor moss mountain mount nash neat new newman noble north
    nurse oak ocean page palmer paris park parker parks pack patience payne peace pearl
    penny pepper person pierce pike pine piper plum poll pool pope porter post potter
    pound power powers pratt price pride prince prudence queen quick rain ram ray read reed
    rice rich ridge ring rivers robin rock rose ross rowe royal ruby rush sage sale salt
    sand sands savage scales sea season sexton shade sharp shaw shepherd shore short
    silver sky slater small smart smith snow south spain sparrow speed spring squire stable
    star steel sterling stern stone storm story street strong summer summers sun sunny swan
    sweet swift tailor tanner taylor temple thorn tide todd tower town true tucker turner
    vale valley vine violet wade walker wall walls ward warden warren water waters weaver
    webb well wells west wheeler white wild will wills wing winter wise wolf wood woods
    wren wright york young
    data cluster sector group team office network unit health food water camp aid relief
    guidance plan report update review session meeting agenda action actions chair lead
"""
COMMON_WORDS = frozenset(_WORDS.split())

# French: words a coordination meeting writes that are also surnames (France, Blanc,
# Petit, Grand, Fort, Fontaine, Marchand …). Left out, though they are words too: given
# names common in Francophone Africa and Haiti whose word is rare in a record
# (Innocent, Désiré, Fidèle, Espérance, Constant, Noël): better a word redacted than a
# name kept.
_FRENCH = """
    le la les de du des un une et ou en au aux sur par pour avec dans est sont
    france rose blanc petit grand fort juste fontaine marchand boucher bienvenue paix
    chance sage
"""
# Spanish: "paz" (peace talks), "luz" (electricity), "amparo" (the legal remedy),
# "socorro" (relief) are words of the record as well as names; Esperanza, Pilar,
# Dolores, Rosa and Flores are left out for the same reason as above.
_SPANISH = """
    el la los las de del y o en un una por para con es son
    paz luz sol amparo socorro real leal nuevo blanco campo calle bravo
"""
# Arabic: prepositions, and peace, morning, just (a fair distribution) and Islam's
# greeting words that are also names (Salam, Sabah, Adel). Nour, Amal, Karim, Saeed
# are left out: common names, rare words in a record.
_ARABIC = """
    في من على الى عن مع سلام صباح عادل
"""
COMMON_WORDS_BY_LANGUAGE: dict[str, frozenset[str]] = {
    "fr": frozenset(_FRENCH.split()),
    "es": frozenset(_SPANISH.split()),
    "ar": frozenset(_ARABIC.split()),
}

# Organisations' acronyms in French and Spanish (and English), never a person's name
# part on their own, whatever the directory holds: "PAM" is also "Pam".
_ACRONYMS = """
    bcah hcr acnur pam oms oim fao unicef pnud unfpa onu ocha unhcr wfp who iom undp
    cicr ficr icrc ifrc msf oit ilo ong ngo onusida unaids
"""
ORGANISATION_ACRONYMS = frozenset(_ACRONYMS.split())
