-- Least privilege for Keel in PostgreSQL: two roles per database.
--
--   owner role (default keel_owner): owns the database, its schemas and tables;
--     runs the migrations (DATABASE_MIGRATION_URL). Not a superuser.
--   app role (default keel_app): what the API and the worker connect as
--     (DATABASE_URL). Reads and writes rows; owns nothing, has no CREATE on the
--     database or on any context schema, so it cannot DROP, ALTER or CREATE tables.
--
-- Run it as a superuser (or the database's current owner with CREATEROLE),
-- connected to the target database, BEFORE the first migration: the default
-- privileges below then cover every table the owner's migrations create.
-- Running it again later is harmless (idempotent) and also grants on objects
-- that already exist.
--
-- Parameters are session settings, so names and passwords are quoted by format()
-- inside the server rather than spliced into SQL text:
--   keel.owner_role, keel.app_role   role names (required)
--   keel.owner_password, keel.app_password
--       optional; preferably a SCRAM-SHA-256 verifier (scripts/db/create-roles.ts
--       computes one), so the plain password never reaches the server or its logs.
--       Unset: the role's password is left unchanged.
--   keel.queue_schema   BullMQ's PostgreSQL backend schema (default bullmq)
--   keel.adopt_ownership   'on': first hand every existing schema, table, sequence,
--       view, type and function outside the system schemas to the owner role. For a
--       database whose migrations once ran as another role (a superuser, the old
--       single-role setup): without it the owner role cannot migrate those objects.
--
-- With psql (one session: -c runs before -f):
--   psql "postgres://postgres@host/keel" -v ON_ERROR_STOP=1 \
--     -c "SELECT set_config('keel.owner_role', 'keel_owner', false), set_config('keel.app_role', 'keel_app', false)" \
--     -f scripts/db/create-roles.sql
-- then set passwords with psql's \password (it also sends a verifier only).

DO $keel_roles$
DECLARE
  owner_role     text := current_setting('keel.owner_role');
  app_role       text := current_setting('keel.app_role');
  owner_password text := nullif(current_setting('keel.owner_password', true), '');
  app_password   text := nullif(current_setting('keel.app_password', true), '');
  queue_schema   text := coalesce(nullif(current_setting('keel.queue_schema', true), ''), 'bullmq');
  adopt          boolean := coalesce(nullif(current_setting('keel.adopt_ownership', true), ''), 'off')::boolean;
  foreign_owned  text;
  s              record;
BEGIN
  IF owner_role = app_role THEN
    RAISE EXCEPTION 'keel.owner_role and keel.app_role must differ (both are %)', owner_role;
  END IF;

  -- Neither role gets any cluster-wide power. The app role does not inherit
  -- privileges of roles it might be granted later.
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = owner_role) THEN
    EXECUTE format('CREATE ROLE %I', owner_role);
  END IF;
  EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT', owner_role);
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app_role) THEN
    EXECUTE format('CREATE ROLE %I', app_role);
  END IF;
  EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT', app_role);
  IF owner_password IS NOT NULL THEN
    EXECUTE format('ALTER ROLE %I PASSWORD %L', owner_role, owner_password);
  END IF;
  IF app_password IS NOT NULL THEN
    EXECUTE format('ALTER ROLE %I PASSWORD %L', app_role, app_password);
  END IF;

  -- Membership in the owner role would hand the app role the owner's DDL rights.
  IF pg_has_role(app_role, owner_role, 'MEMBER') THEN
    RAISE EXCEPTION 'role % is a member of %: revoke that membership first', app_role, owner_role;
  END IF;

  IF adopt THEN
    -- Objects that belong to an extension, and sequences that belong to a table
    -- (serial/identity: they follow their table), are left alone.
    FOR s IN
      SELECT format('ALTER SCHEMA %I OWNER TO %I', n.nspname, owner_role) AS ddl
        FROM pg_namespace n
       WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname NOT IN ('information_schema', 'public')
         AND n.nspowner <> (SELECT oid FROM pg_roles WHERE rolname = owner_role)
      UNION ALL
      SELECT format('ALTER %s %I.%I OWNER TO %I',
                    CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                    n.nspname, c.relname, owner_role)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p', 'S', 'v', 'm')
         AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
         AND pg_get_userbyid(c.relowner) NOT IN (owner_role, app_role)
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
      UNION ALL
      SELECT format('ALTER TYPE %I.%I OWNER TO %I', n.nspname, t.typname, owner_role)
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE t.typtype IN ('e', 'd', 'r', 'm') AND t.typelem = 0
         AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
         AND pg_get_userbyid(t.typowner) NOT IN (owner_role, app_role)
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
      UNION ALL
      SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, owner_role)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
         AND pg_get_userbyid(p.proowner) NOT IN (owner_role, app_role)
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    LOOP
      EXECUTE s.ddl;
    END LOOP;
  END IF;

  -- The owner creates schemas (CREATE on the database) and the migrations
  -- table in public. Before PostgreSQL 15 everyone could create in public.
  EXECUTE format('ALTER DATABASE %I OWNER TO %I', current_database(), owner_role);
  REVOKE CREATE ON SCHEMA public FROM PUBLIC;
  EXECUTE format('GRANT USAGE, CREATE ON SCHEMA public TO %I', owner_role);
  EXECUTE format('REVOKE CREATE ON DATABASE %I FROM %I', current_database(), app_role);
  EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), app_role);

  -- BullMQ's PostgreSQL backend (queues without REDIS_URL): the owner creates
  -- and migrates the schema during the migration step; the app role only uses
  -- it. BullMQ creates one job-id sequence per queue lazily on the first add,
  -- from inside its own functions, so the app role keeps CREATE on this one
  -- schema. It still cannot drop or alter the owner's queue tables (ownership
  -- is required for that), nor touch any context schema's structure.
  EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', queue_schema, owner_role);
  EXECUTE format('GRANT USAGE, CREATE ON SCHEMA %I TO %I', queue_schema, app_role);

  -- Objects that already exist (the script run after migrations, or again).
  FOR s IN
    SELECT nspname FROM pg_namespace
     WHERE nspname NOT LIKE 'pg\_%' AND nspname <> 'information_schema'
  LOOP
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', s.nspname, app_role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', s.nspname, app_role);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', s.nspname, app_role);
    EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA %I TO %I', s.nspname, app_role);
  END LOOP;

  -- Append-only tables: the app role inserts and reads audit rows, never rewrites
  -- or removes them (the grant above just gave it UPDATE and DELETE again; the
  -- migration that creates the table revokes them too, for a run in the other order).
  IF to_regclass('platform.audit_events') IS NOT NULL THEN
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON platform.audit_events FROM %I', app_role);
  END IF;

  -- Everything the owner creates from now on (new contexts' schemas included).
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I GRANT USAGE ON SCHEMAS TO %I', owner_role, app_role);
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', owner_role, app_role);
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I GRANT USAGE, SELECT ON SEQUENCES TO %I', owner_role, app_role);
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I GRANT EXECUTE ON FUNCTIONS TO %I', owner_role, app_role);
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I GRANT USAGE ON TYPES TO %I', owner_role, app_role);

  -- Tables created earlier by another role (e.g. migrations once run as a
  -- superuser) got the grants above, but the owner role cannot migrate them.
  SELECT string_agg(DISTINCT r.rolname, ', ') INTO foreign_owned
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_roles r ON r.oid = c.relowner
   WHERE c.relkind IN ('r', 'p', 'S', 'v', 'm')
     AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
     AND r.rolname <> owner_role
     AND NOT (n.nspname = queue_schema AND r.rolname = app_role);
  IF foreign_owned IS NOT NULL THEN
    RAISE WARNING 'some tables are owned by % instead of %: migrations as % will fail on them until ownership moves (ALTER TABLE ... OWNER TO %)',
      foreign_owned, owner_role, owner_role, owner_role;
  END IF;
END
$keel_roles$;
