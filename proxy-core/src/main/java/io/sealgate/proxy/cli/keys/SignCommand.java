package io.sealgate.proxy.cli.keys;

import io.sealgate.policy.KeyUse;
import io.sealgate.proxy.cli.CliException;
import io.sealgate.proxy.cli.ExitCode;
import io.sealgate.signing.DocumentSigner;
import io.sealgate.signing.FormatSigner;
import io.sealgate.signing.RevocationSource;
import io.sealgate.signing.SignatureLevel;
import io.sealgate.signing.SignatureRequest;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.TimestampSource;
import io.sealgate.signing.keys.DevCa;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.revocation.DevCaRevocationSource;
import io.sealgate.signing.revocation.OnlineRevocationSource;
import io.sealgate.signing.tsa.EmbeddedTsa;
import io.sealgate.signing.tsa.Rfc3161Client;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code sealgate sign IN --key LABEL --config FILE [--out OUT] [--level B-B|B-T|B-LT|B-LTA] [--tsa URL]
 * [--step ID]}: signs one file with a token key, by format ({@link DocumentSigner}): PAdES for PDFs, a detached
 * CAdES {@code .p7s} for anything else. Timestamps come from {@code --tsa}, else the token's embedded TSA;
 * revocation evidence from the dev CA for its own certificates and from OCSP/CRL URLs for the rest.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Sign a file with a token key: PAdES for PDF, detached CAdES (.p7s) otherwise.")
public final class SignCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private TokenOptions token;

    @Parameters(paramLabel = "IN", description = "the file to sign")
    private Path in;

    @Option(names = "--out", paramLabel = "OUT",
            description = "where to write (default: IN.p7s, or NAME.signed.pdf for a PDF)")
    private Path out;

    @Option(names = "--key", paramLabel = "LABEL", required = true, description = "the label of the signing key")
    private String key;

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "B-T",
            description = "B-B, B-T (default), B-LT or B-LTA (PDF only)")
    private String level;

    @Option(names = "--tsa", paramLabel = "URL", description = "RFC 3161 TSA (default: the embedded TSA)")
    private URI tsa;

    @Option(names = "--step", paramLabel = "ID", description = "process step id to record in the signature")
    private String step;

    @Override
    public Integer call() throws CliException {
        SignatureLevel signatureLevel;
        try {
            signatureLevel = SignatureLevel.parse(level);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage(), e);
        }
        if (!Files.isRegularFile(in)) {
            throw new CliException(ExitCode.USAGE, "cannot read " + in + ": no such file");
        }
        try (KeyVault vault = token.open()) {
            DocumentSigner signer = DocumentSigner.standard();
            FormatSigner format = signer.signerFor(in);
            Path target = out != null ? out : format.defaultOutput(in);
            SignatureRequest.Builder request = SignatureRequest.builder(signatureLevel);
            if (step != null) {
                request.processStepId(step);
            }
            if (signatureLevel != SignatureLevel.B_B) {
                request.timestampSource(timestamps(vault));
            }
            if (signatureLevel == SignatureLevel.B_LT || signatureLevel == SignatureLevel.B_LTA) {
                request.revocationSource(revocation(vault));
            }
            format.sign(in, target, request.build(), vault.key(key, KeyUse.ownKey(key, in.getFileName().toString())));
            spec.commandLine().getOut().println("signed " + in + " as " + format.format() + " "
                    + signatureLevel.displayName() + " with '" + key + "': " + target);
            return ExitCode.OK;
        } catch (SigningException e) {
            throw TokenOptions.failed(e);
        }
    }

    private TimestampSource timestamps(KeyVault vault) throws SigningException {
        return tsa != null ? new Rfc3161Client(tsa) : EmbeddedTsa.open(vault);
    }

    private static RevocationSource revocation(KeyVault vault) throws SigningException {
        OnlineRevocationSource online = new OnlineRevocationSource();
        if (vault.info(DevCa.LABEL).isEmpty()) {
            return online;
        }
        return new DevCaRevocationSource(DevCa.open(vault), online);
    }
}
