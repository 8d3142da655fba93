"""The nbgrader course: building assignments from modules and scenarios, and grading them.

`cursus/` is the nbgrader course directory (content and `nbgrader_config.py`); this package is
the code behind it: the builder that writes source notebooks, the nbgrader pipeline steps that
run the project's grader inside `nbgrader autograde`, the store of per-criterion results, and
the Dutch feedback. nbgrader itself is imported only by the modules that need it.
"""
