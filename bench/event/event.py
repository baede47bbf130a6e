"""An event start, driven by Locust: guests arrive at a running, capped room through the portal
processes in turn (as a proxy spreads them), wait when it is full and go in when a seat frees, while
signed-in members browse and book. Prints each kind's figures, the seats and the region calls.

Run by bench/event-start.sh, which starts the portals and the fake BBB and passes everything in the
environment: PORTALS (comma-separated base URLs), FAKE (the fake BBB's base URL), SLUG, GUESTS,
ARRIVAL (seconds over which guests arrive), STAY (seconds a guest stays), MEMBERS_FILE (lines of
"cookie slug"), CAP, CHECK=1 to exit non-zero when a goal is missed, SUMMARY (a JSON file written).
"""

import itertools
import json
import os
import sys
import time
import urllib.parse
import urllib.request
from datetime import date, timedelta

import gevent
from locust import HttpUser, between, constant, events, task
from locust.env import Environment

PORTALS = os.environ["PORTALS"].split(",")
FAKE = os.environ["FAKE"]
SLUG = os.environ["SLUG"]
GUESTS = int(os.environ["GUESTS"])
ARRIVAL = float(os.environ["ARRIVAL"])
STAY = float(os.environ["STAY"])
CAP = int(os.environ["CAP"])
WAIT_POLL = 5.0  # the waiting page asks every 5 s, as its island does in a browser
MEMBERS = [line.split() for line in open(os.environ["MEMBERS_FILE"]) if line.strip()]

portal_turn = itertools.cycle(PORTALS)
guest_numbers = itertools.count(1)
member_numbers = itertools.count(0)
outcome = {"entered": 0, "waited": 0, "gave_up": 0, "booked": 0, "booking_refused": 0}


def portal():
    """The next portal process, in turn: requests alternate as a round-robin proxy sends them."""
    return next(portal_turn)


def answer(response):
    """A server function's JSON answer, or None."""
    try:
        return json.loads(response.text)
    except ValueError:
        return None


class Guest(HttpUser):
    """One guest: opens the room page, joins (or waits, asking every 5 s), enters the meeting,
    stays, leaves; then idles, so each guest arrives once."""

    host = PORTALS[0]
    wait_time = constant(0)

    def on_start(self):
        self.n = next(guest_numbers)
        self.done = False
        self.client.headers["X-Forwarded-For"] = f"10.{self.n >> 16 & 255}.{self.n >> 8 & 255}.{self.n & 255}"

    @task
    def arrive(self):
        if self.done:
            gevent.sleep(3600)
            return
        self.done = True
        self.client.get(f"{portal()}/r/{SLUG}", name="guest: room page")
        link = self.join()
        deadline = time.monotonic() + 600
        if link is None:
            outcome["waited"] += 1
            self.client.get(f"{portal()}/r/{SLUG}/wait", name="guest: waiting page")
        while link is None:
            if time.monotonic() > deadline:
                outcome["gave_up"] += 1
                return
            gevent.sleep(WAIT_POLL)
            link = self.enter()
        with self.client.get(link, name="guest: into BBB", catch_response=True) as r:
            if 'data-testid="fake-bbb"' not in r.text:
                r.failure(f"BBB refused the join: {r.text[:120]}")
                return
        outcome["entered"] += 1
        meeting = urllib.parse.parse_qs(urllib.parse.urlparse(link).query)["meetingID"][0]
        gevent.sleep(STAY)
        self.client.post(f"{FAKE}/fake/leave", params={"meetingID": meeting}, name="guest: leaves (fake BBB)")

    def join(self):
        """The join link, or None when sent to wait."""
        form = {"slug": SLUG, "name": f"Guest {self.n}"}
        with self.client.post(f"{portal()}/api/meetings/join", data=form, name="guest: join", catch_response=True) as r:
            target = answer(r)
            if r.status_code != 200 or not isinstance(target, str):
                r.failure(f"join answered {r.status_code}: {r.text[:120]}")
                return None
            return target if target.startswith("http") else None

    def enter(self):
        """What the waiting page's question answers: the link, or None to keep waiting."""
        url = f"{portal()}/api/meetings/enter"
        with self.client.post(url, data={"slug": SLUG}, name="guest: waiting, asks", catch_response=True) as r:
            target = answer(r)
            if r.status_code != 200:
                r.failure(f"enter answered {r.status_code}: {r.text[:120]}")
                return None
            if isinstance(target, str) and target.startswith("/r/"):
                return self.join()  # asked again: the room's rules changed while waiting
            return target if isinstance(target, str) else None


class Member(HttpUser):
    """A signed-in member browsing their pages and now and then booking their room."""

    host = PORTALS[0]
    fixed_count = len(MEMBERS)
    wait_time = between(1, 3)

    def on_start(self):
        self.cookie, self.slug = MEMBERS[next(member_numbers) % len(MEMBERS)]
        self.client.headers["Cookie"] = f"quorum_session={self.cookie}"
        self.bookings = 0

    @task(3)
    def dashboard(self):
        self.client.get(f"{portal()}/dashboard", name="member: dashboard")

    @task(3)
    def room(self):
        self.client.get(f"{portal()}/r/{self.slug}", name="member: own room")

    @task(2)
    def schedule(self):
        self.client.get(f"{portal()}/schedule", name="member: schedule")

    @task(1)
    def book(self):
        self.bookings += 1
        day = date.today() + timedelta(days=self.bookings)
        form = {"room": self.slug, "title": f"Meeting {self.bookings}", "date": day.isoformat(), "time": "10:00",
                "duration": "60", "participants": "5"}
        with self.client.post(f"{portal()}/api/schedule/book", data=form, name="member: book", catch_response=True) as r:
            if r.status_code == 200:
                outcome["booked"] += 1
            elif 400 <= r.status_code < 500 and r.text:
                outcome["booking_refused"] += 1  # refused with a reason (no room at that hour): not an error
                r.success()
            else:
                r.failure(f"book answered {r.status_code}: {r.text[:120]}")


