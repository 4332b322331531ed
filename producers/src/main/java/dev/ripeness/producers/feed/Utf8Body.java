package dev.ripeness.producers.feed;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A request body decoded as UTF-8 that remembers where its bytes were not UTF-8: each such
 * sequence reads as one U+FFFD in {@link #text()}, and the record that holds one is rejected on
 * its own (see {@link #invalidIn(int, int)}), with its bytes exactly as sent, while the records
 * around it go on. A U+FFFD that was sent as valid UTF-8 is an ordinary character.
 */
public final class Utf8Body {

    private final byte[] bytes;
    private final String text;
    /** Per invalid sequence, in order: its replacement's index in the text, its byte offset and byte length. */
    private final int[] atChar;
    private final int[] atByte;
    private final int[] length;
    private int[] lineStarts;

    private Utf8Body(byte[] bytes, String text, int[] atChar, int[] atByte, int[] length) {
        this.bytes = bytes;
        this.text = text;
        this.atChar = atChar;
        this.atByte = atByte;
        this.length = length;
    }

    /** Text already decoded: nothing in it is invalid. */
    public static Utf8Body of(String text) {
        return new Utf8Body(text.getBytes(StandardCharsets.UTF_8), text, new int[0], new int[0], new int[0]);
    }

    /** Decodes {@code bytes}, replacing (and noting) every sequence that is not UTF-8. */
    public static Utf8Body decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // Every char takes at least one byte, and a replacement stands for at least one: the text is no longer.
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        int[] atChar = new int[4];
        int[] atByte = new int[4];
        int[] length = new int[4];
        int n = 0;
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (!result.isError()) {
                decoder.flush(out);
                break;
            }
            if (n == atChar.length) {
                atChar = Arrays.copyOf(atChar, 2 * n);
                atByte = Arrays.copyOf(atByte, 2 * n);
                length = Arrays.copyOf(length, 2 * n);
            }
            atChar[n] = out.position();
            atByte[n] = in.position();
            length[n] = result.length();
            n++;
            out.put('\uFFFD');
            in.position(in.position() + result.length());
        }
        out.flip();
        return new Utf8Body(bytes, out.toString(), Arrays.copyOf(atChar, n), Arrays.copyOf(atByte, n), Arrays.copyOf(length, n));
    }

    /** The body as text. */
    public String text() {
        return text;
    }

    /**
     * The problem of the characters {@code [start, end)} of {@link #text()} when they hold bytes that are not
     * UTF-8, naming the first one and the fix; else null.
     */
    public String invalidIn(int start, int end) {
        int i = firstAtOrAfter(start);
        if (i == atChar.length || atChar[i] >= end) {
            return null;
        }
        StringBuilder hex = new StringBuilder();
        for (int b = atByte[i]; b < atByte[i] + length[i]; b++) {
            hex.append(hex.isEmpty() ? "" : " ").append(String.format("0x%02X", bytes[b] & 0xFF));
        }
        return "not valid UTF-8: byte " + hex + " at character " + (atChar[i] - start + 1) + " of the record is no UTF-8 "
                + "sequence (text in another encoding?); send the body as UTF-8, e.g. convert it with "
                + "`iconv -f WINDOWS-1252 -t UTF-8`";
    }

    /** Whether any byte of the body is not UTF-8. */
    public boolean hasInvalid() {
        return atChar.length > 0;
    }

    /**
     * The characters {@code [start, end)} of {@link #text()} that lines {@code first} to {@code last} (1-based, LF
     * ends a line) cover, without the last line's end.
     */
    public int[] lines(int first, int last) {
        if (lineStarts == null) {
            List<Integer> starts = new ArrayList<>(List.of(0));
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
                starts.add(i + 1);
            }
            lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }
        int start = lineStarts[Math.min(first, lineStarts.length) - 1];
        int end = last < lineStarts.length ? lineStarts[last] - 1 : text.length();
        return new int[] {start, Math.max(start, end)};
    }

    /** The bytes, exactly as sent, of the characters {@code [start, end)} of {@link #text()}. */
    public byte[] bytes(int start, int end) {
        return Arrays.copyOfRange(bytes, byteOffset(start), byteOffset(end));
    }

    private int byteOffset(int charIndex) {
        int i = firstAtOrAfter(charIndex) - 1; // the last invalid sequence before charIndex
        if (i < 0) {
            return utf8Length(0, charIndex);
        }
        return atByte[i] + length[i] + utf8Length(atChar[i] + 1, charIndex);
    }

    private int firstAtOrAfter(int charIndex) {
        int i = Arrays.binarySearch(atChar, charIndex);
        return i >= 0 ? i : -i - 1;
    }

    private int utf8Length(int from, int to) {
        int n = 0;
        for (int c = from; c < to; c++) {
            char ch = text.charAt(c);
            if (ch < 0x80) {
                n += 1;
            } else if (ch < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(ch) && c + 1 < to && Character.isLowSurrogate(text.charAt(c + 1))) {
                n += 4;
                c++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
