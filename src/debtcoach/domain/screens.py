"""The screens of the app, once: the top bar, help, palette, coach keys and the CLI read this.

A screen's key, its app mode, a stable name (the coach's rule table points to it), the short
title the top bar shows (English, translated where shown), the guidance's own word for it
where it has one, and what it is for.
"""

from __future__ import annotations

from msgspec import Struct

from debtcoach.domain.wording import N_, _


class ScreenEntry(Struct, frozen=True):
    key: str
    mode: str
    name: str
    title: str
    what: str
    guidance_word: str = ""
    top_bar: bool = True
    """Whether the top bar lists it (all of them must fit 80 columns); its key works anyway."""

    @property
    def shown_title(self) -> str:
        """The title in the active language."""
        return _(self.title)

    @property
    def described(self) -> str:
        """What it is for, led by the guidance's word: "Open source: regular pay and …"."""
        what = _(self.what)
        if not self.guidance_word:
            return what
        word = _(self.guidance_word)
        return _("{word}: {what}").format(word=f"{word[:1].upper()}{word[1:]}", what=what)

    @property
    def long_title(self) -> str:
        """The title with the guidance's word: "Income (open source)"."""
        if not self.guidance_word:
            return self.shown_title
        return _("{title} ({word})").format(title=self.shown_title, word=_(self.guidance_word))


SCREENS: tuple[ScreenEntry, ...] = (
    ScreenEntry(
        "d", "dashboard", "dashboard", N_("Dashboard"),
        N_("what you owe, the budget, the debt-free date, what is due"),
    ),
    ScreenEntry(
        "l", "loans", "loans", N_("Loans"),
        N_("loans from banks, cards and platforms; talks with lenders"),
    ),
    ScreenEntry(
        "o", "income", "income", N_("Income"),
        N_("regular pay and side income, per month"), N_("open source"),
    ),
    ScreenEntry(
        "t", "expenses", "expenses", N_("Expenses"),
        N_("spending now vs target; switch cuts on and off"), N_("throttling"),
    ),
    ScreenEntry(
        "f", "family", "family", N_("Family"),
        N_("money from relatives and friends, and what was repaid"),
    ),
    ScreenEntry(
        "p", "chart", "payoff", N_("Payoff"),
        N_("the payoff chart: avalanche, snowball, your own order"),
    ),
    ScreenEntry(
        "w", "checkin", "checkin", N_("Check-in"),
        N_("the weekly check-in: payments, income, spending, a note"),
    ),
    ScreenEntry(
        "i", "whatif", "whatif", N_("What if"),
        N_("the guidance's moves tried side by side; nothing is saved"),
        top_bar=False,
    ),
)  # fmt: skip

SCREENS_BY_KEY: dict[str, ScreenEntry] = {entry.key: entry for entry in SCREENS}

KEYMAP_IDS: frozenset[str] = frozenset({f"go.{entry.mode}" for entry in SCREENS}) | {
    "help", "settings", "quit", "undo", "palette", "calendar.save",
    "coach.toggle", "coach.close", "coach.read_on", "coach.read_back", "coach.read_end",
    "coach.read_top",
    "list.add", "list.edit", "list.delete", "list.filter", "list.clear_filter", "list.sort",
    "list.reverse_sort",
    "loans.restructure", "loans.contacts", "expenses.toggle_cut", "family.repay",
    "restructure.back", "restructure.propose", "restructure.agree", "restructure.refuse",
    "restructure.read_on", "restructure.read_back", "restructure.letter",
    "restructure.ask_penalty", "restructure.ask_fees", "restructure.name_lenders",
    "restructure.letter_format", "restructure.letter_language", "restructure.reason",
    "contacts.add", "contacts.edit", "contacts.remove", "contacts.back",
    "contact_form.save", "contact_form.cancel",
    "chart.strategy", "chart.view", "chart.whatif",
    "whatif.up", "whatif.down", "whatif.toggle", "whatif.make_real", "whatif.view",
    "checkin.enter", "checkin.back", "checkin.offer.start", "checkin.offer.skip",
    "form.save", "form.save_anywhere", "form.cancel",
    "confirm.yes", "confirm.no", "help.close", "restore.close",
}  # fmt: skip
"""The id of every binding the config's `[keymap]` can move (each is given where its key is
bound, in the screens and widgets), so a mistyped id is refused instead of doing nothing."""


def screen_title(key: str) -> str:
    """The short title of the screen a key opens (the key itself if it opens none)."""
    entry = SCREENS_BY_KEY.get(key)
    return entry.shown_title if entry is not None else key
