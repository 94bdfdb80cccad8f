from pitchlab.prfaq.diffing import diff_html, diff_revisions, faq_texts


def test_diff_revisions_shows_inserted_and_deleted_words():
    old = {"headline": "Clausemint reviews contracts fast"}
    new = {"headline": "Clausemint reviews NDAs in 5 minutes"}

    [diff] = diff_revisions(old, new)

    assert diff.status == "changed"
    assert str(diff_html(diff.spans)) == (
        "Clausemint reviews <del>contracts fast</del><ins>NDAs in 5 minutes</ins>"
    )
    assert (diff.words_deleted, diff.words_inserted) == (2, 4)


def test_diff_html_escapes_section_text():
    old = {"problem": "Plain text"}
    new = {"problem": "Plain <script>alert(1)</script> text"}

    [diff] = diff_revisions(old, new)
    html = str(diff_html(diff.spans))

    assert "<script>" not in html
    assert "<ins>&lt;script&gt;alert(1)&lt;/script&gt; </ins>" in html


def test_diff_revisions_marks_added_removed_and_unchanged_sections():
    old = {"headline": "Same", "problem": "Old problem"}
    new = {"headline": "Same", "solution": "New solution"}

    statuses = {diff.key: diff.status for diff in diff_revisions(old, new)}

    assert statuses == {"headline": "unchanged", "problem": "removed", "solution": "added"}


def test_diff_revisions_chinese_edit_is_character_level():
    old, new = {"sub-headline": "客服工时下降一半"}, {"sub-headline": "客服工时下降 45%"}

    [diff] = diff_revisions(old, new)

    assert str(diff_html(diff.spans)) == "客服工时下降<del>一半</del><ins> 45%</ins>"


def test_faq_texts_makes_faq_changes_diffable():
    old = faq_texts({"external": [{"question": "Price?", "answer": ""}]})
    new = faq_texts({"external": [{"question": "Price?", "answer": "$450 per seat"}]})

    diffs = {diff.key: diff for diff in diff_revisions(old, new)}

    assert diffs["faq.external"].status == "changed"
    assert diffs["faq.internal"].status == "unchanged"
    assert "<ins>" in str(diff_html(diffs["faq.external"].spans))
