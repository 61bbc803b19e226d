package io.sealgate.signing.verify;

import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.security.cert.X509Certificate;

/**
 * Builds Bouncy Castle signer-info verifiers with the JDK's providers (whose SHA-256 uses the CPU's instructions)
 * and one shared algorithm-name table: Bouncy Castle's convenience builder makes a new table per call, which
 * measurably slowed documents with many signatures.
 */
final class SignerVerifiers {

    /** Read-only after construction, so safe to share. */
    private static final DefaultCMSSignatureAlgorithmNameGenerator NAMES =
            new DefaultCMSSignatureAlgorithmNameGenerator();
    private static final DefaultSignatureAlgorithmIdentifierFinder FINDER =
            new DefaultSignatureAlgorithmIdentifierFinder();

    private SignerVerifiers() {
    }

    static SignerInformationVerifier of(X509Certificate cert) throws OperatorCreationException {
        return new SignerInformationVerifier(NAMES, FINDER, new JcaContentVerifierProviderBuilder().build(cert),
                new JcaDigestCalculatorProviderBuilder().build());
    }
}
