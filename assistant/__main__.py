"""``python -m assistant`` → the command line."""

from .cli import main

main(prog_name="python -m assistant")
