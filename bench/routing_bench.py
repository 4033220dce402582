"""Benchmark: greedy baseline vs. the router vs. the optimum or a lower bound.

    uv run python bench/routing_bench.py           # 10,000 work orders x 100 factories
    uv run python bench/routing_bench.py --small   # 500 x 20, with an exact MIP optimum

Instances are seeded and *planted*: every job first gets a hidden eligible factory and
a last work day, and each (factory, centre, day) publishes exactly the minutes the
planted jobs spread over it, times (1 + slack). So a feasible assignment of every job
is known to exist (at 0% slack the capacity is exactly the planted load, which makes
100% an exact-partition problem). "uniform" draws factory minute rates independently
of location; "distance" makes rates rise from east to west so cheap production is far
from most customers. Jobs work on one centre type each.

Rows: "bound" is the min-cost-flow relaxation priced to zero reduced cost (a valid
lower bound on the cost of any routing that assigns every job; "bound?" if pricing
stopped early, "(partial)" if even the relaxation cannot route every job). With
``--small`` the SCIP MIP over every option runs too: "optimum" if it proved optimality,
else "mip (limit)" (it stops at its node limit or the 30 s safety limit, whichever
comes first, so that row is not reproducible on a loaded machine). Ratio = cost /
bound; it compares like with like only when the method assigns every job.
"""

from __future__ import annotations

import argparse
import sys
import time
from decimal import Decimal
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from routing import Factory, Job, RoutingParams, route, route_greedy
from routing.costs import distance_matrix, ship_days
from routing.flow import solve_flow
from routing.prepare import prepare

CENTRES = ("assembly", "cnc", "print3d")
CAPS = ("anodize", "food_safe", "iso13485", "large_format")
MATERIALS = ("alu", "pla", "steel", "wood")
HORIZON = 20


def make_instance(n_jobs: int, n_factories: int, slack: float, costs: str, seed: int):
    """Seeded planted (jobs, factories); capacity = planted load x (1 + slack)."""
    rng = np.random.default_rng(seed)
    locs = np.column_stack([rng.uniform(36, 60, n_factories), rng.uniform(-10, 30, n_factories)])
    has = np.column_stack([rng.random(n_factories) < 0.8 for _ in CENTRES])
    has[~has.any(axis=1), 0] = True
    f_caps = np.column_stack([rng.random(n_factories) < 0.7 for _ in CAPS])
    f_mats = np.column_stack([rng.random(n_factories) < 0.8 for _ in MATERIALS])
    scale = np.ones(n_factories) if costs == "uniform" else 0.6 + 0.8 * (30 - locs[:, 1]) / 40
    rates = scale[:, None] * rng.uniform(0.5, 2.0, (n_factories, len(CENTRES)))
    mat_rates = rng.uniform(1, 5, (n_factories, len(MATERIALS)))

    qty = rng.integers(1, 51, n_jobs)
    centre = rng.integers(0, len(CENTRES), n_jobs)
    minutes = np.round(qty * rng.uniform(2, 20, n_jobs), 1)
    j_caps = rng.random((n_jobs, len(CAPS))) < 0.1
    mat = rng.integers(0, len(MATERIALS), n_jobs)
    mat_qty = np.round(qty * rng.uniform(0.5, 2, n_jobs), 2)
    dest = np.column_stack([rng.uniform(36, 60, n_jobs), rng.uniform(-10, 30, n_jobs)])
    split = rng.random(n_jobs) < 0.2
    eligible = has[:, centre].T & f_mats[:, mat].T
    eligible &= (j_caps.astype(int) @ (~f_caps).T.astype(int)) == 0
    eligible[~eligible.any(axis=1)] = has[:, centre].T[~eligible.any(axis=1)]
    j_caps[~(eligible & f_mats[:, mat].T).any(axis=1)] = False  # keep every job plantable
    eligible = has[:, centre].T & f_mats[:, mat].T
    eligible &= (j_caps.astype(int) @ (~f_caps).T.astype(int)) == 0
    keep = eligible.any(axis=1)
    # pick a planted factory uniformly among the eligible ones
    pick = np.argmax(
        np.cumsum(eligible, axis=1) > rng.random(n_jobs)[:, None] * eligible.sum(1)[:, None], axis=1
    )
    sdays = ship_days(distance_matrix(dest, locs), np.ones(n_factories))
    last = rng.integers(2, HORIZON, n_jobs)  # planted last work day
    due = last + sdays[np.arange(n_jobs), pick]
    load = np.zeros((n_factories, len(CENTRES), HORIZON))
    for i in np.flatnonzero(keep):
        load[pick[i], centre[i], : last[i] + 1] += minutes[i] / (last[i] + 1)
    cap = np.ceil(load * (1 + slack) * 100 + 1e-6) / 100 * (load > 0)
    jobs = [
        Job(
            id=f"wo{i:05d}",
            quantity=int(qty[i]),
            minutes_by_centre={CENTRES[centre[i]]: float(minutes[i])},
            due_day=int(due[i]),
            dest=(float(dest[i, 0]), float(dest[i, 1])),
            capabilities=frozenset(c for k, c in enumerate(CAPS) if j_caps[i, k]),
            materials={MATERIALS[mat[i]]: float(mat_qty[i])},
            splittable=bool(split[i]),
            min_split_quantity=5,
        )
        for i in range(n_jobs)
    ]
    factories = [
        Factory(
            id=f"fa{f:03d}",
            location=(float(locs[f, 0]), float(locs[f, 1])),
            capabilities=frozenset(c for k, c in enumerate(CAPS) if f_caps[f, k]),
            minute_rate={
                c: Decimal(f"{rates[f, k]:.3f}") for k, c in enumerate(CENTRES) if has[f, k]
            },
            material_rate={
                m: Decimal(f"{mat_rates[f, k]:.2f}")
                for k, m in enumerate(MATERIALS)
                if f_mats[f, k]
            },
            capacity={
                (c, d): float(cap[f, k, d])
                for k, c in enumerate(CENTRES)
                if has[f, k]
                for d in range(HORIZON)
                if cap[f, k, d] > 0
            },
            queue_slots=int(3 * n_jobs / n_factories),
            quality=float(rng.uniform(0.6, 1.0)),
            ship_days_per_1000km=1.0,
        )
        for f in range(n_factories)
    ]
    return jobs, factories


