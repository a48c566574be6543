"""Performance suite: each bench_*.py writes a JSON report to benchmarks/results/."""
