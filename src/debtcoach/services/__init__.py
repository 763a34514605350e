"""The Ledger: the one door the CLI and the screens use.

It validates every record with the domain's rules, writes through the store's repository, and
computes the household's plan and advice once per state of the data.
"""

from debtcoach.services.ledger import HouseholdState, Ledger, RowChanged

__all__ = ["HouseholdState", "Ledger", "RowChanged"]
