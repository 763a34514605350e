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
from debtcoach.domain.letter_format import LetterFormat
from debtcoach.domain.models import Household, Loan, LoanKind, ProposalState, RestructureMode
from debtcoach.domain.money import Money, MoneyError, format_money, parse_rate
from debtcoach.domain.payoff import PayoffPlan, PlanInputError
from debtcoach.domain.proposal import (
    LetterOptions,
    default_language,
    hardship_reason,
    time_for_space,
)
from debtcoach.domain.restructure import (
    CREDIT_CARD_MAX_INSTALLMENTS,
    RestructureError,
    RestructureQuote,
)
from debtcoach.domain.text_rules import cells, pad, printable
from debtcoach.domain.wording import N_, _, count, month_words, percent_words
from debtcoach.services.exchange import StoreError
from debtcoach.ui.formatting import literal, literal_lines
from debtcoach.ui.screens.base import DebtCoachScreen
from debtcoach.ui.widgets.form_fields import FieldSpec, Values
from debtcoach.ui.widgets.forms import RecordForm
from debtcoach.ui.widgets.tick_box import TickBox

DEFAULT_INSTALLMENTS = 36
_MODE_LABELS = (
    (N_("annuity at the loan's rate"), RestructureMode.ANNUITY),
    (N_("flat monthly fee"), RestructureMode.FLAT_FEE),
)
_MODE_WORDS = {
    RestructureMode.ANNUITY: N_("annuity"),
    RestructureMode.FLAT_FEE: N_("flat fee"),
}
"""A saved plan's mode in a word or two."""
MORE_EACH_MONTH = N_(
    "This plan asks more each month than today's payment. "
    "It can still be proposed if that is what you want."
)
_FORMAT_WORDS = {
    LetterFormat.MD: N_("Markdown"),
    LetterFormat.TXT: N_("plain text"),
    LetterFormat.HTML: N_("HTML page"),
}
_LANGUAGE_WORDS = {"en": N_("English"), "zh_CN": N_("Chinese")}
_ASK_BOXES = {
    "penalty": ("rs-ask-penalty", N_("stop penalty (i)")),
    "fees": ("rs-ask-fees", N_("cut fees (e)")),
    "lenders": ("rs-name-lenders", N_("name lenders (a)")),
}
_BEHIND_ONLY_ASKS = ("penalty", "fees")
"""What the letter asks only of a loan that is behind (the domain drops them otherwise)."""
_STATE_WORDS = {
    ProposalState.PROPOSED: N_("proposed"),
    ProposalState.AGREED: N_("agreed"),
    ProposalState.REFUSED: N_("refused"),
}


