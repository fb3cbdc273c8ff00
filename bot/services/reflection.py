"""The self-compassion reflection as a small state machine, stored between messages.

Steps follow Neff's three parts: mindfulness (what happened, as it was; what you feel), common
humanity (others in this work feel this too), self-kindness (what would you say to a colleague).
When the classifier flags possible over-identification in an answer, one gentle differentiation
step is added before the close. The state lives (encrypted) in the store, so a reflection resumes
at the same step after a restart.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.classifier.analysis import TextAnalysis
from bot.clock import Clock
from bot.prompts import Prompts
from bot.services import held_words
from bot.services.evidence import with_its_turn
from storage import Storage
from storage.records import UserRecord

FLOW = "reflection"
STEPS = ("pre", "happened", "feel", "common", "kindness", "differentiate", "close", "mark")
TEXT_STEPS = ("happened", "feel", "common", "kindness", "differentiate")
ENTRY_ORDER = (
    ("happened", "reflect.entry.happened"),
    ("feel", "reflect.entry.feeling"),
    ("common", "reflect.entry.common"),
    ("kindness", "reflect.entry.kindness"),
    ("differentiate", "reflect.entry.differentiate"),
    ("note", "reflect.entry.note"),
)

State = dict[str, Any]


def is_reflection(state: State | None) -> bool:
    return state is not None and state.get("flow") == FLOW


class ReflectionService:
    def __init__(self, storage: Storage, prompts: Prompts, clock: Clock) -> None:
        self._storage = storage
        self._prompts = prompts
        self._clock = clock

    async def start(self, user: UserRecord, local_date: date) -> State:
        reflection_id = await self._storage.reflections.start(user.id, local_date, None)
        state: State = {
            "flow": FLOW,
            "rid": reflection_id,
            "step": "pre",
            "answers": {},
            "pre": None,
            "post": None,
            "flag": None,
            "local_date": local_date.isoformat(),
        }
        await self._storage.state.set(user.id, state)
        return state

    @staticmethod
    def _next(state: State) -> str:
        index = STEPS.index(state["step"])
        for step in STEPS[index + 1 :]:
            if step == "differentiate" and not (state.get("flag") and not state.get("flag_done")):
                continue
            return step
        return "done"

    async def advance(self, user: UserRecord, state: State) -> State:
        state["step"] = self._next(state)
        if state["step"] == "differentiate":
            state["flag_done"] = True
        if state["step"] == "mark":
            await self._finish(user, state)
        await self._save(user, state)
        return state

    async def _save(self, user: UserRecord, state: State) -> None:
        if state["step"] == "done":
            await self._storage.state.clear(user.id)
        else:
            await self._storage.state.set(user.id, state)

    async def rate(self, user: UserRecord, state: State, value: int | None) -> State:
        """The 1–5 answer to the first (pre) or the closing (post) question; None = skipped."""
        if state["step"] == "pre":
            state["pre"] = value
            await self._storage.reflections.update(user.id, state["rid"], pre=value)
        elif state["step"] == "close":
            state["post"] = value
        return await self.advance(user, state)

    async def answer(
        self, user: UserRecord, state: State, text: str | None, analysis: TextAnalysis | None
    ) -> State:
        """A free-text (or feeling-button) answer to the current step; None = skipped."""
        step = state["step"]
        if text is not None and step in TEXT_STEPS:
            previous = state["answers"].get(step)
            state["answers"][step] = f"{previous}\n{text}" if previous else text
        if analysis is not None and analysis.flag and not state.get("flag"):
            evidence = with_its_turn(text or "", analysis.evidence) if analysis.evidence else text
            state["flag"] = {"evidence": evidence, "step": step}
        return await self.advance(user, state)

    async def keep_note(
        self, user: UserRecord, state: State, text: str, crisis: bool = False
    ) -> State:
        """Words typed where a button was asked for ("honestly i'm a 2, the patient in room 4…"):
        kept with the reflection's answers, never dropped; the step stays where it was."""
        if state["step"] == "mark" and crisis:
            # Crisis words after the entry is written: the crisis reply goes out alone, so nothing
            # says where they went. They wait (encrypted, in the state) and are offered for the
            # journal once the mark is answered, as crisis words outside a flow are.
            held_words.hold(state, text)
            await self._save(user, state)
            return state
        if state["step"] == "mark":
            # The reflection's entry is already written: these words become an entry of their own.
            await self._storage.journal.add(user.id, text, "journal", self._clock.now())
            return state
        previous = state["answers"].get("note")
        state["answers"]["note"] = f"{previous}\n{text}" if previous else text
        await self._save(user, state)
        return state

    async def not_it(self, user: UserRecord, state: State) -> State:
        """ "That's not it": the flag was wrong; keep that (encrypted) so the model can learn."""
        flag = state.get("flag") or {}
        await self._storage.reflections.add_feedback(
            user.id, f"not over-identification: {flag.get('evidence', '')}"
        )
        state["flag_rejected"] = True
        return await self.advance(user, state)

    def entry_text(self, language: str, state: State) -> str:
        parts = []
        for step, label_key in ENTRY_ORDER:
            answer = state["answers"].get(step)
            if answer:
                parts.append(f"{self._prompts.text(language, label_key)}: {answer}")
        if state.get("pre") is not None or state.get("post") is not None:
            pre = "–" if state.get("pre") is None else str(state["pre"])
            post = "–" if state.get("post") is None else str(state["post"])
            # A template, not "label: 2 → 4": in a right-to-left line the arrow between two
            # numbers reads as a drop.
            parts.append(self._prompts.text(language, "reflect.entry.mood", pre=pre, post=post))
        return "\n\n".join(parts)

    async def _finish(self, user: UserRecord, state: State) -> None:
        text = self.entry_text(user.language, state)
        entry_id = None
        if state["answers"]:
            entry = await self._storage.journal.add(user.id, text, "reflection", self._clock.now())
            entry_id = entry.id
        state["entry_id"] = entry_id
        await self._storage.reflections.update(
            user.id,
            state["rid"],
            post=state.get("post"),
            completed=True,
            flagged=bool(state.get("flag")) and not state.get("flag_rejected"),
            entry_id=entry_id,
        )

    async def mark_for_supervision(self, user: UserRecord, state: State, marked: bool) -> None:
        if marked and state.get("entry_id"):
            await self._storage.journal.set_for_supervision(user.id, state["entry_id"], True)
        state["step"] = "done"
        await self._save(user, state)

    async def cancel(self, user: UserRecord, state: State) -> bool:
        """Stop now; whatever was written is kept as a (partial) journal entry. True if saved."""
        if state["step"] == "mark":
            # Finished: its entry was written on reaching this step (it must not be written twice).
            # Words held there were never saved: /cancel drops them as "Don't save" would.
            if state.get("held"):
                await self._storage.state.forget(user.id)
            else:
                await self._storage.state.clear(user.id)
            return state.get("entry_id") is not None
        saved = False
        if state["answers"]:
            entry = await self._storage.journal.add(
                user.id, self.entry_text(user.language, state), "reflection", self._clock.now()
            )
            await self._storage.reflections.update(user.id, state["rid"], entry_id=entry.id)
            saved = True
        await self._storage.state.clear(user.id)
        return saved
