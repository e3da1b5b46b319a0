"""Word lists of persuasion cues, grouped by the technique they usually signal.

They serve twice: as token features of the span tagger and the technique
classifier (which learn how much each cue is worth), and on their own as the
lexicon baseline that the trained models are measured against. Entries are
lower case; multi-word entries match consecutive words.
"""

from __future__ import annotations

# Emotionally charged words: the core of Loaded_Language.
LOADED = frozenset(
    """
    absurd abhorrent abomination abuse abusive alarming appalling atrocious atrocity awful
    barbaric barbarian betray betrayal bizarre blatant bloody bloodthirsty brutal brutally
    catastrophe catastrophic chaos chaotic cowardly crazy crime criminal crisis crushing
    cruel damning dangerous deadly deceitful deceptive deplorable depraved despicable
    destroy destroyed destruction devastating diabolical dire disastrous disaster disgrace
    disgraceful disgusting dishonest draconian egregious evil exploit explosive extreme
    extremist fanatic fanatical fiasco filthy fraud fraudulent furious hateful heinous
    hideous horrendous horrible horrific horrifying hostile humiliating hysteria hysterical
    idiotic illegal immoral incompetent infamous insane insidious lunatic lies lie lying
    ludicrous madness malicious massacre menace monstrous murderous nasty nefarious
    nightmare notorious obscene odious offensive outrage outrageous pathetic pernicious
    plague poison poisonous propaganda radical rampant ravage reckless repugnant revolting
    ridiculous rogue ruthless savage scandal scandalous scheme scam shameful shameless
    shocking sick sinister slaughter sleazy slimy smear stupid terrible terrifying
    threat toxic tragic treacherous treason tyranny tyrant ugly unhinged unprecedented
    vicious vile villain violent war wicked witch-hunt wrath hoax rigged corrupt corruption
    collusion cover-up coverup disastrously shamelessly outrageously viciously
    """.split()
)
# Words that turn the volume up: Exaggeration and Loaded_Language.
INTENSIFIERS = frozenset(
    """
    absolutely all always completely entire entirely every ever extremely forever greatest
    huge incredibly massive never nothing only perfectly simply so totally tremendous
    ultimate utterly very worst best biggest most least literally truly really
    unbelievable incredible enormous gigantic countless endless
    """.split()
)
# Insults and labels for people and groups: Name_Calling,Labeling.
LABELS = frozenset(
    """
    communist communists commie fascist fascists nazi nazis traitor traitors thug thugs
    terrorist terrorists jihadist jihadists islamist islamists globalist globalists elite
    elites leftist leftists liberal liberals libtard snowflake snowflakes puppet puppets
    regime dictator dictators tyrant tyrants idiot idiots moron morons crook crooks
    criminals hypocrite hypocrites liar liars clown clowns deep-state establishment
    neocon neocons mob militants extremists radicals zealots cronies stooge stooges
    warmonger warmongers bigot bigots racist racists sjw sjws antifa alt-right
    """.split()
)
# Casting doubt on credibility: Doubt.
DOUBT = frozenset(
    """
    alleged allegedly so-called supposedly questionable dubious doubt doubts doubtful
    claimed claims purported purportedly reportedly unproven unsubstantiated suspicious
    apparently seemingly why really
    """.split()
)
# Fear and threat: Appeal_to_fear-prejudice.
FEAR = frozenset(
    """
    danger dangerous threat threaten threatens threatening fear fears afraid terror
    invasion invade invaders destroy destruction collapse catastrophe disaster risk
    deadly die death deaths kill killed killing killers attack attacks warn warning
    warned crisis doom doomed apocalypse annihilation extinction epidemic plague
    """.split()
)
# Patriotic and group identity appeals: Flag-Waving.
FLAG = frozenset(
    """
    america american americans patriot patriots patriotic nation nation's national
    homeland motherland fatherland country our we us freedom liberty sovereignty
    constitution flag heroes hero troops citizens
    """.split()
)
# Cause-and-effect claims: Causal_Oversimplification.
CAUSAL = frozenset(
    """
    because therefore thus hence consequently caused causes cause result results resulted
    due blame blamed responsible led leads
    """.split()
)
# Absolutes and either-or framing: Black-and-White_Fallacy.
DICHOTOMY = frozenset("either or only choice choose alternative unless with against".split())
# Experts, officials and institutions called on: Appeal_to_Authority.
AUTHORITY = frozenset(
    """
    expert experts scientist scientists doctor doctors professor study studies official
    officials according said says stated confirmed pope president minister who un
    """.split()
)
# Stock phrases that close a discussion: Thought-terminating_Cliches and Slogans.
CLICHES = (
    ("it", "is", "what", "it", "is"),
    ("at", "the", "end", "of", "the", "day"),
    ("enough", "is", "enough"),
    ("make", "america", "great", "again"),
    ("drain", "the", "swamp"),
    ("build", "the", "wall"),
    ("lock", "her", "up"),
    ("fake", "news"),
    ("deep", "state"),
    ("so", "be", "it"),
    ("the", "truth", "is"),
    ("where", "there", "is", "smoke"),
    ("where", "there's", "smoke"),
    ("nothing", "to", "hide"),
    ("america", "first"),
    ("god", "bless"),
    ("no", "matter", "what"),
    ("period",),
)
# Pointing elsewhere: Whataboutism,Straw_Men,Red_Herring.
WHATABOUT = (
    ("what", "about"),
    ("how", "about"),
    ("yet",),
    ("meanwhile",),
    ("instead",),
    ("hypocrisy",),
    ("hypocritical",),
)
# Everyone does or thinks it, or it is what the villains did: Bandwagon,Reductio_ad_hitlerum.
BANDWAGON = frozenset(
    """
    everyone everybody majority millions nobody popular hitler nazi nazis stalin
    mussolini holocaust gestapo kgb soviet
    """.split()
)

# Single-word lexicons by the feature name the tagger sees, and the technique each suggests.
WORD_LISTS: dict[str, frozenset[str]] = {
    "loaded": LOADED,
    "intens": INTENSIFIERS,
    "label": LABELS,
    "doubt": DOUBT,
    "fear": FEAR,
    "flag": FLAG,
    "causal": CAUSAL,
    "dichot": DICHOTOMY,
    "auth": AUTHORITY,
    "bandw": BANDWAGON,
}
PHRASE_LISTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "cliche": CLICHES,
    "whatab": WHATABOUT,
}
CUE_TECHNIQUE: dict[str, str] = {
    "loaded": "Loaded_Language",
    "intens": "Exaggeration,Minimisation",
    "label": "Name_Calling,Labeling",
    "doubt": "Doubt",
    "fear": "Appeal_to_fear-prejudice",
    "flag": "Flag-Waving",
    "causal": "Causal_Oversimplification",
    "dichot": "Black-and-White_Fallacy",
    "auth": "Appeal_to_Authority",
    "bandw": "Bandwagon,Reductio_ad_hitlerum",
    "cliche": "Thought-terminating_Cliches",
    "whatab": "Whataboutism,Straw_Men,Red_Herring",
}
CUES: tuple[str, ...] = (*WORD_LISTS, *PHRASE_LISTS)
# Cues strong enough on their own for the lexicon baseline's spans.
BASELINE_SPAN_CUES = ("loaded", "label", "cliche")
