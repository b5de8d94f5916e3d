-- A write the app has already reported as failed must never commit later (a database frozen mid-commit and
-- resumed). Each write transaction sets statuspage.commit_deadline; this check runs inside COMMIT (a deferred
-- constraint trigger on the audit row every mutation writes) and refuses a commit that reaches PostgreSQL late.
CREATE FUNCTION "statuspage_enforce_commit_deadline"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deadline text := current_setting('statuspage.commit_deadline', true);
BEGIN
  IF deadline IS NOT NULL AND deadline <> '' AND clock_timestamp() > deadline::timestamptz THEN
    RAISE EXCEPTION 'statuspage_commit_deadline: this write reached the database after its deadline and was rolled back'
      USING ERRCODE = '57014';
  END IF;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "audit_log_commit_deadline"
  AFTER INSERT ON "audit_log"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "statuspage_enforce_commit_deadline"();
