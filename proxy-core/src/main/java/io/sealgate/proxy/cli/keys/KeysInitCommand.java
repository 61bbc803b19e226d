package io.sealgate.proxy.cli.keys;

import io.sealgate.config.TokenConfig;
import io.sealgate.proxy.cli.CliException;
import io.sealgate.proxy.cli.ExitCode;
import io.sealgate.proxy.cli.SoftHsmTokens;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.keys.DevCa;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.tsa.EmbeddedTsa;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

import javax.security.auth.x500.X500Principal;

/**
 * {@code sealgate keys init --config FILE [--org NAME] [--softhsm] [--no-dev-ca]}: prepares a token for signing.
 * With {@code --softhsm}, a SoftHSM token with the configured label and PIN is created first when missing. Unless
 * {@code --no-dev-ca}, the embedded dev CA and the embedded TSA get their keys and certificates. Safe to repeat.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Prepare the token: create it (SoftHSM), the dev CA and the embedded TSA.")
public final class KeysInitCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private TokenOptions token;

    @Option(names = "--org", paramLabel = "NAME", defaultValue = "Sealgate Demo",
            description = "organisation named in the dev CA's and the TSA's certificates (default: ${DEFAULT-VALUE})")
    private String organisation;

    @Option(names = "--softhsm", description = "create the SoftHSM token with softhsm2-util when it is missing")
    private boolean softhsm;

    @Option(names = "--no-dev-ca", description = "keep the token free of the dev CA and the embedded TSA")
    private boolean noDevCa;

    @Override
    public Integer call() throws CliException {
        TokenConfig config = token.token();
        if (softhsm) {
            createSoftHsmToken(config);
        }
        try (KeyVault vault = token.open()) {
            var out = spec.commandLine().getOut();
            out.println("token '" + vault.tokenLabel() + "' ready");
            if (!noDevCa) {
                DevCa ca = DevCa.initialize(vault, new X500Principal("CN=Sealgate Dev CA, O="
                        + organisation.replace(",", "\\,")));
                EmbeddedTsa.initialize(vault, ca, organisation);
                out.println("dev CA: " + ca.root().getSubjectX500Principal().getName() + " (key '" + DevCa.LABEL
                        + "')");
                out.println("embedded TSA: key '" + EmbeddedTsa.LABEL + "'");
            }
            return ExitCode.OK;
        } catch (SigningException e) {
            throw TokenOptions.failed(e);
        }
    }

    private void createSoftHsmToken(TokenConfig config) throws CliException {
        if (SoftHsmTokens.ensure(config.label(), config.pin().reveal())) {
            spec.commandLine().getOut().println("created SoftHSM token '" + config.label() + "'");
        }
    }
}
