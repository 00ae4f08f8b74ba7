package fr.bts.commons.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlCharactersTest {

    @Test
    void tabAndNewlineAreTheOnlyControlCharactersAccepted() {
        assertTrue(ControlCharacters.accepted("Léa\tMartin\nsuite 😀"));
        for (char c = 0; c < 0x20; c++) {
            if (c != '\t' && c != '\n') {
                assertEquals(1, ControlCharacters.firstRefused("a" + c + "b"), "U+" + (int) c);
            }
        }
    }

    @Test
    void delC1ControlsAndLoneSurrogatesAreRefused() {
        assertEquals(0, ControlCharacters.firstRefused("\u007F"));
        assertEquals(2, ControlCharacters.firstRefused("ab\u0085"));
        assertEquals(0, ControlCharacters.firstRefused("\uD800x"));
        assertEquals(1, ControlCharacters.firstRefused("x\uDC00"));
        assertEquals("U+0000 at position 4", ControlCharacters.describe("Léa\u0000", 3));
    }
}
