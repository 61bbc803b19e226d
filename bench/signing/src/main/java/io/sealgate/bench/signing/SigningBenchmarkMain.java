package io.sealgate.bench.signing;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prepares the SoftHSM token, runs {@link PadesSigningBenchmark} with 1 and 2 threads under JMH's GC profiler, and
 * prints a Markdown table (signatures/s, allocation per signature, Sealgate/DSS ratio) for docs/benchmarks.md.
 *
 * <p>Arguments: {@code [warmupSeconds measureSeconds iterations]}, default {@code 2 3 3}.
 */
public final class SigningBenchmarkMain {

    private SigningBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int measure = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        BenchToken.prepare();

        Map<String, double[]> rows = new LinkedHashMap<>(); // "size threads impl" -> {ops/s, error, bytes/op}
        for (int threads : new int[] {1, 2}) {
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include(PadesSigningBenchmark.class.getName())
                    .threads(threads)
                    .forks(1)
                    .warmupIterations(2).warmupTime(TimeValue.seconds(warmup))
                    .measurementIterations(iterations).measurementTime(TimeValue.seconds(measure))
                    .addProfiler(GCProfiler.class)
                    // the vault finds its slot by token label through the JDK's PKCS#11 wrapper
                    .jvmArgsAppend("-Xmx1g", "--add-exports=jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED",
                            "-Dbench.dir=" + System.getProperty("bench.dir",
                            "/tmp/sealgate-bench-signing"));
            Collection<RunResult> results = new Runner(options.build()).run();
            for (RunResult r : results) {
                String method = r.getParams().getBenchmark();
                method = method.substring(method.lastIndexOf('.') + 1);
                String size = r.getParams().getParam("size");
                Result<?> primary = r.getPrimaryResult();
                Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
                rows.put(size + " " + threads + " " + method, new double[] {primary.getScore(),
                        primary.getScoreError(), alloc == null ? Double.NaN : alloc.getScore()});
            }
        }
        System.out.println();
        System.out.println(table(rows));
    }

    static String table(Map<String, double[]> rows) {
        List<String> lines = new ArrayList<>();
        lines.add("| document | threads | implementation | signatures/s | allocated per signature | Sealgate/DSS |");
        lines.add("|---|---|---|---|---|---|");
        for (String size : new String[] {"100KiB", "10MiB"}) {
            for (int threads : new int[] {1, 2}) {
                double[] dss = rows.get(size + " " + threads + " dss");
                for (String impl : new String[] {"sealgate", "dss", "floor"}) {
                    double[] r = rows.get(size + " " + threads + " " + impl);
                    if (r == null) {
                        continue;
                    }
                    String ratio = "sealgate".equals(impl) && dss != null
                            ? String.format("%.2f", r[0] / dss[0]) : "";
                    lines.add(String.format("| %s | %d | %s | %.1f ± %.1f | %s | %s |", size.replace("KiB", " KiB")
                            .replace("MiB", " MiB"), threads, label(impl), r[0], r[1], bytes(r[2]), ratio));
                }
            }
        }
        return String.join("\n", lines);
    }

    private static String label(String impl) {
        return switch (impl) {
            case "sealgate" -> "Sealgate PadesSigner";
            case "dss" -> "EU DSS 6.4 PAdESService";
            default -> "floor (read + SHA-256 + write)";
        };
    }

    private static String bytes(double b) {
        if (Double.isNaN(b)) {
            return "n/a";
        }
        return b >= 1024 * 1024 ? String.format("%.1f MiB", b / (1024 * 1024)) : String.format("%.0f KiB", b / 1024);
    }
}
