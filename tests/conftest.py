"""Test-wide setup: nbgrader needs `alembic` on PATH to create a gradebook (NBGRADER.md §7);
the project's code ensures it for its own calls, tests that create gradebooks directly rely on
this."""

from course.config import ensure_alembic_on_path

ensure_alembic_on_path()
