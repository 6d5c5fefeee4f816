"""``python -m steppewatch`` runs the command line."""

from .cli import main

main()
