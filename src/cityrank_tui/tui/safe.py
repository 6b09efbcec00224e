"""Data becomes Rich `Text` here, never markup and never terminal control.

`safe()` turns a string, or a `Text` built from data, into a `Text` whose every piece went
through the one sanitiser (`core.safetext.visible_lines`): styles are kept, `[red]` stays
literal (a `Text` is never parsed as markup), ESC, C0/C1 controls and DEL are shown as
`\\x1b`-style escapes. Dialogs, notifications, the palette and every screen's text go through it.
"""

from __future__ import annotations

from rich.text import Span, Text

from ..core.safetext import visible, visible_lines

__all__ = ["safe", "visible"]


def safe(content: str | Text, style: str = "") -> Text:
    """A `Text` of `content` that is safe on a terminal, with `content`'s styles kept."""
    if isinstance(content, str):
        return Text(visible_lines(content), style=style)
    plain = content.plain
    if visible_lines(plain) == plain:
        return content
    cuts = sorted({s.start for s in content.spans} | {s.end for s in content.spans})
    out = Text(
        style=content.style,
        justify=content.justify,
        overflow=content.overflow,
        no_wrap=content.no_wrap,
        end=content.end,
    )
    for piece in content.divide(c for c in cuts if 0 < c < len(plain)):
        shown = visible_lines(piece.plain)
        # `divide` cut at every span edge: each span left in a piece covers all of it.
        spans = [Span(0, len(shown), span.style) for span in piece.spans]
        out.append_text(Text(shown, style=piece.style, spans=spans))
    return out
