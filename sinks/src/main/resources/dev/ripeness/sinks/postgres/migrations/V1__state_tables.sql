-- One table per state topic, keyed exactly like the topic (the Kafka record key), so that
-- re-reading a topic upserts the same rows. Typed columns for what people query; the whole
-- record as jsonb in "record".

CREATE TABLE actor_demand (
    key            text PRIMARY KEY,          -- conflict|actor
    conflict       text NOT NULL,
    actor          text NOT NULL,
    as_of          date NOT NULL,
    model_version  text NOT NULL,
    demand_index   double precision,          -- 0..1, null until a demand is stated
    escalations    integer NOT NULL,
    deescalations  integer NOT NULL,
    ratchets       integer NOT NULL,
    record         jsonb NOT NULL
);
CREATE INDEX actor_demand_conflict ON actor_demand (conflict, actor);

CREATE TABLE demand_gap (
    key            text PRIMARY KEY,          -- conflict|actorA|actorB
    conflict       text NOT NULL,
    actor_a        text NOT NULL,
    actor_b        text NOT NULL,
    as_of          date NOT NULL,
    model_version  text NOT NULL,
    demand_gap     double precision,          -- 0..1, null when any dimension is unknown
    zopa           text NOT NULL,             -- YES, NO or UNKNOWN
    record         jsonb NOT NULL
);
CREATE INDEX demand_gap_conflict ON demand_gap (conflict);

CREATE TABLE front_indicators (
    key                  text PRIMARY KEY,    -- conflict|front|actor
    conflict             text NOT NULL,
    front                text NOT NULL,
    actor                text NOT NULL,
    as_of                date NOT NULL,
    model_version        text NOT NULL,
    momentum             double precision NOT NULL,
    siege_days           integer,
    time_to_goal_years   double precision,    -- null = infinite or no stated aim
    tactical_stalemate   boolean NOT NULL,
    strategic_stalemate  boolean NOT NULL,
    record               jsonb NOT NULL
);
CREATE INDEX front_indicators_conflict ON front_indicators (conflict, front);

-- The latest assessment per conflict (topic ripeness.assessments) and the whole series
-- (topic ripeness.assessment-timeline) share their columns.
CREATE TABLE assessment (
    key                 text PRIMARY KEY,     -- conflict
    conflict            text NOT NULL,
    as_of               date NOT NULL,
    model_version       text NOT NULL,
    ripeness            double precision NOT NULL,
    band                text NOT NULL,        -- UNRIPE, EMERGING or RIPE
    pathway             text NOT NULL,        -- NONE, PLAN_A_WINDOW or PLAN_B_PRESSURE
    mhs                 double precision NOT NULL,
    way_out             double precision NOT NULL,
    demand_gap          double precision,
    zopa                text NOT NULL,
    catastrophe         double precision NOT NULL,
    opportunity         double precision NOT NULL,
    mediator            text,
    mediator_stance     double precision,     -- 0 = PLAN_A, 1 = PLAN_B
    mediator_reversals  integer NOT NULL,
    event_count         bigint NOT NULL,
    last_event_id       text,
    record              jsonb NOT NULL
);

CREATE TABLE assessment_timeline (LIKE assessment INCLUDING ALL);
COMMENT ON COLUMN assessment_timeline.key IS 'conflict|YYYY-MM-DD';
CREATE INDEX assessment_timeline_conflict_date ON assessment_timeline (conflict, as_of);
