package io.jobpulse.push.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextAssemblerTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "42[\"subscribe\"]", "é", "€uro", "emoji \uD83D\uDE00!", "日本語のテキスト"})
    void sizesAreCountedInUtf8Bytes(String text) {
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, TextAssembler.utf8Length(text));
    }

    @Test
    void partsAreJoinedIntoOneMessage() {
        TextAssembler assembler = new TextAssembler(100);
        assertNull(assembler.add("{\"op\":", false));
        assertNull(assembler.add("\"subscribe\"", false));
        assertEquals("{\"op\":\"subscribe\"}", assembler.add("}", true));
        assertEquals("next", assembler.add("next", true), "the count starts again for the next message");
    }

    @Test
    void aFragmentedMessageOverTheLimitIsRefusedAsItArrives() {
        TextAssembler assembler = new TextAssembler(10);
        assertNull(assembler.add("123456", false));
        assertFalse(assembler.exceeded());
        assertNull(assembler.add("789012", false));
        assertTrue(assembler.exceeded(), "refused before the last part arrives");
        assertNull(assembler.add("x", true), "everything after is dropped");
    }

    @Test
    void theLimitCanBeRaisedForLaterMessages() {
        TextAssembler assembler = new TextAssembler(10);
        assertEquals("0123456789", assembler.add("0123456789", true));
        assembler.limit(20);
        assertEquals("01234567890123456789", assembler.add("01234567890123456789", true), "raised: e.g. after CONNECT");
        assertNull(assembler.add("012345678901234567890", true));
        assertTrue(assembler.exceeded());
    }

    @Test
    void multiByteCharactersCountByTheirEncodedSize() {
        TextAssembler assembler = new TextAssembler(5);
        assertNull(assembler.add("€€", true), "6 bytes in UTF-8");
        assertTrue(assembler.exceeded());
    }
}
