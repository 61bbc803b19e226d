package io.sealgate.proxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.fixtures.webdav.ApacheWebDav;
import io.sealgate.proxy.actions.Http;
import io.sealgate.proxy.actions.Tools;
import io.sealgate.proxy.e2e.OrganisationProxy.User;
import io.sealgate.signing.verify.Verdict;
import io.sealgate.signing.verify.VerificationReport;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stock WebDAV client cadaver against Apache httpd's mod_dav, through nginx (basic authentication, the user in a
 * gateway header) and Sealgate, whose only signing route is {@code PUT /dav/{path...}}: every PDF cadaver puts is
 * stored signed by its user, and every other WebDAV method passes through untouched. In {@code /dav/inbox/} a PDF
 * put starts a process, and a WebDAV {@code MOVE} out of the inbox is the manager's approval: Sealgate stacks the
 * manager's signature and the seal on the document in place, then forwards the MOVE.
 */
class WebDavSigningTest {

    private static final String ROUTES = """
            - name: inbox-upload
              match: {methods: [PUT], path: "/dav/inbox/{name}"}
              upstream: saas
              action: sign-upload
              process: po
            - name: inbox-approve
              match: {methods: [MOVE], path: "/dav/inbox/{name}"}
              upstream: saas
              action: approve
              document-path: /dav/inbox/{name}
            - name: dav-upload
              match: {methods: [PUT], path: "/dav/{path...}"}
              upstream: saas
              action: sign-upload
            - name: rest
              upstream: saas
              action: pass
            """;
    private static final String AUTHENTICATION = """
            authentication:
              trusted-header:
                header: %s
                trusted-sources: [127.0.0.1/32]
            processes:
              po:
                steps:
                  - {id: create, meaning: create, users: [dana]}
                  - {id: approve, meaning: approve, roles: [manager]}
                seal: seal
            """.formatted(NginxGateway.USER_HEADER);

