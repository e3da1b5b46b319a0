"""The lexical cues the stance head reads, kept as data so an explanation can name them.

Each cue is (feature name, what an explanation says, pattern). The patterns run
on the comment's cleaned, lower-cased text: @names, links and tweet furniture
already out. They are the signals annotators of RumourEval react to: a
question or a request for a source makes a query, "fake" or "not true" a deny,
"confirmed" or "exactly" a support.
"""

from __future__ import annotations

CUES: tuple[tuple[str, str, str], ...] = (
    ("question", "asks a question", r"\?"),
    ("ends_question", "ends with a question mark", r"\?[\W_]*$"),
    ("wh_word", "uses a wh-question word", r"\b(?:who|what|when|where|why|how|which)\b"),
    (
        "yes_no_opener",
        "opens like a yes/no question",
        r"^(?:is|are|was|were|do|does|did|can|could|will|would|has|have|should|any)\b",
    ),
    (
        "asks_evidence",
        "asks for a source or proof",
        r"\b(?:source|sources|proof|evidence|citation|confirm\w*|verif\w*|link|pics?)\b[^.!]*\?"
        r"|\bis (?:this|that|it) (?:true|real|confirmed|legit|official)\b|\breally\s*\?"
        r"|\bany (?:source|proof|evidence|confirmation)|\bsource\s*\?|\bwho says\b"
        r"|\b(?:give|show|provide|post|cite)\b[^.!?]{0,20}\b(?:evidence|proof|sources?)\b"
        r"|\b(?:evidence|proof|sources?),? please\b",
    ),
    ("negation", "uses a negation", r"\b(?:not|no|never|nothing|none|nobody|neither|nor)\b|n't\b"),
    (
        "calls_false",
        "calls it false or a hoax",
        r"\b(?:fake|hoax\w*|false|lie|lies|lying|liars?|untrue|bs|bullshit|nonsense|debunked"
        r"|wrong|misinformation|misinformed|rubbish|fabricated|made up|not true|propaganda"
        r"|photoshop\w*|fiction|denie[sd]|deny|denying)\b",
    ),
    (
        "calls_rumour",
        "calls it a rumour or unconfirmed",
        r"\b(?:rumou?rs?|unconfirmed|unverified|speculat\w*|alleged\w*|claims?|supposedly)\b",
    ),
    (
        "confirms",
        "says it is confirmed or reported",
        r"\b(?:confirm(?:ed|s|ation)|official\w*|verified|breaking|according to|reports?"
        r"|reported|reporting|sources say)\b",
    ),
    (
        "agrees",
        "agrees",
        r"\b(?:yes|yep|yeah|exactly|agreed?|true|indeed|correct|absolutely|well said)\b",
    ),
    (
        "doubt",
        "expresses doubt",
        r"\b(?:doubt\w*|skeptic\w*|sceptic\w*|suspicious|unlikely|hmm+|not sure|wait)\b"
        r"|\bi don'?t (?:think|believe)\b",
    ),
    (
        "emotion",
        "reacts with emotion",
        r"\b(?:omg|wow|rip|pray\w*|sad|terrible|horrible|awful|shocking|scary|god)\b|!",
    ),
    ("laughter", "laughs", r"\b(?:lol|lmao|haha\w*|rofl)\b"),
    ("second_person", "addresses someone directly", r"\b(?:you|your|you're|u|ur)\b"),
)
# The parent's cues that tell most about a reply (a question is answered, a denial disputed).
PARENT_CUES = ("question", "negation", "calls_false", "confirms", "asks_evidence")
