package io.sealgate.proxy.cli.keys;

import io.sealgate.proxy.cli.CliException;
import io.sealgate.proxy.cli.ExitCode;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.keys.DevCa;
import io.sealgate.signing.keys.KeyInfo;
import io.sealgate.signing.keys.KeyVault;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * {@code sealgate keys disable LABEL}: the key refuses every signature from now on (permanent). When the dev CA of
 * this token issued its certificate, the certificate is revoked too, so verifiers learn of it through OCSP and CRLs.
 */
@Command(name = "disable", mixinStandardHelpOptions = true,
        description = "Disable a key for good (and revoke its dev-CA certificate).")
public final class KeysDisableCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private TokenOptions token;

    @Parameters(paramLabel = "LABEL", description = "the key's label")
    private String label;

    @Override
    public Integer call() throws CliException {
        try (KeyVault vault = token.open()) {
            KeyInfo info = vault.info(label).orElseThrow(() -> new CliException(ExitCode.USAGE,
                    "no key labelled '" + label + "' in token '" + vault.tokenLabel() + "'"));
            vault.disable(label);
            var out = spec.commandLine().getOut();
            out.println("disabled '" + label + "'");
            if (vault.info(DevCa.LABEL).isPresent() && !label.equals(DevCa.LABEL)) {
                DevCa ca = DevCa.open(vault);
                if (ca.issued(info.certificate())) {
                    ca.revoke(info.certificate().getSerialNumber());
                    out.println("revoked its certificate (serial " + info.certificate().getSerialNumber()
                            .toString(16) + ")");
                }
            }
            return ExitCode.OK;
        } catch (SigningException e) {
            throw TokenOptions.failed(e);
        }
    }
}
