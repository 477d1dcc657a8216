"""Article rules: content per locale, authors, publishing, parents, listing and search.

* An article's content has one version per locale (:class:`ArticleTranslation`), each with
  its own title, description, body, author, state (``published``/``draft``) and timestamps.
  The top-level fields are the default locale's (the help center's, ``en``);
  ``translated_content`` holds every locale. Locales are checked against the supported list.
* Create needs a ``title`` and an ``author_id``, at the top level or in the default locale's
  ``translated_content`` (the top level wins when both are given); the author must be an
  admin of the workspace. ``state`` defaults to ``draft``, for every locale. Another locale
  needs a title; its author defaults to the default locale's.
* Update is partial: only what is given changes, an omitted ``state`` keeps the current one
  (an edit of a published article is live at once), a locale set to ``null`` is removed
  (never the default one). Any update touches the default locale's ``updated_at``, which
  is the article's; a locale's own ``updated_at`` moves when that locale is edited.
* ``parent_id`` must be a collection or section of the workspace; ``parent_type`` may be
  ``collection`` or ``section`` and is answered as what the parent really is. ``parent_id:
  null`` on update makes the article standalone.
* Bodies are HTML, normalised on write (:func:`backchannel.core.html.normalize_body`), with
  Intercom's article paragraphs: ``<p class="no-margin">``.
* ``GET /articles`` lists the most recently updated first. Search matches when every word
  of ``phrase`` occurs in one locale's title, description or body (whole words, any case),
  with that locale in the wanted ``state`` (``all`` when not given: the recorded search
  example answers a draft).
* The statistics are real counters and start at 0; no 2.10 operation records views,
  conversations or reactions, so through the API they stay 0.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from msgspec import UNSET, UnsetType
from sqlalchemy import and_, delete, select, true
from sqlalchemy.orm import Session

from backchannel.core.errors import NotFound, ParameterInvalid, ParameterNotFound
from backchannel.core.html import normalize_body, to_plaintext, words
from backchannel.core.ids import parse_numeric_id
from backchannel.core.pagination import NumberPage, clamp_per_page, number_page
from backchannel.db.repository import Repository
from backchannel.db.tables import (
    Admin,
    Article,
    ArticleTranslation,
    HelpCenter,
    HelpCenterCollection,
)
from backchannel.resources.admins.service import AdminNotFound
from backchannel.resources.articles.schemas import (
    ArticleCreate,
    ArticleSearchQuery,
    ArticleTranslations,
    ArticleUpdate,
)
from backchannel.resources.help_center import service as help_center
from backchannel.resources.help_center.locales import locale_order, translations

__all__ = [
    "DEFAULT_PER_PAGE",
    "DEFAULT_SEARCH_PER_PAGE",
    "ArticleNotFound",
    "ArticlePage",
    "ArticleSearchResult",
    "ArticleView",
    "Fragment",
    "Highlight",
    "create_article",
    "delete_article",
    "list_articles",
    "read_article",
    "search_articles",
    "update_article",
]

DEFAULT_PER_PAGE = 25
DEFAULT_SEARCH_PER_PAGE = 10
MAX_TITLE_LENGTH = 255
STATES = ("published", "draft")
SEARCH_STATES = ("published", "draft", "all")
PARENT_TYPES = ("collection", "section")
AUTHOR_REQUIRED = "author_id must be in the main body or default locale translated_content object"
SUMMARY_SNIPPETS = 3
SNIPPET_LENGTH = 200
_FIELDS = ("title", "description", "body", "author_id", "state")

Fragment = dict[str, str]


class ArticleNotFound(NotFound):
    """No article with that id in this workspace (404 ``not_found`` "Resource Not Found")."""


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article with its locales (default first), parent and the help center of its URL."""

    article: Article
    translations: list[ArticleTranslation]
    parent: HelpCenterCollection | None
    help_center: HelpCenter | None

    @property
    def main(self) -> ArticleTranslation:
        return self.translations[0]


