"""Progress tracking for programme managers: skill per officer and competency, coverage and weak
spots per basisteam and eenheid, difficulty per scenario form; Dutch HTML, CSV and Excel.

Reads only: the gradebook's per-report results (course/results.py) and a roster CSV. Officers
are pseudonymous ids by default; groups under five officers are suppressed in every aggregate.
"""
