"""`debtcoach contact add|list|remove`: the log of talks with lenders."""

from __future__ import annotations

import argparse
from typing import Any

from debtcoach.cli.common import (
    Context,
    add_json_flag,
    choice_arg,
    date_arg,
    group,
    int_arg,
    name_arg,
    print_rows,
    say,
)
from debtcoach.domain.models import (
    Channel,
    Contact,
)
from debtcoach.domain.wording import _
from debtcoach.services.exchange import (
    contact_to_json,
)


def register(commands: Any) -> None:
    contact = group(commands, "contact", _("the log of talks with lenders"))
    p = contact.add_parser("add", help=_("log a contact with a lender"))
    p.add_argument("--loan", required=True, type=name_arg("loan"), help=_("the loan it was about"))
    p.add_argument("--date", required=True, type=date_arg("date"), metavar="DATE", help=_("when"))
    p.add_argument(
        "--channel",
        required=True,
        type=choice_arg(Channel, "channel"),
        help=_("one of {names}").format(names=", ".join(c.value for c in Channel)),
    )
    p.add_argument("--who", help=_("who you spoke to (a team, a name)"))
    p.add_argument("--asked", help=_("what you asked for"))
    p.add_argument("--outcome", help=_("what came of it"))
    p.add_argument(
        "--follow-up", type=date_arg("follow-up"), metavar="DATE", help=_("when to follow up")
    )
    p.set_defaults(handler=contact_add)
    p = contact.add_parser("list", help=_("list contacts (numbered)"))
    add_json_flag(p)
    p.add_argument("--loan", type=name_arg("loan"), help=_("only this loan's contacts"))
    p.set_defaults(handler=contact_list)
    p = contact.add_parser("remove", help=_("remove a contact by its id in `contact list`"))
    p.add_argument("id", type=int_arg("id", 1), help=_("the id `contact list` shows"))
    p.set_defaults(handler=contact_remove)


def contact_add(ctx: Context, args: argparse.Namespace) -> int:
    contact = Contact(
        loan=args.loan,
        on=args.date,
        channel=args.channel,
        who=args.who or "",
        asked=args.asked or "",
        outcome=args.outcome or "",
        follow_up=args.follow_up,
    )
    ctx.ledger.add_contact(contact)
    say(
        _("Logged a {value} contact about {loan}.").format(
            value=contact.channel.value, loan=contact.loan
        )
    )
    return 0


def contact_list(ctx: Context, args: argparse.Namespace) -> int:
    contacts = list(ctx.ledger.contacts_with_ids())
    if args.loan:
        contacts = [(i, c) for i, c in contacts if c.loan == args.loan]
    rows = [
        [
            str(i),
            c.on.isoformat(),
            c.loan,
            c.channel.value,
            c.outcome,
            c.follow_up.isoformat() if c.follow_up else "-",
        ]
        for i, c in contacts
    ]
    return print_rows(
        args,
        [{"id": i, **contact_to_json(c)} for i, c in contacts],
        rows,
        ["id", _("date"), _("loan"), _("channel"), _("outcome"), _("follow-up")],
        {0},
        _("No contacts logged. Log one with: debtcoach contact add --loan … --channel phone"),
    )


def contact_remove(ctx: Context, args: argparse.Namespace) -> int:
    ctx.ledger.remove_contact(args.id)
    print(_("Removed contact {id}.").format(id=args.id))
    return 0
