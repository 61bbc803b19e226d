package io.sealgate.proxy.cli;

import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.service.SigningService;
import io.sealgate.signing.verify.ReportText;
import io.sealgate.signing.verify.Verdict;
import io.sealgate.signing.verify.VerificationReport;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code sealgate demo --script}: the purchase-order story over HTTP through the running proxy, as a person would
 * play it with curl: alice uploads the order (signed as its creator), bob approves it (his approval and the
 * organisation seal are stacked), the final document is downloaded to {@code out/purchase-order.pdf} and verified.
 */
final class DemoScript {

    private static final String DOCUMENT = "purchase-order.pdf";

    private final URI base;
    private final DemoSetup setup;
    private final SigningService service;
    private final PrintWriter out;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    DemoScript(URI base, DemoSetup setup, SigningService service, PrintWriter out) {
        this.base = base;
        this.setup = setup;
        this.service = service;
        this.out = out;
    }

    /** Plays the story; the exit code is the verdict's ({@code sealgate verify}'s codes). */
    int play() throws CliException {
        byte[] order;
        try (InputStream in = SampleDocuments.PDFBOX_PURCHASE_ORDER.open()) {
            order = in.readAllBytes();
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILURE, "cannot read the sample purchase order: " + e.getMessage(), e);
        }
        URI document = base.resolve("files/" + DOCUMENT);
        out.println("1. alice uploads " + DOCUMENT + " (PUT " + document + ")");
        HttpResponse<String> upload = send(HttpRequest.newBuilder(document)
                .header("Authorization", "Bearer " + setup.aliceToken()).header("Content-Type", "application/pdf")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(order)), "the upload");
        report(upload);
        out.println("2. bob approves it (POST " + document + "/approve)");
        HttpResponse<String> approve = send(HttpRequest.newBuilder(URI.create(document + "/approve"))
                .header("Authorization", "Bearer " + setup.bobToken())
                .POST(HttpRequest.BodyPublishers.noBody()), "the approval");
        report(approve);
        Path result = setup.dataDir().resolve("out").resolve(DOCUMENT);
        out.println("3. the signed order is downloaded to " + result);
        try {
            Files.createDirectories(result.getParent());
            HttpResponse<Path> download = client.send(HttpRequest.newBuilder(document).timeout(Duration.ofSeconds(60))
                    .build(), HttpResponse.BodyHandlers.ofFile(result));
            if (download.statusCode() != 200) {
                throw new CliException(ExitCode.FAILURE, "the download answered " + download.statusCode());
            }
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILURE, "cannot download " + document + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.FAILURE, "interrupted", e);
        }
        out.println("4. verification (trust anchor " + setup.rootPem() + "):");
        VerificationReport report;
        try {
            report = service.verify(result, Optional.empty());
        } catch (SigningException e) {
            throw new CliException(ExitCode.FAILURE, "cannot verify " + result + ": " + e.getMessage(), e);
        }
        out.print(ReportText.render(report));
        out.println();
        out.println("Check it yourself: sealgate verify " + result + " --trust " + setup.rootPem() + " --offline");
        out.flush();
        return report.verdict() == Verdict.VALID ? ExitCode.OK : report.verdict().exitCode();
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) throws CliException {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new CliException(ExitCode.FAILURE, what + " answered " + response.statusCode() + ": "
                        + response.body().strip());
            }
            return response;
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILURE, what + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.FAILURE, "interrupted", e);
        }
    }

    private void report(HttpResponse<String> response) {
        out.println("   -> " + response.statusCode());
        for (String signature : response.headers().allValues("Sealgate-Signature")) {
            out.println("   Sealgate-Signature: " + signature);
        }
    }
}
