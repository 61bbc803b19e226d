package io.sealgate.proxy.cli;

import io.sealgate.signing.SigningException;
import io.sealgate.signing.keys.Certificates;
import io.sealgate.signing.revocation.OnlineRevocationSource;
import io.sealgate.signing.service.SigningService;
import io.sealgate.signing.verify.LogInclusionCheck;
import io.sealgate.signing.verify.LogReferences;
import io.sealgate.signing.verify.ReceiptWriter;
import io.sealgate.signing.verify.ReportJson;
import io.sealgate.signing.verify.ReportText;
import io.sealgate.signing.verify.VerificationException;
import io.sealgate.signing.verify.VerificationReport;
import io.sealgate.signing.verify.Verifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code sealgate verify FILE [--content FILE] [--trust CERT...] [--json] [--receipt OUT.pdf] [--offline]
 * [--log URL | --config FILE]}: verifies a signed PDF, or a CAdES {@code .p7s} with its content, and exits 0 (valid
 * and complete), 1 (invalid, modified or process violated, or the signature log contradicts a signature), 3 (valid
 * so far, process incomplete) or 2 (usage or I/O error).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify a signed PDF or CAdES signature: signatures, changes after signing, process.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every signature valid and the process complete",
                "1:a signature invalid, the document modified after signing, or the process violated",
                "2:usage or I/O error",
                "3:valid so far, but the process is incomplete"})
public final class VerifyCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "a signed PDF, or a CAdES signature (.p7s)")
    private Path file;

    @Option(names = "--content", paramLabel = "FILE", description = "the signed content of a detached .p7s")
    private Path content;

    @Option(names = "--trust", paramLabel = "CERT", arity = "1..*",
            description = "trusted certificates (PEM or DER files); signatures chaining to none are not trusted")
    private List<Path> trust = new ArrayList<>();

    @Option(names = "--json", description = "print the report as JSON (schema: docs/verification.md)")
    private boolean json;

    @Option(names = "--receipt", paramLabel = "OUT.pdf", description = "also write a one-page PDF receipt")
    private Path receipt;

    @Option(names = "--offline", description = "never fetch revocation status; use only what the document carries")
    private boolean offline;

    @Option(names = "--log", paramLabel = "URL", description = "check each signature's log entry at a proxy's log "
            + "endpoints, e.g. http://127.0.0.1:8080/.sealgate/log/")
    private java.net.URI log;

    @Option(names = "--config", paramLabel = "FILE", description = "check each signature's log entry in the "
            + "signature log of this config (opened as sealgate log verify opens it)")
    private Path config;

    @Override
    public Integer call() throws CliException {
        Verifier.Builder builder = Verifier.builder().trustAnchors(anchors());
        if (!offline) {
            builder.revocationSource(new OnlineRevocationSource());
        }
        VerificationReport report;
        try {
            report = builder.build().verify(file, Optional.ofNullable(content));
        } catch (VerificationException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage(), e);
        }
        Optional<LogInclusionCheck.Result> logCheck = checkLog(report);
        if (logCheck.filter(LogInclusionCheck.Result::contradicted).isPresent()) {
            report = LogCheckReport.invalidated(report, logCheck.get());
        }
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(LogCheckReport.json(report, logCheck));
        } else {
            out.print(ReportText.render(report));
            logCheck.ifPresent(r -> out.print(LogCheckReport.text(r)));
        }
        if (receipt != null) {
            try {
                ReceiptWriter.write(report, receipt);
            } catch (IOException e) {
                throw new CliException(ExitCode.USAGE, "cannot write the receipt " + receipt + ": "
                        + e.getMessage(), e);
            }
            if (!json) {
                out.println("receipt written to " + receipt);
            }
        }
        out.flush();
        return report.verdict().exitCode();
    }

    /** The log check of {@code --log} or {@code --config}; empty when neither is given. */
    private Optional<LogInclusionCheck.Result> checkLog(VerificationReport report) throws CliException {
        if (log != null && config != null) {
            throw new CliException(ExitCode.USAGE, "--log and --config: both given (expected: one log to check)");
        }
        if (log == null && config == null) {
            return Optional.empty();
        }
        List<LogReferences.Reference> references;
        try {
            references = LogReferences.read(file, report);
        } catch (IOException | RuntimeException e) {
            throw new CliException(ExitCode.USAGE, "cannot read the signatures of " + file + ": " + e.getMessage(), e);
        }
        if (log != null) {
            return Optional.of(LogInclusionCheck.check(references, new HttpLogSource(log)));
        }
        LogCommand.ConfigOption option = new LogCommand.ConfigOption();
        option.config = config;
        try (SigningService service = option.open()) {
            return Optional.of(LogInclusionCheck.check(references,
                    LogInclusionCheck.Source.of(service.log(), "the signature log of " + config)));
        } catch (CliException e) {
            if (e.exitCode() == ExitCode.USAGE) {
                throw e;
            }
            return Optional.of(new LogInclusionCheck.Result("the signature log of " + config, false,
                    "log not checked: " + e.getMessage(), -1, null, List.of()));
        }
    }

    private List<X509Certificate> anchors() throws CliException {
        List<X509Certificate> anchors = new ArrayList<>();
        for (Path p : trust) {
            try {
                anchors.addAll(Certificates.parseCertificates(Files.readAllBytes(p)));
            } catch (NoSuchFileException e) {
                throw new CliException(ExitCode.USAGE, "cannot read " + p + ": no such file", e);
            } catch (IOException e) {
                throw new CliException(ExitCode.USAGE, "cannot read " + p + ": " + e.getMessage(), e);
            } catch (SigningException e) {
                throw new CliException(ExitCode.USAGE, "--trust " + p + ": " + e.getMessage(), e);
            }
        }
        return anchors;
    }
}
