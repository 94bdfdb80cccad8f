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
        parent = self.open[-1]["index"] if self.open else None
        element = {"tag": tag, "attrs": dict(attrs), "text": "", "index": len(self.elements)}
        element["parent"] = parent
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


def table_rows(html: str, table_id: str) -> list[dict]:
    """The rows of a table: each row's attributes and its cells (td and th, in order)."""
    found = elements(html)
    table = next(e for e in found if e["attrs"].get("id") == table_id)

    def inside(element) -> bool:
        while element["parent"] is not None:
            if element["parent"] == table["index"]:
                return True
            element = found[element["parent"]]
        return False

    rows = [e for e in found if e["tag"] == "tr" and inside(e)]
    return [
        {
            "attrs": row["attrs"],
            "cells": [c for c in found if c["parent"] == row["index"] and c["tag"] in {"td", "th"}],
        }
        for row in rows
    ]
