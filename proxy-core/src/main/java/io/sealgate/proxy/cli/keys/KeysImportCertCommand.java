package io.sealgate.proxy.cli.keys;

import io.sealgate.proxy.cli.CliException;
import io.sealgate.proxy.cli.ExitCode;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.keys.Certificates;
import io.sealgate.signing.keys.KeyInfo;
import io.sealgate.signing.keys.KeyVault;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code sealgate keys import-cert LABEL FILE}: stores the certificate an external CA issued, with its chain
 * (PEM or DER, signer first). Refused when the certificate is for another key or the chain does not link up.
 */
@Command(name = "import-cert", mixinStandardHelpOptions = true,
        description = "Store a CA-issued certificate (and chain) with its key.")
public final class KeysImportCertCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private TokenOptions token;

    @Parameters(index = "0", paramLabel = "LABEL", description = "the key's label")
    private String label;

    @Parameters(index = "1", paramLabel = "FILE", description = "certificate chain, signer first (PEM or DER)")
    private Path file;

    @Override
    public Integer call() throws CliException {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot read " + file + ": " + e.getMessage(), e);
        }
        try (KeyVault vault = token.open()) {
            vault.importCertificate(label, Certificates.parseCertificates(data));
            KeyInfo info = vault.info(label).orElseThrow();
            spec.commandLine().getOut().println("imported certificate for '" + label + "': " + info.subject()
                    + ", issued by " + info.issuer() + ", valid until " + info.notAfter());
            return ExitCode.OK;
        } catch (SigningException e) {
            throw TokenOptions.failed(e);
        }
    }
}
