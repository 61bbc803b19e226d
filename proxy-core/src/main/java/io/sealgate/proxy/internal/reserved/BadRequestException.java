package io.sealgate.proxy.internal.reserved;

/** A request whose body or parameters Sealgate cannot use: answered 400 with the message. */
final class BadRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    BadRequestException(String message) {
        super(message);
    }
}
