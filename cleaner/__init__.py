"""cleaner: raw news pages and text dumps in, clean canonical article records out.

>>> import cleaner
>>> article = cleaner.clean(Path("page.html"), url="https://example.com/story")
>>> article.title, article.text, article.removed
"""

__version__ = "0.1.0"

import logging

from cleaner.api import clean, clean_many
from cleaner.errors import CleanerError, InputError, RulePackError
from cleaner.record import Article
from cleaner.settings import Settings

# A library's warnings reach the caller's logging configuration only, never stderr by default
# (as trafilatura does): a CLI run prints records, error lines and its summary, nothing else.
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Article",
    "CleanerError",
    "InputError",
    "RulePackError",
    "Settings",
    "clean",
    "clean_many",
]
