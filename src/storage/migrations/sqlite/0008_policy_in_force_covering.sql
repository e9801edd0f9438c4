-- The version in force, as every record asks for it, from one index and
-- nothing else. Its columns came after the policy's text in the row, so
-- reading them walked the text's overflow pages: about 5% of the server's
-- time per record (docs/performance.md, "Recording an incident").
DROP INDEX policy_versions_active;
CREATE INDEX policy_versions_in_force
    ON policy_versions(school_id, active_from, version, id, school_name, note, uploaded_at,
                       uploaded_by_staff_id);
