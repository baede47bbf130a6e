"""Reads an iCalendar file, or a whole mail carrying one, on stdin with independent parsers (Python's
`email` package for the mail, the `icalendar` package for the calendar) and prints what they found
as JSON, so the Rust tests can check it field by field. Each start is also turned into UTC through
the file's own VTIMEZONE (not the system's zone data), which checks that block too."""
import email
import email.policy
import json
import sys

import icalendar


def calendar_text(raw):
    """The calendar and the MIME type it came with (None for a bare file)."""
    if raw.lstrip().startswith("BEGIN:VCALENDAR"):
        return raw, None
    message = email.message_from_string(raw, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            return part.get_content(), {
                "type": part.get_content_type(),
                "method": part.get_param("method"),
                "filename": part.get_filename(),
            }
    raise SystemExit("no text/calendar part in the mail")


def main():
    text, part = calendar_text(sys.stdin.read())
    cal = icalendar.Calendar.from_ical(text)
    zones = {tz.get("TZID"): tz.to_tz() for tz in cal.walk("VTIMEZONE")}
    # What each VTIMEZONE and its observances carry, so a test sees what RFC 5545 3.6.5 forbids.
    zone_properties = sorted({
        f"{part.name.lower()}:{name.lower()}"
        for tz in cal.walk("VTIMEZONE") for part in tz.walk() for name in part.keys()
    })

    def moment(prop):
        if prop is None:
            return None
        value = prop.dt
        tzid = prop.params.get("TZID")
        found = {"local": value.replace(tzinfo=None).isoformat(), "tzid": tzid}
        if tzid in zones:
            found["utc"] = int(value.replace(tzinfo=None).replace(tzinfo=zones[tzid]).timestamp())
        return found

    events = []
    for event in cal.walk("VEVENT"):
        rrule = event.get("RRULE")
        exdates = event.get("EXDATE") or []
        if not isinstance(exdates, list):
            exdates = [exdates]
        events.append({
            "uid": str(event.get("UID")),
            "sequence": int(event.get("SEQUENCE", 0)),
            "summary": str(event.get("SUMMARY", "")),
            "status": str(event.get("STATUS", "")),
            "location": str(event.get("LOCATION", "")),
            "organizer": str(event.get("ORGANIZER", "")),
            "attendees": sorted(str(a) for a in (event.get("ATTENDEE") or []) if a) if isinstance(event.get("ATTENDEE"), list)
            else ([str(event.get("ATTENDEE"))] if event.get("ATTENDEE") else []),
            "start": moment(event.get("DTSTART")),
            "end": moment(event.get("DTEND")),
            "recurrence_id": moment(event.get("RECURRENCE-ID")),
            "rrule": {k: [str(x) for x in v] for k, v in rrule.items()} if rrule else None,
            "exdates": [moment_of for ex in exdates for moment_of in
                        [{"local": d.dt.replace(tzinfo=None).isoformat()} for d in ex.dts]],
        })
    print(json.dumps({
        "part": part,
        "method": str(cal.get("METHOD", "")),
        "version": str(cal.get("VERSION", "")),
        "timezones": sorted(zones),
        "zone_properties": zone_properties,
        "events": events,
        "text": text,
    }))


if __name__ == "__main__":
    main()
