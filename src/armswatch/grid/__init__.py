"""The behavioural grid (CheckList style): templates × actors × items × modality.

``cases.generate_cases`` turns the data in ``grid/data/`` into some 2,400 cases with the
tuples an analyst records; ``run.run_grid`` analyses them in one batch and scores each
case; ``python -m armswatch.grid`` (``make grid``) prints pass rates per construction and
per event type and lists the failures.
"""
