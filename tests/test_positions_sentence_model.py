"""The `targets` experiment (bench/experiments/positions_sentence_model.py): the words model
gives a sentence a measure type only where the link matcher found no target in it, at or
above the threshold, and not one the paragraph's links already cover."""

from bench.experiments.positions_sentence_model import sentence_additions, sentence_scores

TEXT = "Russia held talks on it. The sides agreed to notify launches."


def fake_model(texts):
    """Probabilities by words: 'notify' is a launch notice, 'talks' military contacts."""
    return [
        {
            "missile-launch-notification": 0.8 if "notify" in t else 0.1,
            "military-contacts": 0.7 if "talks" in t else 0.1,
        }
        for t in texts
    ]


def test_each_sentence_is_scored_alone():
    """Each sentence gets its own probabilities, with its span in the paragraph."""
    scores = sentence_scores(TEXT, fake_model)
    assert [TEXT[s:e] for s, e, _ in scores] == [
        "Russia held talks on it.",
        "The sides agreed to notify launches.",
    ]
    assert scores[1][2]["missile-launch-notification"] == 0.8


def test_a_sentence_without_a_target_gets_the_types_at_the_threshold():
    """A type at or above the threshold is added to a sentence the matcher found nothing in."""
    added = sentence_additions(sentence_scores(TEXT, fake_model), 0.7, set(), [])
    assert [(TEXT[s:e], slug) for s, e, slug, _ in added] == [
        ("Russia held talks on it.", "military-contacts"),
        ("The sides agreed to notify launches.", "missile-launch-notification"),
    ]


def test_nothing_below_the_threshold_in_a_sentence_with_a_target_or_covered():
    """A sentence holding a link matcher's target, a type the links cover and a type below the
    threshold get nothing."""
    scores = sentence_scores(TEXT, fake_model)
    assert [a[2] for a in sentence_additions(scores, 0.75, set(), [])] == [
        "missile-launch-notification"
    ]
    second = TEXT.index("The sides")
    assert sentence_additions(scores, 0.75, set(), [(second + 4, second + 9)]) == []
    assert sentence_additions(scores, 0.75, {"missile-launch-notification"}, []) == []
