"""The restructure calculator for one loan: "changing time for space", both sides shown honestly.

Type the number of installments and pick the mode (an annuity at the loan's rate, or a flat
monthly fee as card installment plans use). The screen shows today's payment against the new
installment (the monthly relief: the "space"), the months added and the extra cost (the "time"),
and the whole plan's debt-free month before and after, as if the lender agreed today.

Under the figures, the case the numbers make (`domain/lender_case.py`): the hardship the plan
shows, or plainly that there is none and what this restructure would cost.

Keys work while typing (the fields take digits only): `m` marks the plan as proposed, `y` as
agreed by the lender (the payoff plan then follows its installments), `n` as refused, `w` writes
the proposal letter next to the data file (never over an earlier one; its full path is shown).
`i`, `e` and `a` tick what the letter asks and shows (stop penalty interest, cut fees, name the
other lenders), `s` picks its format (Markdown, plain text, HTML) and `g` its language. Every
figure comes from the domain (the quote and two payoff simulations), never from arithmetic here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Checkbox, Input, Label, Select, Static

from debtcoach.domain.lender_case import LenderCase, case_lines
from debtcoach.domain.letter_layout import LetterFormat
from debtcoach.domain.models import Household, Loan, LoanKind, ProposalState, RestructureMode
from debtcoach.domain.money import Money, MoneyError, format_money, parse_rate
from debtcoach.domain.payoff import PayoffPlan, PlanInputError
from debtcoach.domain.proposal import LetterOptions, default_language, time_for_space
from debtcoach.domain.restructure import (
    CREDIT_CARD_MAX_INSTALLMENTS,
    RestructureError,
    RestructureQuote,
)
from debtcoach.domain.text_rules import printable
from debtcoach.domain.wording import month_words, percent_words
from debtcoach.services.exchange import StoreError
from debtcoach.ui.formatting import literal, literal_lines
from debtcoach.ui.screens.base import DebtCoachScreen

DEFAULT_INSTALLMENTS = 36
_MODE_LABELS = (
    ("annuity at the loan's rate", RestructureMode.ANNUITY),
    ("flat monthly fee", RestructureMode.FLAT_FEE),
)
MORE_EACH_MONTH = (
    "This plan asks more each month than today's payment. "
    "It can still be proposed if that is what you want."
)
_FORMAT_WORDS = {
    LetterFormat.MD: "Markdown",
    LetterFormat.TXT: "plain text",
    LetterFormat.HTML: "HTML page",
}
_LANGUAGE_WORDS = {"en": "English", "zh_CN": "Chinese"}
_ASK_BOXES = {
    "penalty": ("rs-ask-penalty", "stop penalty (i)"),
    "fees": ("rs-ask-fees", "cut fees (e)"),
    "lenders": ("rs-name-lenders", "name lenders (a)"),
}
_STATE_WORDS = {
    ProposalState.PROPOSED: "proposed",
    ProposalState.AGREED: "agreed",
    ProposalState.REFUSED: "refused",
}


class NumberInput(Input):
    """A compact field that takes only digits (and a point if `decimal`); every other key goes on
    to the screen's bindings, so `y`, `n`, `w`, `d`, … work while the cursor is in the field.
    Its content is selected when it takes the focus: typing replaces the value filled in."""

    def __init__(self, value: str, *, decimal: bool = False, **kwargs: Any) -> None:
        self._accepts = "0123456789" + ("." if decimal else "")
        super().__init__(value, compact=True, **kwargs)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character is not None and character in self._accepts

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable and not self.check_consume_key(event.key, event.character):
            event.prevent_default()  # not typed here: let it bubble up to the bindings


class ResultsScroll(VerticalScroll, can_focus=False):
    """The figures under the fields; scrolled with PgDn/PgUp while the cursor stays in a field."""


def letter_path(
    data_file: Path, loan_name: str, today: object, fmt: LetterFormat = LetterFormat.MD
) -> Path:
    """`<data folder>/proposal-<loan>-<date>.<md|txt|html>`, the loan's name made safe for a file
    name (the Ledger moves on to `-2`, `-3`, … rather than overwrite an earlier letter)."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", loan_name).strip("-").lower() or "loan"
    return data_file.parent / f"proposal-{slug}-{today}.{fmt.value}"


