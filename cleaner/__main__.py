"""`python -m cleaner` runs the command line."""

from cleaner.cli import app

app(prog_name="cleaner")
