#!/usr/bin/env bash
# Verification benchmark: PDFs with 1, 5 and 20 stacked PAdES B-T signatures (EC P-256, in-memory test PKI and TSA),
# verified by Sealgate's Verifier and by EU DSS 6.4's SignedDocumentValidator on the same bytes, with the same trust
# anchor and CRLs, offline, one thread. Prints a Markdown table (documents per CPU-second of the verifying thread and
# of the JVM, ratio Sealgate/DSS, whether the verdicts per signature agree) for docs/benchmarks.md. Needs Java 17 and
# Maven.
#
#   bench/verify.sh [warmupSeconds measureSeconds rounds]    (default 3 3 3: about 2 minutes on 2 cores;
#   docs/benchmarks.md used 3 5 3)
set -euo pipefail
cd "$(dirname "$0")/.."

# The benchmark is a standalone project (not in the root reactor); it uses the installed signing module and the
# shared test PKI of the fixtures.
mvn -B -q -pl config,policy,signing,src-test-fixtures -am install -Dmaven.test.skip=true
mvn -B -q -f bench/verify/pom.xml package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
java -Xmx1g -cp "bench/verify/target/classes:$(cat bench/verify/target/classpath.txt)" \
  io.sealgate.bench.verify.VerifyBenchmarkMain "$@"