def fetch_json(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.load(r)


def region_calls(started_ms):
    """For each call name: the calls in the run, and the most for one room within any 60 s."""
    calls = fetch_json(f"{FAKE}/fake/calls")
    json.dump(calls, open(os.environ["SUMMARY"] + ".calls", "w"))
    times = {}
    for call in calls:
        if call["at"] >= started_ms:
            room = urllib.parse.parse_qs(call["query"]).get("meetingID", ["(all)"])[0]
            times.setdefault(call["name"], {}).setdefault(room, []).append(call["at"])
    return {
        name: {
            "calls": sum(len(t) for t in rooms.values()),
            "most_per_room_minute": max(most_within(sorted(t), 60_000) for t in rooms.values()),
        }
        for name, rooms in times.items()
    }


def most_within(times, window):
    """The most of the sorted `times` that fall within one `window`."""
    most, first = 0, 0
    for last, at in enumerate(times):
        while at - times[first] >= window:
            first += 1
        most = max(most, last - first + 1)
    return most


def main():
    env = Environment(user_classes=[Member, Guest], events=events)
    runner = env.create_local_runner()
    started_ms = int(time.time() * 1000)
    began = time.monotonic()
    users = len(MEMBERS) + GUESTS
    runner.start(users, spawn_rate=max(GUESTS / ARRIVAL, 1.0))
    limit = ARRIVAL + 60 + STAY * (GUESTS / max(CAP - 1, 1) + 2)
    while time.monotonic() - began < limit:
        gevent.sleep(1)
        if outcome["entered"] + outcome["gave_up"] >= GUESTS and time.monotonic() - began > ARRIVAL:
            break
    seconds = time.monotonic() - began
    runner.quit()
    meeting = next(iter(fetch_json(f"{FAKE}/fake/meetings")), None)  # the event's room is the only meeting
    kinds = {}
    for (name, _method), e in sorted(env.stats.entries.items()):
        kinds[name] = {
            "requests": e.num_requests,
            "failures": e.num_failures,
            "p50_ms": e.get_response_time_percentile(0.5),
            "p99_ms": e.get_response_time_percentile(0.99),
        }
    total = env.stats.total
    summary = {
        "seconds": round(seconds, 1),
        "requests": total.num_requests,
        "requests_per_second": round(total.num_requests / seconds, 1),
        "errors": total.num_failures,
        "errors_seen": [f"{e.name}: {e.error}" for e in list(env.stats.errors.values())[:5]],
        "kinds": kinds,
        "outcome": outcome,
        "meeting": meeting,
        "region_calls": region_calls(started_ms),
    }
    json.dump(summary, open(os.environ["SUMMARY"], "w"), indent=1)
    print_summary(summary)
    if os.environ.get("CHECK") == "1":
        sys.exit(check(summary))


def print_summary(s):
    print(f"  {s['requests']} requests in {s['seconds']} s: {s['requests_per_second']} req/s, {s['errors']} errors")
    for e in s["errors_seen"]:
        print(f"    error: {e}")
    print(f"  {'kind':<28} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p99 ms':>8}")
    for name, k in s["kinds"].items():
        print(f"  {name:<28} {k['requests']:>9} {k['failures']:>7} {k['p50_ms']:>8} {k['p99_ms']:>8}")
    o, m = s["outcome"], s["meeting"] or {}
    print(f"  guests: {o['entered']} of {GUESTS} in, {o['waited']} of them waited first, {o['gave_up']} gave up")
    print(f"  seats: peak {m.get('peak')} in the meeting for a cap of {CAP}; BBB refused {m.get('refused')} joins as full")
    print(f"  bookings: {o['booked']} made, {o['booking_refused']} refused with a reason")
    for name, c in sorted(s["region_calls"].items()):
        print(f"  region calls {name:<18} {c['calls']:>6} in the run, at most {c['most_per_room_minute']} for one room within 60 s")


def check(s):
    """The goals: no errors, every guest in, the meeting exactly at its cap and never refusing, and
    the pages' region calls at most one a room a minute."""
    m = s["meeting"] or {}
    calls = s["region_calls"]
    missed = []
    if s["errors"]:
        missed.append(f"{s['errors']} errors")
    if s["outcome"]["entered"] != GUESTS:
        missed.append(f"{s['outcome']['entered']} of {GUESTS} guests got in")
    if m.get("peak") != CAP:
        missed.append(f"peak {m.get('peak')} participants for a cap of {CAP}")
    if m.get("refused"):
        missed.append(f"BBB refused {m.get('refused')} joins")
    for page_call in ("getRecordings", "isMeetingRunning"):
        if calls.get(page_call, {}).get("most_per_room_minute", 0) > 1:
            missed.append(f"{page_call} more than once a room a minute")
    for goal in missed:
        print(f"  MISSED: {goal}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    main()
