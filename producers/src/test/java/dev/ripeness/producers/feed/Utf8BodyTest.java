package dev.ripeness.producers.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bytes that are not UTF-8 in a request body reject the record that holds them, by index, and nothing else. */
class Utf8BodyTest {

    private static final String E1 = event("u-1", "Kyiv");
    private static final String E3 = event("u-3", "Odesa");
    /** 0xC3 0x28: a lead byte followed by no continuation byte. */
    private static final byte[] INVALID = {(byte) 0xC3, 0x28};

    @Test
    void shouldRejectOnlyTheLineHoldingInvalidBytesWhenBodyIsJsonLines() {
        // Given JSON lines whose second record has two bytes that are no UTF-8 inside a string
        byte[] bad = concat(event("u-2", "Lviv").substring(0, 20).getBytes(StandardCharsets.UTF_8), INVALID,
                event("u-2", "Lviv").substring(20).getBytes(StandardCharsets.UTF_8));
        byte[] body = concat(E1.getBytes(StandardCharsets.UTF_8), "\r\n".getBytes(StandardCharsets.UTF_8), bad,
                "\n".getBytes(StandardCharsets.UTF_8), E3.getBytes(StandardCharsets.UTF_8));

        // When it is split into offers
        List<Offer> offers = Offers.jsonBody(Utf8Body.decode(body), "POST /api/events");

        // Then record 2 is rejected naming the bytes, where they are and the fix, keeping its bytes as sent
        assertThat(offers).extracting(Offer::index).containsExactly(1, 2, 3);
        assertThat(offers.get(1).event()).isNull();
        assertThat(offers.get(1).problem().describe()).contains("not valid UTF-8").contains("0xC3")
                .contains("at character 21 of the record").contains("send the body as UTF-8").contains("iconv");
        assertThat(offers.get(1).original()).isEqualTo(bad);
        assertThat(offers.get(1).origin()).isEqualTo("POST /api/events record 2");
        // And the records around it are read as usual
        assertThat(offers.get(0).event().getEventId()).isEqualTo("u-1");
        assertThat(offers.get(2).event().getEventId()).isEqualTo("u-3");
    }

    @Test
    void shouldRejectOnlyTheElementHoldingInvalidBytesWhenBodyIsAnArray() {
        byte[] bad = event("u-2", "X").getBytes(StandardCharsets.UTF_8);
        int at = new String(bad, StandardCharsets.UTF_8).indexOf("X");
        byte[] body = concat(("[" + E1 + ",").getBytes(StandardCharsets.UTF_8), slice(bad, 0, at), new byte[] {(byte) 0xFF},
                slice(bad, at + 1, bad.length), ("," + E3 + "]").getBytes(StandardCharsets.UTF_8));

        List<Offer> offers = Offers.jsonBody(Utf8Body.decode(body), "POST /api/events");

        assertThat(offers).extracting(o -> o.event() == null ? null : o.event().getEventId()).containsExactly("u-1", null, "u-3");
        assertThat(offers.get(1).problem().describe()).contains("0xFF");
        assertThat(new String(offers.get(1).original(), StandardCharsets.ISO_8859_1)).startsWith("{\"eventId\":\"u-2\"")
                .endsWith("}").contains("\u00ff").doesNotContain("X");
    }

    @Test
    void shouldAcceptAReplacementCharacterSentAsUtf8AndRejectASequenceCutAtTheEnd() {
        String sentReplacement = event("u-4", "\uFFFD city");
        byte[] body = concat((sentReplacement + "\n").getBytes(StandardCharsets.UTF_8), E1.getBytes(StandardCharsets.UTF_8),
                new byte[] {'\n', (byte) 0xE2, (byte) 0x82});

        List<Offer> offers = Offers.jsonBody(Utf8Body.decode(body), "POST");

        assertThat(offers).hasSize(3);
        assertThat(offers.get(0).event().getEventId()).isEqualTo("u-4");
        assertThat(offers.get(1).event().getEventId()).isEqualTo("u-1");
        assertThat(offers.get(2).problem().describe()).contains("not valid UTF-8").contains("0xE2 0x82");
        assertThat(offers.get(2).original()).containsExactly((byte) 0xE2, (byte) 0x82);
    }

    @Test
    void shouldRejectOnlyTheRowHoldingInvalidBytesWhenBodyIsCsv() {
        String header = "eventId,date,conflict,actor,type,sources,confidence\n";
        byte[] body = concat((header + "c-1,2022-03-01,russia-ukraine,UKR,NEGOTIATION_ROUND,src,0.9\nc-2,2022-03-02,russia-ukraine,UKR,"
                        + "NEGOTIATION_ROUND,").getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0x96},
                ",0.9\nc-3,2022-03-03,russia-ukraine,UKR,NEGOTIATION_ROUND,src,0.9\n".getBytes(StandardCharsets.UTF_8));

        List<Offer> offers = new ArrayList<>();
        Offers.csv(Utf8Body.decode(body), "POST /api/events").forEachRemaining(offers::add);

        assertThat(offers).extracting(Offer::index).containsExactly(2, 3, 4);
        assertThat(offers.get(0).event().getEventId()).isEqualTo("c-1");
        assertThat(offers.get(1).event()).isNull();
        assertThat(offers.get(1).problem().describe()).contains("not valid UTF-8").contains("0x96");
        assertThat(offers.get(1).original()).endsWith((byte) 0x96, (byte) ',', (byte) '0', (byte) '.', (byte) '9');
        assertThat(offers.get(2).event().getEventId()).isEqualTo("c-3");
    }

    private static String event(String id, String place) {
        return "{\"eventId\":\"" + id + "\",\"date\":\"2022-03-01\",\"conflict\":\"russia-ukraine\",\"actor\":\"UKR\","
                + "\"type\":\"NEGOTIATION_ROUND\",\"sources\":[\"" + place + "\"],\"confidence\":1.0}";
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }
}
