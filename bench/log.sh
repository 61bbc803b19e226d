#!/usr/bin/env bash
# Signature log benchmark: appends/s with durable writes (file store with fsync; PostgreSQL with synchronous commit,
# one and two instances), proof generation at 10^6 entries, opening and verifying a 10^6-entry file log.
# Prints a Markdown table for docs/benchmarks.md. Needs Java 17, Maven, and for the PostgreSQL rows the server
# binaries (Debian: apt-get install postgresql); without them those rows say "skipped".
#
#   bench/log.sh [--appends 2000] [--entries 1000000] [--proofs 100000] [--dir /tmp] [--only all|file|postgres|proofs|open]
#
# --dir is where the logs are written: put it on the disk you want to measure (fsync cost depends on it).
set -euo pipefail
cd "$(dirname "$0")/.."

# The benchmark is a standalone project (not in the root reactor); it uses the installed signing module and fixtures.
mvn -B -q -pl config,policy,signing,src-test-fixtures -am install -DskipTests
mvn -B -q -f bench/log/pom.xml package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
# Serial GC: with it the "MiB heap" figure is what the tree retains (G1 reports regions, not objects).
exec java -Xmx2g -XX:+UseSerialGC -cp "bench/log/target/classes:$(cat bench/log/target/classpath.txt)" \
  io.sealgate.bench.log.LogBenchmark "$@"
