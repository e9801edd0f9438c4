-- A record's proposals are read by incident (the record page, deciding a
-- proposal); without this index each read scanned every escalation.
CREATE INDEX escalations_incident ON escalations(incident_id);
