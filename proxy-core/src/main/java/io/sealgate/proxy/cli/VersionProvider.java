package io.sealgate.proxy.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code sealgate --version}: the version Maven recorded in the jar, or "development build" from a classes dir. */
final class VersionProvider implements CommandLine.IVersionProvider {
    private static final String POM_PROPERTIES = "/META-INF/maven/io.sealgate/sealgate-proxy-core/pom.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"sealgate " + version(), "Java " + Runtime.version()};
    }

    static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "(development build)");
            }
        } catch (IOException e) {
            // fall through: a missing version must not stop --version from answering
        }
        return "(development build)";
    }
}
