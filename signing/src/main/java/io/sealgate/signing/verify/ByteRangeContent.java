package io.sealgate.signing.verify;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.cms.CMSTypedData;

import java.io.IOException;
import java.io.OutputStream;

/** The two parts of a PDF byte range as CMS content, written from the file's bytes without copying them. */
final class ByteRangeContent implements CMSTypedData {

    private final byte[] data;
    private final long[] range;

    ByteRangeContent(byte[] data, long[] range) {
        this.data = data;
        this.range = range;
    }

    @Override
    public ASN1ObjectIdentifier getContentType() {
        return CMSObjectIdentifiers.data;
    }

    @Override
    public void write(OutputStream out) throws IOException {
        out.write(data, (int) range[0], (int) range[1]);
        out.write(data, (int) range[2], (int) range[3]);
    }

    @Override
    public Object getContent() {
        return null;
    }
}
