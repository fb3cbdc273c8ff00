"""/journal and /entries: write, read (paged), mark for supervision, delete."""

from __future__ import annotations

import re

from telegram import Message, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.context import KindredApplication, KindredContext
from bot.handlers.common import (
    MAX_ENTRY_CHARS,
    State,
    analysis_of,
    answer_query,
    close_buttons,
    crisis_in_this_update,
    current_user,
    daily_text,
    day_text,
    edit_or_send,
    entry_parts,
    keyboard,
    menu,
    note_if_not_analysed,
    quoted,
    send,
    set_aside,
    stale_button,
    text,
)
from bot.services import held_words
from bot.services.checkins import local_date_for
from bot.services.evidence import with_its_turn
from storage.records import JournalEntry, UserRecord

PAGE_SIZE = 5
PREVIEW_CHARS = 80
NEVER_MIND = re.compile(
    r"(?:never ?mind|nvm|cancel|forget it|not now|nothing|לא משנה|ביטול|עזוב|עזבי|לא עכשיו|"
    r"תשכח מזה|תשכחי מזה|כלום)[.!]*"
)
OFFER_START_WORDS = 6
VIEW_CHARS = 3_500


async def save_entry(
    update: Update, context: KindredContext, user: UserRecord, body: str, *, crisis: bool = False
) -> None:
    if len(body) > MAX_ENTRY_CHARS:
        await send(context, user, text(context, user, "journal.too_long", limit=MAX_ENTRY_CHARS))
        return
    entry = await context.services.storage.journal.add(
        user.id, body, "journal", context.services.clock.now()
    )
    analysis = await analysis_of(update, context, body)
    reply = daily_text(context, user, "journal.saved")
    await note_if_not_analysed(context, user, body, crisis=crisis)
    rows = [[(text(context, user, "journal.mark"), f"en:mark:{entry.id}")]]
    if analysis.flag and not crisis:
        evidence = with_its_turn(body, analysis.evidence or "")
        note = text(context, user, "journal.flag_note", evidence=quoted(evidence))
        reply = f"{reply}\n\n{note}"
        rows.append([(text(context, user, "reflect.not_it"), f"en:notit:{entry.id}")])
    await send(context, user, reply, keyboard(rows))


async def journal_command(update: Update, context: KindredContext) -> None:
    user = await current_user(update, context)
    message = update.effective_message
    if user is None or message is None or message.text is None:
        return
    body = message.text.partition(" ")[2].strip()
    if body:
        await save_entry(update, context, user, body, crisis=crisis_in_this_update(update, context))
        return
    await set_aside(context, user)
    await context.services.storage.state.set(user.id, {"flow": "journal", "step": "text"})
    await send(context, user, text(context, user, "journal.ask"))


async def on_text(
    update: Update, context: KindredContext, user: UserRecord, state: State, crisis: bool
) -> None:
    """Text while /journal waits for it: save it, unless it takes the question back ("never
    mind", "לא משנה": a walkthrough's was saved as an entry)."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    await context.services.storage.state.clear(user.id)
    if not crisis and NEVER_MIND.fullmatch(message.text.strip().lower()):
        await send(context, user, text(context, user, "cancel.done"))
        return
    await save_entry(update, context, user, message.text, crisis=crisis)


async def offer_to_save(
    context: KindredContext, user: UserRecord, body: str, *, then_offer_reflection: bool = False
) -> None:
    """Free text outside any flow: keep it (encrypted, in the state) and ask before saving.
    ``then_offer_reflection``: once answered, offer the reflection a hard day's check-in held."""
    count, held = await hold_for_offer(
        context, user, body, asked=True, then_offer_reflection=then_offer_reflection
    )
    await ask_to_save(context, user, count, held)


async def hold_for_offer(
    context: KindredContext,
    user: UserRecord,
    body: str,
    *,
    asked: bool = False,
    then_offer_reflection: bool = False,
) -> tuple[int, str]:
    """Keep free text until the person says whether to save it. A second message before the
    answer joins the first, so "Save it" saves both (and the question says how many).
    ``asked``: the question is sent now (not after a crisis reply): a typed "no" may answer it."""
    state = await context.services.storage.state.get(user.id)
    count = 1
    if state is not None and state.get("flow") == "journal_offer" and state.get("text"):
        body = f"{state['text']}\n\n{body}"
        count = int(state.get("count") or 1) + 1
    offer: State = {"flow": "journal_offer", "text": body, "count": count, "asked": asked}
    if then_offer_reflection or (state is not None and state.get("then_offer_reflection")):
        offer["then_offer_reflection"] = True
    if asked:  # when, for held_words.offer_lapsed
        offer["asked_at"] = context.services.clock.now().isoformat()
    await context.services.storage.state.set(user.id, offer)
    return count, body  # how many messages, and all of them as held


