"""A discussion's posts as plain values, and as one HTML page for the reading pane.

The store is read in one short session and turned into frozen dataclasses, so no
SQLAlchemy object outlives its session or crosses into the widgets.

Each post's HTML is cleaned here (platform/moodle_html.py) and a long post is cut to its
first PREVIEW_CHARS with a "Show all" link; the pane asks for the whole post by id. For
a big thread this is heavy (a 10 MB post: about half a second to clean, seconds to lay
out), so the pane runs it in a task; thread_pane.py decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QCoreApplication
from sqlalchemy import select

from moderator_app.gui.dates import format_datetime
from moderator_app.gui.html_chunks import split_top_level
from moderator_app.gui.safe_browser import SHOW_ALL_SCHEME
from moderator_app.platform.moodle_html import clean_html
from moderator_app.store import models

# A post's HTML beyond this many characters waits behind "Show all".
PREVIEW_CHARS = 20_000


@dataclass(frozen=True)
class PostView:
    id: int
    parent_id: int | None
    subject: str
    message_html: str
    author_fullname: str
    time_created: int | None
    is_deleted: bool
    is_private_reply: bool
    has_attachments: bool
    truncated: bool = False  # stored cut (limits.MAX_POST_HTML_CHARS): the rest is on the site


@dataclass(frozen=True)
class ThreadView:
    discussion_id: int
    subject: str
    first_post_id: int
    stale: bool  # the posts in the store are older than the discussion's last change
    posts: tuple[PostView, ...]
    site_url: str = ""  # for "the rest is on the site" links


def load_thread(db: object, discussion_id: int) -> ThreadView | None:
    """The thread as the store has it now; None when the discussion is gone."""
    with db.session() as session:  # type: ignore[attr-defined]
        discussion = session.get(models.Discussion, discussion_id)
        if discussion is None:
            return None
        rows = session.scalars(
            select(models.Post)
            .where(models.Post.discussion_id == discussion_id)
            .order_by(models.Post.time_created.is_(None), models.Post.time_created, models.Post.id)
        ).all()
        posts = tuple(
            PostView(
                id=row.id,
                parent_id=row.parent_id,
                subject=row.subject,
                message_html=row.message,
                author_fullname=row.author_fullname,
                time_created=row.time_created,
                is_deleted=row.is_deleted,
                is_private_reply=row.is_private_reply,
                has_attachments=row.has_attachments,
                truncated=row.truncated,
            )
            for row in rows
        )
        stale = discussion.posts_synced_at_modified != discussion.time_modified
        if not posts:
            # Posts not fetched yet: the list already gave us the first post.
            posts = (
                PostView(
                    id=discussion.first_post_id,
                    parent_id=None,
                    subject=discussion.subject,
                    message_html=discussion.message,
                    author_fullname=discussion.author_fullname or "",
                    time_created=discussion.created,
                    is_deleted=False,
                    is_private_reply=False,
                    has_attachments=False,
                ),
            )
            stale = True
        site_url = session.scalars(select(models.Account.site_url)).first() or ""
        return ThreadView(
            site_url=site_url,
            discussion_id=discussion.id,
            subject=discussion.subject,
            first_post_id=discussion.first_post_id,
            stale=stale,
            posts=posts,
        )


def _tr(text: str) -> str:
    return QCoreApplication.translate("ThreadView", text)


def _depths(posts: tuple[PostView, ...]) -> dict[int, int]:
    by_id = {post.id: post for post in posts}
    depths: dict[int, int] = {}
    for post in posts:
        depth, parent, seen = 0, post.parent_id, set()
        while parent in by_id and parent not in seen and depth < 6:
            seen.add(parent)
            depth += 1
            parent = by_id[parent].parent_id
        depths[post.id] = depth
    return depths


def cut_html(html: str, limit: int) -> str:
    """The start of ``html``, at most ``limit`` characters, never inside a tag.

    What is left open is closed by cleaning afterwards (html5ever repairs it).
    """
    if len(html) <= limit:
        return html
    head = html[:limit]
    if head.rfind("<") > head.rfind(">"):
        head = head[: head.rfind("<")]
    return head


def page_size(thread: ThreadView, expanded: frozenset[int] = frozenset()) -> int:
    """How much post HTML thread_html would clean (to decide where to prepare it)."""
    return sum(
        len(post.message_html)
        if post.id in expanded
        else min(len(post.message_html), PREVIEW_CHARS)
        for post in thread.posts
        if not post.is_deleted
    )


def post_url(site_url: str, discussion_id: int, post_id: int) -> str:
    """Where a post is read on the site (Moodle's discuss.php with the post's anchor)."""
    return f"{site_url.rstrip('/')}/mod/forum/discuss.php?d={discussion_id}#p{post_id}"


def _rest_on_site(post: PostView, thread: ThreadView) -> str:
    rest = _tr("This post is longer than this computer keeps: the rest is on the site.")
    if not thread.site_url:
        return f"<p><i>{escape(rest)}</i></p>"
    url = escape(post_url(thread.site_url, thread.discussion_id, post.id), quote=True)
    open_it = _tr("Read it on the site")
    return f'<p><i>{escape(rest)}</i> <a href="{url}">{escape(open_it)}</a></p>'


def _body(post: PostView, thread: ThreadView, expanded: frozenset[int]) -> str:
    if post.is_deleted:
        deleted = _tr("This post was deleted.")
        return f"<p><i>{escape(deleted)}</i></p>"
    if post.id in expanded or len(post.message_html) <= PREVIEW_CHARS:
        whole = clean_html(post.message_html)
        return whole + _rest_on_site(post, thread) if post.truncated else whole
    # Cut before cleaning: cleaning 20,000 characters of a 10 MB post is instant.
    shown = clean_html(cut_html(post.message_html, PREVIEW_CHARS))
    cut_note = _tr("This post is long: only its beginning is shown.")
    show_all = _tr("Show all")
    return (
        f"{shown}<p><i>{escape(cut_note)}</i> "
        f'<a href="{SHOW_ALL_SCHEME}:{post.id}">{escape(show_all)}</a></p>'
    )


def thread_html(thread: ThreadView, expanded: frozenset[int] = frozenset()) -> str:
    """One HTML page: every post cleaned, with its author and time, replies indented.

    A post longer than PREVIEW_CHARS shows its beginning and a "Show all" link unless
    its id is in ``expanded``.
    """
    return "".join(thread_chunks(thread, expanded))


def thread_chunks(thread: ThreadView, expanded: frozenset[int] = frozenset()) -> list[str]:
    """thread_html in pieces that each parse alone (a huge post's body in several)."""
    depths = _depths(thread.posts)
    parts: list[str] = []
    for post in thread.posts:
        indent = min(depths.get(post.id, 0), 4) * 24
        when = format_datetime(post.time_created)
        notes = []
        if post.is_private_reply:
            notes.append(_tr("private reply"))
        if post.has_attachments:
            notes.append(_tr("has attachments (open it on the site)"))
        note = f" <i>({escape(', '.join(notes))})</i>" if notes else ""
        div = f'<div style="margin-left:{indent}px">'
        head = (
            f"<p><b>{escape(post.author_fullname)}</b>"
            f" <span style='color:gray'>{escape(when)}</span>{note}</p>"
        )
        pieces = split_top_level(_body(post, thread, expanded))
        parts.append(f"{div}{head}{pieces[0]}</div>")
        parts.extend(f"{div}{piece}</div>" for piece in pieces[1:])
        parts[-1] += "<hr>"
    return parts
