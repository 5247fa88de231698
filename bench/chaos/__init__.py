"""Chaos and load on loopback: `python -m bench.chaos`.

Starts the app as production runs it (gunicorn, 2 workers, production settings) on a throwaway
PostgreSQL database, with the demo data, then runs each scenario in the registry below and
prints the figures: requests, errors, faults injected, failures. Exits non-zero if any scenario
found a problem. Nothing leaves 127.0.0.1.

A scenario is a function taking the Run and returning its figures (a dict of counts); register
it with @scenario("name"). "errors" and "failures" must stay 0; "faults" counts what was injected.
Add one: write the function, decorate it, run `python -m bench.chaos --only name`.
"""
