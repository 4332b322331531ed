package dev.ripeness.backtest;

import dev.ripeness.schema.RipenessAssessment;
import dev.ripeness.streams.model.ModelConfig;
import dev.ripeness.streams.ripeness.ConflictRun;
import dev.ripeness.streams.ripeness.RipenessModel;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the model over each calibration case, day by day, and scores it (docs/validation.md):
 * <ul>
 *   <li>a settlement is <b>found</b> when the band is EMERGING or above on some day in the
 *       {@value #LEAD_DAYS} days before the signing (the signing day itself excluded: its own
 *       AGREEMENT event must not count);</li>
 *   <li>a failure is a <b>false alarm</b> when the band reaches RIPE on any day of its window
 *       (reported also at EMERGING);</li>
 *   <li>the Brier score treats ripeness as the probability that a settlement is signed within
 *       {@value #LEAD_DAYS} days, sampled every {@value #SAMPLE_DAYS} days of each window.</li>
 * </ul>
 */
public final class Backtest {

    /** How far ahead of a signing an alarm counts: six months. */
    public static final int LEAD_DAYS = 183;
    /** Spacing of the Brier samples. */
    public static final int SAMPLE_DAYS = 30;

    private Backtest() {}

    /** One case's result. */
    public record CaseResult(String conflict, CalibrationCase.Outcome outcome, CalibrationCase.Set set, LocalDate date,
                             String agreement, int events, int rejected, LocalDate firstEmerging, LocalDate firstRipe,
                             Double valueOnDate, String bandOnDate, Double peak, LocalDate peakDate, boolean found,
                             Integer leadDays, boolean falseAlarm, boolean emergingOnFailure, int earlyRipeDays,
                             List<double[]> samples) {}

    public static BacktestReport run(ModelConfig model, List<CalibrationCase> cases) {
        List<CaseResult> results = new ArrayList<>();
        for (CalibrationCase c : cases) {
            results.add(run(model, c));
        }
        return new BacktestReport(model.version(), results);
    }

    static CaseResult run(ModelConfig model, CalibrationCase c) {
        ConflictRun run = ConflictRun.of(new RipenessModel(c.conflict(), model), c.events());
        CalibrationCase.Label label = c.label();
        boolean settlement = label.outcome() == CalibrationCase.Outcome.SETTLEMENT;
        LocalDate start = run.first().map(f -> f.isAfter(label.windowStart()) ? f : label.windowStart()).orElse(label.date());
        LocalDate alarmFrom = label.date().minusDays(LEAD_DAYS);
        LocalDate firstEmerging = null;
        LocalDate firstRipe = null;
        LocalDate firstInLead = null;
        Double peak = null;
        LocalDate peakDate = null;
        int earlyRipe = 0;
        boolean emerging = false;
        List<double[]> samples = new ArrayList<>();
        for (LocalDate day = start; !day.isAfter(label.date()); day = day.plusDays(1)) {
            Optional<RipenessAssessment> a = run.at(day);
            if (a.isEmpty()) {
                continue;
            }
            double r = a.get().getRipeness();
            String band = a.get().getBand();
            boolean alarm = !band.equals(RipenessModel.UNRIPE);
            if (peak == null || r > peak) {
                peak = r;
                peakDate = day;
            }
            if (alarm && firstEmerging == null) {
                firstEmerging = day;
            }
            if (band.equals(RipenessModel.RIPE) && firstRipe == null) {
                firstRipe = day;
            }
            if (alarm && day.isBefore(label.date()) && !day.isBefore(alarmFrom) && firstInLead == null) {
                firstInLead = day;
            }
            if (settlement && band.equals(RipenessModel.RIPE) && day.isBefore(alarmFrom)) {
                earlyRipe++;
            }
            emerging |= alarm;
            if (ChronoUnit.DAYS.between(start, day) % SAMPLE_DAYS == 0) {
                long until = ChronoUnit.DAYS.between(day, label.date());
                samples.add(new double[] {r, settlement && until >= 0 && until <= LEAD_DAYS ? 1 : 0});
            }
        }
        Optional<RipenessAssessment> onDate = run.at(label.date());
        boolean found = settlement && firstInLead != null;
        return new CaseResult(c.id(), label.outcome(), label.set(), label.date(), label.agreement(), c.events().size(),
                c.rejected().size(), firstEmerging, firstRipe, onDate.map(RipenessAssessment::getRipeness).orElse(null),
                onDate.map(RipenessAssessment::getBand).orElse(null), peak, peakDate, found,
                found ? (int) ChronoUnit.DAYS.between(firstInLead, label.date()) : null,
                !settlement && firstRipe != null, !settlement && emerging, earlyRipe, samples);
    }
}