@dataclass(frozen=True, slots=True)
class ArticlePage:
    page: NumberPage[Article]
    views: list[ArticleView]


@dataclass(frozen=True, slots=True)
class Highlight:
    """Where the searched words are in one article's title and summary."""

    article_id: int
    title: list[Fragment]
    summary: list[list[Fragment]]


@dataclass(frozen=True, slots=True)
class ArticleSearchResult:
    page: NumberPage[Article]
    views: list[ArticleView]
    highlights: list[Highlight]


# --- reading -----------------------------------------------------------------------------


def get_article(db: Session, *, workspace_id: int, article_id: object) -> Article:
    """The article entity; :class:`ArticleNotFound` for unknown or malformed ids."""
    number = parse_numeric_id(article_id)
    found = None if number is None else Repository(db, workspace_id, Article).get(number)
    if found is None:
        raise ArticleNotFound()
    return found


def _views(db: Session, workspace_id: int, articles: Sequence[Article]) -> list[ArticleView]:
    """Views of ``articles``, loading their locales, parents and help centers in bulk."""
    if not articles:
        return []
    ids = [article.id for article in articles]
    by_article: dict[int, list[ArticleTranslation]] = defaultdict(list)
    for row in db.execute(
        select(ArticleTranslation).where(ArticleTranslation.article_id.in_(ids))
    ).scalars():
        by_article[row.article_id].append(row)
    parent_ids = {article.parent_id for article in articles if article.parent_id is not None}
    parents: dict[int, HelpCenterCollection] = {}
    if parent_ids:
        parents = {
            collection.id: collection
            for collection in db.execute(
                select(HelpCenterCollection).where(HelpCenterCollection.id.in_(parent_ids))
            ).scalars()
        }
    centers = help_center.help_centers_by_id(
        db,
        workspace_id=workspace_id,
        ids={parent.help_center_id for parent in parents.values()},
    )
    default = help_center.default_help_center(db, workspace_id=workspace_id)
    views = []
    for article in articles:
        locales = sorted(
            by_article[article.id],
            key=lambda row: (row.locale != article.default_locale, locale_order(row.locale)),
        )
        parent = parents.get(article.parent_id) if article.parent_id is not None else None
        center = centers.get(parent.help_center_id) if parent is not None else default
        views.append(ArticleView(article, locales, parent, center))
    return views


def read_article(db: Session, *, workspace_id: int, article_id: object) -> ArticleView:
    """One article with its locales; :class:`ArticleNotFound` if unknown."""
    article = get_article(db, workspace_id=workspace_id, article_id=article_id)
    return _views(db, workspace_id, [article])[0]


def list_articles(
    db: Session, *, workspace_id: int, page: int | None, per_page: int | None
) -> ArticlePage:
    """Every article, most recently updated first; empty past the last page."""
    found = number_page(
        db,
        Repository(db, workspace_id, Article).select(),
        page=page or 1,
        per_page=clamp_per_page(per_page, DEFAULT_PER_PAGE),
        order=[Article.updated_at.desc(), Article.id.desc()],
    )
    return ArticlePage(found, _views(db, workspace_id, found.items))


# --- checks ------------------------------------------------------------------------------


def _given(value: Any) -> bool:
    return value is not UNSET and value is not None


def _fields(source: Any) -> dict[str, Any]:
    """The content fields ``source`` gives (neither missing nor null)."""
    if source is None:
        return {}
    return {name: getattr(source, name) for name in _FIELDS if _given(getattr(source, name))}


def _translations(value: ArticleTranslations | UnsetType | None) -> dict[str, Any]:
    """The locales of a ``translated_content`` object, checked; ``type`` left out."""
    return translations(
        value, object_type="article_translated_content", content_type="article_content"
    )


def _title(value: str, field: str) -> str:
    title = value.strip()
    if not title:
        raise ParameterNotFound(f"{field} is a required parameter.", field=field)
    if len(title) > MAX_TITLE_LENGTH:
        raise ParameterInvalid(
            f"{field} is too long (maximum is {MAX_TITLE_LENGTH} characters)", field=field
        )
    return title


