"""Which fonts Chromium really drew a piece of text with: a page's CSS may ask for a CJK font the system lacks,
and then Korean shows as empty boxes, which no computed style reveals. Used by the browser tests."""


def platform_fonts(page, selector: str) -> list[str]:
    """The font families Chromium rendered the text of the first element matching ``selector`` with
    (DevTools' ``CSS.getPlatformFontsForNode``), e.g. ``["Noto Sans CJK KR", "DejaVu Sans"]``."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, f"nothing matches {selector!r}"
        return [f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]]
    finally:
        cdp.detach()
