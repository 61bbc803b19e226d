package io.sealgate.proxy.cli.keys;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code sealgate keys ...}: manage the keys in the PKCS#11 token. Private keys are generated inside the token and
 * never leave it; these commands handle labels, certificates and requests only.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Manage the signing keys in the PKCS#11 token.",
        subcommands = {
                KeysInitCommand.class,
                KeysEnrollCommand.class,
                KeysListCommand.class,
                KeysCsrCommand.class,
                KeysImportCertCommand.class,
                KeysDisableCommand.class,
        })
public final class KeysCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (expected: one of "
                + String.join(", ", spec.subcommands().keySet()) + ")");
    }
}