def _author(db: Session, workspace_id: int, value: object, field: str) -> int:
    """An admin of the workspace; 404 ``admin_not_found`` naming the field otherwise."""
    number = parse_numeric_id(value)
    admin = None if number is None else Repository(db, workspace_id, Admin).get(number)
    if admin is None:
        raise AdminNotFound(field=field)
    return admin.id


def _state(value: object, field: str) -> str:
    if value not in STATES:
        raise ParameterInvalid(f"{field} must be one of published, draft", field=field)
    return str(value)


def _body(value: str) -> str:
    """A body as stored: normalised HTML with Intercom's article paragraphs."""
    return normalize_body(value).replace("<p>", '<p class="no-margin">')


def _search_words(row: ArticleTranslation) -> str:
    text = f"<p>{html.escape(row.title)}</p><p>{html.escape(row.description)}</p>{row.body}"
    return words(text)


def _apply(
    db: Session, workspace_id: int, row: ArticleTranslation, fields: dict[str, Any], prefix: str
) -> None:
    """Write the given content ``fields`` into ``row`` (checked first, field by field)."""
    if "title" in fields:
        row.title = _title(fields["title"], f"{prefix}title")
    if "description" in fields:
        row.description = fields["description"]
    if "body" in fields:
        row.body = _body(fields["body"])
    if "author_id" in fields:
        row.author_id = _author(db, workspace_id, fields["author_id"], f"{prefix}author_id")
    if "state" in fields:
        row.state = _state(fields["state"], f"{prefix}state")
    row.search_words = _search_words(row)


def _new_translation(
    db: Session,
    workspace_id: int,
    locale: str,
    fields: dict[str, Any],
    *,
    default_author: int | None,
    prefix: str,
    now: int,
) -> ArticleTranslation:
    if "title" not in fields:
        raise ParameterNotFound(f"{prefix}title is a required parameter.", field=f"{prefix}title")
    if "author_id" not in fields and default_author is None:
        raise ParameterNotFound(AUTHOR_REQUIRED, field="author_id")
    row = ArticleTranslation(
        locale=locale,
        title="",
        description="",
        body="",
        author_id=default_author,
        state="draft",
        created_at=now,
        updated_at=now,
    )
    _apply(db, workspace_id, row, fields, prefix)
    return row


def _parent(db: Session, workspace_id: int, parent_id: object, parent_type: object) -> Any:
    """The collection or section a body's ``parent_id`` names."""
    if _given(parent_type) and parent_type not in PARENT_TYPES:
        raise ParameterInvalid(
            "parent_type must be one of collection, section", field="parent_type"
        )
    try:
        return help_center.get_collection(db, workspace_id=workspace_id, collection_id=parent_id)
    except help_center.CollectionNotFound:
        raise help_center.CollectionNotFound("Collection not found", field="parent_id") from None


def _prefix(locale: str) -> str:
    return f"translated_content.{locale}."


# --- writing -----------------------------------------------------------------------------


