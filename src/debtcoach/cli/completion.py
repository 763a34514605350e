"""`debtcoach completion bash|zsh`: a shell completion script (argcomplete's).

`eval "$(debtcoach completion bash)"` in ~/.bashrc (or zsh's ~/.zshrc) completes subcommands,
options and choices. The shell asks the command itself what can come next (`complete`), so the
completions always match the installed version.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from debtcoach.cli.common import Context
from debtcoach.domain.wording import _

SHELLS = ("bash", "zsh")
COMPLETING = "_ARGCOMPLETE"
"""Set by the completion script when the shell asks for completions."""


def register(commands: Any) -> None:
    p = commands.add_parser(
        "completion",
        help=_('print a shell completion script: eval "$(debtcoach completion bash)"'),
        description=_(
            "Print the completion script for bash or zsh; add "
            '`eval "$(debtcoach completion bash)"` (or zsh) to your shell\'s startup file.'
        ),
    )
    p.add_argument("shell", choices=SHELLS, help=_("the shell to complete in: bash or zsh"))
    p.set_defaults(handler=completion, tolerates_broken_config=True)


def completion(ctx: Context, args: argparse.Namespace) -> int:
    from argcomplete.shell_integration import shellcode  # only this command needs it

    print(shellcode(["debtcoach"], shell=args.shell), end="")
    return 0


def asked() -> bool:
    """Whether the completion script is asking (the shell, for what can come next)."""
    return COMPLETING in os.environ


def complete_if_asked(parser: argparse.ArgumentParser) -> None:
    """Answer the shell and exit when the completion script is asking; else do nothing."""
    if asked():
        import argcomplete  # only a completing shell needs it

        argcomplete.autocomplete(parser)
