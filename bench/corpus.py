"""A synthetic but realistic corpus: paragraphs of news-report filler mixed with the seed
articles' sentences, which carry the measures the registry looks for. Deterministic."""

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "fixtures" / "articles").glob("*.txt"))

# Sentences in the register of the reports the registry reads, most mentioning no measure:
# they share its vocabulary (troops, talks, missiles, exercises) so anchors fire on them too.
FILLER = """\
The talks in Geneva were described by both delegations as frank and useful.
Officials said another round could take place in Vienna before the end of the month.
The foreign ministry spokeswoman declined to comment on the timing of the next meeting.
Thousands of troops remain stationed near the border, according to satellite images.
Analysts said the military build-up had raised fears of a wider conflict in the region.
The alliance held a meeting of defence ministers in Brussels on Wednesday.
Sanctions on banks and energy companies are among the options being discussed.
The president spoke with his counterpart by telephone for nearly an hour.
A senior diplomat said the proposals were a starting point rather than a final offer.
Naval patrols in the Black Sea have increased since the spring.
The minister said the country would not accept any limits on its sovereign choices.
Markets fell sharply after the announcement, and the currency lost two per cent.
Journalists were not allowed to attend the closed session of the council.
The exercises, which began on Monday, involve aircraft, armoured vehicles and artillery.
Experts warned that the collapse of arms control agreements had made Europe less safe.
The government published a statement on its website late on Tuesday evening.
Opposition politicians criticised the decision as rushed and poorly explained.
Military officials briefed reporters on the condition that they not be named.
The defence budget for next year includes new funding for air defence systems.
Both sides accused each other of violating the ceasefire along the contact line.
The secretary general said the door to dialogue remained open.
Weather conditions delayed the arrival of the delegation by several hours.
Observers said the language of the final communique was deliberately vague.
The missile was launched from a site in the north and fell into the sea.
The parliament is expected to vote on the ratification of the agreement in March.
Diplomats said a compromise on the wording of the text was still possible.
Local residents reported hearing explosions near the airfield overnight.
The ministry said the troops would return to their permanent bases after the drills.
A former ambassador said the region had not seen such tension since the Cold War.
The summit ended without a joint declaration.
"""


def seed_sentences() -> list[str]:
    sentences = []
    for path in ARTICLES:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s+", "", line).strip()
            sentences.extend(s for s in re.split(r"(?<=[.!?”])\s+(?=[A-Z“])", line) if s)
    return sentences


def paragraphs(seed: int = 1990):
    """An endless stream of paragraphs of 3–7 sentences, about one in three naming a measure."""
    rng = random.Random(seed)
    filler = FILLER.strip().splitlines()
    seeds = seed_sentences()
    while True:
        sentences = [rng.choice(filler) for _ in range(rng.randint(3, 7))]
        if rng.random() < 0.35:
            sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(seeds))
        yield " ".join(sentences)


def corpus(megabytes: float, seed: int = 1990) -> list[str]:
    target, size, out = megabytes * 1_000_000, 0, []
    for paragraph in paragraphs(seed):
        out.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 1
        if size >= target:
            return out
