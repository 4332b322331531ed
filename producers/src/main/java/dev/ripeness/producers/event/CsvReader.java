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
 */
public final class CsvReader implements Iterator<CsvReader.Row> {

    /** One row: the 1-based line it starts on, its fields, and its text exactly as read (without the final line break). */
    public record Row(int line, List<String> fields, String raw) {}

    private final Reader in;
    private final char separator;
    private final boolean quoting;
    private int line = 1;
    private int peeked = -2;
    private Row next;

    public CsvReader(Reader in, char separator, boolean quoting) {
        this.in = in;
        this.separator = separator;
        this.quoting = quoting;
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
