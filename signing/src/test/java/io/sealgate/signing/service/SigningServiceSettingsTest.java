package io.sealgate.signing.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealgate.config.ConfigLoader;
import io.sealgate.config.SealgateConfig;
import io.sealgate.signing.SignatureLevel;
import io.sealgate.signing.SigningException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** The service's settings as derived from a loaded config. */
class SigningServiceSettingsTest {

    private static final String BASE = """
            listeners:
              - host: 127.0.0.1
                port: 8080
            upstreams:
              saas:
                url: http://127.0.0.1:9000
            token:
              library: /usr/lib/softhsm/libsofthsm2.so
              label: sealgate
              pin: "1234"
            routes:
              - name: all
                match: { path: "/**" }
                upstream: saas
                action: pass
            """;

    @TempDir
    Path dir;

    @Test
    void settingsComeFromTheOrganisationSigningLogUsersAndKeyRules() throws Exception {
        SealgateConfig config = load(BASE + """
                organisation:
                  name: Acme Corp
                  seal-key: acme-seal
                signing:
                  level: B-LT
                  tsa: http://tsa.example/
                  revocation: online
                  spool-dir: spool
                  max-document-size: 1MiB
                log:
                  store: file
                  directory: signature-log
                  tree-head-every: 10
                users:
                  alice:
                    token: alice-secret-0123456789
                    roles: [buyer]
                    key: alice-key
                  bob:
                    token: bob-secret-0123456789
                key-rules:
                  - key: alice-key
                    daily-limit: 5
                """);

        SigningServiceSettings settings = SigningServiceSettings.from(config);

        assertThat(settings.organisation()).isEqualTo("Acme Corp");
        assertThat(settings.sealKeyLabel()).isEqualTo("acme-seal");
        assertThat(settings.level()).isEqualTo(SignatureLevel.B_LT);
        assertThat(settings.tsaUrl()).contains(URI.create("http://tsa.example/"));
        assertThat(settings.devCaRevocation()).isFalse();
        assertThat(settings.spoolDirectory()).isEqualTo(dir.resolve("spool"));
        assertThat(settings.maxDocumentBytes()).isEqualTo(1024 * 1024);
        assertThat(settings.log().directory()).contains(dir.resolve("signature-log"));
        assertThat(settings.log().treeHeadEvery()).isEqualTo(10);
        assertThat(settings.keyLabelOf("alice")).isEqualTo("alice-key");
        assertThat(settings.keyLabelOf("bob")).isEqualTo("bob");
        assertThat(settings.keyRules().rules()).hasSize(1);
        assertThat(settings.token().label()).isEqualTo("sealgate");
    }

    @Test
    void signingWithoutAnOrganisationIsRefused() throws Exception {
        SealgateConfig config = load(BASE);

        assertThatThrownBy(() -> SigningServiceSettings.from(config))
                .isInstanceOf(SigningException.class)
                .hasMessage("signing needs an organisation (expected: an organisation section in the config)");
    }

    private SealgateConfig load(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("sealgate.yaml"), yaml);
        return ConfigLoader.builder().build().load(file);
    }

}
