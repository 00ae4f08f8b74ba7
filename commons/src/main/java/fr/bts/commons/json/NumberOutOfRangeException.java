package fr.bts.commons.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A number beyond what any field of the suite accepts (1e40, 1e309, 0.0000001…); answered 400 naming the field. */
public class NumberOutOfRangeException extends MismatchedInputException {

    public NumberOutOfRangeException(JsonParser parser, String message, Class<?> target) {
        super(parser, message, target);
    }
}