async def offer_held(context: KindredContext, user: UserRecord, state: State) -> None:
    """Asks about words a flow held back (``held_words``), if it holds any."""
    offer = held_words.offer_state(state, context.services.clock.now())
    if offer is not None:
        await context.services.storage.state.set(user.id, {**offer, "asked": True})
        await ask_to_save(context, user, int(offer["count"]), str(offer["text"]))


async def ask_to_save(
    context: KindredContext, user: UserRecord, count: int | None = None, held: str | None = None
) -> None:
    """Asks whether to save the text held; ``count`` and ``held`` when the caller has them (no
    second read of the state)."""
    if count is None or held is None:  # resuming after a crisis reply: the state says
        state = await context.services.storage.state.get(user.id)
        count = int(state.get("count") or 1) if state is not None else 1
        held = str(state.get("text") or "") if state is not None else ""
        if state is not None and state.get("flow") == "journal_offer" and not state.get("asked"):
            # Asked from now on: a typed "yes" or "no" answers it.
            asked_at = context.services.clock.now().isoformat()
            await context.services.storage.state.set(
                user.id, {**state, "asked": True, "asked_at": asked_at}
            )
    if count > 1:
        # Which messages: "save these 4 messages?" alone left people guessing.
        start = quoted(" ".join(held.split()[:OFFER_START_WORDS]))
        start = start if start.endswith("…") else f"{start}…"
        question = text(context, user, "journal.offer_save_many", count=count, start=start)
    else:
        question = text(context, user, "journal.offer_save")
    await send(
        context,
        user,
        question,
        menu(context, user, [("journal.save_yes", "jo:save"), ("journal.save_no", "jo:discard")]),
    )


async def on_offer_button(update: Update, context: KindredContext) -> None:
    query = update.callback_query
    user = await current_user(update, context)
    if query is None or user is None:
        return
    state = await context.services.storage.state.get(user.id)
    if state is None or state.get("flow") != "journal_offer":
        await stale_button(update, context)
        return
    await answer_query(update)
    await close_buttons(update)
    await resolve_offer(update, context, user, state, save=query.data == "jo:save")


async def resolve_offer(
    update: Update, context: KindredContext, user: UserRecord, state: State, *, save: bool
) -> None:
    """Save the held words, or forget them: "Save it" / "Don't save", tapped or typed."""
    if save:
        await context.services.storage.state.clear(user.id)
        # Several long messages joined can pass one entry's limit: saved as several entries.
        for part in entry_parts(str(state["text"])):
            await save_entry(update, context, user, part)
    else:
        await context.services.storage.state.forget(user.id)
        await send(context, user, text(context, user, "journal.not_saved"))
    if state.get("then_offer_reflection"):
        from bot.handlers.checkin import offer_reflection_now

        await offer_reflection_now(context, user)


def _preview(entry: JournalEntry) -> str:
    # Paragraphs (a reflection's answers) joined with a dot, not run together ("…and I froze
    # Mood: before 2").
    flat = " · ".join(" ".join(part.split()) for part in entry.text.split("\n\n") if part.strip())
    return flat if len(flat) <= PREVIEW_CHARS else flat[: PREVIEW_CHARS - 1] + "…"


def _kind(context: KindredContext, user: UserRecord, entry: JournalEntry) -> str:
    return text(context, user, f"entries.kind.{entry.kind}")


async def render_page(
    context: KindredContext, user: UserRecord, page: int
) -> tuple[str, list[list[tuple[str, str]]]] | None:
    journal = context.services.storage.journal
    total = await journal.count_for_user(user.id)
    if total == 0:
        return None
    last_page = (total - 1) // PAGE_SIZE
    page = max(0, min(page, last_page))
    entries = await journal.list_for_user(user.id, limit=PAGE_SIZE, offset=page * PAGE_SIZE)
    lines = [text(context, user, "entries.header", page=page + 1)]
    view_row = []
    # Numbered across pages: page 2 goes on from 6, so no two entries on screen share a number.
    for number, entry in enumerate(entries, start=page * PAGE_SIZE + 1):
        marked = text(context, user, "entries.marked") if entry.for_supervision else ""
        lines.append(
            text(
                context,
                user,
                "entries.line",
                number=number,
                date=day_text(context, user, local_date_for(user, entry.created_at)),
                kind=_kind(context, user, entry),
                marked=marked,
                preview=_preview(entry),
            )
        )
        view_row.append((str(number), f"en:view:{entry.id}:{page}"))
    rows = [view_row]
    paging = []
    if page < last_page:
        paging.append((text(context, user, "entries.older"), f"en:page:{page + 1}"))
    if page > 0:
        paging.append((text(context, user, "entries.newer"), f"en:page:{page - 1}"))
    if paging:
        rows.append(paging)
    return "\n\n".join(lines), rows


