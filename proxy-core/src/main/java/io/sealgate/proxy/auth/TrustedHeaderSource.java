package io.sealgate.proxy.auth;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A user header set by an authenticating gateway in front of Sealgate. Believed only when the connecting peer's
 * address lies in one of the trusted CIDR blocks; the same header from anyone else is a forgery attempt and is
 * refused. The header is removed from every request before it goes upstream ({@link UpstreamCredentials}).
 */
final class TrustedHeaderSource implements IdentitySource {

    /** The {@code source} recorded in the signature log for gateway headers. */
    static final String SOURCE = "trusted-header";

    private final String header;
    private final Optional<String> rolesHeader;
    private final List<Cidr> trusted;

    /** An address block; matching compares the first {@code bits} bits. */
    record Cidr(byte[] address, int bits) {
        static Cidr parse(String value) {
            String[] parts = value.trim().split("/", 2);
            try {
                return new Cidr(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("trusted-sources: " + value + " (expected: a CIDR block)", e);
            }
        }

        boolean contains(InetAddress candidate) {
            byte[] other = candidate.getAddress();
            if (other.length != address.length) {
                return false;
            }
            int full = bits / 8;
            if (!Arrays.equals(Arrays.copyOf(other, full), Arrays.copyOf(address, full))) {
                return false;
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (other[full] & mask) == (address[full] & mask);
        }
    }

    TrustedHeaderSource(String header, Optional<String> rolesHeader, List<String> trustedSources) {
        this.header = header;
        this.rolesHeader = rolesHeader;
        this.trusted = trustedSources.stream().map(Cidr::parse).toList();
    }

    @Override
    public AuthOutcome authenticate(AuthRequest request) {
        String user = request.headers().get(header);
        if (user == null) {
            return AuthOutcome.ABSENT;
        }
        Optional<InetAddress> peer = request.peer();
        if (peer.isEmpty() || trusted.stream().noneMatch(c -> c.contains(peer.get()))) {
            return new AuthOutcome.Refused("untrusted_header", header + ": sent from "
                    + peer.map(InetAddress::getHostAddress).orElse("an unknown address")
                    + ", which is not in authentication.trusted-header.trusted-sources");
        }
        if (user.isBlank() || request.headers().getAll(header).size() > 1) {
            return new AuthOutcome.Refused("untrusted_header", header + ": blank or repeated (expected: one user id)");
        }
        Set<String> roles = new LinkedHashSet<>();
        rolesHeader.ifPresent(h -> request.headers().getAll(h).forEach(v -> Arrays.stream(v.split(","))
                .map(String::strip).filter(r -> !r.isEmpty()).forEach(roles::add)));
        return new AuthOutcome.Accepted(new Login(user.strip(), roles, SOURCE, Optional.empty(), Optional.empty(),
                List.of(), Optional.empty(), false));
    }
}
