package io.sealgate.proxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.proxy.actions.Http;
import io.sealgate.proxy.actions.Tools;
import io.sealgate.policy.Identity;
import io.sealgate.policy.ProcessTemplate;
import io.sealgate.policy.Step;
import io.sealgate.policy.StepMeaning;
import io.sealgate.proxy.e2e.OrganisationProxy.User;
import io.sealgate.signing.log.LogEntry;
import io.sealgate.signing.service.CreateRequest;
import io.sealgate.signing.service.RequestContext;
import io.sealgate.signing.verify.Verdict;
import io.sealgate.signing.verify.VerificationReport;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two organisations over real sockets, each with its own proxy, SaaS, SoftHSM token and dev CA: Acme creates,
 * approves and seals a purchase order through its proxy; the document is then moved (GET from Acme's SaaS, PUT to
 * Globex's proxy on a verify-upload route). Globex trusts Acme's root and accepts it; Initech trusts nobody and
 * refuses it, naming the signer it cannot trust. A contract with a Globex step goes to Globex and back, and Acme
 * seals it. pdfsig and EU DSS (offline, trusting the organisations' roots) check the stored files.
 */
class CrossOrganisationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PURCHASE_ORDER = """
            purchase-order:
              version: 1
              steps:
                - {id: create, meaning: create, users: [alice]}
                - {id: approve, meaning: approve, roles: [manager]}
              seal: org-seal
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
        acme.start(PURCHASE_ORDER, globex.root);
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
    void globexApprovesAcmesContractThroughItsProxyAndAcmeSealsItWhenItComesBack() throws Exception {
        // Acme's contract process has a step for Globex; process steps in YAML cannot name another organisation
        // yet, so alice's upload is signed by Acme's signing service itself and stored in Acme's SaaS as is
        Path created = acme.service.create(new CreateRequest(acme.file("contract.pdf", samplePdf()), "contract.pdf",
                Identity.of("alice", "Acme", "requester"), Optional.of(contract()),
                new RequestContext("upload", "create-1", LogEntry.Authentication.of("static-bearer")))).output();
        assertThat(Http.put(acme.saas.baseUri().resolve("files/contract.pdf"), null, Files.readAllBytes(created),
                "application/pdf").statusCode()).isEqualTo(201);

        approve(acme, "contract.pdf", "bob", "signer=bob; step=approve");
        HttpResponse<String> toGlobex = inbound(globex.uri("files/contract.pdf"), acme.stored("files/contract.pdf"));
        assertThat(toGlobex.statusCode()).as(toGlobex.body()).isEqualTo(201);
        assertThat(toGlobex.headers().firstValue("Sealgate-Verification"))
                .hasValue("incomplete; signatures=2; process=incomplete");
        approve(globex, "contract.pdf", "gina", "signer=gina; step=legal");
        HttpResponse<String> back = inbound(acme.uri("files/contract.pdf"), globex.stored("files/contract.pdf"));
        assertThat(back.headers().firstValue("Sealgate-Verification"))
                .hasValue("incomplete; signatures=3; process=incomplete");
        approve(acme, "contract.pdf", "alice", "signer=Acme; step=seal");

        Path done = acme.file("contract.pdf", acme.stored("files/contract.pdf"));
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

    /** {@code user} of {@code organisation} approves through its proxy; the one signature made is {@code signature}. */
    private static void approve(OrganisationProxy organisation, String name, String user, String signature)
            throws Exception {
        HttpResponse<String> approval = Http.post(organisation.uri("files/" + name + "/approve"),
                organisation.tokenOf(user), new byte[0], null);
        assertThat(approval.statusCode()).as(approval.body()).isEqualTo(200);
        assertThat(approval.headers().allValues("Sealgate-Signature")).hasSize(1);
        assertThat(approval.headers().firstValue("Sealgate-Signature").orElseThrow()).startsWith(signature + "; log=");
    }

    /** create (alice of Acme) &rarr; approve (a manager of Acme) &rarr; legal (gina of Globex) &rarr; Acme's seal. */
    private static ProcessTemplate contract() throws Exception {
        return ProcessTemplate.builder("contract", 1)
                .step(Step.builder("create", StepMeaning.CREATE).users("alice"))
                .step(Step.builder("approve", StepMeaning.APPROVE).roles("manager"))
                .step(Step.builder("legal", StepMeaning.APPROVE).organisation("Globex").users("gina"))
                .organisationSeal("seal")
                .build();
    }

    private static byte[] samplePdf() throws Exception {
        try (var in = SampleDocuments.PDFBOX_PURCHASE_ORDER.open()) {
            return in.readAllBytes();
        }
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