_VERDICT_HEADS = (N_("Space:"), N_("Time:"), N_("Price:"), N_("Plan:"))
"""The headings of the verdict's lines, padded to one width (the plan's second line too)."""


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

    TITLE_TEXT = N_("Restructure")
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
        Binding(
            "escape", "back", N_("Back"), id="restructure.back", tooltip=N_("Back to the loans")
        ),
        Binding(
            "m",
            "mark('proposed')",
            N_("Proposed"),
            id="restructure.propose",
            tooltip=N_("Save this plan on the loan as proposed to the lender"),
        ),
        Binding(
            "y",
            "mark('agreed')",
            N_("Agreed"),
            id="restructure.agree",
            tooltip=N_("The lender agreed: the payoff plan follows these installments"),
        ),
        Binding(
            "n",
            "mark('refused')",
            N_("Refused"),
            id="restructure.refuse",
            tooltip=N_("The lender refused this plan (kept as history)"),
        ),
        Binding("pagedown", "read(1)", N_("Read on"), show=False, id="restructure.read_on"),
        Binding("pageup", "read(-1)", N_("Read back"), show=False, id="restructure.read_back"),
        Binding(
            "w",
            "write_letter",
            N_("Letter"),
            id="restructure.letter",
            tooltip=N_(
                "Write the proposal letter next to the data file (never over an earlier one)"
            ),
        ),
        Binding(
            "i",
            "toggle_ask('penalty')",
            N_("Ask: penalty"),
            show=False,
            id="restructure.ask_penalty",
            tooltip=N_("The letter also asks to stop or reduce penalty interest"),
        ),
        Binding(
            "e",
            "toggle_ask('fees')",
            N_("Ask: fees"),
            show=False,
            id="restructure.ask_fees",
            tooltip=N_("The letter also asks to stop or reduce late fees and other charges"),
        ),
        Binding(
            "a",
            "toggle_ask('lenders')",
            N_("Name lenders"),
            show=False,
            id="restructure.name_lenders",
            tooltip=N_("The letter names each other lender (else only their total)"),
        ),
        Binding(
            "s",
            "letter_format",
            N_("Format"),
            show=False,
            id="restructure.letter_format",
            tooltip=N_("The letter's format: Markdown, plain text (80 columns) or an HTML page"),
        ),
        Binding(
            "h",
            "reason",
            N_("Reason"),
            show=False,
            id="restructure.reason",
            tooltip=N_("Say in one sentence what happened: the letter tells the lender (optional)"),
        ),
        Binding(
            "g",
            "letter_language",
            N_("Language"),
            show=False,
            id="restructure.letter_language",
            tooltip=N_("The letter's language: English or Chinese"),
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
        self.letter_reason = ""
        """What happened, in the user's words, for the letter (this screen only, never saved)."""

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
            yield Label(_("Installments"))
            yield NumberInput(installments, id="rs-installments", restrict=r"\d{0,3}")
            yield Label(_("Mode"))
            yield Select(
                [(_(label), mode) for label, mode in _MODE_LABELS],
                value=mode,
                allow_blank=False,
                type_to_search=False,
                id="rs-mode",
                compact=True,
            )
            yield Label(_("Fee %/month"))
            yield NumberInput(
                fee,
                decimal=True,
                id="rs-fee",
                restrict=r"[0-9.]*",
                disabled=mode == RestructureMode.ANNUITY,
            )
        with Horizontal(id="rs-ask"):
            yield Label(_("Letter:"))
            for box_id, label in _ASK_BOXES.values():
                yield TickBox(_(label), id=box_id, compact=True)
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
                literal(_("There is no loan named {name}.").format(name=self.loan_name))
            )
            self._show_quote(None)
            return
        parts = [
            loan.name,
            loan.lender,
            _("owed {balance}").format(balance=self.money(loan.balance)),
        ]
        if loan.kind == LoanKind.CREDIT_CARD:
            limit = count(CREDIT_CARD_MAX_INSTALLMENTS, "installment")
            parts.append(_("at most {installments}").format(installments=limit))
        self.query_one("#rs-loan", Static).update(literal(" · ".join(p for p in parts if p)))
        for key in _BEHIND_ONLY_ASKS:  # up to date: no penalty interest or late fee to stop
            box = self.query_one(f"#{_ASK_BOXES[key][0]}", Checkbox)
            box.disabled = not loan.is_overdue
            box.value = box.value and loan.is_overdue
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
            raise RestructureError(
                _("installments: type how many months to spread the balance over")
            )
        installments = int(text)
        mode_value = self.query_one("#rs-mode", Select).value
        mode = mode_value if isinstance(mode_value, RestructureMode) else RestructureMode.ANNUITY
        fee = Decimal(0)
        if mode == RestructureMode.FLAT_FEE:
            fee_text = self.query_one("#rs-fee", Input).value.strip()
            if not fee_text:
                raise RestructureError(_("fee rate: type the monthly fee in percent, e.g. 0.6"))
            try:
                fee = parse_rate(fee_text, what=_("fee rate"))
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
        warning.update(_(MORE_EACH_MONTH) if costs_more else "")
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
            ("", _("Today"), count(quote.installments, "installment")),
            (_("Monthly payment"), fmt(quote.current_payment), fmt(quote.installment)),
            (_("Last payment"), "", fmt(quote.last_installment)),
            (
                _("Months to clear"),
                _("never") if months_now is None else str(months_now),
                str(quote.installments),
            ),
            (
                _("Cost over the balance"),
                _("never clears") if path.cost_today is None else fmt(path.cost_today),
                fmt(quote.cost),
            ),
            (
                _("Total paid"),
                "" if path.total_today is None else fmt(path.total_today),
                fmt(quote.total_paid),
            ),
            (_("Yearly rate"), self._rate_now(quote), self._percent(quote.equivalent_apr)),
        ]
        widths = [max(cells(row[i]) for row in rows) for i in range(3)]
        text = Text()
        for index, (label, today, proposed) in enumerate(rows):
            style = "bold" if index == 0 else ""
            text.append(pad(label, widths[0]) + "  ", style)
            text.append(pad(today, widths[1], ">") + "  ", style)
            text.append(pad(proposed, widths[2], ">"), "bold" if index <= 1 else "")
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
        # "Space: " in English; a full-width colon ("空间：") already ends with its own space.
        heads = [_(head) for head in _VERDICT_HEADS]
        heads = [head + " " if head.endswith(":") else head for head in heads]
        width = max(cells(head) for head in heads)
        space, time, price, plan = (pad(head, width) for head in heads)
        text = Text()
        text.append(space, "bold")
        if relief.minor > 0:
            text.append(_("{amount} less to pay each month").format(amount=fmt(relief)) + "\n")
        elif relief.minor < 0:
            text.append(
                _("{amount} more each month (no relief)").format(amount=fmt(-relief)) + "\n"
            )
        else:
            text.append(_("the same payment each month") + "\n")
        text.append(time, "bold")
        added = path.months_added
        if added is None:
            text.append(_("today's payment never clears it; "))
        elif added > 0:
            text.append(_("{months} longer; ").format(months=count(added, "month")))
        elif added < 0:
            text.append(_("{months} shorter; ").format(months=count(-added, "month")))
        else:
            text.append(_("as long as today; "))
        change = path.cost_change
        if change is None:
            text.append(_("it costs {cost} over the balance").format(cost=fmt(quote.cost)) + "\n")
        elif change.minor >= 0:
            more = _("{amount} more in total than at today's payment").format(amount=fmt(change))
            text.append(more + "\n")
        else:
            less = _("{amount} less in total than at today's payment").format(amount=fmt(-change))
            text.append(less + "\n")
        text.append(price, "bold")
        text.append(self._true_price(quote))
        text.append(plan, "bold")
        text.append(printable(self._plan_change(plans, width), multiline=True))
        return text

    def _true_price(self, quote: RestructureQuote) -> str:
        """The yearly rate the installments really cost, beside the rate the loan pays now."""
        loan = self.coach_app.household.loan(quote.loan)
        locale = self.coach_app.settings.locale
        price = percent_words(quote.equivalent_apr, locale)
        if loan is None:
            return _("{price} a year").format(price=price) + "\n"
        now = percent_words(loan.rate_in_force, locale)
        return _("{price} a year, against {rate} now").format(price=price, rate=now) + "\n"

    def _plan_change(
        self, plans: tuple[PayoffPlan, PayoffPlan] | PlanInputError, indent: int
    ) -> str:
        """Today's debt-free month over the one with the plan agreed, after a heading of
        `indent` cells."""
        if isinstance(plans, PlanInputError):
            return _("cannot compare the plans ({reason})").format(reason=plans)
        before, after = plans
        locale = self.coach_app.household.settings.locale
        now, agreed = _when(before, self.money, locale), _when(after, self.money, locale)
        labels = _("now"), _("if agreed")
        width = max(cells(label) for label in labels)
        return f"{pad(labels[0], width)} {now}\n{' ' * indent}{pad(labels[1], width)} {agreed}"

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
            reason=self.letter_reason,
            language=self.language,
            fmt=self.letter_format,
        )

    def _show_letter(self) -> None:
        fmt, language = _(_FORMAT_WORDS[self.letter_format]), _(_LANGUAGE_WORDS[self.language])
        line = _("Letter (w): {format}, {language} · s: format · g: language · h: reason").format(
            format=fmt, language=language
        )
        if self.letter_reason:
            line += "\n" + _("What happened: {reason}").format(reason=self.letter_reason)
        if self.letter_written is not None:
            line += "\n" + _("Letter written: {path}").format(path=self.letter_written)
        self.query_one("#rs-letter", Static).update(literal(line, multiline=True))

    def _show_saved(self, loan: Loan) -> None:
        terms = loan.restructure
        saved = self.query_one("#rs-saved", Static)
        if terms is None:
            saved.update(_("No proposal saved for this loan yet."))
            return
        words = {
            "n": terms.installments,
            "installment": self.money(terms.installment),
            "mode": _(_MODE_WORDS[terms.mode]),
            "state": _(_STATE_WORDS[terms.state]),
        }
        if terms.agreed_on is None:
            line = _("Saved: {n} × {installment} ({mode}), {state}.").format(**words)
        else:
            line = _("Saved: {n} × {installment} ({mode}), {state} on {day}.").format(
                day=terms.agreed_on.isoformat(), **words
            )
        saved.update(literal(line))

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
            self.notify(_("Fix the installments first."), severity="warning")
            return
        chosen = ProposalState(state)
        try:
            self.coach_app.ledger.set_proposal_state(quote, chosen)
        except (StoreError, RestructureError) as exc:
            self.notify(
                _("Not saved: {reason}").format(reason=exc),
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        self.coach_app.reload()
        marked = (
            _("{loan}: {installments} marked {state} — the plan now follows it.")
            if chosen == ProposalState.AGREED
            else _("{loan}: {installments} marked {state}.")
        )
        installments = count(quote.installments, "installment")
        shown = marked.format(
            loan=quote.loan, installments=installments, state=_(_STATE_WORDS[chosen])
        )
        self.notify(shown, markup=False)

    def action_toggle_ask(self, key: str) -> None:
        box = self.query_one(f"#{_ASK_BOXES[key][0]}", Checkbox)
        if not box.disabled:
            box.value = not box.value

    def action_letter_format(self) -> None:
        formats = list(LetterFormat)
        self.letter_format = formats[(formats.index(self.letter_format) + 1) % len(formats)]
        self._show_letter()

    def action_letter_language(self) -> None:
        self.letter_language = "en" if self.language.startswith("zh") else "zh_CN"
        self._show_letter()

    def action_reason(self) -> None:
        """A one-line form for the hardship reason; empty takes it out of the letter again."""

        def keep(values: Values) -> str:
            self.letter_reason = str(values["reason"])
            self._show_letter()
            if self.letter_reason:
                return _("The letter will say what happened.")
            return _("The letter gives no reason.")

        field = FieldSpec(
            "reason",
            N_("What happened"),
            parse=hardship_reason,
            initial=self.letter_reason,
            placeholder=N_("e.g. I lost my job in August"),
        )
        self.app.push_screen(RecordForm(_("The reason for the letter"), [field], keep))

    def action_write_letter(self) -> None:
        quote = self.quote
        if quote is None:
            self.notify(_("Fix the installments first."), severity="warning")
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
            self.notify(
                _("Letter not written: {reason}").format(reason=exc),
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        self.letter_written = written.resolve()
        self._show_letter()
        self.notify(
            _("Letter written: {path}").format(path=self.letter_written), timeout=10, markup=False
        )


def _when(plan: PayoffPlan, fmt: Callable[[Money], str], locale: str) -> str:
    if not plan.feasible:
        short = plan.shortfall if plan.shortfall is not None else Money.zero(plan.currency)
        return _("not feasible, {amount} short a month").format(amount=fmt(short))
    if plan.months is None or plan.debt_free is None:
        return _("never debt-free at this budget")
    return _("debt-free {month} ({months})").format(
        month=month_words(plan.debt_free, locale), months=count(plan.months, "month")
    )
