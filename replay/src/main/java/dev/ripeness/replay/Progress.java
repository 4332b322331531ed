package dev.ripeness.replay;

import java.time.Duration;
import java.util.Locale;

/** A one-line progress bar with rate and ETA, for a terminal. */
public final class Progress {

    private static final int WIDTH = 30;

    private Progress() {}

    /** E.g. {@code [#########.....................]  31% 12,400/40,000 events  2,480 ev/s  ETA 11s}. */
    public static String line(long done, long total, Duration elapsed) {
        double fraction = total <= 0 ? 1.0 : Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        double rate = done / seconds;
        String eta = rate <= 0 ? "--" : formatSeconds((total - done) / rate);
        return String.format(Locale.ROOT, "[%s%s] %3d%% %,d/%,d events  %,.0f ev/s  ETA %s",
                "#".repeat(filled), ".".repeat(WIDTH - filled), Math.round(fraction * 100), done, total, rate, eta);
    }

    private static String formatSeconds(double s) {
        long secs = Math.round(Math.max(0, s));
        return secs >= 60 ? (secs / 60) + "m" + (secs % 60) + "s" : secs + "s";
    }
}
