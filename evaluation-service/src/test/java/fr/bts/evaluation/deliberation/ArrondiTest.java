package fr.bts.evaluation.deliberation;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The figures of the explanation lines: the text of {@code stripTrailingZeros().toPlainString()}, read off the plain text. */
class ArrondiTest {

    @Test
    void writesFiguresWithoutTrailingZeros() {
        assertEquals("12.5", Arrondi.text(new BigDecimal("12.50")));
        assertEquals("10", Arrondi.text(new BigDecimal("10.00")));
        assertEquals("0", Arrondi.text(new BigDecimal("0.00")));
        assertEquals("0.05", Arrondi.text(new BigDecimal("0.050")));
        assertEquals("-3.2", Arrondi.text(new BigDecimal("-3.20")));
        assertEquals("100", Arrondi.text(new BigDecimal("1E+2")));
        assertEquals("120", Arrondi.text(new BigDecimal("120")));
        assertEquals("—", Arrondi.text(null));
    }

    @Test
    void writesWhatStrippingTheZerosWouldWrite() {
        Random random = new Random(16);
        for (int i = 0; i < 100_000; i++) {
            BigInteger unscaled = BigInteger.valueOf(random.nextInt(2_000_001) - 1_000_000).multiply(BigInteger.TEN.pow(random.nextInt(4)));
            BigDecimal value = new BigDecimal(i % 1000 == 0 ? unscaled.multiply(BigInteger.TEN.pow(20)) : unscaled, random.nextInt(12) - 3);
            assertEquals(value.stripTrailingZeros().toPlainString(), Arrondi.text(value), value::toString);
        }
    }
}
