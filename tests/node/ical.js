// Reads an iCalendar file with ical.js (Mozilla's parser, as Thunderbird reads calendars) and
// prints its events as JSON: uid, summary, description, categories, start and end dates.
// Usage: node ical.js NODE_MODULES FILE.ics
const path = require("path");
const fs = require("fs");
const loaded = require(path.join(process.argv[2], "ical.js"));
// The CommonJS build exports the library as `default`.
const ICAL = loaded.default || loaded;
const jcal = ICAL.parse(fs.readFileSync(process.argv[3], "utf8"));
const calendar = new ICAL.Component(jcal);
const events = calendar.getAllSubcomponents("vevent").map((c) => {
  const e = new ICAL.Event(c);
  return {
    uid: e.uid,
    summary: e.summary,
    description: e.description,
    categories: c.getFirstPropertyValue("categories"),
    start: e.startDate.toString(),
    end: e.endDate.toString(),
    allDay: e.startDate.isDate,
  };
});
process.stdout.write(JSON.stringify(events));
