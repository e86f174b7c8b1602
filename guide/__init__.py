"""The guide's core: answers in, a typed plan out. No Django here (a test checks): every
rule and every date is worked out once, in this package; the Django app only presents it.

- answers.py: the parameters of rules.md §1, parsed, checked, which apply, written back
- dates.py: Tokyo "today", calendar months, closed days (arithmetic only)
- fees.py: the dated fee table
- rules.py: the names of §2–3, R, the outcome of §5 and the panel of §6
- catalogue.py: the items of §4, each declared once, with the next-action order of §7
- plan.py: `plan_build`, the whole output
- deployment.py, offices.py: the deployment file (publisher, contact, pages, offices)
- sources.py: the public sources, by id
"""