class RestructureScreen(DebtCoachScreen):
    """The calculator for the loan called `loan_name` (pushed from the loans screen with `r`)."""

    TITLE_TEXT = "Restructure"
    DEFAULT_CSS = """
    RestructureScreen #rs-loan { text-style: bold; }
    RestructureScreen #rs-form { height: 1; margin: 1 0 0 0; }
    RestructureScreen #rs-form Label { padding: 0 1 0 0; }
    RestructureScreen #rs-installments { width: 7; margin: 0 2 0 0; }
    RestructureScreen #rs-mode { width: 30; margin: 0 2 0 0; }
    RestructureScreen #rs-fee { width: 8; }
    RestructureScreen #rs-ask { height: 1; }
    RestructureScreen #rs-ask Label { padding: 0 1 0 0; }
    RestructureScreen #rs-ask Checkbox { margin: 0 2 0 0; }
    RestructureScreen #rs-case { height: auto; }
    RestructureScreen #rs-letter { height: auto; color: $text-muted; }
    RestructureScreen #rs-error { color: $error; height: auto; }
    RestructureScreen #rs-compare { height: auto; margin: 1 0 0 0; }
    RestructureScreen #rs-verdict { height: auto; margin: 1 0 0 0; }
    RestructureScreen #rs-warning { height: auto; margin: 1 0 0 0; color: $text-warning; }
    RestructureScreen #rs-saved { height: auto; margin: 1 0 0 0; color: $text-muted; }
    RestructureScreen #rs-results { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="restructure.back", tooltip="Back to the loans"),
        Binding(
            "m",
            "mark('proposed')",
            "Proposed",
            id="restructure.propose",
            tooltip="Save this plan on the loan as proposed to the lender",
        ),
        Binding(
            "y",
            "mark('agreed')",
            "Agreed",
            id="restructure.agree",
            tooltip="The lender agreed: the payoff plan follows these installments",
        ),
        Binding(
            "n",
            "mark('refused')",
            "Refused",
            id="restructure.refuse",
            tooltip="The lender refused this plan (kept as history)",
        ),
        Binding("pagedown", "read(1)", "Read on", show=False, id="restructure.read_on"),
        Binding("pageup", "read(-1)", "Read back", show=False, id="restructure.read_back"),
        Binding(
            "w",
            "write_letter",
            "Letter",
            id="restructure.letter",
            tooltip="Write the proposal letter next to the data file (never over an earlier one)",
        ),
        Binding(
            "i",
            "toggle_ask('penalty')",
            "Ask: penalty",
            show=False,
            id="restructure.ask_penalty",
            tooltip="The letter also asks to stop or reduce penalty interest",
        ),
        Binding(
            "e",
            "toggle_ask('fees')",
            "Ask: fees",
            show=False,
            id="restructure.ask_fees",
            tooltip="The letter also asks to stop or reduce late fees and other charges",
        ),
        Binding(
            "a",
            "toggle_ask('lenders')",
            "Name lenders",
            show=False,
            id="restructure.name_lenders",
            tooltip="The letter names each other lender (else only their total)",
        ),
        Binding(
            "s",
            "letter_format",
            "Format",
            show=False,
            id="restructure.letter_format",
            tooltip="The letter's format: Markdown, plain text (80 columns) or an HTML page",
        ),
        Binding(
            "g",
            "letter_language",
            "Language",
            show=False,
            id="restructure.letter_language",
            tooltip="The letter's language: English or Chinese",
        ),
    ]

    def __init__(self, loan_name: str) -> None:
        super().__init__()
        self.loan_name = loan_name
        self.quote: RestructureQuote | None = None
        self.case: LenderCase | None = None
        self.letter_format = LetterFormat.MD
        self.letter_language: str | None = None
        self.letter_written: Path | None = None

    def _initial_inputs(self) -> tuple[str, RestructureMode, str]:
        loan = self.coach_app.household.loan(self.loan_name)
        terms = loan.restructure if loan is not None else None
        if terms is not None:
            fee = str(terms.fee_rate) if terms.mode == RestructureMode.FLAT_FEE else ""
            return str(terms.installments), terms.mode, fee
        return str(DEFAULT_INSTALLMENTS), RestructureMode.ANNUITY, ""

    # -- layout ---------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        installments, mode, fee = self._initial_inputs()
        yield Static(id="rs-loan")
        with Horizontal(id="rs-form"):
            yield Label("Installments")
            yield NumberInput(installments, id="rs-installments", restrict=r"\d{0,3}")
            yield Label("Mode")
            yield Select(
                _MODE_LABELS,
                value=mode,
                allow_blank=False,
                type_to_search=False,
                id="rs-mode",
                compact=True,
            )
            yield Label("Fee %/month")
            yield NumberInput(
                fee,
                decimal=True,
                id="rs-fee",
                restrict=r"[0-9.]*",
                disabled=mode == RestructureMode.ANNUITY,
            )
        with Horizontal(id="rs-ask"):
            yield Label("Letter:")
            for box_id, label in _ASK_BOXES.values():
                yield Checkbox(label, id=box_id, compact=True)
        yield Static(id="rs-error")
        with ResultsScroll(id="rs-results"):
            yield Static(id="rs-case")
            yield Static(id="rs-compare")
            yield Static(id="rs-verdict")
            yield Static(id="rs-warning")
            yield Static(id="rs-letter")
            yield Static(id="rs-saved")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#rs-installments", Input).focus()

    # -- data -----------------------------------------------------------------------------

    @property
    def loan(self) -> Loan | None:
        return self.coach_app.household.loan(self.loan_name)

    def money(self, amount: Money) -> str:
        return format_money(amount, self.coach_app.household.settings.locale)

    def refresh_data(self, household: Household) -> None:
        loan = household.loan(self.loan_name)
        if loan is None:
            self.query_one("#rs-loan", Static).update(
                literal(f"There is no loan named {self.loan_name}.")
            )
            self._show_quote(None)
            return
        lender = f" · {loan.lender}" if loan.lender else ""
        limit = (
            f" · at most {CREDIT_CARD_MAX_INSTALLMENTS} installments"
            if loan.kind == LoanKind.CREDIT_CARD
            else ""
        )
        self.query_one("#rs-loan", Static).update(
            literal(f"{loan.name}{lender} · owed {self.money(loan.balance)}{limit}")
        )
        self._show_saved(loan)
        self.recalculate()

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.recalculate()

    @on(Select.Changed, "#rs-mode")
    def _mode_changed(self, event: Select.Changed) -> None:
        event.stop()
        fee = self.query_one("#rs-fee", Input)
        fee.disabled = event.value != RestructureMode.FLAT_FEE
        self.recalculate()

    def _read_inputs(self) -> tuple[int, RestructureMode, Decimal]:
        """The typed request; a RestructureError names the field that is wrong."""
        text = self.query_one("#rs-installments", Input).value.strip()
        if not text:
            raise RestructureError("installments: type how many months to spread the balance over")
        installments = int(text)
        mode_value = self.query_one("#rs-mode", Select).value
        mode = mode_value if isinstance(mode_value, RestructureMode) else RestructureMode.ANNUITY
        fee = Decimal(0)
        if mode == RestructureMode.FLAT_FEE:
            fee_text = self.query_one("#rs-fee", Input).value.strip()
            if not fee_text:
                raise RestructureError("fee rate: type the monthly fee in percent, e.g. 0.6")
            try:
                fee = parse_rate(fee_text, what="fee rate")
            except MoneyError as exc:
                raise RestructureError(str(exc)) from None
        return installments, mode, fee

    def recalculate(self) -> None:
        loan = self.loan
        if loan is None:
            return
        try:
            installments, mode, fee = self._read_inputs()
            quote = self.coach_app.ledger.restructure_quote(
                loan.name, installments, mode, fee, self.coach_app.household
            )
        except RestructureError as exc:
            self.query_one("#rs-error", Static).update(literal(str(exc)))
            self._show_quote(None)
            return
        self.query_one("#rs-error", Static).update("")
        self._show_quote(quote)

    # -- drawing --------------------------------------------------------------------------

    def _show_quote(self, quote: RestructureQuote | None) -> None:
        self.quote = quote
        compare = self.query_one("#rs-compare", Static)
        verdict = self.query_one("#rs-verdict", Static)
        warning = self.query_one("#rs-warning", Static)
        costs_more = quote is not None and time_for_space(quote).relief.minor < 0
        warning.update(MORE_EACH_MONTH if costs_more else "")
        warning.display = costs_more
        case_view = self.query_one("#rs-case", Static)
        self.case = None
        if quote is None:
            compare.update("")
            verdict.update("")
            case_view.update("")
            self._show_letter()
            return
        app = self.coach_app
        try:
            plans: tuple[PayoffPlan, PayoffPlan] | PlanInputError = app.ledger.restructure_preview(
                quote, app.household
            )
        except PlanInputError as exc:
            plans = exc
        compare.update(self._comparison(quote))
        verdict.update(self._verdict(quote, plans))
        if not isinstance(plans, PlanInputError):
            self.case = app.ledger.lender_case(quote, app.household, plans)
            lines = case_lines(self.case, app.household.settings.locale)
            case_view.update(literal_lines(lines))
        else:
            case_view.update("")
        self._show_letter()

    def _comparison(self, quote: RestructureQuote) -> Text:
        """Today's path and the proposed plan side by side, in aligned columns."""
        fmt = self.money
        path = time_for_space(quote)
        months_now = quote.months_at_current_payment
        rows: list[tuple[str, str, str]] = [
            ("", "Today", f"{quote.installments} installments"),
            ("Monthly payment", fmt(quote.current_payment), fmt(quote.installment)),
            ("Last payment", "", fmt(quote.last_installment)),
            (
                "Months to clear",
                "never" if months_now is None else str(months_now),
                str(quote.installments),
            ),
            (
                "Cost over the balance",
                "never clears" if path.cost_today is None else fmt(path.cost_today),
                fmt(quote.cost),
            ),
            (
                "Total paid",
                "" if path.total_today is None else fmt(path.total_today),
                fmt(quote.total_paid),
            ),
            ("Yearly rate", self._rate_now(quote), self._percent(quote.equivalent_apr)),
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        text = Text()
        for index, (label, today, proposed) in enumerate(rows):
            style = "bold" if index == 0 else ""
            text.append(label.ljust(widths[0]) + "  ", style)
            text.append(today.rjust(widths[1]) + "  ", style)
            text.append(proposed.rjust(widths[2]), "bold" if index <= 1 else "")
            if index < len(rows) - 1:
                text.append("\n")
        return text

    def _percent(self, value: Decimal) -> str:
        return percent_words(value, self.coach_app.settings.locale)

    def _rate_now(self, quote: RestructureQuote) -> str:
        loan = self.coach_app.household.loan(quote.loan)
        return "" if loan is None else self._percent(loan.rate_in_force)

    def _verdict(
        self, quote: RestructureQuote, plans: tuple[PayoffPlan, PayoffPlan] | PlanInputError
    ) -> Text:
        fmt = self.money
        path = time_for_space(quote)
        relief = path.relief
        text = Text()
        text.append("Space: ", "bold")
        if relief.minor > 0:
            text.append(f"{fmt(relief)} less to pay each month\n")
        elif relief.minor < 0:
            text.append(f"{fmt(-relief)} more each month (no relief)\n")
        else:
            text.append("the same payment each month\n")
        text.append("Time:  ", "bold")
        added = path.months_added
        if added is None:
            text.append("today's payment never clears it; ")
        elif added > 0:
            text.append(f"{added} months longer; ")
        elif added < 0:
            text.append(f"{-added} months shorter; ")
        else:
            text.append("as long as today; ")
        change = path.cost_change
        if change is None:
            text.append(f"it costs {fmt(quote.cost)} over the balance\n")
        elif change.minor >= 0:
            text.append(f"{fmt(change)} more in total than at today's payment\n")
        else:
            text.append(f"{fmt(-change)} less in total than at today's payment\n")
        text.append("Price: ", "bold")
        text.append(self._true_price(quote))
        text.append("Plan:  ", "bold")
        text.append(printable(self._plan_change(plans), multiline=True))
        return text

    def _true_price(self, quote: RestructureQuote) -> str:
        """The yearly rate the installments really cost, beside the rate the loan pays now."""
        loan = self.coach_app.household.loan(quote.loan)
        locale = self.coach_app.settings.locale
        price = percent_words(quote.equivalent_apr, locale)
        if loan is None:
            return f"{price} a year\n"
        return f"{price} a year, against {percent_words(loan.rate_in_force, locale)} now\n"

    def _plan_change(self, plans: tuple[PayoffPlan, PayoffPlan] | PlanInputError) -> str:
        if isinstance(plans, PlanInputError):
            return f"cannot compare the plans ({plans})"
        before, after = plans
        locale = self.coach_app.household.settings.locale
        now, agreed = _when(before, self.money, locale), _when(after, self.money, locale)
        return f"now       {now}\n       if agreed {agreed}"

    @property
    def language(self) -> str:
        chosen = self.letter_language
        return chosen or default_language(self.coach_app.household.settings.locale)

    def letter_options(self) -> LetterOptions:
        """What the letter asks and shows, as ticked on this screen."""

        def ticked(key: str) -> bool:
            return self.query_one(f"#{_ASK_BOXES[key][0]}", Checkbox).value

        return LetterOptions(
            stop_penalty_interest=ticked("penalty"),
            reduce_fees=ticked("fees"),
            name_other_lenders=ticked("lenders"),
            language=self.language,
            fmt=self.letter_format,
        )

    def _show_letter(self) -> None:
        words = f"{_FORMAT_WORDS[self.letter_format]}, {_LANGUAGE_WORDS[self.language]}"
        line = f"Letter (w): {words} · s: format · g: language"
        if self.letter_written is not None:
            line += f"\nLetter written: {self.letter_written}"
        self.query_one("#rs-letter", Static).update(literal(line, multiline=True))

    def _show_saved(self, loan: Loan) -> None:
        terms = loan.restructure
        saved = self.query_one("#rs-saved", Static)
        if terms is None:
            saved.update("No proposal saved for this loan yet.")
            return
        state = _STATE_WORDS[terms.state]
        when = f" on {terms.agreed_on.isoformat()}" if terms.agreed_on else ""
        saved.update(
            f"Saved: {terms.installments} × {self.money(terms.installment)} "
            f"({terms.mode.value}), {state}{when}."
        )

    # -- actions --------------------------------------------------------------------------

    def action_read(self, pages: int) -> None:
        """PgDn/PgUp while typing: the figures below scroll when they do not fit the terminal."""
        results = self.query_one("#rs-results", ResultsScroll)
        if pages > 0:
            results.scroll_page_down(animate=False)
        else:
            results.scroll_page_up(animate=False)

    def action_back(self) -> None:
        if self.has_class("-coach-open"):
            self.action_close_coach()
            return
        self.app.pop_screen()

    def action_mark(self, state: str) -> None:
        quote = self.quote
        if quote is None:
            self.notify("Fix the installments first.", severity="warning")
            return
        chosen = ProposalState(state)
        try:
            self.coach_app.ledger.set_proposal_state(quote, chosen)
        except (StoreError, RestructureError) as exc:
            self.notify(f"Not saved: {exc}", severity="error", timeout=10)
            return
        self.coach_app.reload()
        follows = " — the plan now follows it" if chosen == ProposalState.AGREED else ""
        self.notify(f"{quote.loan}: {quote.installments} installments marked {state}{follows}.")

    def action_toggle_ask(self, key: str) -> None:
        box = self.query_one(f"#{_ASK_BOXES[key][0]}", Checkbox)
        box.value = not box.value

    def action_letter_format(self) -> None:
        formats = list(LetterFormat)
        self.letter_format = formats[(formats.index(self.letter_format) + 1) % len(formats)]
        self._show_letter()

    def action_letter_language(self) -> None:
        self.letter_language = "en" if self.language.startswith("zh") else "zh_CN"
        self._show_letter()

    def action_write_letter(self) -> None:
        quote = self.quote
        if quote is None:
            self.notify("Fix the installments first.", severity="warning")
            return
        app = self.coach_app
        path = letter_path(app.ledger.path, quote.loan, app.today.isoformat(), self.letter_format)
        try:
            if app.is_web:  # `debtcoach serve`: the letter is the browser's download
                text = app.ledger.proposal_letter(quote, app.household, self.letter_options())
                self.notify(app.deliver_file(path, text, action="write the letter to"))
                return
            written = app.ledger.write_proposal_letter(
                quote, path, app.household, self.letter_options()
            )
        except (StoreError, RestructureError) as exc:
            self.notify(f"Letter not written: {exc}", severity="error", timeout=10)
            return
        self.letter_written = written.resolve()
        self._show_letter()
        self.notify(f"Letter written: {self.letter_written}", timeout=10)


def _when(plan: PayoffPlan, fmt: Callable[[Money], str], locale: str) -> str:
    if not plan.feasible:
        short = plan.shortfall if plan.shortfall is not None else Money.zero(plan.currency)
        return f"not feasible, {fmt(short)} short a month"
    if plan.months is None or plan.debt_free is None:
        return "never debt-free at this budget"
    return f"debt-free {month_words(plan.debt_free, locale)} ({plan.months} months)"
