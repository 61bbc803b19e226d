package io.sealgate.proxy.testing;

import io.sealgate.proxy.SealgateServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Runs a proxy in its own JVM for tests that must bound its heap: {@code java -Xmx128m -cp <test classpath>
 * ForkedProxyMain <upstream base URL>}. Prints {@code PORT <n>} once listening, and on end of standard input prints
 * {@code HEAP <peak used bytes>} and exits. SIGTERM closes the server gracefully through its shutdown hook.
 */
public final class ForkedProxyMain {

    private ForkedProxyMain() {}

    public static void main(String[] args) throws Exception {
        SealgateServer server = SealgateServer.start(TestConfigs.passAllTo(URI.create(args[0])));
        server.closeOnShutdown();
        System.out.println("PORT " + server.boundAddresses().get(0).getPort());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
            // wait for the test to close our stdin
        }
        server.close();
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.println("HEAP " + peak);
        System.out.flush();
    }
}
