package io.sealgate.proxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.proxy.actions.Http;
import io.sealgate.proxy.actions.Tools;
import io.sealgate.proxy.e2e.OrganisationProxy.User;
import io.sealgate.signing.verify.Verdict;
import io.sealgate.signing.verify.VerificationReport;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two organisations over real sockets, each with its own proxy, SaaS, SoftHSM token and dev CA, every process in
 * Acme's YAML: Acme creates, approves and seals a purchase order through its proxy; the document is then moved (GET
 * from Acme's SaaS, PUT to Globex's proxy on a verify-upload route). Globex trusts Acme's root and accepts it;
 * Initech trusts nobody and refuses it, naming the signer it cannot trust. A contract goes to Globex after Acme's
 * approval and seal, and Globex's approver and Globex's seal stack on Acme's signatures; another contract goes to
 * Globex and back, and Acme seals it. pdfsig and EU DSS (offline, trusting the organisations' roots) check the
 * stored files.
 */
class CrossOrganisationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROCESSES = """
            purchase-order:
              version: 1
              steps:
                - {id: create, meaning: create, users: [alice]}
                - {id: approve, meaning: approve, roles: [manager]}
              seal: org-seal
            contract:
              steps:
                - {id: create, meaning: create, users: [alice]}
                - {id: approve, meaning: approve, roles: [manager]}
                - {id: acme-seal, meaning: seal}
                - {id: legal, meaning: approve, organisation: Globex, users: [gina]}
                - {id: globex-seal, meaning: seal, organisation: Globex}
            returned-contract:
              steps:
                - {id: create, meaning: create, users: [alice]}
                - {id: approve, meaning: approve, roles: [manager]}
                - {id: legal, meaning: approve, organisation: Globex, users: [gina]}
              seal: seal
            """;

    @TempDir
    static Path dir;
    static OrganisationProxy acme;
    static OrganisationProxy globex;
    static OrganisationProxy initech;

    @BeforeAll
    static void start() throws Exception {
        acme = OrganisationProxy.prepare(dir.resolve("acme"), "Acme",
                new User("alice", "alice-token-0123456789", "requester"),
                new User("bob", "bob-token-0123456789abc", "manager"));
        globex = OrganisationProxy.prepare(dir.resolve("globex"), "Globex",
                new User("gina", "gina-token-0123456789ab", "approver"));
        initech = OrganisationProxy.prepare(dir.resolve("initech"), "Initech",
                new User("ivan", "ivan-token-0123456789ab", "approver"));
        OrganisationProxy.enrolAll(acme, globex, initech);
        acme.start(PROCESSES, globex.root);
        globex.start(null, acme.root);
        initech.start(null);
    }

    @AfterAll
    static void stop() {
        for (OrganisationProxy organisation : new OrganisationProxy[] {initech, globex, acme}) {
            if (organisation != null) {
                organisation.close();
            }
        }
    }

    @Test
    void aPurchaseOrderSealedAtAcmeIsAcceptedByGlobexWhichTrustsAcmesRoot() throws Exception {
        byte[] sealed = createAndApproveAtAcme("po-globex.pdf");

        HttpResponse<String> inbound = inbound(globex.uri("files/po-globex.pdf"), sealed);

        assertThat(inbound.statusCode()).as(inbound.body()).isEqualTo(201);
        assertThat(inbound.headers().firstValue("Sealgate-Verification"))
                .hasValue("valid; signatures=3; process=complete");
        byte[] stored = globex.stored("files/po-globex.pdf");
        assertThat(stored).isEqualTo(sealed);
        Path file = globex.file("po-globex.pdf", stored);
        String pdfsig = Tools.pdfsig(file);
        assertThat(pdfsig).contains("Signature #3").doesNotContain("Signature #4");
        assertThat(pdfsig.split("Signature Validation: Signature is Valid\\.", -1)).hasSize(4);
        assertThat(Dss.indications(file, acme.root)).containsExactly("TOTAL_PASSED alice", "TOTAL_PASSED bob",
                "TOTAL_PASSED Acme e-seal");
        VerificationReport report = globex.service.verify(file, Optional.empty());
        assertThat(report.verdict()).as(report.summary()).isEqualTo(Verdict.VALID);
        assertThat(report.process().stepsDone()).containsExactly("create: alice (Acme)", "approve: bob (Acme)",
                "org-seal: the organisation seal of Acme");
    }

    @Test
    void initechWhichDoesNotTrustAcmeRefusesTheDocumentWith422NamingTheUntrustedSigner() throws Exception {
        byte[] sealed = createAndApproveAtAcme("po-initech.pdf");

        HttpResponse<String> inbound = inbound(initech.uri("files/po-initech.pdf"), sealed);

        assertThat(inbound.statusCode()).isEqualTo(422);
        assertThat(inbound.headers().firstValue("Sealgate-Verification"))
                .hasValue("invalid; signatures=3; process=complete");
        JsonNode report = JSON.readTree(inbound.body());
        assertThat(report.get("verdict").asText()).isEqualTo("INVALID");
        // the rest names the TSA certificate's serial and the time: both differ per run
        assertThat(report.get("summary").asText()).startsWith("signature 1 (alice (Acme)) is indeterminate: the"
                + " signature's timestamp is not valid: no valid path from the TSA certificate CN=Sealgate Embedded"
                + " TSA,O=Acme");
        assertThat(Http.getBytes(initech.saas.baseUri().resolve("files/po-initech.pdf")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aContractMovesToGlobexWhoseApproverAndSealStackOnAcmesSignatures() throws Exception {
        upload(acme, "contract.pdf", "alice", "contract");
        approve(acme, "contract.pdf", "bob", "signer=bob; step=approve", "signer=Acme; step=acme-seal");
        // the move between organisations: a plain GET from Acme's SaaS, then a PUT to Globex's inbound route
        HttpResponse<String> toGlobex = inbound(globex.uri("files/contract.pdf"), acme.stored("files/contract.pdf"));
        assertThat(toGlobex.statusCode()).as(toGlobex.body()).isEqualTo(201);
        assertThat(toGlobex.headers().firstValue("Sealgate-Verification"))
                .hasValue("incomplete; signatures=3; process=incomplete");
        approve(globex, "contract.pdf", "gina", "signer=gina; step=legal", "signer=Globex; step=globex-seal");

        Path done = globex.file("contract.pdf", globex.stored("files/contract.pdf"));
        String pdfsig = Tools.pdfsig(done);
        assertThat(pdfsig).contains("Signature #5", "Signer Certificate Common Name: gina")
                .doesNotContain("Signature #6");
        assertThat(pdfsig.split("Signature Validation: Signature is Valid\\.", -1)).hasSize(6);
        assertThat(Dss.indications(done, acme.root, globex.root)).containsExactly("TOTAL_PASSED alice",
                "TOTAL_PASSED bob", "TOTAL_PASSED Acme e-seal", "TOTAL_PASSED gina", "TOTAL_PASSED Globex e-seal");
        for (OrganisationProxy organisation : new OrganisationProxy[] {acme, globex}) {
            VerificationReport report = organisation.service.verify(done, Optional.empty());
            assertThat(report.verdict()).as(organisation.name + ": " + report.summary()).isEqualTo(Verdict.VALID);
            assertThat(report.process().stepsDone()).containsExactly("create: alice (Acme)", "approve: bob (Acme)",
                    "acme-seal: the organisation seal of Acme", "legal: gina (Globex)",
                    "globex-seal: the organisation seal of Globex");
        }
        // Initech trusts neither: it refuses the finished contract and stores nothing
        HttpResponse<String> toInitech = inbound(initech.uri("files/contract.pdf"), Files.readAllBytes(done));
        assertThat(toInitech.statusCode()).isEqualTo(422);
        assertThat(toInitech.headers().firstValue("Sealgate-Verification"))
                .hasValue("invalid; signatures=5; process=complete");
        assertThat(Http.getBytes(initech.saas.baseUri().resolve("files/contract.pdf")).statusCode()).isEqualTo(404);
    }

    @Test
    void globexCannotApproveBeforeAcmeHasDoneItsPart() throws Exception {
        upload(acme, "early.pdf", "alice", "contract");
        HttpResponse<String> toGlobex = inbound(globex.uri("files/early.pdf"), acme.stored("files/early.pdf"));
        assertThat(toGlobex.statusCode()).as(toGlobex.body()).isEqualTo(201);
        byte[] before = globex.stored("files/early.pdf");

        HttpResponse<String> approval = Http.post(globex.uri("files/early.pdf/approve"), globex.tokenOf("gina"),
                new byte[0], null);

        assertThat(approval.statusCode()).isEqualTo(409);
        JsonNode error = JSON.readTree(approval.body());
        assertThat(error.get("error").asText()).isEqualTo("step-out-of-order");
        assertThat(error.get("message").asText()).isEqualTo("step legal is not open yet; step approve is still open");
        assertThat(globex.stored("files/early.pdf")).isEqualTo(before);
    }

    @Test
    void globexApprovesAcmesContractThroughItsProxyAndAcmeSealsItWhenItComesBack() throws Exception {
        upload(acme, "returned.pdf", "alice", "returned-contract");
        approve(acme, "returned.pdf", "bob", "signer=bob; step=approve");
        HttpResponse<String> toGlobex = inbound(globex.uri("files/returned.pdf"), acme.stored("files/returned.pdf"));
        assertThat(toGlobex.statusCode()).as(toGlobex.body()).isEqualTo(201);
        assertThat(toGlobex.headers().firstValue("Sealgate-Verification"))
                .hasValue("incomplete; signatures=2; process=incomplete");
        approve(globex, "returned.pdf", "gina", "signer=gina; step=legal");
        HttpResponse<String> back = inbound(acme.uri("files/returned.pdf"), globex.stored("files/returned.pdf"));
        assertThat(back.headers().firstValue("Sealgate-Verification"))
                .hasValue("incomplete; signatures=3; process=incomplete");
        approve(acme, "returned.pdf", "alice", "signer=Acme; step=seal");

        Path done = acme.file("returned.pdf", acme.stored("files/returned.pdf"));
        String pdfsig = Tools.pdfsig(done);
        assertThat(pdfsig).contains("Signature #4", "Signer Certificate Common Name: gina")
                .doesNotContain("Signature #5");
        assertThat(pdfsig.split("Signature Validation: Signature is Valid\\.", -1)).hasSize(5);
        assertThat(Dss.indications(done, acme.root, globex.root)).containsExactly("TOTAL_PASSED alice",
                "TOTAL_PASSED bob", "TOTAL_PASSED gina", "TOTAL_PASSED Acme e-seal");
        for (OrganisationProxy organisation : new OrganisationProxy[] {acme, globex}) {
            VerificationReport report = organisation.service.verify(done, Optional.empty());
            assertThat(report.verdict()).as(organisation.name + ": " + report.summary()).isEqualTo(Verdict.VALID);
            assertThat(report.process().stepsDone()).containsExactly("create: alice (Acme)", "approve: bob (Acme)",
                    "legal: gina (Globex)", "seal: the organisation seal of Acme");
        }
    }

    /** {@code user} uploads a new document through the organisation's proxy, under process {@code process}. */
    private static void upload(OrganisationProxy organisation, String name, String user, String process)
            throws Exception {
        HttpResponse<String> upload = Http.send(HttpRequest.newBuilder(organisation.uri("files/" + name))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(samplePdf()))
                .header("Content-Type", "application/pdf").header("X-Process", process)
                .header("Authorization", "Bearer " + organisation.tokenOf(user)));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        assertThat(upload.headers().firstValue("Sealgate-Signature").orElseThrow())
                .startsWith("signer=" + user + "; step=create; log=");
    }

    /** {@code user} approves through the organisation's proxy; the signatures made are {@code signatures}. */
    private static void approve(OrganisationProxy organisation, String name, String user, String... signatures)
            throws Exception {
        HttpResponse<String> approval = Http.post(organisation.uri("files/" + name + "/approve"),
                organisation.tokenOf(user), new byte[0], null);
        assertThat(approval.statusCode()).as(approval.body()).isEqualTo(200);
        List<String> made = approval.headers().allValues("Sealgate-Signature");
        assertThat(made).hasSize(signatures.length);
        for (int i = 0; i < signatures.length; i++) {
            assertThat(made.get(i)).startsWith(signatures[i] + "; log=");
        }
    }

    private static byte[] samplePdf() throws Exception {
        return SampleDocuments.PDFBOX_PURCHASE_ORDER.bytes();
    }

    /** alice uploads through Acme's proxy, bob approves (and Acme seals); returns what Acme's SaaS then holds. */
    private static byte[] createAndApproveAtAcme(String name) throws Exception {
        byte[] pdf = samplePdf();
        HttpResponse<String> upload = Http.put(acme.uri("files/" + name), acme.tokenOf("alice"), pdf,
                "application/pdf");
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        HttpResponse<String> approval = Http.post(acme.uri("files/" + name + "/approve"), acme.tokenOf("bob"),
                new byte[0], null);
        assertThat(approval.statusCode()).as(approval.body()).isEqualTo(200);
        // the move between organisations: a plain GET from Acme's SaaS, as a user's client would do
        HttpResponse<byte[]> fetched = Http.getBytes(acme.saas.baseUri().resolve("files/" + name));
        assertThat(fetched.statusCode()).isEqualTo(200);
        return fetched.body();
    }

    private static HttpResponse<String> inbound(URI uri, byte[] pdf) throws Exception {
        return Http.send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofByteArray(pdf))
                .header("Content-Type", "application/pdf").header("X-Inbound", "partner"));
    }
}
