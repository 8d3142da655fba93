"""Generator throughput, memory and cost relative to bare Faker, measured in one run.

    .venv/bin/python benchmarks/bench_generator.py [--count 10000]

Prints scenarios/s on one core, RSS while streaming (flat = streaming works), and the ratio of
our time to the time bare Faker nl_NL needs to make the same number of people (name, birth date,
phone, BSN) and addresses (street, postcode, city). Targets (issue 2): ≥ 1,000 scenarios/s and
≤ 3× bare Faker.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import peak_rss_mib, rss_mib
from generator import recipe as recipes
from generator.generate import generate
from scenario import io


def ours(count: int, seed: int) -> tuple[float, int, int, list[tuple[int, float]]]:
    persons = addresses = 0
    samples = []
    recipe = recipes.from_dict({})

    def counted():
        nonlocal persons, addresses
        for i, s in enumerate(generate(recipe, count, seed), start=1):
            persons += len(s.persons)
            addresses += len(s.addresses)
            if i % max(1, count // 10) == 0:
                samples.append((i, rss_mib()))
            yield s

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        io.write_jsonl(counted(), Path(tmp) / "set.jsonl")
        elapsed = time.perf_counter() - start
    return elapsed, persons, addresses, samples


def bare_faker(persons: int, addresses: int, seed: int) -> float:
    from faker import Faker

    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    start = time.perf_counter()
    for _ in range(persons):
        fake.first_name()
        fake.last_name()
        fake.date_of_birth(minimum_age=0, maximum_age=95)
        fake.phone_number()
        fake.ssn()
    for _ in range(addresses):
        fake.street_name()
        fake.building_number()
        fake.postcode()
        fake.city()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    list(generate(recipes.from_dict({}), 20, 0))  # warm caches (data files, pydantic adapters)
    runs, bare, samples = [], [], []
    for r in range(args.repeats):
        elapsed, persons, addresses, samples = ours(args.count, 1000 + r)
        runs.append(elapsed)
        bare.append(bare_faker(persons, addresses, 1000 + r))
    best, best_bare = min(runs), min(bare)
    print(f"scenarios:            {args.count} (x{args.repeats}, best run reported)")
    print(f"people / addresses:   {persons} / {addresses} in the last run")
    print(f"ours:                 {best:.2f} s  = {args.count / best:,.0f} scenarios/s "
          f"(median {args.count / statistics.median(runs):,.0f}/s)")
    print(f"bare Faker, same:     {best_bare:.2f} s")
    print(f"ratio ours/bare:      {best / best_bare:.2f}x")
    print("RSS while streaming:  " + ", ".join(f"{i}: {m:.0f} MiB" for i, m in samples))
    print(f"peak RSS:             {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
