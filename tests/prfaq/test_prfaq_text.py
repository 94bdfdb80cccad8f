import pytest

from pitchlab.prfaq.text import has_quantity, mentions_keyword, word_count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        (None, 0),
        ("Clausemint gives legal teams a first pass.", 7),
        ("Don't count **bold** or - list marks - as words.", 8),
        ("state-of-the-art GPT-3.5 model", 3),
        ("客户节省时间", 6),
        ("人工客服工时下降 45%。", 9),
        ("深圳，2025年4月8日", 8),
        ("用 GPU 推理", 4),
    ],
)
def test_word_count_counts_cjk_characters_as_words(text, expected):
    assert word_count(text) == expected


@pytest.mark.parametrize(
    ("text", "keyword", "expected"),
    [
        ("What is the pricing?", "pric*", True),
        ("How much does it cost?", "cost*", True),
        ("We use an API from a provider", "api*", True),
        ("用API接口", "api", True),
        ("The rapid prototype", "api", False),
        ("It costs $49 a month", "$", True),
        ("我们的数据存储在国内", "数据", True),
        ("per   seat pricing", "per seat", True),
        ("a plant manager", "plan", False),
    ],
)
def test_mentions_keyword_matches_words_and_chinese(text, keyword, expected):
    assert mentions_keyword(text, keyword) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("saves 3 hours", True),
        ("cuts errors by half", True),
        ("节省一半时间", False),
        ("效率提升两倍", True),
        ("效率提升百分之三十", True),
        ("faster and better", False),
    ],
)
def test_has_quantity_needs_a_number(text, expected):
    assert has_quantity(text) is expected
