package io.wirespan.cli;

/** A run that finished but met bad input along the way: exit code 2, after all good input was used. */
final class BadInputException extends Exception {
    BadInputException(String message) {
        super(message);
    }
}