async def entries_command(update: Update, context: KindredContext) -> None:
    user = await current_user(update, context)
    if user is None:
        return
    rendered = await render_page(context, user, 0)
    if rendered is None:
        await send(context, user, text(context, user, "entries.empty"))
        return
    await send(context, user, rendered[0], keyboard(rendered[1]))


async def _show(
    update: Update, context: KindredContext, body: str, rows: list[list[tuple[str, str]]]
) -> None:
    """Replace the pressed message's content (paging and viewing stay in one message)."""
    query = update.callback_query
    if query is not None and isinstance(query.message, Message) and query.message.text is not None:
        await edit_or_send(update, context, body, keyboard(rows) if rows else None)
    else:
        user = await current_user(update, context)
        if user is not None:
            await send(context, user, body, keyboard(rows) if rows else None)


async def on_entries_button(update: Update, context: KindredContext) -> None:
    query = update.callback_query
    user = await current_user(update, context)
    if query is None or query.data is None or user is None:
        return
    parts = query.data.split(":")
    action = parts[1] if len(parts) > 1 else ""
    journal = context.services.storage.journal
    if action == "page":
        await answer_query(update)
        page_number = parts[2] if len(parts) > 2 and parts[2].isdigit() else "0"
        rendered = await render_page(context, user, int(page_number))
        if rendered is None:
            await _show(update, context, text(context, user, "entries.empty"), [])
        else:
            await _show(update, context, rendered[0], rendered[1])
        return
    entry_id = parts[2] if len(parts) > 2 else ""
    page = parts[3] if len(parts) > 3 and parts[3].isdigit() else "0"
    entry = await journal.get(user.id, entry_id)
    if entry is None:
        await answer_query(update)
        await send(context, user, text(context, user, "entry.gone"))
        return
    await answer_query(update)
    if action == "view":
        await _show_entry(update, context, user, entry, page)
    elif action in ("mark", "unmark"):
        await journal.set_for_supervision(user.id, entry.id, action == "mark")
        ack = "entry.marked_ack" if action == "mark" else "entry.unmarked_ack"
        if len(parts) > 3:  # pressed inside the entry view: refresh it
            refreshed = await journal.get(user.id, entry.id)
            if refreshed is not None:
                await _show_entry(update, context, user, refreshed, page)
        else:
            await close_buttons(update)
        await send(context, user, text(context, user, ack))
    elif action == "del":
        await _show(
            update,
            context,
            text(context, user, "entry.delete_confirm"),
            [
                [(text(context, user, "entry.keep"), f"en:view:{entry.id}:{page}")],
                [(text(context, user, "entry.delete_yes"), f"en:delyes:{entry.id}:{page}")],
            ],
        )
    elif action == "delyes":
        await journal.delete(user.id, entry.id)
        # Someone tidying their journal deletes several in a row: the way back to the list stays
        # under "Deleted." (the list pages itself if this was the last entry on its page).
        remaining = await journal.count_for_user(user.id)
        back = [[(text(context, user, "entry.back"), f"en:page:{page}")]] if remaining else []
        await _show(update, context, text(context, user, "entry.deleted"), back)
    elif action == "notit":
        await context.services.storage.reflections.add_feedback(
            user.id, "not over-identification (journal entry)"
        )
        await close_buttons(update)
        await send(context, user, text(context, user, "reflect.not_it_thanks"))


async def _show_entry(
    update: Update, context: KindredContext, user: UserRecord, entry: JournalEntry, page: str
) -> None:
    body = entry.text
    if len(body) > VIEW_CHARS:
        body = body[:VIEW_CHARS] + "…\n\n" + text(context, user, "entry.truncated")
    marked = text(context, user, "entries.marked") if entry.for_supervision else ""
    view = text(
        context,
        user,
        "entry.view",
        date=day_text(context, user, local_date_for(user, entry.created_at)),
        kind=_kind(context, user, entry),
        marked=marked,
        text=body,
    )
    toggle = (
        (text(context, user, "entry.unmark"), f"en:unmark:{entry.id}:{page}")
        if entry.for_supervision
        else (text(context, user, "entry.mark"), f"en:mark:{entry.id}:{page}")
    )
    rows = [
        [toggle],
        [(text(context, user, "entry.delete"), f"en:del:{entry.id}:{page}")],
        [(text(context, user, "entry.back"), f"en:page:{page}")],
    ]
    await _show(update, context, view, rows)


def register(application: KindredApplication) -> None:
    private = filters.ChatType.PRIVATE
    application.add_handler(CommandHandler("journal", journal_command, filters=private))
    application.add_handler(CommandHandler("entries", entries_command, filters=private))
    application.add_handler(CallbackQueryHandler(on_offer_button, pattern=r"^jo:"))
    application.add_handler(CallbackQueryHandler(on_entries_button, pattern=r"^en:"))
