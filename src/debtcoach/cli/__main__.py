"""`python -m debtcoach.cli`: the same as the `debtcoach` command."""

from debtcoach.cli import run

run()
