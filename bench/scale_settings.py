"""The production settings, plus the benchmark's floor views (bench.scale_floors) mounted under
/bench/. Used only by python -m bench.scale."""

from registry.settings import *  # noqa: F403

ROOT_URLCONF = "bench.scale_floors"
