// Reads an iCalendar file on stdin with Mozilla's ical.js (the reader Thunderbird uses), a second
// parser independent of Python's `icalendar`, and prints what it found as JSON for the Rust tests.
// Each start is turned into UTC through the file's own VTIMEZONE. ical.js is resolved from the
// repository's node_modules (`npm ci` at the root, as scripts/test runs it).
import ICAL from "ical.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const root = new ICAL.Component(ICAL.parse(Buffer.concat(chunks).toString("utf8")));

const zones = {};
const zoneProperties = [];
for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
  const zone = new ICAL.Timezone(vtimezone);
  zones[zone.tzid] = zone;
  for (const part of [vtimezone, ...vtimezone.getAllSubcomponents()]) {
    for (const property of part.getAllProperties()) zoneProperties.push(`${part.name}:${property.name}`);
  }
}

function moment(property) {
  if (!property) return null;
  const value = property.getFirstValue();
  const tzid = property.getParameter("tzid") ?? null;
  const local = value.toString().replace(/Z$/, "");
  const found = { local, tzid };
  if (tzid && zones[tzid]) {
    const time = value.clone();
    time.zone = zones[tzid];
    found.utc = time.toUnixTime();
  }
  return found;
}

const events = root.getAllSubcomponents("vevent").map((event) => ({
  uid: event.getFirstPropertyValue("uid"),
  sequence: event.getFirstPropertyValue("sequence") ?? 0,
  summary: event.getFirstPropertyValue("summary") ?? "",
  status: event.getFirstPropertyValue("status") ?? "",
  organizer: event.getFirstPropertyValue("organizer") ?? "",
  attendees: event.getAllProperties("attendee").map((a) => a.getFirstValue()).sort(),
  start: moment(event.getFirstProperty("dtstart")),
  end: moment(event.getFirstProperty("dtend")),
  recurrence_id: moment(event.getFirstProperty("recurrence-id")),
  rrule: event.getFirstPropertyValue("rrule")?.toString() ?? null,
}));

console.log(
  JSON.stringify({
    method: root.getFirstPropertyValue("method") ?? "",
    timezones: Object.keys(zones).sort(),
    zone_properties: [...new Set(zoneProperties)].sort(),
    events,
  }),
);
