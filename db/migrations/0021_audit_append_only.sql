-- audit_events is append-only: an UPDATE may only raise hand_overs (the per-minute count of
-- hand-overs of secrets, outside the hash), and a DELETE is allowed only to the retention trim,
-- which sets latchkey.audit_trim for its own transaction (lib/audit/retention.ts).
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF current_setting('latchkey.audit_trim', true) = 'on' THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_events is append-only: rows are removed only by the retention trim';
  END IF;
  IF (to_jsonb(NEW) - 'hand_overs') = (to_jsonb(OLD) - 'hand_overs') AND NEW.hand_overs >= OLD.hand_overs THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: a row is never changed';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_events_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: it is never truncated';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_no_truncate();