def create_article(db: Session, *, workspace_id: int, data: ArticleCreate, now: int) -> ArticleView:
    """Create an article with one or more locales.

    Raises:
        ParameterNotFound: no title, no author (top level or default locale), a locale
            without a title.
        ParameterInvalid: an unsupported locale, a bad state or parent type, a too long
            title.
        AdminNotFound: an author who is not an admin of the workspace.
        CollectionNotFound: an unknown ``parent_id``.
    """
    translations = _translations(data.translated_content)
    parent = None
    if _given(data.parent_id):
        parent = _parent(db, workspace_id, data.parent_id, data.parent_type)
    elif _given(data.parent_type):
        raise ParameterNotFound(
            "parent_id is a required parameter when parent_type is given.", field="parent_id"
        )
    if parent is not None:
        center = db.get(HelpCenter, parent.help_center_id)
    else:
        center = help_center.ensure_default_help_center(db, workspace_id=workspace_id, now=now)
    assert center is not None
    locale = center.default_locale
    main_content = translations.pop(locale, None)
    fields = {**_fields(main_content), **_fields(data)}
    if "title" not in fields:
        raise ParameterNotFound("title is a required parameter.", field="title")
    if "author_id" not in fields:
        raise ParameterNotFound(AUTHOR_REQUIRED, field="author_id")
    main = _new_translation(
        db, workspace_id, locale, fields, default_author=None, prefix="", now=now
    )
    rows = [main]
    for code, content in translations.items():
        if content is not None:
            rows.append(
                _new_translation(
                    db,
                    workspace_id,
                    code,
                    _fields(content),
                    default_author=main.author_id,
                    prefix=_prefix(code),
                    now=now,
                )
            )
    article = Article(
        workspace_id=workspace_id,
        parent_id=parent.id if parent is not None else None,
        default_locale=locale,
        views=0,
        conversions=0,
        happy_reactions=0,
        neutral_reactions=0,
        sad_reactions=0,
        created_at=now,
        updated_at=now,
    )
    db.add(article)
    db.flush()
    for row in rows:
        row.article_id = article.id
    db.add_all(rows)
    db.flush()
    return _views(db, workspace_id, [article])[0]


def update_article(
    db: Session, *, workspace_id: int, article_id: object, data: ArticleUpdate, now: int
) -> ArticleView:
    """Change what is given of an article and its locales.

    Raises:
        ArticleNotFound: no such article.
        ParameterNotFound: a blank title; a new locale without a title.
        ParameterInvalid: an unsupported locale, removing the default locale, a bad state
            or parent type, a too long title.
        AdminNotFound: an author who is not an admin of the workspace.
        CollectionNotFound: an unknown ``parent_id``.
    """
    article = get_article(db, workspace_id=workspace_id, article_id=article_id)
    translations = _translations(data.translated_content)
    locale = article.default_locale
    rows = {
        row.locale: row
        for row in db.execute(
            select(ArticleTranslation).where(ArticleTranslation.article_id == article.id)
        ).scalars()
    }
    main = rows[locale]
    if locale in translations and translations[locale] is None:
        raise ParameterInvalid(
            "The default locale cannot be removed", field=f"translated_content.{locale}"
        )
    _apply(db, workspace_id, main, {**_fields(translations.pop(locale, None)), **_fields(data)}, "")
    main.updated_at = max(now, main.updated_at)
    if data.parent_id is None or data.parent_id is UNSET:
        if _given(data.parent_type) and data.parent_type not in PARENT_TYPES:
            raise ParameterInvalid(
                "parent_type must be one of collection, section", field="parent_type"
            )
        if data.parent_id is None:
            article.parent_id = None
    else:
        article.parent_id = _parent(db, workspace_id, data.parent_id, data.parent_type).id
    for code, content in translations.items():
        existing = rows.get(code)
        if content is None:
            if existing is not None:
                db.delete(existing)
        elif existing is not None:
            _apply(db, workspace_id, existing, _fields(content), _prefix(code))
            existing.updated_at = max(now, existing.updated_at)
        else:
            added = _new_translation(
                db,
                workspace_id,
                code,
                _fields(content),
                default_author=main.author_id,
                prefix=_prefix(code),
                now=now,
            )
            added.article_id = article.id
            db.add(added)
    article.updated_at = main.updated_at
    db.flush()
    return _views(db, workspace_id, [article])[0]


def delete_article(db: Session, *, workspace_id: int, article_id: object) -> int:
    """Delete an article and its locales; returns its id. :class:`ArticleNotFound` if unknown."""
    article = get_article(db, workspace_id=workspace_id, article_id=article_id)
    deleted = article.id
    db.execute(delete(ArticleTranslation).where(ArticleTranslation.article_id == deleted))
    db.delete(article)
    db.flush()
    return deleted


# --- search ------------------------------------------------------------------------------


def _terms(phrase: str | None) -> list[str]:
    """The distinct lowercase words of a search phrase."""
    return words(html.escape(phrase)).split() if phrase else []


