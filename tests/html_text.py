"""Read pages as a user does: the text of an element by id, and the elements a page offers."""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Elements(HTMLParser):
    """Every element's tag, attributes and text (its own and its children's)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self.open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index]["tag"] == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        for element in self.open:
            element["text"] += data


def elements(html: str) -> list[dict]:
    parser = _Elements()
    parser.feed(html)
    return parser.elements


def text_by_id(html: str, element_id: str) -> str | None:
    """The whitespace-normalised text of the element with this id, None when there is none."""
    found = [e for e in elements(html) if e["attrs"].get("id") == element_id]
    return " ".join(found[0]["text"].split()) if found else None


def form_actions(html: str) -> list[str]:
    return [e["attrs"].get("action", "") for e in elements(html) if e["tag"] == "form"]
