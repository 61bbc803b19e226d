#!/usr/bin/env bash
# PAdES signing benchmark (JMH): B-B signatures per second and allocation per signature for a 100 KiB and a 10 MiB
# PDF with one EC P-256 key in SoftHSM, 1 and 2 threads: Sealgate's PadesSigner, EU DSS 6.4's PAdESService with
# Pkcs11SignatureToken on the same token key, and the floor (read + SHA-256 + write). Prints a Markdown table with
# the ratio Sealgate/DSS for docs/benchmarks.md. Needs Java 17, Maven and SoftHSM2 (Debian: apt-get install softhsm2).
#
#   bench/signing.sh [warmupSeconds measureSeconds iterations]    (default 2 3 3: about 5 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f /usr/lib/softhsm/libsofthsm2.so ] || { echo "missing: SoftHSM2 (apt-get install softhsm2)" >&2; exit 2; }
work=$(mktemp -d /tmp/sealgate-bench-signing.XXXXXX)
trap 'rm -rf "$work"' EXIT
# One SoftHSM configuration for this run only: the benchmark token is the only one its forks can see.
export SOFTHSM2_CONF="$work/softhsm2.conf"

# The benchmark is a standalone project (not in the root reactor); it uses the installed signing module and fixtures.
mvn -B -q -pl config,policy,signing,src-test-fixtures -am install -Dmaven.test.skip=true
mvn -B -q -f bench/signing/pom.xml package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
java -Xmx1g -Dbench.dir="$work/docs" --add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED \
  -cp "bench/signing/target/classes:$(cat bench/signing/target/classpath.txt)" \
  io.sealgate.bench.signing.SigningBenchmarkMain "$@"
