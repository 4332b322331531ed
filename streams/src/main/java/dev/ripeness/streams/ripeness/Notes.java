package dev.ripeness.streams.ripeness;

import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.event.EventType;
import dev.ripeness.schema.Event;
import dev.ripeness.streams.model.Contribution;
import dev.ripeness.streams.model.ModelConfig;
import java.util.ArrayList;
import java.util.List;

/** Says which model parameters turned an event into a component's change (the driver's note). */
final class Notes {

    private Notes() {}

    /**
     * Everything a note's text reads besides the model and the event's confidence: two
     * contributions with equal templates get the same text around their confidence, so a model
     * can render it once per template. Keyed by the confidence as well, the texts of the bench's
     * events (13,000 distinct causes per conflict, confidence in steps of 0.01) overflowed the
     * model's cache, which was cleared and filled again over and over; templates are a few
     * hundred per conflict.
     *
     * @param mediator whether the event's actor is a mediator of the conflict
     */
    record Template(String type, boolean area, boolean casualties, boolean mediator, boolean positions, String via) {}

    /** @param mediator whether the cause's actor is one of the conflict's mediators */
    static Template template(Contribution.Cause cause, String component, boolean mediator) {
        return new Template(cause.type(), cause.area(), cause.casualties(), mediator, cause.positions(), via(component));
    }

    /** Marks where the confidence goes in a template's text; the model's texts never contain it. */
    private static final String CONFIDENCE = "\u0000";

    /** A template's text, split where the event's confidence goes ({@link #note(String[], Double)} joins them). */
    static String[] segments(Template t, ModelConfig m) {
        return render(t, CONFIDENCE, m).split(CONFIDENCE, -1);
    }

    /** The note: the template's segments with the confidence written between them as the text always wrote it. */
    static String note(String[] segments, Double confidence) {
        if (segments.length == 1) {
            return segments[0];
        }
        String c = String.valueOf(confidence);
        StringBuilder b = new StringBuilder(segments[0]);
        for (int i = 1; i < segments.length; i++) {
            b.append(c).append(segments[i]);
        }
        return b.toString();
    }

    /** What of {@code e} its notes are rendered from. */
    static Contribution.Cause cause(Event e) {
        return new Contribution.Cause(e.getType(), e.getConfidence(), e.getAreaKm2() != null, e.getCasualties() != null,
                e.getActor(), !e.getPositions().isEmpty());
    }

    private static String via(String component) {
        return component.contains(":") ? component.substring(0, component.indexOf(':')) : component;
    }

    /** The note of an event of template {@code e} and confidence {@code confidence} (as text). */
    static String render(Template e, String confidence, ModelConfig m) {
        String type = e.type();
        List<String> p = new ArrayList<>();
        ModelConfig.Fronts f = m.fronts();
        Double score = f.scores().get(type);
        if (score != null) {
            p.add("fronts.scores." + type + "=" + score + " x confidence " + confidence);
        }
        if (e.area() && (EventType.TERRITORY_CHANGE.is(type) || EventType.CONTROL_SNAPSHOT.is(type))) {
            p.add("km2 score tanh(area / fronts.areaScaleKm2=" + f.areaScaleKm2() + ")");
        }
        Double loss = f.lossShares().get(type);
        if (loss != null) {
            p.add("fronts.lossShares." + type + "=" + loss + " against the side that lost the ground");
        }
        for (String term : hurtTerms(e)) {
            ModelConfig.Term t = m.hurt().terms().get(term);
            p.add("hurt.terms." + term + " weight=" + t.weight() + " scale=" + t.scale());
        }
        Double impulse = m.wayOut().impulses().get(type);
        if (impulse != null) {
            p.add("wayOut.impulses." + type + "=" + impulse + " x confidence " + confidence
                    + ", wayOut.halfLifeDays=" + m.wayOut().halfLifeDays());
        }
        if (EventType.AGREEMENT_VIOLATION.is(type)) {
            p.add("wayOut.violationImpulse=" + m.wayOut().violationImpulse() + ", wayOut.trustHalfLifeDays="
                    + m.wayOut().trustHalfLifeDays() + ", wayOut.trustSensitivity=" + m.wayOut().trustSensitivity());
        }
        if (e.mediator() && (impulse != null || EventType.MEDIATOR_STANCE.is(type))) {
            p.add("wayOut.mediatorImpulse=" + m.wayOut().mediatorImpulse());
        }
        if (EventType.MEDIATOR_STANCE.is(type)) {
            p.add("mediator.reversalThreshold=" + m.mediator().reversalThreshold()
                    + ", ripeness.planBStanceThreshold=" + m.ripeness().planBStanceThreshold());
        }
        signal(p, "catastrophe", m.catastrophe(), type);
        signal(p, "opportunity", m.opportunity(), type);
        if (e.positions()) {
            p.add("positions on the ladders; wayOut.gapDiscount=" + m.wayOut().gapDiscount()
                    + ", wayOut.unknownGapDiscount=" + m.wayOut().unknownGapDiscount());
        }
        String via = switch (e.via()) {
            case "ripeness" -> "ripeness = pressure^ripeness.pressureWeight(" + m.ripeness().pressureWeight()
                    + ") x wayOut^(1-pressureWeight)";
            case "mhs" -> "MHS = min over sides of min(perceived stalemate, hurt)";
            case "perceivedStalemate" -> "perception.momentumTemperature=" + m.perception().momentumTemperature()
                    + ", perception.tacticalWeight=" + m.perception().tacticalWeight();
            case "momentum" -> "momentum = score / (fronts.priorEvidence=" + f.priorEvidence() + " + evidence), "
                    + "fronts.halfLifeDays=" + f.halfLifeDays();
            case "hurt" -> "hurt.halfLifeDays=" + m.hurt().halfLifeDays();
            default -> null;
        };
        if (via != null) {
            p.add(via);
        }
        return type + ": " + (p.isEmpty() ? "no direct parameter" : String.join("; ", p));
    }

    /** The hurt terms an event feeds (stalemate.Evidence is the rule; this names them for the note). */
    private static List<String> hurtTerms(Template e) {
        boolean figure = e.casualties();
        EventType kind = EventType.parse(e.type()).orElse(null);
        if (kind == null) {
            return List.of();
        }
        return switch (kind) {
            case CASUALTIES_REPORTED -> List.of(figure ? "casualties" : "lossReports");
            case ARMED_CLASH -> figure ? List.of("attrition", "casualties") : List.of("attrition");
            case STRIKE -> figure ? List.of("strikesSuffered", "casualties") : List.of("strikesSuffered");
            case MASS_ATROCITY -> figure ? List.of("atrocities", "casualties") : List.of("atrocities");
            case OFFENSIVE_LAUNCHED, SIEGE_STARTED -> List.of("attrition", "underAttack");
            case SETTLEMENT_CAPTURED, ENCIRCLEMENT, TERRITORY_CHANGE,
                 CONTROL_SNAPSHOT, WITHDRAWAL -> List.of("groundLost");
            case OFFENSIVE_FAILED, OFFENSIVE_STALLED -> List.of("setbacks");
            case SANCTIONS_IMPOSED -> List.of("sanctions");
            case MOBILISATION -> List.of("mobilisation");
            case AID_SUSPENDED -> List.of("aidSuspended");
            default -> List.of();
        };
    }

    private static void signal(List<String> p, String name, ModelConfig.Signal s, String type) {
        Double v = s.impulses().get(type);
        if (v != null) {
            p.add(name + ".impulses." + type + "=" + v + ", " + name + ".halfLifeDays=" + s.halfLifeDays());
        }
    }
}
