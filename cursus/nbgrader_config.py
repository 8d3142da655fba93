# nbgrader configuration of the Meldtrainer course. The settings live in course/config.py (one
# place, tested); environment variables there choose the database and the exchange.
from pathlib import Path

from course.config import configure

configure(get_config(), Path(__file__).resolve().parent)  # noqa: F821
