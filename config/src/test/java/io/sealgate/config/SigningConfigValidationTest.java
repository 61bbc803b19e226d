package io.sealgate.config;

import static io.sealgate.config.SigningConfigTest.HEAD;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per kind of error in the signing sections and route settings, each asserting the exact errors a person
 * reads. Every YAML starts with {@link SigningConfigTest#HEAD} (lines 1-3: listeners, upstreams, token).
 */
class SigningConfigValidationTest {

    private static final String PASS_ROUTE = "routes: [{name: pass, upstream: saas, action: pass}]\n";

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void createFiles() throws Exception {
        Files.writeString(dir.resolve("lib.so"), "");
        file = dir.resolve("sealgate.yaml");
    }

    private List<ConfigError> errors(String yaml) {
        return SigningConfigTest.errorsOf(() -> SigningConfigTest.loader().parse(HEAD + yaml, file));
    }

    private ConfigError error(int line, String key, String message) {
        return new ConfigError(Optional.of(file), line, key, message);
    }

    @Test
    void aSigningRouteNeedsTokenAndOrganisation() {
        List<ConfigError> errors = SigningConfigTest.errorsOf(() -> SigningConfigTest.loader().parse("""
                listeners: [{host: 127.0.0.1, port: 0}]
                upstreams: {saas: {url: "http://127.0.0.1:9000"}}
                routes:
                  - {name: pass, upstream: saas, action: pass}
                  - name: upload
                    upstream: saas
                    action: sign-upload
                """, file));

        assertThat(errors).containsExactly(
                error(7, "token", "missing (expected: a token: section with the signing keys, since route upload"
                        + " signs)"),
                error(7, "organisation", "missing (expected: an organisation: section naming who signs, since route"
                        + " upload signs)"));
    }

    @Test
    void organisationNeedsAName() {
        assertThat(errors("organisation: {seal-key: acme-seal}\n" + PASS_ROUTE)).containsExactly(
                error(4, "organisation.name", "missing (expected: the organisation's name, like Acme Corp)"));
    }

    @Test
    void choicesListTheAllowedValuesAndSuggestTheNearMiss() {
        assertThat(errors("""
                signing: {level: B_LTA, revocation: crl}
                log: {store: sqlite}
                """ + PASS_ROUTE)).containsExactly(
                error(4, "signing.level", "B_LTA, did you mean 'B-LTA'? (expected: B-B, B-T, B-LT or B-LTA)"),
                error(4, "signing.revocation", "crl (expected: embedded or online)"),
                error(5, "log.store", "sqlite (expected: file or postgres)"));
    }

    @Test
    void tsaIsEmbeddedOrAnHttpUrl() {
        assertThat(errors("signing: {tsa: tsa.example.com}\n" + PASS_ROUTE)).containsExactly(
                error(4, "signing.tsa", "tsa.example.com (expected: embedded or an http:// or https:// URL of an"
                        + " RFC 3161 time-stamping authority)"));
    }

    @Test
    void sizesNeedABinaryUnitOrBytes() {
        assertThat(errors("""
                signing:
                  max-document-size: 100MB
                  threads: 0
                  deadline: 0s
                """ + PASS_ROUTE)).containsExactly(
                error(5, "signing.max-document-size", "100MB (expected: a size in bytes, or with unit KiB, MiB or"
                        + " GiB, like 100MiB)"),
                error(6, "signing.threads", "0 (expected: an integer 1-1024)"),
                error(7, "signing.deadline", "0s (expected: a positive duration like 250ms, 5s, 2m or 1h)"));
    }

    @Test
    void spoolDirMayBeMissingButNotAFile() throws Exception {
        Files.writeString(dir.resolve("spool"), "");

        assertThat(errors("signing: {spool-dir: spool}\n" + PASS_ROUTE)).containsExactly(
                error(4, "signing.spool-dir", "spool (resolved to " + dir.resolve("spool")
                        + "): not a directory (expected: a directory path, like var/spool)"));
    }

    @Test
    void trustAnchorsMustBeReadableFiles() {
        assertThat(errors("signing: {trust: [trust/missing.pem]}\n" + PASS_ROUTE)).containsExactly(
                error(4, "signing.trust[0]", "trust/missing.pem (resolved to " + dir.resolve("trust/missing.pem")
                        + "): no such file (expected: a readable file)"));
    }

    @Test
    void postgresLogNeedsItsConnectionAndFileSettingsAreRefused() {
        assertThat(errors("""
                log:
                  store: postgres
                  directory: var/log
                  jdbc-url: jdbc:mysql://db/sealgate
                """ + PASS_ROUTE)).containsExactly(
                error(5, "log.user", "missing (expected: the database user, like sealgate)"),
                error(6, "log.directory", "not allowed with store postgres (expected: only with store file)"),
                error(7, "log.jdbc-url", "jdbc:mysql://db/sealgate (expected: a JDBC URL like"
                        + " jdbc:postgresql://127.0.0.1:5432/sealgate)"));
    }

    @Test
    void postgresSettingsOnAFileLogAreRefused() {
        assertThat(errors("""
                log:
                  jdbc-url: jdbc:postgresql://127.0.0.1/sealgate
                  password: x
                """ + PASS_ROUTE)).containsExactly(
                error(5, "log.jdbc-url", "not allowed with store file (expected: only with store postgres)"),
                error(6, "log.password", "not allowed with store file (expected: only with store postgres)"));
    }

    @Test
    void tokensMustBeLongAndUniqueAndNeverShown() {
        assertThat(errors("""
                users:
                  alice: {token: "${ALICE_TOKEN}"}
                  bob: {token: "${ALICE_TOKEN}"}
                  carol: {token: short-secret}
                """ + PASS_ROUTE)).containsExactly(
                error(6, "users.bob.token", "already used by users.alice on line 5 (expected: a token unique to each"
                        + " user)"),
                error(7, "users.carol.token", "too short, 12 characters (expected: a bearer token of at least 16"
                        + " characters, like ${ALICE_TOKEN})"));
    }

    @Test
    void keysMayNotBeSharedNorBeTheOrganisationSeal() {
        assertThat(errors("""
                organisation: {name: Acme Corp}
                users:
                  alice: {token: "${ALICE_TOKEN}", key: shared}
                  bob: {token: "${BOB_TOKEN}", key: shared}
                  sealer: {token: "0123456789abcdef", key: sealgate-seal}
                """ + PASS_ROUTE)).containsExactly(
                error(7, "users.bob.key", "shared: already used by users.alice on line 6 (expected: a key label unique"
                        + " to each user and the organisation seal)"),
                error(8, "users.sealer.key", "sealgate-seal: already used by organisation.seal-key (expected: a key"
                        + " label unique to each user and the organisation seal)"));
    }

    @Test
    void userIdsAreNamesAndUserKeysAreKnown() {
        assertThat(errors("""
                users:
                  "alice smith": {token: "${ALICE_TOKEN}", role: [buyer]}
                """ + PASS_ROUTE)).containsExactly(
                error(5, "users.alice smith", "alice smith (expected: a user id of letters, digits, '.', '_', '-' or"
                        + " '@', starting with a letter or digit)"),
                error(5, "users.alice smith.role", "unknown key, did you mean 'roles'? (expected: one of token,"
                        + " roles, key)"));
    }

    @Test
    void stepsNeedAnIdAndAKnownMeaning() {
        assertThat(errors("""
                processes:
                  po:
                    steps:
                      - {meaning: sign, users: [alice]}
                      - {id: review, meaning: approve, users: alice}
                """ + PASS_ROUTE)).containsExactly(
                error(7, "processes.po.steps[0].id", "missing (expected: a step id, like review)"),
                error(7, "processes.po.steps[0].meaning", "sign (expected: create, review, approve or seal)"),
                error(8, "processes.po.steps[1].users", "alice (expected: a list of user ids)"));
    }

    @Test
    void aProcessNeedsStepsAndAParallelGroupHoldsOnlySteps() {
        assertThat(errors("""
                processes:
                  po: {version: 2}
                  memo:
                    steps:
                      - {id: write, meaning: create, users: [alice]}
                      - parallel: [{id: a, meaning: approve, users: [bob], parallel: []}]
                        id: group
                """ + PASS_ROUTE)).containsExactly(
                error(5, "processes.po.steps", "missing (expected: a list of steps, the first with meaning create)"),
                error(9, "processes.memo.steps[1].parallel[0].parallel", "unknown key (expected: one of id, meaning,"
                        + " users, roles, required, organisation)"),
                error(10, "processes.memo.steps[1].id", "unknown key (expected: one of parallel)"));
    }

    @Test
    void keyRuleTimesAreInstants() {
        assertThat(errors("""
                key-rules:
                  - {key: alice, valid-from: 2026-01-01, daily-limit: 0}
                """ + PASS_ROUTE)).containsExactly(
                error(5, "key-rules[0].valid-from", "2026-01-01 (expected: an ISO-8601 instant like"
                        + " 2026-01-01T00:00:00Z)"),
                error(5, "key-rules[0].daily-limit", "0 (expected: an integer >= 1)"));
    }

    @Test
    void settingsOfAnotherActionAreRefused() {
        assertThat(errors("""
                routes:
                  - name: pass
                    upstream: saas
                    action: pass
                    document-path: /files/{name}
                    on-invalid: refuse
                  - name: inbound
                    upstream: saas
                    action: verify-upload
                    process: po
                """)).containsExactly(
                error(8, "routes[0].document-path", "not allowed with action pass (expected: only with approve)"),
                error(9, "routes[0].on-invalid", "not allowed with action pass (expected: only with verify-upload)"),
                error(13, "routes[1].process", "not allowed with action verify-upload (expected: only with"
                        + " sign-upload)"));
    }

    @Test
    void approveNeedsADocumentPathStartingWithSlash() {
        assertThat(errors("""
                organisation: {name: Acme Corp}
                routes:
                  - name: approve
                    match: {path: "/files/{name}/approve"}
                    upstream: saas
                    action: approve
                  - name: approve2
                    match: {path: "/files/{name}/approve"}
                    upstream: saas
                    action: approve
                    document-path: files/{name}
                """)).containsExactly(
                error(6, "routes[0].document-path", "missing (expected: a path template like /files/{name} where the"
                        + " document is fetched from and written back to)"),
                error(14, "routes[1].document-path", "files/{name} (expected: a path template like /files/{name},"
                        + " starting with '/')"));
    }

    @Test
    void theProcessOfARouteMustExist() {
        assertThat(errors("""
                organisation: {name: Acme Corp}
                processes:
                  purchase-order:
                    steps: [{id: create, meaning: create, users: [alice]}]
                routes:
                  - {name: upload, upstream: saas, action: sign-upload, process: purchase-ordre}
                """)).containsExactly(
                error(9, "routes[0].process", "purchase-ordre: no such process, did you mean 'purchase-order'?"
                        + " (expected: one of purchase-order)"));
    }

    @Test
    void templatesMayUseOnlyTheMatchPathsVariables() {
        assertThat(errors("""
                organisation: {name: Acme Corp}
                routes:
                  - name: upload
                    match: {path: "/files/{name}"}
                    upstream: saas
                    action: sign-upload
                    document: file
                    cades-name: "{file}.p7s"
                  - name: upload2
                    match: {path-prefix: /files/}
                    upstream: saas
                    action: sign-upload
                    document: name
                  - name: approve
                    match: {path: "/files/{name}/approve"}
                    upstream: saas
                    action: approve
                    document-path: "/files/{name}?raw"
                """)).containsExactly(
                error(10, "routes[0].document", "file: no such path variable (expected: one of the match.path"
                        + " variables name)"),
                error(11, "routes[0].cades-name", "{file}.p7s: no such path variable {file} (expected: one of the"
                        + " match.path variables name)"),
                error(16, "routes[1].document", "name: no such path variable (expected: a variable of match.path,"
                        + " which has none)"),
                error(21, "routes[2].document-path", "/files/{name}?raw (expected: a path template like"
                        + " /files/{name}, without '?' or '#' and with balanced braces)"));
    }

    @Test
    void cadesNameIsForUpstreamOutputOnly() {
        assertThat(errors("""
                organisation: {name: Acme Corp}
                routes:
                  - name: upload
                    match: {path: "/files/{name}"}
                    upstream: saas
                    action: sign-upload
                    cades-output: client
                    cades-name: "{name}.p7s"
                  - {name: inbound, upstream: saas, action: verify-upload, on-invalid: warn}
                """)).containsExactly(
                error(11, "routes[0].cades-name", "not used with cades-output client (expected: cades-output upstream"
                        + " when cades-name is set)"),
                error(12, "routes[1].on-invalid", "warn (expected: refuse or annotate)"));
    }
}
