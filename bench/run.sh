#!/usr/bin/env bash
# Runs the benchmark (see docs/benchmarks.md): builds Release, seeds SQLite databases, measures the
# service against its baselines under wrk, draws the scaling curves, runs the micro-benchmarks and
# writes docs/benchmarks.md with its charts. `bench/run.sh --smoke` is the few-second check CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "The benchmark needs wrk (Debian: apt-get install wrk)." >&2; exit 1
  fi
fi
exec dotnet run -c Release --project bench/Workflows.Bench -- "$@"
