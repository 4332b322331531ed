package dev.ripeness.sinks;

import dev.ripeness.schema.ActorDemandState;
import dev.ripeness.schema.DemandGap;
import dev.ripeness.schema.FrontIndicators;
import dev.ripeness.schema.RipenessAssessment;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * The typed columns people query, per kind of state: one definition shared by the
 * PostgreSQL tables (the migrations create exactly these columns; a test checks) and the
 * CSV files. The whole record is always kept beside them as JSON.
 */
public final class StateColumns {

    /** Column types, named as PostgreSQL spells them. */
    public enum Type {
        TEXT("text"), DATE("date"), DOUBLE("double precision"), INTEGER("integer"), BIGINT("bigint"), BOOLEAN("boolean");

        private final String sql;

        Type(String sql) {
            this.sql = sql;
        }

        /** The PostgreSQL type name as {@code information_schema.columns.data_type} reports it. */
        public String sql() {
            return sql;
        }
    }

    /** One typed column and how to read it from a record. */
    public record Column(String name, Type type, Function<SpecificRecord, Object> read) {

        /** The column's value for {@code record}; null when the record has none. */
        public Object valueOf(SpecificRecord record) {
            return read.apply(record);
        }
    }

    private StateColumns() {}

    /** The typed columns of {@code kind}, in table order (after {@code key}, before {@code record}). */
    public static List<Column> of(StateKind kind) {
        return switch (kind) {
            case ACTOR_DEMAND -> ACTOR_DEMAND;
            case DEMAND_GAP -> DEMAND_GAP;
            case FRONT_INDICATORS -> FRONT_INDICATORS;
            case ASSESSMENTS, ASSESSMENT_TIMELINE -> ASSESSMENT;
        };
    }

    private static final List<Column> ACTOR_DEMAND = List.of(
            text("conflict", ActorDemandState.class, ActorDemandState::getConflict),
            text("actor", ActorDemandState.class, ActorDemandState::getActor),
            date("as_of", ActorDemandState.class, ActorDemandState::getAsOf),
            text("model_version", ActorDemandState.class, ActorDemandState::getModelVersion),
            col("demand_index", Type.DOUBLE, ActorDemandState.class, ActorDemandState::getDemandIndex),
            col("escalations", Type.INTEGER, ActorDemandState.class, ActorDemandState::getEscalations),
            col("deescalations", Type.INTEGER, ActorDemandState.class, ActorDemandState::getDeescalations),
            col("ratchets", Type.INTEGER, ActorDemandState.class, ActorDemandState::getRatchets));

    private static final List<Column> DEMAND_GAP = List.of(
            text("conflict", DemandGap.class, DemandGap::getConflict),
            text("actor_a", DemandGap.class, DemandGap::getActorA),
            text("actor_b", DemandGap.class, DemandGap::getActorB),
            date("as_of", DemandGap.class, DemandGap::getAsOf),
            text("model_version", DemandGap.class, DemandGap::getModelVersion),
            col("demand_gap", Type.DOUBLE, DemandGap.class, DemandGap::getGap),
            text("zopa", DemandGap.class, DemandGap::getZopa));

    private static final List<Column> FRONT_INDICATORS = List.of(
            text("conflict", FrontIndicators.class, FrontIndicators::getConflict),
            text("front", FrontIndicators.class, FrontIndicators::getFront),
            text("actor", FrontIndicators.class, FrontIndicators::getActor),
            date("as_of", FrontIndicators.class, FrontIndicators::getAsOf),
            text("model_version", FrontIndicators.class, FrontIndicators::getModelVersion),
            col("momentum", Type.DOUBLE, FrontIndicators.class, FrontIndicators::getMomentum),
            col("siege_days", Type.INTEGER, FrontIndicators.class, FrontIndicators::getSiegeDays),
            col("time_to_goal_years", Type.DOUBLE, FrontIndicators.class, FrontIndicators::getTimeToGoalYears),
            col("tactical_stalemate", Type.BOOLEAN, FrontIndicators.class, FrontIndicators::getTacticalStalemate),
            col("strategic_stalemate", Type.BOOLEAN, FrontIndicators.class, FrontIndicators::getStrategicStalemate));

    private static final List<Column> ASSESSMENT = List.of(
            text("conflict", RipenessAssessment.class, RipenessAssessment::getConflict),
            date("as_of", RipenessAssessment.class, RipenessAssessment::getAsOf),
            text("model_version", RipenessAssessment.class, RipenessAssessment::getModelVersion),
            col("ripeness", Type.DOUBLE, RipenessAssessment.class, RipenessAssessment::getRipeness),
            text("band", RipenessAssessment.class, RipenessAssessment::getBand),
            text("pathway", RipenessAssessment.class, RipenessAssessment::getPathway),
            col("mhs", Type.DOUBLE, RipenessAssessment.class, a -> a.getComponents().getMhs()),
            col("way_out", Type.DOUBLE, RipenessAssessment.class, a -> a.getComponents().getWayOut()),
            col("demand_gap", Type.DOUBLE, RipenessAssessment.class, a -> a.getComponents().getDemandGap()),
            text("zopa", RipenessAssessment.class, a -> a.getComponents().getZopa()),
            col("catastrophe", Type.DOUBLE, RipenessAssessment.class, a -> a.getComponents().getCatastrophe()),
            col("opportunity", Type.DOUBLE, RipenessAssessment.class, a -> a.getComponents().getOpportunity()),
            text("mediator", RipenessAssessment.class, a -> a.getMediator().getActor()),
            col("mediator_stance", Type.DOUBLE, RipenessAssessment.class, a -> a.getMediator().getStance()),
            col("mediator_reversals", Type.INTEGER, RipenessAssessment.class, a -> a.getMediator().getReversals()),
            col("event_count", Type.BIGINT, RipenessAssessment.class, RipenessAssessment::getEventCount),
            text("last_event_id", RipenessAssessment.class, RipenessAssessment::getLastEventId));

    private static <R extends SpecificRecord> Column col(String name, Type type, Class<R> recordType, Function<R, ?> read) {
        return new Column(name, type, record -> read.apply(recordType.cast(record)));
    }

    private static <R extends SpecificRecord> Column text(String name, Class<R> recordType, Function<R, ? extends CharSequence> read) {
        return col(name, Type.TEXT, recordType, r -> {
            CharSequence value = read.apply(r);
            return value == null ? null : value.toString();
        });
    }

    /** Dates travel as "YYYY-MM-DD" strings; a malformed one fails the record loudly rather than storing garbage. */
    private static <R extends SpecificRecord> Column date(String name, Class<R> recordType, Function<R, ? extends CharSequence> read) {
        return col(name, Type.DATE, recordType, r -> {
            CharSequence value = read.apply(r);
            return value == null ? null : LocalDate.parse(value);
        });
    }
}
