-- A WMO325 lists every rejected prestatie of its WMO323: for a national-scale declaration that
-- can exceed MEDIUMTEXT's 16 MiB. Outgoing messages and stored retour answers become LONGTEXT
-- (the private MariaDB runs with max_allowed_packet = 1 GiB; see scripts/lib.sh).
ALTER TABLE outbox_messages MODIFY xml LONGTEXT NOT NULL;
ALTER TABLE inbox_messages MODIFY retour_xml LONGTEXT NULL;
