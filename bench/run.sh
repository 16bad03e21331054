#!/usr/bin/env bash
# Builds the netlib MINPACK baseline (Debian minpack-dev) and runs GpuLm's CPU benchmark
# beside it. Prints a Markdown table for docs/benchmarks.md.
#   bash bench/run.sh [--scale S]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f /usr/include/minpack.h ]; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && apt-get install -y -qq minpack-dev >/dev/null
    else
        echo "bench: needs Debian's minpack-dev (apt-get install minpack-dev)" >&2
        exit 2
    fi
fi
mkdir -p artifacts/bench
gcc -O2 -Wall -Wextra -o artifacts/bench/fit_minpack bench/minpack/fit_minpack.c -lminpack -lm
dotnet run --project bench/GpuLm.Bench -c Release -- --minpack "$PWD/artifacts/bench/fit_minpack" --data "$PWD/artifacts/bench" "$@"
