"""debtcoach: a calm, keyboard-driven terminal coach for people whose loans are overdue."""

__version__ = "0.1.0"
