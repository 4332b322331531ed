package dev.ripeness.producers.event;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A streaming RFC 4180 reader: comma- (or other-) separated fields, double-quoted fields
 * may hold separators, doubled quotes and line breaks. Each row keeps the line it started
 * on and its raw text, so a rejected row can be reported and dead-lettered exactly as read.
 * Quotes are not special when {@code quoting} is off (GDELT's tab-separated files).
 *
 * <p>A row longer than {@link #MAX_ROW_CHARS} (a runaway quote, a binary file) is cut: it ends
 * at the next line break whatever the quotes say, comes back with no fields, its first
 * {@link #KEPT_CHARS} characters, and an {@code oversize} note with its length and SHA-256, and
 * the rows after it are read as usual.
 */
public final class CsvReader implements Iterator<CsvReader.Row> {

    /** Rows longer than this many characters are cut (see the class comment). */
    public static final int MAX_ROW_CHARS = 1 << 20;
    /** Characters of a cut row kept as its raw text. */
    public static final int KEPT_CHARS = 4096;

    /**
     * One row: the 1-based line it starts on, its fields, its text exactly as read (without the
     * final line break), and for a row over {@link #MAX_ROW_CHARS} a note saying so (else null).
     */
    public record Row(int line, List<String> fields, String raw, String oversize) {
        public Row(int line, List<String> fields, String raw) {
            this(line, fields, raw, null);
        }
    }

    private final Reader in;
    private final char separator;
    private final boolean quoting;
    private final int maxRowChars;
    private int line = 1;
    private int peeked = -2;
    private Row next;

    public CsvReader(Reader in, char separator, boolean quoting) {
        this(in, separator, quoting, MAX_ROW_CHARS);
    }

    /** As {@link #CsvReader(Reader, char, boolean)} with another row-length limit (tests). */
    public CsvReader(Reader in, char separator, boolean quoting, int maxRowChars) {
        this.in = in;
        this.separator = separator;
        this.quoting = quoting;
        this.maxRowChars = maxRowChars;
    }

    /** A comma-separated reader with quoting. */
    public static CsvReader csv(Reader in) {
        return new CsvReader(in, ',', true);
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = readRow();
        }
        return next != null;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row row = next;
        next = null;
        return row;
    }

    private int read() {
        try {
            if (peeked != -2) {
                int c = peeked;
                peeked = -2;
                return c;
            }
            return in.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int peek() {
        if (peeked == -2) {
            try {
                peeked = in.read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return peeked;
    }

    private Row readRow() {
        while (true) {
            int start = line;
            StringBuilder raw = new StringBuilder();
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean inQuotes = false;
            boolean any = false;
            int c;
            while (true) {
                c = read();
                if (c == -1) {
                    break;
                }
                any = true;
                if (raw.length() >= maxRowChars) {
                    return oversized(start, raw, c);
                }
                if (inQuotes) {
                    if (c == '"') {
                        if (peek() == '"') {
                            read();
                            raw.append("\"\"");
                            field.append('"');
                            continue;
                        }
                        inQuotes = false;
                        raw.append('"');
                        continue;
                    }
                    if (c == '\n') {
                        line++;
                    }
                    raw.append((char) c);
                    field.append((char) c);
                    continue;
                }
                if (c == '\r' && peek() == '\n') {
                    continue;
                }
                if (c == '\n') {
                    line++;
                    break;
                }
                raw.append((char) c);
                if (c == separator) {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '"' && quoting && field.isEmpty()) {
                    inQuotes = true;
                } else {
                    field.append((char) c);
                }
            }
            if (!any) {
                return null;
            }
            if (raw.isEmpty()) {
                continue; // blank line
            }
            fields.add(field.toString());
            return new Row(start, fields, raw.toString());
        }
    }

    /** Reads on to the next line break, quotes or not, hashing what it skips; returns the cut row. */
    private Row oversized(int start, StringBuilder raw, int first) {
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String kept = raw.substring(0, Math.min(KEPT_CHARS, raw.length()));
        sha.update(raw.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long length = raw.length();
        StringBuilder chunk = new StringBuilder(1 << 16);
        int c = first;
        while (c != -1 && c != '\n') {
            if (c != '\r' || peek() != '\n') {
                chunk.append((char) c);
                length++;
            }
            if (chunk.length() >= 1 << 16) {
                sha.update(chunk.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                chunk.setLength(0);
            }
            c = read();
        }
        sha.update(chunk.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        int end = line;
        line++;
        String note = "row of " + length + " characters (lines " + start + "–" + end + ") is over the " + maxRowChars
                + "-character limit, SHA-256 " + java.util.HexFormat.of().formatHex(sha.digest()) + "; kept here are its first "
                + kept.length() + " characters; an unclosed quote is the usual cause";
        return new Row(start, List.of(), kept, note);
    }

    /** Quotes a field for writing when it holds the separator, a quote or a line break. */
    public static String quote(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