def flow_bound(jobs, factories, params) -> tuple[float, bool, bool]:
    """(bound, the relaxation routes every job, pricing proved it over all options)."""
    inst = prepare(jobs, factories, params)
    sol = solve_flow(inst, max_rounds=50)
    return sol.bound, sol.routes_all, sol.exact


def timed(fn, *args, **kw):
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn(*args, **kw)
    return out, time.perf_counter() - t0, time.process_time() - c0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="500 work orders x 20 factories")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--slack", type=float, nargs="*", default=[0.0, 0.05, 0.5])
    parser.add_argument("--costs", nargs="*", default=["uniform", "distance"])
    args = parser.parse_args()
    n_jobs, n_factories = (500, 20) if args.small else (10_000, 100)
    params = RoutingParams(max_late_days=2, seed=args.seed)
    print(
        f"{n_jobs} work orders x {n_factories} factories, max 2 days late, planted instances "
        "(a routing of every job exists)\nratio = cost / flow lower bound; wall and CPU seconds "
        "(the machine is shared: wall time is inflated by other processes)\n"
    )
    header = (
        f"{'instance':<15}{'method':<16}{'cost':>13}{'ratio':>8}{'assigned':>10}"
        f"{'wall s':>8}{'cpu s':>7}"
    )
    print(header)
    for costs in args.costs:
        for slack in args.slack:
            jobs, factories = make_instance(n_jobs, n_factories, slack, costs, args.seed)
            name = f"{costs}/{slack:.0%}"
            (bound, routes_all, exact), wall, cpu = timed(flow_bound, jobs, factories, params)
            tag = "bound" + ("" if exact else "?") + ("" if routes_all else " (partial)")
            rows = [(tag, bound, 1.0 if routes_all else float("nan"), wall, cpu)]
            methods = [("greedy", route_greedy, params), ("router", route, params)]
            if args.small:
                exact_params = RoutingParams(
                    max_late_days=2, seed=args.seed, exact_mip_max_jobs=10**9, mip_node_limit=20000
                )
                methods.append(("optimum", route, exact_params))
            for method, fn, prm in methods:
                res, wall, cpu = timed(fn, jobs, factories, prm, explain=False)
                share = 1 - len(res.unroutable) / len(jobs)
                if method == "optimum" and "optimal" not in res.method:
                    method = "mip (limit)"
                rows.append((method, float(res.objective), share, wall, cpu))
            for method, cost, share, wall, cpu in rows:
                ratio = cost / bound if bound > 0 else float("nan")
                print(
                    f"{name:<15}{method:<16}{cost:>13,.0f}{ratio:>8.4f}{share:>10.2%}"
                    f"{wall:>8.2f}{cpu:>7.2f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
