#!/usr/bin/env python3
"""Writes the SQL of the change journal's triggers for the tables `mgr undo` can revert.

Each trigger records, in the same transaction as the change, one SQL statement that reverts it
(the technique of SQLite's "Automatic Undo/Redo" note): an insert is undone by a delete, an
update by an update back to the old values, a delete by an insert of the old row. The triggers
only record while a change is open (journal_now.change_id is set by storage for every command
that writes).

A migration that adds a column to one of these tables must recreate that table's triggers:
run this script with the table's new column list and paste its output into the migration.
Usage: journal_triggers.py [TABLE...] > fragment.sql   (all tables when none is named)
"""

# table: (primary key columns, all columns)
TABLES = {
    "people": (["id"], ["id", "handle", "name", "relation", "cadence", "slot_day", "slot_time",
                        "length_minutes", "tz", "since", "archived", "created_at"]),
    "time_away": (["id"], ["id", "person_id", "from_date", "to_date", "reason"]),
    "entries": (["id"], ["id", "kind", "date", "logged_at", "note", "minutes", "mood",
                         "cancelled", "polarity", "status", "learn_type", "concern_id",
                         "delegation_id"]),
    "entry_people": (["entry_id", "person_id"], ["entry_id", "person_id", "position"]),
    "entry_tags": (["entry_id", "tag"], ["entry_id", "tag"]),
    "concerns": (["id"], ["id", "text", "opened", "status", "closed_date", "close_note"]),
    "delegations": (["id"], ["id", "person_id", "outcome", "why", "due", "checkin",
                             "constraints", "created", "status", "closed_date", "close_note"]),
    "topics": (["id"], ["id", "person_id", "text", "created", "status", "closed_date",
                        "covered_by"]),
    "actions": (["id"], ["id", "person_id", "owner", "text", "created", "due", "done_date",
                         "entry_id", "status"]),
    "skips": (["id"], ["id", "person_id", "due_date", "reason", "logged_at"]),
    "moves": (["id"], ["id", "person_id", "regular_date", "to_date", "to_time", "logged_at"]),
    "self_checks": (["month"], ["month", "date", "coaching", "systems", "letting_go",
                                "hard_talks", "ambiguity", "craft_pull", "focus_pull", "note",
                                "logged_at"]),
}

RECORD = ("INSERT INTO journal_rows (change_id, undo_sql) "
          "VALUES ((SELECT change_id FROM journal_now), {sql});")
WHEN = "WHEN (SELECT change_id FROM journal_now) IS NOT NULL"


def where(key, row):
    return " || ' AND ' || ".join("'%s=' || quote(%s.%s)" % (c, row, c) for c in key)


def triggers(table, key, columns):
    names = ",".join(columns)
    values = " || ',' || ".join("quote(OLD.%s)" % c for c in columns)
    sets = " || ',' || ".join("'%s=' || quote(OLD.%s)" % (c, c) for c in columns)
    undo_insert = "'DELETE FROM %s WHERE ' || %s" % (table, where(key, "NEW"))
    undo_update = "'UPDATE %s SET ' || %s || ' WHERE ' || %s" % (table, sets, where(key, "NEW"))
    undo_delete = "'INSERT INTO %s (%s) VALUES (' || %s || ')'" % (table, names, values)
    out = []
    for event, sql in (("INSERT", undo_insert), ("UPDATE", undo_update),
                       ("DELETE", undo_delete)):
        out.append("DROP TRIGGER IF EXISTS journal_%s_%s;" % (table, event.lower()))
        out.append("CREATE TRIGGER journal_%s_%s AFTER %s ON %s %s BEGIN\n  %s\nEND;"
                   % (table, event.lower(), event, table, WHEN, RECORD.format(sql=sql)))
    return "\n".join(out)


if __name__ == "__main__":
    import sys
    for table in sys.argv[1:] or TABLES:
        key, columns = TABLES[table]
        print(triggers(table, key, columns))
