package io.sealgate.signing.cades;

import io.sealgate.signing.SigningException;

import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;

import java.util.ArrayList;
import java.util.List;

/**
 * Counter-signature chains: approver n counter-signs approver n-1's signature. The counter-signature attribute is a
 * SET, whose order DER does not keep, so order is recorded by nesting, not by position among siblings.
 */
final class CounterSignatures {

    /** Makes the counter-signer infos over one target signer info. */
    @FunctionalInterface
    interface Maker {
        SignerInformationStore counterSign(SignerInformation target) throws CMSException, SigningException;
    }

    private CounterSignatures() {
    }

    /**
     * Returns {@code signer} rebuilt with a new counter-signature on its latest descendant: the signer itself when
     * it has no counter-signature, else the (single) chain followed to its end.
     */
    static SignerInformation appendToLatest(SignerInformation signer, Maker maker)
            throws CMSException, SigningException {
        List<SignerInformation> children = new ArrayList<>(signer.getCounterSignatures().getSigners());
        if (children.isEmpty()) {
            return SignerInformation.addCounterSigners(signer, maker.counterSign(signer));
        }
        int last = children.size() - 1;
        children.set(last, appendToLatest(children.get(last), maker));
        AttributeTable unsigned = signer.getUnsignedAttributes().remove(CMSAttributes.counterSignature);
        return SignerInformation.addCounterSigners(SignerInformation.replaceUnsignedAttributes(signer, unsigned),
                new SignerInformationStore(children));
    }

    /** The chain of counter-signers below {@code signer}, oldest first. */
    static List<SignerInformation> chain(SignerInformation signer) {
        List<SignerInformation> out = new ArrayList<>();
        for (SignerInformation s = signer; ; ) {
            List<SignerInformation> children = new ArrayList<>(s.getCounterSignatures().getSigners());
            if (children.isEmpty()) {
                return out;
            }
            s = children.get(children.size() - 1);
            out.add(s);
        }
    }
}
