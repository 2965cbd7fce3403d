-- Thresholds on people, not tokens (issue 12).
--  * issuance_markers: the per-(team, day) quota as a keyed marker, HMAC(master-secret-derived key,
--    issuer + subject + team + day). No reference to people, so deleting the account and joining
--    again does not free the quota; without the key it names nobody. Purged once the day has
--    begun (no token for a begun day is ever issued).
--  * issuance_counts: how many distinct people received a token for (team, day). Kept with the
--    sums; the ingest refuses uploads and publication refuses days under the threshold.
CREATE TABLE issuance_markers (
  marker   bytea PRIMARY KEY CHECK (octet_length(marker) = 32),
  day      date NOT NULL
);
CREATE INDEX issuance_markers_day_idx ON issuance_markers (day);

CREATE TABLE issuance_counts (
  team_id  text NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  day      date NOT NULL,
  people   integer NOT NULL CHECK (people >= 0),
  PRIMARY KEY (team_id, day)
);

DO $$
BEGIN
  GRANT SELECT ON issuance_counts TO microbreak_ingest;
EXCEPTION WHEN undefined_object OR insufficient_privilege THEN
  RAISE NOTICE 'microbreak_ingest not granted issuance_counts: %', SQLERRM;
END $$;
