package fr.bts.commons.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON string (value or object key) that breaks {@link ControlCharacters}. A Jackson mapping exception, so that
 * Jackson records the path of the field in it on the way up; {@code InputProblemMappers} answers it with a 400
 * naming that field.
 */
public class TextRefusedException extends MismatchedInputException {

    private final String reason;

    public TextRefusedException(JsonParser parser, String reason) {
        super(parser, "Refused character in a text value: " + reason, String.class);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