def _matches(row: ArticleTranslation, terms: Sequence[str], state: str) -> bool:
    return (state == "all" or row.state == state) and all(
        f" {term} " in row.search_words for term in terms
    )


def search_articles(
    db: Session, *, workspace_id: int, query: ArticleSearchQuery
) -> ArticleSearchResult:
    """Articles with a locale holding every word of ``phrase`` in the wanted state, most
    recently updated first, with highlights when asked for.

    Raises:
        ParameterInvalid: a state other than published, draft or all.
    """
    state = query.state or "all"
    if state not in SEARCH_STATES:
        raise ParameterInvalid("state must be one of published, draft, all", field="state")
    terms = _terms(query.phrase)
    conditions = [
        ArticleTranslation.search_words.contains(f" {t} ", autoescape=True) for t in terms
    ]
    if state != "all":
        conditions.append(ArticleTranslation.state == state)
    matching = select(ArticleTranslation.article_id).where(and_(true(), *conditions))
    stmt = Repository(db, workspace_id, Article).select().where(Article.id.in_(matching))
    if query.help_center_id is not None:
        stmt = stmt.where(
            Article.parent_id.in_(
                select(HelpCenterCollection.id).where(
                    HelpCenterCollection.workspace_id == workspace_id,
                    HelpCenterCollection.help_center_id == query.help_center_id,
                )
            )
        )
    found = number_page(
        db,
        stmt,
        page=query.page or 1,
        per_page=clamp_per_page(query.per_page, DEFAULT_SEARCH_PER_PAGE),
        order=[Article.updated_at.desc(), Article.id.desc()],
    )
    views = _views(db, workspace_id, found.items)
    highlights = [_highlight(view, terms, state) for view in views] if query.highlight else []
    return ArticleSearchResult(found, views, highlights)


# --- highlights --------------------------------------------------------------------------


def _runs(text: str) -> Iterator[tuple[int, str, bool]]:
    """``text`` cut into runs of word characters and of other characters, as
    ``(start, run, is_word)``; word characters are those of :func:`core.html.words`."""
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or _is_word(text[index]) != _is_word(text[start]):
            yield start, text[start:index], _is_word(text[start])
            start = index


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _fragments(text: str, terms: frozenset[str]) -> list[Fragment]:
    """``text`` as ``plain`` and ``highlight`` fragments, each searched word highlighted."""
    fragments: list[Fragment] = []
    plain = ""
    for _start, run, is_word in _runs(text):
        if is_word and run.casefold() in terms:
            if plain:
                fragments.append({"type": "plain", "text": plain})
                plain = ""
            fragments.append({"type": "highlight", "text": run})
        else:
            plain += run
    if plain:
        fragments.append({"type": "plain", "text": plain})
    return fragments


def _snippet(line: str, terms: frozenset[str]) -> str | None:
    """The part of ``line`` around its first searched word, or ``None`` if it has none."""
    first = next(
        (start for start, run, is_word in _runs(line) if is_word and run.casefold() in terms),
        None,
    )
    if first is None:
        return None
    if len(line) <= SNIPPET_LENGTH:
        return line
    begin = max(0, first - SNIPPET_LENGTH // 4)
    end = min(len(line), begin + SNIPPET_LENGTH)
    return ("…" if begin else "") + line[begin:end] + ("…" if end < len(line) else "")


def _highlight(view: ArticleView, terms: Sequence[str], state: str) -> Highlight:
    """Highlights from the default locale when it matches, else from the first locale that
    does: the title, and up to three snippets of the description and body."""
    row = next((r for r in view.translations if _matches(r, terms, state)), view.main)
    wanted = frozenset(terms)
    summary: list[list[Fragment]] = []
    if wanted:
        lines = [row.description, *to_plaintext(row.body).split("\n")]
        for line in lines:
            snippet = _snippet(line.strip(), wanted)
            if snippet is not None:
                summary.append(_fragments(snippet, wanted))
            if len(summary) == SUMMARY_SNIPPETS:
                break
    return Highlight(view.article.id, _fragments(row.title, wanted), summary)