    @TempDir
    static Path dir;
    static ApacheWebDav dav;
    static OrganisationProxy acme;
    static NginxGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        dav = ApacheWebDav.start();
        acme = OrganisationProxy.prepare(dir.resolve("acme"), "Acme",
                new User("dana", "dana-token-0123456789ab", "editor"),
                new User("mike", "mike-token-0123456789ab", "manager"));
        OrganisationProxy.enrolAll(acme);
        acme.startWith(dav.baseUri(), AUTHENTICATION, ROUTES);
        gateway = NginxGateway.start(dir.resolve("nginx"), acme.base, "dana", "dana-password");
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (acme != null) {
            acme.close();
        }
        if (dav != null) {
            dav.close();
        }
    }

    @Test
    void aPdfPutWithCadaverIsStoredSignedAndEveryOtherMethodPassesThrough() throws Exception {
        Path local = SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(Files.createDirectories(dir.resolve("local")));
        Path form = SampleDocuments.ACROFORM.copyTo(dir.resolve("local"));
        Path back = dir.resolve("local/back.pdf");

        String output = cadaver("""
                mkcol docs
                put %s docs/po-1.pdf
                ls docs
                cp docs/po-1.pdf docs/po-copy.pdf
                mv docs/po-copy.pdf docs/po-2.pdf
                lock docs/po-1.pdf
                put %s docs/po-1.pdf
                unlock docs/po-1.pdf
                get docs/po-2.pdf %s
                rm docs/po-2.pdf
                ls docs
                quit
                """.formatted(local, form, back));

        assertThat(output).contains("Creating `docs': succeeded.", "Uploading " + local + " to `/dav/docs/po-1.pdf':",
                "Copying `/dav/docs/po-1.pdf' to `/dav/docs/po-copy.pdf':  succeeded.",
                "Moving `/dav/docs/po-copy.pdf' to `/dav/docs/po-2.pdf':  succeeded.",
                "Locking `docs/po-1.pdf': succeeded.", "Unlocking `docs/po-1.pdf': succeeded.",
                "Deleting `docs/po-2.pdf': succeeded.").doesNotContain("failed");
        Path stored = dav.davDirectory().resolve("docs/po-1.pdf");
        String pdfsig = Tools.pdfsig(stored);
        assertThat(pdfsig).contains("Signature #1", "Signer Certificate Common Name: dana",
                "Signature Validation: Signature is Valid.").doesNotContain("Signature #2");
        // PAdES appends a revision: the stored file starts with the PDF put last, under the lock
        assertThat(startsWith(stored, form)).isTrue();
        VerificationReport report = acme.service.verify(stored, Optional.empty());
        assertThat(report.verdict()).as(report.summary()).isEqualTo(Verdict.VALID);
        // the copy was made (and moved, and fetched) from the first signed upload: a WebDAV COPY is not an upload
        assertThat(Tools.pdfsig(back)).contains("Signer Certificate Common Name: dana")
                .doesNotContain("Signature #2");
        assertThat(startsWith(back, local)).isTrue();
        assertThat(Files.size(back)).isGreaterThan(Files.size(local));
        assertThat(dav.davDirectory().resolve("docs/po-2.pdf")).doesNotExist();
        assertThat(dav.davDirectory().resolve("docs/po-copy.pdf")).doesNotExist();
    }

    @Test
    void aManagersMoveOutOfTheInboxApprovesAndSealsTheDocumentItMoves() throws Exception {
        davRequest("MKCOL", "/dav/inbox/", null, "dana");
        davRequest("MKCOL", "/dav/approved/", null, "dana");
        assertThat(davRequest("PUT", "/dav/inbox/po-9.pdf", samplePdf(), "dana").statusCode()).isEqualTo(201);

        HttpResponse<String> move = davRequest("MOVE", "/dav/inbox/po-9.pdf", null, "mike");

        assertThat(move.statusCode()).as(move.body()).isEqualTo(201);
        assertThat(move.headers().allValues("Sealgate-Signature")).hasSize(2);
        assertThat(dav.davDirectory().resolve("inbox/po-9.pdf")).doesNotExist();
        Path approved = dav.davDirectory().resolve("approved/po-9.pdf");
        String pdfsig = Tools.pdfsig(approved);
        assertThat(pdfsig).contains("Signature #3", "Signer Certificate Common Name: mike")
                .doesNotContain("Signature #4");
        assertThat(pdfsig.split("Signature Validation: Signature is Valid\\.", -1)).hasSize(4);
        VerificationReport report = acme.service.verify(approved, Optional.empty());
        assertThat(report.verdict()).as(report.summary()).isEqualTo(Verdict.VALID);
        assertThat(report.process().stepsDone()).containsExactly("create: dana (Acme)", "approve: mike (Acme)",
                "seal: the organisation seal of Acme");
    }

    @Test
    void aMoveByTheCreatorIsRefusedAndNeitherMovesNorChangesTheDocument() throws Exception {
        davRequest("MKCOL", "/dav/inbox/", null, "dana");
        davRequest("MKCOL", "/dav/approved/", null, "dana");
        assertThat(davRequest("PUT", "/dav/inbox/po-10.pdf", samplePdf(), "dana").statusCode()).isEqualTo(201);
        byte[] before = Files.readAllBytes(dav.davDirectory().resolve("inbox/po-10.pdf"));

        HttpResponse<String> move = davRequest("MOVE", "/dav/inbox/po-10.pdf", null, "dana");

        // dana may perform a step of the process, the create step, which she has done: 409, not 403
        assertThat(move.statusCode()).isEqualTo(409);
        assertThat(move.body()).contains("\"error\":\"already-signed\"",
                "\"message\":\"dana (Acme) has already signed step create\"");
        assertThat(Files.readAllBytes(dav.davDirectory().resolve("inbox/po-10.pdf"))).isEqualTo(before);
        assertThat(dav.davDirectory().resolve("approved/po-10.pdf")).doesNotExist();
    }

    /** A WebDAV request straight to Sealgate as {@code user} (named in the gateway's header); MOVE goes to approved/. */
    private static HttpResponse<String> davRequest(String method, String path, byte[] body, String user)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(acme.uri(path.substring(1)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header(NginxGateway.USER_HEADER, user);
        if (method.equals("MOVE")) {
            request.header("Destination", acme.uri(path.substring(1).replace("inbox/", "approved/")).toString());
        }
        if (body != null) {
            request.header("Content-Type", "application/pdf");
        }
        return Http.send(request);
    }

    private static byte[] samplePdf() throws Exception {
        return SampleDocuments.PDFBOX_PURCHASE_ORDER.bytes();
    }

    private static boolean startsWith(Path file, Path prefix) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        byte[] start = Files.readAllBytes(prefix);
        return bytes.length >= start.length
                && Arrays.equals(bytes, 0, start.length, start, 0, start.length);
    }

    /** Runs cadaver against the gateway with the commands on stdin and dana's password in a private .netrc. */
    private static String cadaver(String commands) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path netrc = Files.writeString(home.resolve(".netrc"), "machine 127.0.0.1 login dana password dana-password\n");
        Files.setPosixFilePermissions(netrc, PosixFilePermissions.fromString("rw-------"));
        ProcessBuilder builder = new ProcessBuilder("cadaver", gateway.baseUri().resolve("/dav/").toString())
                .redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        Process cadaver = builder.start();
        cadaver.getOutputStream().write(commands.getBytes(StandardCharsets.UTF_8));
        cadaver.getOutputStream().close();
        String output = new String(cadaver.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cadaver.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        return output;
    }
}
