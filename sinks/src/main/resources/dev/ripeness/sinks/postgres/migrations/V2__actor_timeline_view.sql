-- Each actor's assessed stalemate, hurt, demand index and momentum per conflict and date,
-- unpacked from the timeline's record.actors map, for charts that draw one line per actor.
CREATE VIEW assessment_actor_timeline AS
SELECT t.conflict,
       t.as_of,
       a.key                                            AS actor,
       (a.value ->> 'perceivedStalemate')::double precision AS perceived_stalemate,
       (a.value ->> 'hurt')::double precision           AS hurt,
       (a.value ->> 'demandIndex')::double precision    AS demand_index,
       (a.value ->> 'momentum')::double precision       AS momentum
FROM assessment_timeline t
CROSS JOIN LATERAL jsonb_each(t.record -> 'actors') AS a;
