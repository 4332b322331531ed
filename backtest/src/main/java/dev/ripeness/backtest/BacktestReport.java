package dev.ripeness.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The backtest's results: one line per case, then the scores of the tuning and the held-out set apart. */
public record BacktestReport(String modelVersion, List<Backtest.CaseResult> cases) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Scores of one set of cases. */
    public record Score(String set, int settlements, int found, int failures, int falseAlarms, int emergingOnFailures,
                        int samples, double brier, double baseRateBrier) {

        /** Share of settlements found at EMERGING or above within six months before the signing. */
        public double hitRate() {
            return settlements == 0 ? Double.NaN : (double) found / settlements;
        }

        /** Share of failures on which the model said RIPE. */
        public double falseAlarmRate() {
            return failures == 0 ? Double.NaN : (double) falseAlarms / failures;
        }

        /** Share of failures on which the model said EMERGING or above. */
        public double emergingRate() {
            return failures == 0 ? Double.NaN : (double) emergingOnFailures / failures;
        }
    }

    /** Scores of the cases of {@code set} ("TUNING", "HOLDOUT"), or of all cases when null. */
    public Score score(CalibrationCase.Set set) {
        int settlements = 0;
        int found = 0;
        int failures = 0;
        int alarms = 0;
        int emerging = 0;
        List<double[]> samples = new ArrayList<>();
        for (Backtest.CaseResult c : cases) {
            if (set != null && c.set() != set) {
                continue;
            }
            if (c.outcome() == CalibrationCase.Outcome.SETTLEMENT) {
                settlements++;
                found += c.found() ? 1 : 0;
            } else {
                failures++;
                alarms += c.falseAlarm() ? 1 : 0;
                emerging += c.emergingOnFailure() ? 1 : 0;
            }
            samples.addAll(c.samples());
        }
        double brier = 0;
        double base = 0;
        for (double[] s : samples) {
            base += s[1];
        }
        base = samples.isEmpty() ? 0 : base / samples.size();
        double baseBrier = 0;
        for (double[] s : samples) {
            brier += (s[0] - s[1]) * (s[0] - s[1]);
            baseBrier += (base - s[1]) * (base - s[1]);
        }
        int n = samples.size();
        return new Score(set == null ? "ALL" : set.name(), settlements, found, failures, alarms, emerging, n,
                n == 0 ? Double.NaN : brier / n, n == 0 ? Double.NaN : baseBrier / n);
    }

    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append("backtest of ").append(modelVersion).append(" on ").append(cases.size()).append(" cases\n\n");
        b.append(String.format(Locale.ROOT, "%-18s %-10s %-7s %-10s %6s %-10s %-10s %6s %-8s %6s %-10s %5s %s%n",
                "case", "outcome", "set", "date", "events", "1st EMERG", "1st RIPE", "onDate", "band", "peak",
                "peak on", "lead", "verdict"));
        for (Backtest.CaseResult c : cases) {
            String verdict = c.outcome() == CalibrationCase.Outcome.SETTLEMENT
                    ? (c.found() ? "found" : "missed") + (c.earlyRipeDays() > 0 ? ", RIPE " + c.earlyRipeDays() + " days >6 months early" : "")
                    : c.falseAlarm() ? "FALSE ALARM (RIPE)" : c.emergingOnFailure() ? "emerging only" : "quiet";
            b.append(String.format(Locale.ROOT, "%-18s %-10s %-7s %-10s %6d %-10s %-10s %6s %-8s %6s %-10s %5s %s%n",
                    c.conflict(), c.outcome(), c.set(), c.date(), c.events(), dash(c.firstEmerging()), dash(c.firstRipe()),
                    c.valueOnDate() == null ? "-" : String.format(Locale.ROOT, "%.2f", c.valueOnDate()),
                    c.bandOnDate() == null ? "-" : c.bandOnDate(),
                    c.peak() == null ? "-" : String.format(Locale.ROOT, "%.2f", c.peak()), dash(c.peakDate()),
                    c.leadDays() == null ? "-" : c.leadDays().toString(), verdict));
        }
        b.append('\n');
        b.append(String.format(Locale.ROOT, "%-8s %12s %10s %14s %14s %8s %8s %10s%n", "set", "settlements",
                "found", "failures", "false alarms", "EMERG", "Brier", "base rate"));
        for (CalibrationCase.Set set : new CalibrationCase.Set[] {CalibrationCase.Set.TUNING, CalibrationCase.Set.HOLDOUT, null}) {
            Score s = score(set);
            b.append(String.format(Locale.ROOT, "%-8s %12d %5d %3.0f%% %9d %8d %3.0f%% %7d %7.3f %10.3f%n", s.set(),
                    s.settlements(), s.found(), 100 * nan(s.hitRate()), s.failures(), s.falseAlarms(),
                    100 * nan(s.falseAlarmRate()), s.emergingOnFailures(), s.brier(), s.baseRateBrier()));
        }
        return b.toString();
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("modelVersion", modelVersion);
        root.put("leadDays", Backtest.LEAD_DAYS);
        ArrayNode list = root.putArray("cases");
        for (Backtest.CaseResult c : cases) {
            ObjectNode n = list.addObject();
            n.put("conflict", c.conflict());
            n.put("outcome", c.outcome().name());
            n.put("set", c.set().name());
            n.put("date", c.date().toString());
            n.put("agreement", c.agreement());
            n.put("events", c.events());
            n.put("rejectedEvents", c.rejected());
            n.put("firstEmerging", str(c.firstEmerging()));
            n.put("firstRipe", str(c.firstRipe()));
            n.put("valueOnDate", c.valueOnDate());
            n.put("bandOnDate", c.bandOnDate());
            n.put("peak", c.peak());
            n.put("peakDate", str(c.peakDate()));
            n.put("found", c.found());
            n.put("leadDays", c.leadDays());
            n.put("falseAlarm", c.falseAlarm());
            n.put("emergingOnFailure", c.emergingOnFailure());
            n.put("earlyRipeDays", c.earlyRipeDays());
        }
        ObjectNode scores = root.putObject("scores");
        for (CalibrationCase.Set set : new CalibrationCase.Set[] {CalibrationCase.Set.TUNING, CalibrationCase.Set.HOLDOUT, null}) {
            Score s = score(set);
            ObjectNode n = scores.putObject(s.set());
            n.put("settlements", s.settlements());
            n.put("found", s.found());
            n.put("hitRate", s.hitRate());
            n.put("failures", s.failures());
            n.put("falseAlarms", s.falseAlarms());
            n.put("falseAlarmRate", s.falseAlarmRate());
            n.put("emergingOnFailures", s.emergingOnFailures());
            n.put("samples", s.samples());
            n.put("brier", s.brier());
            n.put("baseRateBrier", s.baseRateBrier());
        }
        return root.toPrettyString();
    }

    private static String dash(Object o) {
        return o == null ? "-" : o.toString();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static double nan(double d) {
        return Double.isNaN(d) ? 0 : d;
    }
}
