-- The chain's head for the next append, once the chain's lock is ours: one
-- round trip instead of two while every other write waits for the lock
-- (lib/audit/record-event.ts). The lock is transaction-scoped, so it is held
-- to the end of the caller's transaction. In a VOLATILE function each
-- statement sees what was committed before it ran, so the read after the lock
-- sees every append that held the lock before us. The key is "FlwThrgh" in
-- ASCII, a fixed arbitrary number.
CREATE FUNCTION history_chain_head() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(5074562084552992616);
  RETURN (SELECT hash FROM "HistoryEvent" ORDER BY id DESC LIMIT 1);
END
$$;
