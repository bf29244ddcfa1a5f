"""Benchmarks of mlpcourse against a minimal numpy loop, scikit-learn and PyTorch.

Run ``python -m bench`` (or ``make bench``). Every module of this package that defines
``run()`` is picked up automatically; ``run()`` returns a list of table rows, each a dict:

``{"workload": "W1 ...", "implementation": "mlpcourse MLP.fit", "median": 1.23,
"unit": "s", "ratio": 1.05, "note": "..."}``

``median`` is a number in ``unit`` (seconds by default); ``ratio`` (optional) compares the
row with the reference row of its workload; ``note`` is free text. A row may also be a
plain sequence of values, printed as they are.
"""
