package dev.ripeness.producers.feed;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Opens a byte stream as text whatever a spreadsheet did to it: a UTF-8 byte-order mark is
 * dropped; without a charset given, the first {@value #SNIFF_BYTES} bytes decide between UTF-8
 * and Windows-1252 (a superset of Latin-1 for printable text); bytes that still do not decode
 * become U+FFFD, so one bad byte spoils one cell, never the rest of the file.
 *
 * @param reader  the text
 * @param charset the charset used
 * @param how     how it was chosen, for the user: {@code given}, {@code detected}, {@code default}
 */
public record TextInput(Reader reader, Charset charset, String how) {

    /** How many leading bytes are examined to tell UTF-8 from Windows-1252. */
    public static final int SNIFF_BYTES = 1 << 20;

    /** Windows-1252, the charset Excel writes CSV in on Western-European Windows. */
    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** Opens {@code in}; {@code given} forces a charset (the {@code --charset} option), null detects. */
    public static TextInput open(InputStream in, Charset given) throws IOException {
        BufferedInputStream b = in instanceof BufferedInputStream bis ? bis : new BufferedInputStream(in, 1 << 16);
        b.mark(SNIFF_BYTES + 4);
        byte[] head = b.readNBytes(SNIFF_BYTES);
        b.reset();
        int bom = head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF ? 3 : 0;
        if (bom > 0) {
            b.skipNBytes(bom);
        }
        Charset charset;
        String how;
        if (given != null) {
            charset = given;
            how = "given";
        } else if (bom > 0) {
            charset = StandardCharsets.UTF_8;
            how = "detected (byte-order mark)";
        } else if (isUtf8(head, head.length == SNIFF_BYTES)) {
            charset = StandardCharsets.UTF_8;
            how = "detected";
        } else {
            charset = WINDOWS_1252;
            how = "detected (not valid UTF-8)";
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new TextInput(new InputStreamReader(b, decoder), charset, how);
    }

    /** Whether {@code bytes} are valid UTF-8; when {@code cut}, a sequence broken at the very end is forgiven. */
    static boolean isUtf8(byte[] bytes, boolean cut) {
        int end = bytes.length;
        if (cut) {
            // Step back over a multi-byte sequence the sniff window may have split.
            int i = end - 1;
            int back = 0;
            while (i >= 0 && back < 3 && (bytes[i] & 0xC0) == 0x80) {
                i--;
                back++;
            }
            if (i >= 0 && (bytes[i] & 0xC0) == 0xC0) {
                end = i;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Arrays.copyOf(bytes, end)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
