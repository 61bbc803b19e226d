package io.sealgate.proxy.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;

/** A proxy in its own JVM ({@link ForkedProxyMain}), for heap limits and signals. */
public final class ForkedProxy implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final int port;

    private ForkedProxy(Process process, BufferedReader out, int port) {
        this.process = process;
        this.out = out;
        this.port = port;
    }

    /** Starts {@code java <jvmOption> -cp <test classpath> ForkedProxyMain <upstream>} and waits until it listens. */
    public static ForkedProxy start(URI upstream, String jvmOption) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, jvmOption, "-Dio.netty.leakDetection.level=simple",
                "-cp", System.getProperty("java.class.path"), ForkedProxyMain.class.getName(), upstream.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("PORT ")) {
            // access log lines go to stdout as well
        }
        if (line == null) {
            process.destroyForcibly();
            throw new IOException("the forked proxy ended before it listened (exit " + waitFor(process) + ")");
        }
        return new ForkedProxy(process, out, Integer.parseInt(line.substring(5)));
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Process process() {
        return process;
    }

    /** Closes its standard input, which makes it close the server; returns its peak heap use in bytes. */
    public long stopAndReportPeakHeap() throws IOException {
        process.getOutputStream().close();
        long peak = -1;
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("HEAP ")) {
                peak = Long.parseLong(line.substring(5));
            }
        }
        waitFor(process);
        return peak;
    }

    /** Waits for it to end (after a signal: {@link Process#destroy()} closes its pipes); returns the exit code. */
    public int awaitExit() {
        return waitFor(process);
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
