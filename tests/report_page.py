"""A report page read back with the standard library's HTML parser, as a browser would build it:
elements with their attributes, the text inside each, and what the page would fetch."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"meta", "br", "img", "link", "input", "hr", "source", "wbr", "col", "area", "base", "embed"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element] = field(default_factory=list)
    content: list = field(default_factory=list)  # its text nodes and child elements, in order

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def find(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        """Every element below this one with that tag and class, in document order."""
        out = []
        for child in self.children:
            if (tag is None or child.tag == tag) and (cls is None or cls in child.classes):
                out.append(child)
            out += child.find(tag, cls)
        return out

    def raw(self) -> str:
        """All the text inside, in order, exactly as parsed."""
        return "".join(part if isinstance(part, str) else part.raw() for part in self.content)

    def text(self) -> str:
        """All the text inside, white space collapsed as a browser shows it."""
        return " ".join(self.raw().split())


class Page(HTMLParser):
    """The parsed page: `root`, every element, every text node, and the malformed bits."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.here = self.root
        self.elements: list[Element] = []
        self.nodes: list[str] = []  # every text node, whole
        self.unclosed: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs}, self.here)
        self.here.children.append(element)
        self.here.content.append(element)
        self.elements.append(element)
        if tag not in VOID:
            self.here = element

    def handle_startendtag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs}, self.here)
        self.here.children.append(element)
        self.here.content.append(element)
        self.elements.append(element)

    def handle_endtag(self, tag):
        node = self.here
        while node is not self.root and node.tag != tag:
            self.unclosed.append(node.tag)
            node = node.parent
        if node is not self.root:
            self.here = node.parent

    def handle_data(self, data):
        self.here.content.append(data)
        self.nodes.append(data)

    def find(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        return self.root.find(tag, cls)

    def fetched(self) -> list[str]:
        """Every address the page would load or link to outside itself."""
        out = []
        for e in self.elements:
            for name in ("src", "href", "data", "action", "poster", "srcset", "xlink:href"):
                value = e.attrs.get(name)
                if value is not None and not value.startswith("#"):
                    out.append(f"{e.tag}[{name}]={value}")
            if "url(" in e.attrs.get("style", ""):
                out.append(f"{e.tag}[style]")
        for style in self.find("style"):
            css = style.text()
            out += [f"style: {marker}" for marker in ("url(", "@import", "http:", "https:", "//") if marker in css]
        return out
