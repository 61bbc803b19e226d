#!/usr/bin/env bash
# The signature log's share of sign-upload latency at the embedded default (file store, a tree head signed in the
# token after every append, written with its leaf under one force): p50 of sequential sign-uploads through a real
# proxy vs. p50 of SignatureLog.append on a second file log in the same directory, timed in the same loop. Prints a
# Markdown table for docs/benchmarks.md. Needs Java 17, Maven and SoftHSM2 (Debian: apt-get install softhsm2).
#
#   bench/log-share.sh [--uploads 300] [--warmup 50] [--dir /tmp]
#
# --dir is where the logs are written: put it on the disk you want to measure (fsync cost depends on it).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f /usr/lib/softhsm/libsofthsm2.so ] || { echo "missing: SoftHSM2 (apt-get install softhsm2)" >&2; exit 2; }
work=$(mktemp -d /tmp/sealgate-bench-logshare.XXXXXX)
trap 'rm -rf "$work"' EXIT
# One SoftHSM configuration for this run only (SoftHsmToken writes it with a token directory beside it).
export SOFTHSM2_CONF="$work/softhsm2.conf"

# The benchmark is a standalone project (not in the root reactor); it uses the installed modules and fixtures.
mvn -B -q -pl config,policy,signing,src-test-fixtures,proxy-core -am install -Dmaven.test.skip=true
mvn -B -q -f bench/logshare/pom.xml package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
java -Xmx1g --add-opens jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED \
  -cp "bench/logshare/target/classes:$(cat bench/logshare/target/classpath.txt)" \
  io.sealgate.bench.logshare.LogShareBenchmark "$@" | grep -v "^route="
