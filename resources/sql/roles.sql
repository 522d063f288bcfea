-- Roles for a committee's shared Docket record on PostgreSQL (see docs/shared-database.md).
-- Run as the database's owner, connected to the record's database (psql -d docket).
-- Members never get superuser: what each may do is decided here, by the server.

CREATE ROLE docket_reader NOLOGIN;   -- may read everything, change nothing
CREATE ROLE docket_editor NOLOGIN;   -- may record promises, notes, meetings and the rest

GRANT CONNECT ON DATABASE docket TO docket_reader, docket_editor;
GRANT USAGE ON SCHEMA public TO docket_reader, docket_editor;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO docket_reader, docket_editor;
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO docket_editor;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO docket_editor;

-- Tables and sequences a later Docket's upgrade adds (run by the owner) get the same rights.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO docket_reader, docket_editor;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT INSERT, UPDATE, DELETE ON TABLES TO docket_editor;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO docket_editor;

-- Then one login role per member, in one of the two groups, for example:
--   CREATE ROLE alice LOGIN IN ROLE docket_editor;   -- password: see "Passwords" in the doc
--   CREATE ROLE bob LOGIN IN ROLE docket_reader;
