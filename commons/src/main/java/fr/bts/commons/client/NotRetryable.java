package fr.bts.commons.client;

/** A downstream answer that retrying will not change (a 4xx other than 404): neither retried nor counted as a failure. */
public class NotRetryable extends RuntimeException {

    private final int status;

    public NotRetryable(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
