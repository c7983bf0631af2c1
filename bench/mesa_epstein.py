"""Times Mesa's own Epstein civil violence example: runs of 200 steps of its defaults set.

The same defaults as scenarios/reference/epstein-defaults.yaml (40x40 torus, citizen density
0.7, cop density 0.074, vision 7, legitimacy 0.8, J_max 1000, k 2.3, T 0.1), which are the
example's constructor defaults. Run it on the machine where ayni is timed, interleaved with
ayni's own timing (bench/README.md), so that both see the same load:

    python3 bench/mesa_epstein.py --runs 5

Needs Mesa 3 (pip install "mesa>=3"); prints one line per run and the median, in seconds.
"""

import argparse
import statistics
import time

import mesa
from mesa.examples.advanced.epstein_civil_violence.model import EpsteinCivilViolence


def one_run(seed: int, steps: int) -> float:
    start = time.perf_counter()
    try:
        model = EpsteinCivilViolence(rng=seed)  # Mesa >= 3.1
    except TypeError:
        model = EpsteinCivilViolence(seed=seed)  # Mesa 3.0
    for _ in range(steps):
        model.step()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--steps", type=int, default=200)
    args = parser.parse_args()
    times = []
    for seed in range(1, args.runs + 1):
        seconds = one_run(seed, args.steps)
        times.append(seconds)
        print(f"mesa {mesa.__version__} epstein-defaults seed {seed}: {seconds:.3f} s for {args.steps} steps")
    print(f"median {statistics.median(times):.3f} s over {args.runs} runs")


if __name__ == "__main__":
    main()
