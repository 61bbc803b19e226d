package io.sealgate.proxy.cli.keys;

import io.sealgate.proxy.cli.CliException;
import io.sealgate.proxy.cli.ExitCode;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.keys.DevCa;
import io.sealgate.signing.keys.KeyAlgorithm;
import io.sealgate.signing.keys.KeyInfo;
import io.sealgate.signing.keys.KeyVault;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import javax.security.auth.x500.X500Principal;

/**
 * {@code sealgate keys enroll LABEL --subject DN [--algorithm EC-P256|EC-P384|RSA-3072] [--seal] [--csr FILE]}:
 * generates a key pair inside the token. By default the dev CA certifies it at once; with {@code --csr FILE} the
 * request for an external CA is written instead, and {@code keys import-cert} completes the enrolment later.
 */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = "Generate a key pair in the token and certify it (dev CA) or write a CSR (external CA).")
public final class KeysEnrollCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private TokenOptions token;

    @Parameters(paramLabel = "LABEL", description = "the key's label: the user id, or the organisation seal's name")
    private String label;

    @Option(names = "--subject", paramLabel = "DN", required = true,
            description = "certificate subject, e.g. \"CN=Alice Example, O=Acme\"")
    private String subject;

    @Option(names = "--algorithm", paramLabel = "ALG", defaultValue = "EC-P256",
            description = "EC-P256 (default), EC-P384 or RSA-3072")
    private String algorithm;

    @Option(names = "--seal", description = "the organisation's e-seal key (subject O=..., CN=seal name)")
    private boolean seal;

    @Option(names = "--csr", paramLabel = "FILE",
            description = "write a PEM certificate request for an external CA instead of using the dev CA")
    private Path csrFile;

    @Override
    public Integer call() throws CliException {
        KeyAlgorithm keyAlgorithm;
        X500Principal dn;
        try {
            keyAlgorithm = KeyAlgorithm.parse(algorithm);
            dn = new X500Principal(subject);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage().toLowerCase(Locale.ROOT).startsWith("key")
                    ? e.getMessage() : "subject: " + subject + " (expected: a DN like \"CN=Alice, O=Acme\")", e);
        }
        try (KeyVault vault = token.open()) {
            vault.enroll(label, keyAlgorithm, dn);
            var out = spec.commandLine().getOut();
            if (csrFile != null) {
                Files.writeString(csrFile, vault.csr(label));
                out.println("enrolled '" + label + "' (" + keyAlgorithm.displayName() + "); certificate request "
                        + "written to " + csrFile + "; finish with: sealgate keys import-cert " + label + " FILE");
                return ExitCode.OK;
            }
            DevCa.open(vault).certify(label, seal ? DevCa.Profile.SEAL : DevCa.Profile.USER);
            KeyInfo info = vault.info(label).orElseThrow();
            out.println("enrolled '" + label + "' (" + info.algorithm() + "): " + info.subject() + ", issued by "
                    + info.issuer() + ", valid until " + info.notAfter());
            return ExitCode.OK;
        } catch (SigningException e) {
            throw TokenOptions.failed(e);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot write " + csrFile + ": " + e.getMessage(), e);
        }
    }
}
