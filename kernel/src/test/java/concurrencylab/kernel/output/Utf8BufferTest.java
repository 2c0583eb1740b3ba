package concurrencylab.kernel.output;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Utf8BufferTest {

    @Test
    void keepsASplitCharacterForTheNextBatch() {
        byte[] euro = "a€".getBytes(StandardCharsets.UTF_8); // 'a' + 3 bytes
        var buffer = new OutputRouter.Utf8Buffer();
        buffer.write(euro, 0, 2);                 // 'a' and the first byte of '€'
        assertEquals("a", buffer.drain());
        buffer.write(euro, 2, 2);
        assertEquals("€", buffer.drain());
        assertEquals("", buffer.drain());
    }
}
