"""Benchmark: greedy baseline vs. the LP+MIP router vs. the LP lower bound.

    uv run python bench/routing_bench.py           # 10,000 work orders x 100 factories
    uv run python bench/routing_bench.py --small   # 500 x 20, a few seconds

Instances are seeded. "uniform" draws factory minute rates independently of location;
"distance" makes rates rise from east to west so cheap production is far from most
customers. Capacity per centre type = demand x (1 + slack), spread over the horizon.
The bound is the LP relaxation over every option (column generation to zero reduced
cost); the ratio is cost / bound, meaningful when both assign the same share of jobs.
"""

from __future__ import annotations

import argparse
import sys
import time
from decimal import Decimal
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from production.routing import Factory, Job, RoutingParams, route, route_greedy
from production.routing.solver import lp_lower_bound

CENTRES = ("assembly", "cnc", "print3d")
CAPS = ("anodize", "food_safe", "iso13485", "large_format")
MATERIALS = ("alu", "pla", "steel", "wood")
HORIZON = 20


def make_instance(n_jobs: int, n_factories: int, slack: float, costs: str, seed: int):
    """Seeded (jobs, factories) with total capacity = demand x (1 + slack) per centre."""
    rng = np.random.default_rng(seed)
    jobs = []
    demand = dict.fromkeys(CENTRES, 0.0)
    for i in range(n_jobs):
        qty = int(rng.integers(1, 51))
        centres = rng.choice(CENTRES, size=int(rng.integers(1, 3)), replace=False)
        minutes = {str(c): float(qty * rng.uniform(2, 20)) for c in sorted(centres)}
        for c, m in minutes.items():
            demand[c] += m
        jobs.append(
            Job(
                id=f"wo{i:05d}",
                quantity=qty,
                minutes_by_centre=minutes,
                due_day=int(rng.integers(4, HORIZON + 2)),
                dest=(float(rng.uniform(36, 60)), float(rng.uniform(-10, 30))),
                capabilities=frozenset(c for c in CAPS if rng.random() < 0.1),
                materials={str(rng.choice(MATERIALS)): float(qty * rng.uniform(0.5, 2))},
                splittable=bool(rng.random() < 0.2),
                min_split_quantity=5,
            )
        )
    locs = np.column_stack([rng.uniform(36, 60, n_factories), rng.uniform(-10, 30, n_factories)])
    has = {c: rng.random(n_factories) < 0.8 for c in CENTRES}
    weights = {c: rng.uniform(0.5, 1.5, n_factories) * has[c] for c in CENTRES}
    factories = []
    for f in range(n_factories):
        lat, lon = locs[f]
        scale = 1.0 if costs == "uniform" else 0.6 + 0.8 * (30 - lon) / 40
        capacity = {}
        for c in CENTRES:
            if has[c][f]:
                per_day = demand[c] * (1 + slack) * weights[c][f] / weights[c].sum() / HORIZON
                capacity.update({(c, d): per_day for d in range(HORIZON)})
        factories.append(
            Factory(
                id=f"fa{f:03d}",
                location=(float(lat), float(lon)),
                capabilities=frozenset(c for c in CAPS if rng.random() < 0.7),
                minute_rate={
                    c: Decimal(f"{scale * rng.uniform(0.5, 2.0):.3f}") for c in CENTRES if has[c][f]
                },
                material_rate={
                    m: Decimal(f"{rng.uniform(1, 5):.2f}") for m in MATERIALS if rng.random() < 0.8
                },
                capacity=capacity,
                queue_slots=int(3 * n_jobs / n_factories),
                quality=float(rng.uniform(0.6, 1.0)),
                ship_days_per_1000km=1.0,
            )
        )
    return jobs, factories


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="500 work orders x 20 factories")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    n_jobs, n_factories = (500, 20) if args.small else (10_000, 100)
    params = RoutingParams(max_late_days=2, seed=args.seed)
    header = f"{'instance':<18}{'method':<10}{'cost':>14}{'ratio':>9}{'assigned':>10}{'seconds':>9}"
    print(f"{n_jobs} work orders x {n_factories} factories, max 2 days late\n{header}")
    for costs in ("uniform", "distance"):
        for slack in (0.0, 0.05, 0.5):
            jobs, factories = make_instance(n_jobs, n_factories, slack, costs, args.seed)
            name = f"{costs}/{slack:.0%}"
            t0 = time.perf_counter()
            bound, lp_share = lp_lower_bound(jobs, factories, params)
            t_bound = time.perf_counter() - t0
            rows = [("lp-bound", bound, lp_share, t_bound)]
            for method, fn in (("greedy", route_greedy), ("router", route)):
                res = fn(jobs, factories, params, explain=False)
                share = 1 - len(res.unroutable) / len(jobs)
                rows.append((method, float(res.objective), share, res.solve_seconds))
            for method, cost, share, secs in rows:
                ratio = cost / bound if bound > 0 else float("nan")
                print(f"{name:<18}{method:<10}{cost:>14,.0f}{ratio:>9.4f}{share:>9.2%}{secs:>9.2f}")


if __name__ == "__main__":
    main()
